package org.p4vpn.translate;

import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.pi.model.PiTableId;
import org.onosproject.net.pi.runtime.PiAction;
import org.onosproject.net.pi.runtime.PiActionProfileGroup;
import org.onosproject.net.pi.runtime.PiActionProfileGroupId;
import org.onosproject.net.pi.runtime.PiActionProfileMember;
import org.onosproject.net.pi.runtime.PiActionProfileMemberId;
import org.onosproject.net.pi.runtime.PiFieldMatch;
import org.onosproject.net.pi.runtime.PiMatchKey;
import org.onosproject.net.pi.runtime.PiTableAction;
import org.onosproject.net.pi.runtime.PiTableEntry;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.LspHop;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.Site;
import org.p4vpn.api.TransportPolicy;
import org.p4vpn.api.TunnelMode;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;
import org.p4vpn.lsp.TransportPlan;
import org.p4vpn.lsp.TransportTopology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.p4vpn.pipeconf.P4InfoConstants.*;
import static org.p4vpn.translate.PiBuild.action;
import static org.p4vpn.translate.PiBuild.exact;
import static org.p4vpn.translate.PiBuild.lpm;
import static org.p4vpn.translate.PiBuild.mac;
import static org.p4vpn.translate.PiBuild.param;
import static org.p4vpn.translate.PiBuild.ternary;

/**
 * Turns the forwarding state into the P4 entities of every switch. A pure function: the same
 * state gives the same entities, so programmers reconcile by diff after a restart or a switch
 * reconnect. Per switch:
 * <ul>
 * <li>{@code my_station}: its router MAC; {@code punt}: BGP (and ARP, LLDP, BDDP when asked);</li>
 * <li>{@code port_classifier}: core ports (ends of links) and CE attachments (port, VLAN) into
 * their VRF;</li>
 * <li>{@code vrf_fib}: the best route of every prefix of every VRF (remote: VPN label and the
 * tunnel toward the egress PE; local: the CE's next hop) and the PE interface addresses;</li>
 * <li>{@code mpls_fib}/{@code mpls_terminate}: transport labels it swaps or pops, VPN labels it
 * allocated (per VRF: look up in the VRF; per CE and per prefix: straight to the CE);</li>
 * <li>{@code next}: one group per tunnel (its equal-cost next hops, label per hop) and per CE.</li>
 * </ul>
 */
public final class PipelineTranslator {

    /** Priority of the punt entries (above anything an operator adds by default). */
    static final int PUNT_PRIORITY = 40000;
    /** Group ids of CE next hops are above the 20-bit label range, where tunnel groups live. */
    public static final int CE_NEXT_BASE = 1 << 20;
    /** Members per group id: member id = group id * this + index. */
    static final int MEMBERS_PER_GROUP = 16;

    private PipelineTranslator() {
    }

    /**
     * Translates the whole network.
     *
     * @param state forwarding state
     * @return entities by switch
     */
    public static Map<DeviceId, DeviceEntries> translate(ForwardingState state) {
        Map<DeviceId, DeviceEntries> out = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        for (ForwardingState.Switch s : state.switches.values()) {
            out.put(s.id(), translate(state, s));
        }
        return out;
    }

    /**
     * Translates some switches only (e.g. the ingress PEs a link failure switches to backups).
     *
     * @param state   forwarding state
     * @param devices the switches
     * @return entities by switch
     */
    public static Map<DeviceId, DeviceEntries> translate(ForwardingState state, java.util.Collection<DeviceId> devices) {
        Map<DeviceId, DeviceEntries> out = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        for (DeviceId d : devices) {
            ForwardingState.Switch s = state.switches.get(d);
            if (s != null) {
                out.put(d, translate(state, s));
            }
        }
        return out;
    }

    /** The entities of one switch. */
    static DeviceEntries translate(ForwardingState state, ForwardingState.Switch sw) {
        Builder b = new Builder(state, sw);
        b.station();
        b.punts();
        b.corePorts();
        b.tunnels();
        if (sw.role() == NodeRole.PE) {
            b.sites();
            b.vrfRoutes();
            b.vpnLabels();
        }
        return new DeviceEntries(b.members, b.groups, b.entries);
    }

    /** Collects one switch's entities. */
    private static final class Builder {
        private final ForwardingState st;
        private final ForwardingState.Switch sw;
        private final List<PiActionProfileMember> members = new ArrayList<>();
        private final List<PiActionProfileGroup> groups = new ArrayList<>();
        private final List<PiTableEntry> entries = new ArrayList<>();
        private final Map<DeviceId, MacAddress> macs = new HashMap<>();

        Builder(ForwardingState st, ForwardingState.Switch sw) {
            this.st = st;
            this.sw = sw;
            st.switches.values().forEach(s -> macs.put(s.id(), s.routerMac()));
        }

