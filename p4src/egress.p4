// Egress: the only per-port work is prepending packet_in on the way to the controller.
#ifndef __EGRESS__
#define __EGRESS__

#include <core.p4>
#include <v1model.p4>
#include "define.p4"
#include "header.p4"

control EgressPipeImpl(inout headers_t hdr,
                       inout local_metadata_t meta,
                       inout standard_metadata_t std_meta) {
    apply {
        // v1model egress sees the chosen port as egress_port (egress_spec is ingress's).
        if (std_meta.egress_port == CPU_PORT) {
            hdr.packet_in.setValid();
            hdr.packet_in.ingress_port = std_meta.ingress_port;
            hdr.packet_in.reason = meta.punt_reason;
            hdr.packet_in._pad = 0;
        }
    }
}

#endif
