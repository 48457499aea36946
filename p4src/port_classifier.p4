// Port (and VLAN) classification: binds a CE attachment to its VRF, admits core links.
#ifndef __PORT_CLASSIFIER__
#define __PORT_CLASSIFIER__

#include <core.p4>
#include <v1model.p4>
#include "define.p4"
#include "size.p4"
#include "header.p4"

control PortClassifier(inout headers_t hdr,
                       inout local_metadata_t meta,
                       inout standard_metadata_t std_meta) {

    direct_counter(CounterType.packets_and_bytes) port_classifier_counter;

    // An attachment belongs to exactly one VRF: this binding is what keeps VPNs apart.
    // The VLAN tag is removed when the packet is forwarded (rewrite.p4), not here, so
    // that a packet punted later still tells the controller which sub-interface it used.
    action set_ce_port(vrf_id_t vrf_id) {
        meta.port_role = PORT_ROLE_CE;
        meta.vrf_id = vrf_id;
        meta.fwd_type = FWD_VRF_LOOKUP;
    }

    action set_core_port() {
        meta.port_role = PORT_ROLE_CORE;
    }

    action drop() {
        mark_to_drop(std_meta);
        exit;
    }

    // Matches: ingress port and VLAN id (0 when untagged), exact.
    // Miss: drop, an unconfigured port or VLAN forwards nothing.
    table port_classifier {
        key = {
            std_meta.ingress_port : exact @name("ingress_port");
            meta.vlan_id          : exact @name("vlan_id");
        }
        actions = {
            set_ce_port;
            set_core_port;
            @defaultonly drop;
        }
        const default_action = drop();
        counters = port_classifier_counter;
        size = PORT_CLASSIFIER_TABLE_SIZE;
    }

    apply {
        port_classifier.apply();
    }
}

#endif
