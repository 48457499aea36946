// Next hops with ECMP: one next_id per LSP or CE adjacency; a group spreads flows over
// equal-cost members by a hash of the customer's IPv4 5-tuple.
#ifndef __NEXT__
#define __NEXT__

#include <core.p4>
#include <v1model.p4>
#include "define.p4"
#include "size.p4"
#include "header.p4"

control Next(inout headers_t hdr,
             inout local_metadata_t meta,
             inout standard_metadata_t std_meta) {

    direct_counter(CounterType.packets_and_bytes) next_counter;

    // 16-bit hash: enough to spread over NEXT_MAX_GROUP_SIZE members evenly.
    @max_group_size(NEXT_MAX_GROUP_SIZE)
    action_selector(HashAlgorithm.crc16, NEXT_SELECTOR_SIZE, 16) ecmp_selector;

    // Labels are written by rewrite.p4, which knows whether this node pushes (ingress PE)
    // or swaps (P router); the member only names the outgoing label.
    action mpls_out(mpls_label_t label, port_num_t port, mac_addr_t smac, mac_addr_t dmac) {
        meta.next_op = NEXT_OP_MPLS;
        meta.out_label = label;
        std_meta.egress_spec = port;
        hdr.ethernet.src_addr = smac;
        hdr.ethernet.dst_addr = dmac;
    }

    // The neighbour asked for implicit null (PHP): the ingress PE pushes only the VPN
    // label, a penultimate P router pops the transport label.
    action mpls_pop_out(port_num_t port, mac_addr_t smac, mac_addr_t dmac) {
        meta.next_op = NEXT_OP_MPLS_POP;
        std_meta.egress_spec = port;
        hdr.ethernet.src_addr = smac;
        hdr.ethernet.dst_addr = dmac;
    }

    // Plain IPv4 to a CE; vlan_id 0 means the attachment is untagged.
    action ce_out(port_num_t port, mac_addr_t smac, mac_addr_t dmac, vlan_id_t vlan_id) {
        meta.next_op = NEXT_OP_CE;
        meta.out_vlan_id = vlan_id;
        std_meta.egress_spec = port;
        hdr.ethernet.src_addr = smac;
        hdr.ethernet.dst_addr = dmac;
    }

    // Matches: next_id exact; the selector fields pick a member within a group.
    // Miss: drop, done in apply: BMv2 has no default action on tables with an action
    // selector (p4c warns about the implicit NoAction default for this reason).
    table next {
        key = {
            meta.next_id      : exact    @name("next_id");
            hdr.ipv4.src_addr : selector @name("ipv4_src");
            hdr.ipv4.dst_addr : selector @name("ipv4_dst");
            hdr.ipv4.protocol : selector @name("ip_proto");
            meta.l4_src_port  : selector @name("l4_src_port");
            meta.l4_dst_port  : selector @name("l4_dst_port");
        }
        actions = {
            mpls_out;
            mpls_pop_out;
            ce_out;
        }
        implementation = ecmp_selector;
        counters = next_counter;
        size = NEXT_TABLE_SIZE;
    }

    apply {
        if (!next.apply().hit) {
            mark_to_drop(std_meta);
            exit;
        }
    }
}

#endif
