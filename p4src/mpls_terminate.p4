// Tunnel termination at the egress PE: sets aside the transport label when the upstream
// router did not pop it (no PHP, or IPv4 explicit null).
#ifndef __MPLS_TERMINATE__
#define __MPLS_TERMINATE__

#include <core.p4>
#include <v1model.p4>
#include "define.p4"
#include "size.p4"
#include "header.p4"

control MplsTerminate(inout headers_t hdr,
                      inout local_metadata_t meta,
                      inout standard_metadata_t std_meta) {

    direct_counter(CounterType.packets_and_bytes) mpls_terminate_counter;

    // The label underneath becomes the one mpls_fib looks up; the actual pop happens in
    // rewrite.p4, so a packet punted meanwhile still shows its full stack. No TTL copy
    // is needed (uniform model): meta.ttl already holds this label's TTL and every
    // outgoing TTL is derived from it.
    action pop_transport() {
        meta.labels_to_pop = 1;
        meta.label = hdr.mpls[1].label;
    }

    action nop() { }

    // Matches: top label, exact; entries are this PE's own transport labels.
    // Miss: nop, the top label is looked up as received (VPN label after PHP, transit label).
    table mpls_terminate {
        key = {
            hdr.mpls[0].label : exact @name("label");
        }
        actions = {
            pop_transport;
            @defaultonly nop;
        }
        const default_action = nop();
        counters = mpls_terminate_counter;
        size = MPLS_TERMINATE_TABLE_SIZE;
    }

    apply {
        meta.label = hdr.mpls[0].label;
        if (hdr.mpls[0].label == MPLS_LABEL_IPV4_EXPLICIT_NULL) {
            pop_transport();
        } else {
            mpls_terminate.apply();
        }
        // Nothing under a terminated tunnel: no VPN label, so no VRF to deliver to.
        if (meta.labels_to_pop == 1 && hdr.mpls[0].bos == 1) {
            mark_to_drop(std_meta);
            exit;
        }
    }
}

#endif
