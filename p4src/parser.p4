// Parser and deparser.
#ifndef __PARSER__
#define __PARSER__

#include <core.p4>
#include <v1model.p4>
#include "define.p4"
#include "header.p4"

parser ParserImpl(packet_in packet,
                  out headers_t hdr,
                  inout local_metadata_t meta,
                  inout standard_metadata_t std_meta) {

    state start {
        transition select(std_meta.ingress_port) {
            CPU_PORT: parse_packet_out;
            default: parse_ethernet;
        }
    }

    // The controller's frame is opaque: it leaves exactly as it was sent.
    state parse_packet_out {
        packet.extract(hdr.packet_out);
        transition accept;
    }

    state parse_ethernet {
        packet.extract(hdr.ethernet);
        meta.eth_type = hdr.ethernet.ether_type;
        transition select(hdr.ethernet.ether_type) {
            ETHERTYPE_VLAN: parse_vlan;
            default: parse_eth_payload;
        }
    }

    state parse_vlan {
        packet.extract(hdr.vlan);
        meta.vlan_id = hdr.vlan.vlan_id;
        meta.eth_type = hdr.vlan.ether_type;
        transition parse_eth_payload;
    }

    // ARP, LLDP and BDDP need no fields: the punt table matches meta.eth_type.
    state parse_eth_payload {
        transition select(meta.eth_type) {
            ETHERTYPE_MPLS: parse_mpls;
            ETHERTYPE_IPV4: parse_ipv4;
            default: accept;
        }
    }

    // A fourth label overflows the stack: the parser error makes ingress drop the packet.
    state parse_mpls {
        packet.extract(hdr.mpls.next);
        transition select(hdr.mpls.last.bos) {
            // Only IPv4 VPNs are carried, so IPv4 sits under the bottom label.
            1: parse_ipv4;
            default: parse_mpls;
        }
    }

    // Non-first fragments and packets with options carry no L4 header at this offset.
    state parse_ipv4 {
        packet.extract(hdr.ipv4);
        meta.ip_proto = hdr.ipv4.protocol;
        transition select(hdr.ipv4.ihl, hdr.ipv4.frag_offset, hdr.ipv4.protocol) {
            (5, 0, IP_PROTO_TCP): parse_tcp;
            (5, 0, IP_PROTO_UDP): parse_udp;
            (5, 0, IP_PROTO_ICMP): parse_icmp;
            default: accept;
        }
    }

    state parse_tcp {
        packet.extract(hdr.tcp);
        meta.l4_src_port = hdr.tcp.src_port;
        meta.l4_dst_port = hdr.tcp.dst_port;
        transition accept;
    }

    state parse_udp {
        packet.extract(hdr.udp);
        meta.l4_src_port = hdr.udp.src_port;
        meta.l4_dst_port = hdr.udp.dst_port;
        transition accept;
    }

    state parse_icmp {
        packet.extract(hdr.icmp);
        transition accept;
    }
}

// packet_out is never emitted: ingress invalidates it. Invalid headers are skipped.
control DeparserImpl(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.packet_in);
        packet.emit(hdr.ethernet);
        packet.emit(hdr.vlan);
        packet.emit(hdr.mpls);
        packet.emit(hdr.ipv4);
        packet.emit(hdr.tcp);
        packet.emit(hdr.udp);
        packet.emit(hdr.icmp);
    }
}

#endif
