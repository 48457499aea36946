// Header rewrite: turns the decision (meta.fwd_type, chosen by the lookups) and the next
// member (meta.next_op) into the outgoing label stack, TTL, VLAN tag and ethertype.
// Lookups only decide; nothing is rewritten before this point, so punted packets reach
// the controller as they were received.
//
//   fwd_type      next_op    what this node is            label stack operation
//   FWD_TO_PE     MPLS       ingress PE                   push VPN label, push transport label
//   FWD_TO_PE     MPLS_POP   ingress PE, PHP neighbour    push VPN label
//   FWD_TRANSIT   MPLS       P router                     swap top label
//   FWD_TRANSIT   MPLS_POP   penultimate P router (PHP)   pop top label
//   FWD_TO_CE     CE         egress PE / local crossing   none (consumed labels popped)
//   anything else                                        drop: controller inconsistency
#ifndef __REWRITE__
#define __REWRITE__

#include <core.p4>
#include <v1model.p4>
#include "define.p4"
#include "header.p4"

// A function, not an action: no table uses it, so it has no business in the P4Info.
void push_label(inout mpls_t[MPLS_MAX_LABELS] mpls, in mpls_label_t label, in mpls_tc_t tc,
                in bit<1> bos, in bit<8> ttl) {
    mpls.push_front(1);
    mpls[0].setValid();
    mpls[0].label = label;
    mpls[0].tc = tc;
    mpls[0].bos = bos;
    mpls[0].ttl = ttl;
}

control Rewrite(inout headers_t hdr,
                inout local_metadata_t meta,
                inout standard_metadata_t std_meta) {

    apply {
        // Labels this PE consumed: its own transport label and/or the VPN label.
        if (meta.labels_to_pop >= 1) {
            hdr.mpls.pop_front(1);
        }
        if (meta.labels_to_pop == 2) {
            hdr.mpls.pop_front(1);
        }

        // Uniform TTL model: one decrement per node, carried by whatever leaves on top
        // (and by the IPv4 header whenever this node writes it).
        bit<8> ttl = meta.ttl - 1;

        if (meta.fwd_type == FWD_TO_PE && meta.next_op == NEXT_OP_MPLS) {
            hdr.ipv4.ttl = ttl;
            push_label(hdr.mpls, meta.vpn_label, meta.tc, 1, ttl);
            push_label(hdr.mpls, meta.out_label, meta.tc, 0, ttl);
        } else if (meta.fwd_type == FWD_TO_PE && meta.next_op == NEXT_OP_MPLS_POP) {
            hdr.ipv4.ttl = ttl;
            push_label(hdr.mpls, meta.vpn_label, meta.tc, 1, ttl);
        } else if (meta.fwd_type == FWD_TRANSIT && meta.next_op == NEXT_OP_MPLS) {
            // The traffic class stays as the ingress PE marked it.
            hdr.mpls[0].label = meta.out_label;
            hdr.mpls[0].ttl = ttl;
        } else if (meta.fwd_type == FWD_TRANSIT && meta.next_op == NEXT_OP_MPLS_POP) {
            hdr.mpls.pop_front(1);
            // The TTL moves down to what is now on top.
            if (hdr.mpls[0].isValid()) {
                hdr.mpls[0].ttl = ttl;
            } else {
                hdr.ipv4.ttl = ttl;
            }
        } else if (meta.fwd_type == FWD_TO_CE && meta.next_op == NEXT_OP_CE) {
            hdr.ipv4.ttl = ttl;
        } else {
            mark_to_drop(std_meta);
            exit;
        }

        // The received tag belonged to the incoming attachment; only a CE next tags.
        hdr.vlan.setInvalid();
        if (meta.out_vlan_id != 0) {
            hdr.vlan.setValid();
            hdr.vlan.pcp = 0;
            hdr.vlan.dei = 0;
            hdr.vlan.vlan_id = meta.out_vlan_id;
        }

        bit<16> payload_type = hdr.mpls[0].isValid() ? ETHERTYPE_MPLS : ETHERTYPE_IPV4;
        if (hdr.vlan.isValid()) {
            hdr.ethernet.ether_type = ETHERTYPE_VLAN;
            hdr.vlan.ether_type = payload_type;
        } else {
            hdr.ethernet.ether_type = payload_type;
        }
    }
}

#endif