        private void entry(PiTableId table, PiTableAction action, Integer priority, PiFieldMatch... matches) {
            PiMatchKey.Builder k = PiMatchKey.builder();
            for (PiFieldMatch m : matches) {
                k.addFieldMatch(m);
            }
            PiTableEntry.Builder e = PiTableEntry.builder().forTable(table).withMatchKey(k.build()).withAction(action);
            if (priority != null) {
                e.withPriority(priority);
            }
            entries.add(e.build());
        }

        private void group(int id, List<PiAction> actions) {
            PiActionProfileGroup.Builder g = PiActionProfileGroup.builder()
                    .withActionProfileId(INGRESS_PIPE_IMPL_NEXT_ECMP_SELECTOR)
                    .withId(PiActionProfileGroupId.of(id)).withMaxSize(MEMBERS_PER_GROUP);
            for (int i = 0; i < actions.size() && i < MEMBERS_PER_GROUP; i++) {
                PiActionProfileMemberId mid = PiActionProfileMemberId.of(id * MEMBERS_PER_GROUP + i);
                members.add(PiActionProfileMember.builder().forActionProfile(INGRESS_PIPE_IMPL_NEXT_ECMP_SELECTOR)
                                    .withId(mid).withAction(actions.get(i)).build());
                g.addMember(mid, 1);
            }
            groups.add(g.build());
            entry(INGRESS_PIPE_IMPL_NEXT_NEXT, PiActionProfileGroupId.of(id), null,
                  exact(HDR_NEXT_ID, id, HDR_NEXT_ID_BITWIDTH));
        }

        void station() {
            entry(INGRESS_PIPE_IMPL_MY_STATION_MY_STATION, action(INGRESS_PIPE_IMPL_MY_STATION_NOP), null,
                  new org.onosproject.net.pi.runtime.PiExactFieldMatch(HDR_ETH_DST, mac(sw.routerMac())));
        }

        void punts() {
            PiAction punt = action(INGRESS_PIPE_IMPL_PUNT_PUNT_TO_CPU);
            for (PiFieldMatch port : List.of(ternary(HDR_L4_DST_PORT, 179, HDR_L4_DST_PORT_BITWIDTH),
                                             ternary(HDR_L4_SRC_PORT, 179, HDR_L4_SRC_PORT_BITWIDTH))) {
                entry(INGRESS_PIPE_IMPL_PUNT_PUNT, punt, PUNT_PRIORITY,
                      ternary(HDR_IP_PROTO, 6, HDR_IP_PROTO_BITWIDTH), port);
            }
            if (st.puntDiscovery) {
                for (short type : new short[] {Ethernet.TYPE_ARP, Ethernet.TYPE_LLDP, Ethernet.TYPE_BSN}) {
                    entry(INGRESS_PIPE_IMPL_PUNT_PUNT, punt, PUNT_PRIORITY,
                          ternary(HDR_ETH_TYPE, type & 0xFFFF, HDR_ETH_TYPE_BITWIDTH));
                }
            }
        }

        void corePorts() {
            for (TransportTopology.Link l : st.links) {
                if (l.src().deviceId().equals(sw.id())) {
                    entry(INGRESS_PIPE_IMPL_PORT_CLASSIFIER_PORT_CLASSIFIER,
                          action(INGRESS_PIPE_IMPL_PORT_CLASSIFIER_SET_CORE_PORT), null,
                          exact(HDR_INGRESS_PORT, l.src().port().toLong(), HDR_INGRESS_PORT_BITWIDTH),
                          exact(HDR_VLAN_ID, 0, HDR_VLAN_ID_BITWIDTH));
                }
            }
        }

        private PiAction hopAction(TransportPlan.NextHop h) {
            MacAddress dmac = macs.get(h.neighbour());
            return h.outLabel() == LspHop.IMPLICIT_NULL ? PiBuild.mplsPopOut(h.port(), sw.routerMac(), dmac)
                    : PiBuild.mplsOut(h.outLabel(), h.port(), sw.routerMac(), dmac);
        }

        /** Tunnel groups, transit labels, and the labels this switch ends. */
        void tunnels() {
            st.plan.tunnels(sw.id()).forEach((egress, t) -> {
                if (egress.equals(sw.id())) {
                    terminate(t);
                    return;
                }
                transit(t);
            });
            st.plan.backupTunnels(sw.id()).values().forEach(this::transit);
            st.plan.privateTunnels(sw.id()).values().forEach(t -> {
                if (t.nextHops().isEmpty()) {
                    terminate(t); // a VPN's private tunnel ends here
                } else {
                    transit(t);
                }
            });
        }

