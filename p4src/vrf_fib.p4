// Per-VRF IPv4 forwarding: all VRFs share one LPM table keyed by vrf_id, so overlapping
// customer prefixes in different VPNs never meet.
#ifndef __VRF_FIB__
#define __VRF_FIB__

#include <core.p4>
#include <v1model.p4>
#include "define.p4"
#include "size.p4"
#include "header.p4"

control VrfFib(inout headers_t hdr,
               inout local_metadata_t meta,
               inout standard_metadata_t std_meta) {

    direct_counter(CounterType.packets_and_bytes) vrf_fib_counter;

    // Remote site: the VPN label says which VRF (or CE) the egress PE delivers to; the
    // transport label towards that PE comes from the next member (a VPN with private LSPs
    // has next ids of its own). tc marks both pushed labels with the VPN's QoS class, so
    // P routers can queue by it (RFC 2917 section 11).
    action route_vpn(mpls_label_t vpn_label, next_id_t next_id, mpls_tc_t tc) {
        meta.fwd_type = FWD_TO_PE;
        meta.vpn_label = vpn_label;
        meta.next_id = next_id;
        meta.tc = tc;
    }

    // Site on this PE, in this VRF or in another one (local route crossing).
    action route_local(next_id_t next_id) {
        meta.fwd_type = FWD_TO_CE;
        meta.next_id = next_id;
    }

    // A PE interface address: the controller answers (ping, traceroute), so the packet
    // goes up as received, before any TTL check.
    action punt_to_router() {
        meta.punt_reason = PUNT_REASON_ROUTER;
        std_meta.egress_spec = CPU_PORT;
        exit;
    }

    action drop() {
        mark_to_drop(std_meta);
        exit;
    }

    // Matches: VRF id exact, IPv4 destination longest prefix.
    // Miss: drop, a destination unknown in this VRF must not leak into another.
    table vrf_fib {
        key = {
            meta.vrf_id       : exact @name("vrf_id");
            hdr.ipv4.dst_addr : lpm   @name("ipv4_dst");
        }
        actions = {
            route_vpn;
            route_local;
            punt_to_router;
            drop;
        }
        const default_action = drop();
        counters = vrf_fib_counter;
        size = VRF_FIB_TABLE_SIZE;
    }

    apply {
        vrf_fib.apply();
    }
}

#endif
