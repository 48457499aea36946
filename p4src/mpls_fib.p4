// Label forwarding: transit labels (P role) and VPN labels (egress PE role).
#ifndef __MPLS_FIB__
#define __MPLS_FIB__

#include <core.p4>
#include <v1model.p4>
#include "define.p4"
#include "size.p4"
#include "header.p4"

control MplsFib(inout headers_t hdr,
                inout local_metadata_t meta,
                inout standard_metadata_t std_meta) {

    direct_counter(CounterType.packets_and_bytes) mpls_fib_counter;

    // P router: the next member decides between swap and PHP pop.
    action mpls_transit(next_id_t next_id) {
        meta.fwd_type = FWD_TRANSIT;
        meta.next_id = next_id;
    }

    // Per-VRF VPN label: the label names the VRF; the packet is then routed by vrf_fib.
    action pop_to_vrf(vrf_id_t vrf_id) {
        meta.labels_to_pop = meta.labels_to_pop + 1;
        meta.vrf_id = vrf_id;
        meta.fwd_type = FWD_VRF_LOOKUP;
    }

    // Per-CE or per-prefix VPN label: the label names the CE next hop, no IP lookup.
    action pop_to_ce(next_id_t next_id) {
        meta.labels_to_pop = meta.labels_to_pop + 1;
        meta.fwd_type = FWD_TO_CE;
        meta.next_id = next_id;
    }

    action drop() {
        mark_to_drop(std_meta);
        exit;
    }

    // Matches: top label after mpls_terminate, exact.
    // Miss: drop, an unknown label has no meaning here (and labels 0-15 are never allocated).
    table mpls_fib {
        key = {
            meta.label : exact @name("label");
        }
        actions = {
            mpls_transit;
            pop_to_vrf;
            pop_to_ce;
            drop;
        }
        const default_action = drop();
        counters = mpls_fib_counter;
        size = MPLS_FIB_TABLE_SIZE;
    }

    apply {
        mpls_fib.apply();
        // A VPN label must be the bottom one: what it uncovers has to be customer IPv4.
        if (meta.fwd_type == FWD_VRF_LOOKUP || meta.fwd_type == FWD_TO_CE) {
            if ((meta.labels_to_pop == 1 && hdr.mpls[0].bos == 0) ||
                (meta.labels_to_pop == 2 && hdr.mpls[1].bos == 0)) {
                drop();
            }
        }
    }
}

#endif