        /** The end of a tunnel: with ultimate-hop popping, this PE pops its own transport label. */
        private void terminate(TransportPlan.Tunnel t) {
            if (st.plan.mode() == TunnelMode.UHP) {
                entry(INGRESS_PIPE_IMPL_MPLS_TERMINATE_MPLS_TERMINATE,
                      action(INGRESS_PIPE_IMPL_MPLS_TERMINATE_POP_TRANSPORT), null,
                      exact(HDR_LABEL, t.inLabel(), HDR_LABEL_BITWIDTH));
            }
        }

        private void transit(TransportPlan.Tunnel t) {
            List<PiAction> hops = new ArrayList<>();
            // A neighbour with no router MAC (not a provider node) cannot be sent to.
            t.nextHops().stream().filter(h -> macs.containsKey(h.neighbour())).forEach(h -> hops.add(hopAction(h)));
            if (hops.isEmpty()) {
                return; // as leadsSomewhere(t) says: no route points at this tunnel
            }
            group(t.inLabel(), hops);
            entry(INGRESS_PIPE_IMPL_MPLS_FIB_MPLS_FIB, action(INGRESS_PIPE_IMPL_MPLS_FIB_MPLS_TRANSIT,
                    param(NEXT_ID, t.inLabel(), NEXT_ID_BITWIDTH)), null,
                  exact(HDR_LABEL, t.inLabel(), HDR_LABEL_BITWIDTH));
        }

        private Integer ceNext(String site) {
            return st.ceNextIds.get(site);
        }

        /** CE attachments, their next hops, and the PE interface addresses. */
        void sites() {
            for (Site s : st.sites) {
                if (!s.device().equals(sw.id())) {
                    continue;
                }
                Integer vrf = st.vrfIds.get(s.vpn());
                if (vrf == null) {
                    continue;
                }
                int vlan = s.vlan().equals(VlanId.NONE) ? 0 : s.vlan().toShort();
                entry(INGRESS_PIPE_IMPL_PORT_CLASSIFIER_PORT_CLASSIFIER,
                      action(INGRESS_PIPE_IMPL_PORT_CLASSIFIER_SET_CE_PORT, param(VRF_ID, vrf, VRF_ID_BITWIDTH)),
                      null, exact(HDR_INGRESS_PORT, s.port().toLong(), HDR_INGRESS_PORT_BITWIDTH),
                      exact(HDR_VLAN_ID, vlan, HDR_VLAN_ID_BITWIDTH));
                entry(INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB, action(INGRESS_PIPE_IMPL_VRF_FIB_PUNT_TO_ROUTER), null,
                      exact(HDR_VRF_ID, vrf, HDR_VRF_ID_BITWIDTH),
                      lpm(HDR_IPV4_DST, Ip4Prefix.valueOf(s.peAddress(), 32)));
                MacAddress ce = st.ceMacs.get(s.name());
                Integer next = ceNext(s.name());
                if (ce != null && next != null) {
                    group(next, List.of(PiBuild.ceOut(s.port(), sw.routerMac(), ce, vlan)));
                }
            }
        }

        void vrfRoutes() {
            st.routes.forEach((key, table) -> {
                if (!key.device().equals(sw.id()) || !st.vrfIds.containsKey(key.vpn())) {
                    return;
                }
                int vrf = st.vrfIds.get(key.vpn());
                java.util.Set<Ip4Prefix> own = new java.util.HashSet<>();
                st.sites.stream().filter(s -> s.device().equals(sw.id()) && s.vpn().equals(key.vpn()))
                        .forEach(s -> own.add(Ip4Prefix.valueOf(s.peAddress(), 32)));
                crossedInterfaces(vrf, table, own);
                table.forEach((prefix, r) -> {
                    if (own.contains(prefix)) {
                        // The PE's own interface address is punted to the router (sites()), even
                        // if a route covers it exactly.
                        return;
                    }
                    PiAction a = routeAction(key.vpn(), r);
                    if (a != null) {
                        entry(INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB, a, null, exact(HDR_VRF_ID, vrf, HDR_VRF_ID_BITWIDTH),
                              lpm(HDR_IPV4_DST, prefix));
                    }
                });
            });
        }

