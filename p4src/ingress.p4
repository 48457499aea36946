// Ingress: packet-out, punting, classification, lookups, next hop, rewrite.
// Each stage either decides the packet's fate and exits, or refines the decision in
// local_metadata_t for the next stage; only rewrite.p4 changes the label stack.
#ifndef __INGRESS__
#define __INGRESS__

#include <core.p4>
#include <v1model.p4>
#include "define.p4"
#include "header.p4"
#include "punt.p4"
#include "port_classifier.p4"
#include "my_station.p4"
#include "mpls_terminate.p4"
#include "mpls_fib.p4"
#include "vrf_fib.p4"
#include "next.p4"
#include "rewrite.p4"

control IngressPipeImpl(inout headers_t hdr,
                        inout local_metadata_t meta,
                        inout standard_metadata_t std_meta) {

    Punt() punt;
    PortClassifier() port_classifier;
    MyStation() my_station;
    MplsTerminate() mpls_terminate;
    MplsFib() mpls_fib;
    VrfFib() vrf_fib;
    Next() next;
    Rewrite() rewrite;

    apply {
        if (hdr.packet_out.isValid()) {
            std_meta.egress_spec = hdr.packet_out.egress_port;
            hdr.packet_out.setInvalid();
            exit;
        }

        // Truncated, too deep a label stack, or a corrupt IPv4 header: neither forwarded
        // nor punted.
        if (std_meta.parser_error != error.NoError || std_meta.checksum_error == 1) {
            mark_to_drop(std_meta);
            exit;
        }

        punt.apply(hdr, meta, std_meta);
        port_classifier.apply(hdr, meta, std_meta);
        my_station.apply(hdr, meta, std_meta);

        // Only option-less IPv4 is routed: the checksum update covers 20 bytes.
        if (!hdr.ipv4.isValid() || hdr.ipv4.ihl != 5) {
            mark_to_drop(std_meta);
            exit;
        }
        if (meta.port_role == PORT_ROLE_CE) {
            // Labels from a CE would let it choose another VPN's routes.
            if (hdr.mpls[0].isValid()) {
                mark_to_drop(std_meta);
                exit;
            }
            meta.ttl = hdr.ipv4.ttl;
        } else {  // PORT_ROLE_CORE: port_classifier has dropped anything else
            // The core carries labelled VPN traffic only; there is no global IPv4 table.
            if (!hdr.mpls[0].isValid()) {
                mark_to_drop(std_meta);
                exit;
            }
            meta.ttl = hdr.mpls[0].ttl;
            mpls_terminate.apply(hdr, meta, std_meta);
            mpls_fib.apply(hdr, meta, std_meta);
        }
        if (meta.fwd_type == FWD_VRF_LOOKUP) {
            vrf_fib.apply(hdr, meta, std_meta);
        }

        // Checked after the lookups so that a packet for the router itself still reaches
        // it with TTL 1 (the last traceroute probe), and before any rewrite so that the
        // controller gets the packet as received.
        if (meta.ttl <= 1) {
            meta.punt_reason = PUNT_REASON_TTL_EXPIRED;
            std_meta.egress_spec = CPU_PORT;
            exit;
        }

        next.apply(hdr, meta, std_meta);
        rewrite.apply(hdr, meta, std_meta);
    }
}

#endif
