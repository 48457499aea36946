// BGP/MPLS IP VPN (RFC 4364) data plane for BMv2 v1model: PE and P roles in one program.
// See README.md for the stages, the label stack at each hop and the TTL rules.
#include <core.p4>
#include <v1model.p4>

#include "define.p4"
#include "size.p4"
#include "header.p4"
#include "parser.p4"
#include "checksum.p4"
#include "ingress.p4"
#include "egress.p4"

V1Switch(
    ParserImpl(),
    VerifyChecksumImpl(),
    IngressPipeImpl(),
    EgressPipeImpl(),
    ComputeChecksumImpl(),
    DeparserImpl()
) main;
