// Control-protocol and ACL punting. Applied before anything else so that LLDP/BDDP from
// ports not yet configured, ARP for PE interface addresses and BGP reach the controller
// whatever the forwarding state. ONOS's pipeliner writes its entries.
#ifndef __PUNT__
#define __PUNT__

#include <core.p4>
#include <v1model.p4>
#include "define.p4"
#include "size.p4"
#include "header.p4"

control Punt(inout headers_t hdr,
             inout local_metadata_t meta,
             inout standard_metadata_t std_meta) {

    direct_counter(CounterType.packets_and_bytes) punt_counter;

    // exit: a punted or dropped packet must not be touched by the forwarding stages.
    action punt_to_cpu() {
        meta.punt_reason = PUNT_REASON_CONTROL;
        std_meta.egress_spec = CPU_PORT;
        exit;
    }

    action drop() {
        mark_to_drop(std_meta);
        exit;
    }

    action nop() { }

    // Matches: ingress port, MAC addresses, ethertype (after any VLAN tag), IP protocol
    // and L4 ports, all ternary, by priority. Miss: nop, the packet is forwarded normally.
    table punt {
        key = {
            std_meta.ingress_port : ternary @name("ingress_port");
            hdr.ethernet.dst_addr : ternary @name("eth_dst");
            hdr.ethernet.src_addr : ternary @name("eth_src");
            meta.eth_type         : ternary @name("eth_type");
            meta.ip_proto         : ternary @name("ip_proto");
            meta.l4_src_port      : ternary @name("l4_src_port");
            meta.l4_dst_port      : ternary @name("l4_dst_port");
        }
        actions = {
            punt_to_cpu;
            drop;
            nop;
        }
        const default_action = nop();
        counters = punt_counter;
        size = PUNT_TABLE_SIZE;
    }

    apply {
        punt.apply();
    }
}

#endif
