// Headers and per-packet metadata.
#ifndef __HEADER__
#define __HEADER__

#include "define.p4"

// Sent by the controller before the frame to transmit: the frame leaves through egress_port.
@controller_header("packet_out")
header packet_out_t {
    port_num_t egress_port;
    bit<7>     _pad;
}

// Put before every frame sent to the controller.
@controller_header("packet_in")
header packet_in_t {
    port_num_t    ingress_port;
    punt_reason_t reason;
    bit<7>        _pad;
}

header ethernet_t {
    mac_addr_t dst_addr;
    mac_addr_t src_addr;
    bit<16>    ether_type;
}

// 802.1Q tag: a CE attachment may be a VLAN sub-interface.
header vlan_tag_t {
    bit<3>    pcp;
    bit<1>    dei;
    vlan_id_t vlan_id;
    bit<16>   ether_type;
}

header mpls_t {
    mpls_label_t label;
    bit<3>       tc;
    bit<1>       bos;
    bit<8>       ttl;
}

// Fixed header only: packets with options are not routed (see ingress.p4).
header ipv4_t {
    bit<4>      version;
    bit<4>      ihl;
    bit<6>      dscp;
    bit<2>      ecn;
    bit<16>     total_len;
    bit<16>     identification;
    bit<3>      flags;
    bit<13>     frag_offset;
    bit<8>      ttl;
    bit<8>      protocol;
    bit<16>     hdr_checksum;
    ipv4_addr_t src_addr;
    ipv4_addr_t dst_addr;
}

header tcp_t {
    l4_port_t src_port;
    l4_port_t dst_port;
    bit<32>   seq_no;
    bit<32>   ack_no;
    bit<4>    data_offset;
    bit<4>    res;
    bit<8>    flags;
    bit<16>   window;
    bit<16>   checksum;
    bit<16>   urgent_ptr;
}

header udp_t {
    l4_port_t src_port;
    l4_port_t dst_port;
    bit<16>   len;
    bit<16>   checksum;
}

header icmp_t {
    bit<8>  type;
    bit<8>  code;
    bit<16> checksum;
}

struct headers_t {
    packet_out_t             packet_out;
    packet_in_t              packet_in;
    ethernet_t               ethernet;
    vlan_tag_t               vlan;
    mpls_t[MPLS_MAX_LABELS]  mpls;
    ipv4_t                   ipv4;  // after the bottom label when labelled: VPN payload is IPv4
    tcp_t                    tcp;
    udp_t                    udp;
    icmp_t                   icmp;
}

// v1model zeroes user metadata for every packet, so 0 doubles as "absent"
// (untagged, no L4 ports, no decision yet).
struct local_metadata_t {
    // Filled by the parser; keys that must exist whether or not the header does.
    bit<16>      eth_type;      // ethertype after the VLAN tag, if any
    vlan_id_t    vlan_id;       // 0 when untagged
    bit<8>       ip_proto;
    l4_port_t    l4_src_port;
    l4_port_t    l4_dst_port;

    // Forwarding decision, refined by the ingress stages.
    port_role_t  port_role;
    vrf_id_t     vrf_id;
    mpls_label_t label;         // top label once a terminated transport label is set aside
    bit<2>       labels_to_pop; // received labels this PE consumes (transport and/or VPN)
    bit<8>       ttl;           // TTL of the received top header (label or IPv4)
    fwd_type_t   fwd_type;
    mpls_label_t vpn_label;     // with FWD_TO_PE
    mpls_tc_t    tc;            // with FWD_TO_PE: traffic class of the pushed labels
    next_id_t    next_id;

    // Chosen by the next table's member action.
    next_op_t    next_op;
    mpls_label_t out_label;
    vlan_id_t    out_vlan_id;

    punt_reason_t punt_reason;  // copied into packet_in on the way to the CPU port
}

#endif