        /**
         * A subnet of another VRF's site imported here (local route crossing) also holds that
         * site's PE interface address: it is the router's, so it is punted here too, as in the
         * site's own VRF, rather than sent to the CE.
         */
        private void crossedInterfaces(int vrf, Map<Ip4Prefix, VrfRoute> table, java.util.Set<Ip4Prefix> own) {
            for (VrfRoute r : table.values()) {
                if (r.kind() != VrfRoute.Kind.LOCAL_CROSSING || r.site().isEmpty()) {
                    continue;
                }
                for (Site s : st.sites) {
                    Ip4Prefix pe = Ip4Prefix.valueOf(s.peAddress(), 32);
                    if (s.name().equals(r.site().get()) && s.device().equals(sw.id())
                            && r.prefix().contains(s.peAddress()) && !own.contains(pe) && !table.containsKey(pe)) {
                        own.add(pe);
                        entry(INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB, action(INGRESS_PIPE_IMPL_VRF_FIB_PUNT_TO_ROUTER), null,
                              exact(HDR_VRF_ID, vrf, HDR_VRF_ID_BITWIDTH), lpm(HDR_IPV4_DST, pe));
                    }
                }
            }
        }

        /** The vrf_fib action of a best route, or null if it cannot be forwarded yet. */
        private PiAction routeAction(String vpn, VrfRoute r) {
            if (r.kind() == VrfRoute.Kind.REMOTE) {
                DeviceId egress = egressOf(r);
                TransportPolicy policy = st.transport.getOrDefault(vpn, TransportPolicy.SHARED);
                TransportPlan.Tunnel t = egress == null ? null : tunnelFor(vpn, policy, egress);
                if (t == null) {
                    return null;
                }
                return action(INGRESS_PIPE_IMPL_VRF_FIB_ROUTE_VPN, param(VPN_LABEL, r.label(), VPN_LABEL_BITWIDTH),
                              param(NEXT_ID, t.inLabel(), NEXT_ID_BITWIDTH),
                              param(TC, policy.qosClass(), TC_BITWIDTH));
            }
            Integer next = r.site().map(this::ceNext).orElse(null);
            if (next == null || !st.ceMacs.containsKey(r.site().get())) {
                return null;
            }
            return action(INGRESS_PIPE_IMPL_VRF_FIB_ROUTE_LOCAL, param(NEXT_ID, next, NEXT_ID_BITWIDTH));
        }

        /** The VPN's private tunnel to the egress if it leads somewhere (RFC 2917 s. 11), else the shared one. */
        private TransportPlan.Tunnel tunnelFor(String vpn, TransportPolicy policy, DeviceId egress) {
            if (policy.privateLsps()) {
                TransportPlan.Tunnel own = st.plan.privateTunnel(sw.id(), vpn, egress).orElse(null);
                if (own != null && leadsSomewhere(own)) {
                    return own;
                }
            }
            TransportPlan.Tunnel shared = st.plan.tunnel(sw.id(), egress).orElse(null);
            return shared == null || !leadsSomewhere(shared) ? null : shared;
        }

        /** Whether a tunnel has a next hop this switch can send to (transit() writes only those). */
        private boolean leadsSomewhere(TransportPlan.Tunnel t) {
            return t.nextHops().stream().anyMatch(h -> macs.containsKey(h.neighbour()));
        }

        private DeviceId egressOf(VrfRoute r) {
            for (ForwardingState.Switch s : st.switches.values()) {
                if (s.role() == NodeRole.PE && s.routerId().equals(r.nextHop())) {
                    return s.id();
                }
            }
            return null;
        }

        /** The VPN labels this PE allocated, popped at the egress. */
        void vpnLabels() {
            st.vpnLabels.forEach((key, label) -> {
                if (!key.device().equals(sw.id()) || !st.vrfIds.containsKey(key.vpn())) {
                    return;
                }
                PiAction a = labelAction(key);
                if (a != null) {
                    entry(INGRESS_PIPE_IMPL_MPLS_FIB_MPLS_FIB, a, null, exact(HDR_LABEL, label, HDR_LABEL_BITWIDTH));
                }
            });
        }

        private PiAction labelAction(LabelKey key) {
            PiAction toVrf = action(INGRESS_PIPE_IMPL_MPLS_FIB_POP_TO_VRF,
                                    param(VRF_ID, st.vrfIds.get(key.vpn()), VRF_ID_BITWIDTH));
            String site;
            switch (key.purpose()) {
                case VPN_PER_VRF:
                    return toVrf;
                case VPN_PER_CE:
                    site = key.owner();
                    break;
                case VPN_PER_PREFIX:
                    VrfRoute r = st.routes.getOrDefault(new VrfKey(sw.id(), key.vpn()), Map.of())
                            .get(Ip4Prefix.valueOf(key.owner()));
                    if (r == null || r.kind() == VrfRoute.Kind.CONNECTED) {
                        return toVrf;
                    }
                    site = r.site().orElse(null);
                    break;
                default:
                    return null;
            }
            Integer next = site == null ? null : ceNext(site);
            return next == null || !st.ceMacs.containsKey(site) ? null
                    : action(INGRESS_PIPE_IMPL_MPLS_FIB_POP_TO_CE, param(NEXT_ID, next, NEXT_ID_BITWIDTH));
        }
    }
}
