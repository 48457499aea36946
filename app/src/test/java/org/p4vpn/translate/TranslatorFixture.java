package org.p4vpn.translate;

import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.pi.model.PiActionParamId;
import org.onosproject.net.pi.model.PiTableId;
import org.onosproject.net.pi.runtime.PiAction;
import org.onosproject.net.pi.runtime.PiActionParam;
import org.onosproject.net.pi.runtime.PiActionProfileGroup;
import org.onosproject.net.pi.runtime.PiActionProfileGroupId;
import org.onosproject.net.pi.runtime.PiActionProfileMember;
import org.onosproject.net.pi.runtime.PiActionProfileMemberId;
import org.onosproject.net.pi.runtime.PiExactFieldMatch;
import org.onosproject.net.pi.runtime.PiFieldMatch;
import org.onosproject.net.pi.runtime.PiMatchKey;
import org.onosproject.net.pi.runtime.PiTableEntry;
import org.p4vpn.api.LabelAllocator;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.LabelMode;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.RouteDistinguisher;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.Site;
import org.p4vpn.api.TunnelMode;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;
import org.p4vpn.lsp.TransportPlan;
import org.p4vpn.lsp.TransportPlanner;
import org.p4vpn.lsp.TransportTopology;
import org.p4vpn.routing.VpnRouteEngine;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.p4vpn.pipeconf.P4InfoConstants.*;

/**
 * Builds forwarding states for translator tests the realistic way: switches and links feed the
 * real {@link TransportPlanner}, VPN instances and sites the real {@link VpnRouteEngine}, both
 * drawing labels from one sequential in-memory allocator whose map the tests read. Also builds
 * the PI objects the tests expect, and reads entities back out of a translation.
 */
final class TranslatorFixture {

    static final DeviceId PE1 = DeviceId.deviceId("device:pe1");
    static final DeviceId PE2 = DeviceId.deviceId("device:pe2");
    static final DeviceId P = DeviceId.deviceId("device:p");
    static final DeviceId P2 = DeviceId.deviceId("device:p2");
    static final MacAddress PE1_MAC = MacAddress.valueOf("00:aa:00:00:00:01");
    static final MacAddress PE2_MAC = MacAddress.valueOf("00:aa:00:00:00:02");
    static final MacAddress P_MAC = MacAddress.valueOf("00:aa:00:00:00:03");
    static final MacAddress P2_MAC = MacAddress.valueOf("00:aa:00:00:00:04");
    static final MacAddress CE1_MAC = MacAddress.valueOf("00:cc:00:00:00:01");
    static final MacAddress CE2_MAC = MacAddress.valueOf("00:cc:00:00:00:02");
    static final MacAddress CE3_MAC = MacAddress.valueOf("00:cc:00:00:00:03");

    /** Sequential labels per device from 16, in a map the tests can read; checks uniqueness. */
    static final class Labels implements LabelAllocator {
        final Map<LabelKey, Integer> map = new HashMap<>();
        private final Map<DeviceId, Integer> next = new HashMap<>();

        @Override
        public int allocate(LabelKey key) {
            return map.computeIfAbsent(key, k -> {
                int l = next.merge(k.device(), 1, Integer::sum) + MIN_LABEL - 1;
                if (map.entrySet().stream().anyMatch(e -> e.getKey().device().equals(k.device())
                        && e.getValue() == l)) {
                    throw new AssertionError("label " + l + " twice on " + k.device());
                }
                return l;
            });
        }

        @Override
        public void release(LabelKey key) {
            map.remove(key);
        }
    }

    final Labels labels = new Labels();
    final VpnRouteEngine engine = new VpnRouteEngine(65000, labels, e -> { });
    final Map<DeviceId, ForwardingState.Switch> switches = new LinkedHashMap<>();
    final List<TransportTopology.Link> links = new ArrayList<>();
    final List<Site> sites = new ArrayList<>();
    final Map<String, MacAddress> ceMacs = new LinkedHashMap<>();
    final Map<String, Integer> vrfIds = new LinkedHashMap<>();
    final Map<String, Integer> ceNextIds = new LinkedHashMap<>();
    final Map<String, org.p4vpn.api.TransportPolicy> transport = new LinkedHashMap<>();

    void node(DeviceId id, NodeRole role, String routerId, MacAddress mac) {
        Ip4Address rid = Ip4Address.valueOf(routerId);
        switches.put(id, new ForwardingState.Switch(id, role, rid, mac));
        engine.setNode(ProviderNode.of(id, role, rid));
    }

    /** A bidirectional link: two directed links of the same weight. */
    void link(DeviceId a, int pa, DeviceId b, int pb, long weight) {
        ConnectPoint ca = new ConnectPoint(a, PortNumber.portNumber(pa));
        ConnectPoint cb = new ConnectPoint(b, PortNumber.portNumber(pb));
        links.add(new TransportTopology.Link(ca, cb, weight));
        links.add(new TransportTopology.Link(cb, ca, weight));
    }

    /** A VPN instance; VRF ids are handed out from 1 in order. */
    void vpn(String name, String rd, List<String> imports, List<String> exports, LabelMode mode) {
        engine.setVpnInstance(VpnInstance.builder().name(name).routeDistinguisher(RouteDistinguisher.of(rd))
                .importTargets(imports.stream().map(RouteTarget::of).collect(Collectors.toList()))
                .exportTargets(exports.stream().map(RouteTarget::of).collect(Collectors.toList()))
                .labelMode(mode).build());
        vrfIds.putIfAbsent(name, vrfIds.size() + 1);
    }

    void vpn(String name, String rd, String rt, LabelMode mode) {
        vpn(name, rd, List.of(rt), List.of(rt), mode);
    }

    /** Gives a VPN private LSPs and/or a QoS class (RFC 2917 section 11). */
    void transport(String vpn, boolean privateLsps, int qosClass) {
        transport.put(vpn, org.p4vpn.api.TransportPolicy.of(privateLsps, qosClass));
    }

    /** The PEs of each VPN with private LSPs, as the programmers hand them to the planner. */
    Map<String, java.util.Set<DeviceId>> privateLspPes() {
        Map<String, java.util.Set<DeviceId>> out = new java.util.TreeMap<>();
        transport.forEach((vpn, t) -> {
            if (t.privateLsps()) {
                java.util.Set<DeviceId> pes = new java.util.LinkedHashSet<>();
                sites.stream().filter(s -> s.vpn().equals(vpn)).forEach(s -> pes.add(s.device()));
                out.put(vpn, pes);
            }
        });
        return out;
    }

    /**
     * A site with PE interface .1 and CE .2 on a /24; a null MAC leaves the CE unknown. Next ids
     * are handed out from {@link PipelineTranslator#CE_NEXT_BASE} in order.
     */
    Site site(String name, String vpn, DeviceId pe, int port, VlanId vlan, String subnet24, MacAddress mac,
              String... statics) {
        String base = subnet24.substring(0, subnet24.lastIndexOf('.'));
        Site s = Site.builder().name(name).vpn(vpn).device(pe).port(PortNumber.portNumber(port)).vlan(vlan)
                .peInterface(base + ".1/24").ceAddress(Ip4Address.valueOf(base + ".2")).ceMac(mac)
                .staticRoutes(Arrays.stream(statics).map(Ip4Prefix::valueOf).collect(Collectors.toList())).build();
        engine.setSite(s);
        sites.add(s);
        ceNextIds.put(name, PipelineTranslator.CE_NEXT_BASE + ceNextIds.size());
        if (mac != null) {
            ceMacs.put(name, mac);
        }
        return s;
    }

    /** Seed Figure 6's provider network: PE1 port 10 - port 1 P port 2 - port 10 PE2. */
    void seedCore() {
        node(PE1, NodeRole.PE, "1.1.1.1", PE1_MAC);
        node(P, NodeRole.P, "3.3.3.3", P_MAC);
        node(PE2, NodeRole.PE, "2.2.2.2", PE2_MAC);
        link(PE1, 10, P, 1, 10);
        link(P, 2, PE2, 10, 10);
    }

    /** Seed Figure 6 with one VPN: CE1 on PE1 port 1, CE2 on PE2 port 1 (VLAN as given). */
    void seed(LabelMode mode, VlanId ce2Vlan) {
        seedCore();
        seedSites(mode, ce2Vlan);
    }

    /** Seed Figure 6's VPN on PE1 and PE2 of whatever core was built, untagged. */
    void seedSites() {
        seedSites(LabelMode.PER_VRF, VlanId.NONE);
    }

    void seedSites(LabelMode mode, VlanId ce2Vlan) {
        vpn("vpna", "65000:1", "65000:1", mode);
        site("ce1", "vpna", PE1, 1, VlanId.NONE, "10.1.1.0", CE1_MAC, "192.168.1.0/24");
        site("ce2", "vpna", PE2, 1, ce2Vlan, "10.2.1.0", CE2_MAC, "192.168.2.0/24");
    }

    /** The transport plan of the switches and links as they are now. */
    TransportPlan plan(TunnelMode mode) {
        List<DeviceId> pes = switches.values().stream().filter(s -> s.role() == NodeRole.PE)
                .map(ForwardingState.Switch::id).collect(Collectors.toList());
        return new TransportPlanner(labels, mode).plan(new TransportTopology(switches.keySet(), links), pes,
                                                       privateLspPes());
    }

    ForwardingState state(TunnelMode mode, boolean puntDiscovery) {
        return state(plan(mode), puntDiscovery);
    }

    /** The state with a given plan (e.g. one switched to backups) and the links as they are now. */
    ForwardingState state(TransportPlan plan, boolean puntDiscovery) {
        Map<VrfKey, Map<Ip4Prefix, VrfRoute>> routes = new LinkedHashMap<>();
        for (VrfKey k : engine.vrfKeys()) {
            routes.put(k, engine.bestRoutes(k));
        }
        Map<LabelKey, Integer> vpnLabels = new LinkedHashMap<>();
        engine.labelUse().keySet().forEach(k -> vpnLabels.put(k, labels.map.get(k)));
        return new ForwardingState(switches, links, sites, ceMacs, vrfIds, routes, vpnLabels, plan, ceNextIds,
                                   puntDiscovery, transport);
    }

    Map<DeviceId, DeviceEntries> translate(TunnelMode mode) {
        return PipelineTranslator.translate(state(mode, false));
    }

    // ---------------------------------------------------------------- label and id look-ups

    int fec(DeviceId device, DeviceId egress) {
        return labels.map.get(TransportPlanner.fecKey(device, egress));
    }

    int label(LabelKey key) {
        Integer l = labels.map.get(key);
        if (l == null) {
            throw new AssertionError("no label for " + key);
        }
        return l;
    }

    int next(String site) {
        return ceNextIds.get(site);
    }

    int vrf(String vpn) {
        return vrfIds.get(vpn);
    }

    // ---------------------------------------------------------------- expected PI objects

    static PiTableEntry entry(PiTableId table, PiAction action, PiFieldMatch... matches) {
        PiMatchKey.Builder k = PiMatchKey.builder();
        Arrays.stream(matches).forEach(k::addFieldMatch);
        return PiTableEntry.builder().forTable(table).withMatchKey(k.build()).withAction(action).build();
    }

    static PiTableEntry vrfEntry(int vrf, String prefix, PiAction action) {
        return entry(INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB, action, PiBuild.exact(HDR_VRF_ID, vrf, HDR_VRF_ID_BITWIDTH),
                     PiBuild.lpm(HDR_IPV4_DST, Ip4Prefix.valueOf(prefix)));
    }

    static PiTableEntry mplsEntry(int label, PiAction action) {
        return entry(INGRESS_PIPE_IMPL_MPLS_FIB_MPLS_FIB, action, PiBuild.exact(HDR_LABEL, label, HDR_LABEL_BITWIDTH));
    }

    static PiTableEntry terminateEntry(int label) {
        return entry(INGRESS_PIPE_IMPL_MPLS_TERMINATE_MPLS_TERMINATE,
                     PiBuild.action(INGRESS_PIPE_IMPL_MPLS_TERMINATE_POP_TRANSPORT),
                     PiBuild.exact(HDR_LABEL, label, HDR_LABEL_BITWIDTH));
    }

    static PiTableEntry classifier(int port, int vlan, PiAction action) {
        return entry(INGRESS_PIPE_IMPL_PORT_CLASSIFIER_PORT_CLASSIFIER, action,
                     PiBuild.exact(HDR_INGRESS_PORT, port, HDR_INGRESS_PORT_BITWIDTH),
                     PiBuild.exact(HDR_VLAN_ID, vlan, HDR_VLAN_ID_BITWIDTH));
    }

    static PiTableEntry nextEntry(int id) {
        return PiTableEntry.builder().forTable(INGRESS_PIPE_IMPL_NEXT_NEXT).withMatchKey(PiMatchKey.builder()
                .addFieldMatch(PiBuild.exact(HDR_NEXT_ID, id, HDR_NEXT_ID_BITWIDTH)).build())
                .withAction(PiActionProfileGroupId.of(id)).build();
    }

    static PiTableEntry stationEntry(MacAddress mac) {
        return entry(INGRESS_PIPE_IMPL_MY_STATION_MY_STATION, PiBuild.action(INGRESS_PIPE_IMPL_MY_STATION_NOP),
                     new PiExactFieldMatch(HDR_ETH_DST, PiBuild.mac(mac)));
    }

    /** A punt entry at the translator's priority, matching the given ternary fields exactly. */
    static PiTableEntry puntEntry(PiFieldMatch... matches) {
        PiMatchKey.Builder k = PiMatchKey.builder();
        Arrays.stream(matches).forEach(k::addFieldMatch);
        return PiTableEntry.builder().forTable(INGRESS_PIPE_IMPL_PUNT_PUNT).withMatchKey(k.build())
                .withAction(PiBuild.action(INGRESS_PIPE_IMPL_PUNT_PUNT_TO_CPU))
                .withPriority(PipelineTranslator.PUNT_PRIORITY).build();
    }

    /** A next group of n members with ids id * 16 + i, weight 1. */
    static PiActionProfileGroup expectedGroup(int id, int n) {
        PiActionProfileGroup.Builder g = PiActionProfileGroup.builder()
                .withActionProfileId(INGRESS_PIPE_IMPL_NEXT_ECMP_SELECTOR).withId(PiActionProfileGroupId.of(id))
                .withMaxSize(16);
        for (int i = 0; i < n; i++) {
            g.addMember(PiActionProfileMemberId.of(id * 16 + i), 1);
        }
        return g.build();
    }

    static PiActionProfileMember expectedMember(int id, PiAction action) {
        return PiActionProfileMember.builder().forActionProfile(INGRESS_PIPE_IMPL_NEXT_ECMP_SELECTOR)
                .withId(PiActionProfileMemberId.of(id)).withAction(action).build();
    }

    static PiAction routeVpn(int vpnLabel, int next) {
        return routeVpn(vpnLabel, next, 0);
    }

    static PiAction routeVpn(int vpnLabel, int next, int tc) {
        return PiBuild.action(INGRESS_PIPE_IMPL_VRF_FIB_ROUTE_VPN, PiBuild.param(VPN_LABEL, vpnLabel, VPN_LABEL_BITWIDTH),
                              PiBuild.param(NEXT_ID, next, NEXT_ID_BITWIDTH), PiBuild.param(TC, tc, TC_BITWIDTH));
    }

    static PiAction routeLocal(int next) {
        return PiBuild.action(INGRESS_PIPE_IMPL_VRF_FIB_ROUTE_LOCAL, PiBuild.param(NEXT_ID, next, NEXT_ID_BITWIDTH));
    }

    static PiAction puntToRouter() {
        return PiBuild.action(INGRESS_PIPE_IMPL_VRF_FIB_PUNT_TO_ROUTER);
    }

    static PiAction transit(int next) {
        return PiBuild.action(INGRESS_PIPE_IMPL_MPLS_FIB_MPLS_TRANSIT, PiBuild.param(NEXT_ID, next, NEXT_ID_BITWIDTH));
    }

    static PiAction popToVrf(int vrf) {
        return PiBuild.action(INGRESS_PIPE_IMPL_MPLS_FIB_POP_TO_VRF, PiBuild.param(VRF_ID, vrf, VRF_ID_BITWIDTH));
    }

    static PiAction popToCe(int next) {
        return PiBuild.action(INGRESS_PIPE_IMPL_MPLS_FIB_POP_TO_CE, PiBuild.param(NEXT_ID, next, NEXT_ID_BITWIDTH));
    }

    static PiAction setCePort(int vrf) {
        return PiBuild.action(INGRESS_PIPE_IMPL_PORT_CLASSIFIER_SET_CE_PORT, PiBuild.param(VRF_ID, vrf,
                                                                                          VRF_ID_BITWIDTH));
    }

    static PiAction setCorePort() {
        return PiBuild.action(INGRESS_PIPE_IMPL_PORT_CLASSIFIER_SET_CORE_PORT);
    }

    // ---------------------------------------------------------------- reading a translation

    static List<PiTableEntry> in(DeviceEntries d, PiTableId table) {
        return d.entries().stream().filter(e -> e.table().equals(table)).collect(Collectors.toList());
    }

    static List<PiTableEntry> withAction(DeviceEntries d, PiTableId table, org.onosproject.net.pi.model.PiActionId a) {
        return in(d, table).stream().filter(e -> e.action() instanceof PiAction && ((PiAction) e.action()).id()
                .equals(a)).collect(Collectors.toList());
    }

    /** The group with that id, or null. */
    static PiActionProfileGroup group(DeviceEntries d, int id) {
        return d.groups().stream().filter(g -> g.id().id() == id).findFirst().orElse(null);
    }

    /** The actions of a group's members, by member id. */
    static List<PiAction> memberActions(DeviceEntries d, int groupId) {
        PiActionProfileGroup g = group(d, groupId);
        if (g == null) {
            throw new AssertionError("no group " + groupId + " in " + d);
        }
        Map<PiActionProfileMemberId, PiActionProfileMember> byId = new HashMap<>();
        d.members().forEach(m -> byId.put(m.id(), m));
        return g.members().stream().map(PiActionProfileGroup.WeightedMember::id)
                .sorted(Comparator.comparingInt(PiActionProfileMemberId::id))
                .map(id -> byId.get(id).action()).collect(Collectors.toList());
    }

    /** The value of an action parameter, or -1 if it has none by that name. */
    static long param(PiAction a, PiActionParamId id) {
        for (PiActionParam p : a.parameters()) {
            if (p.id().equals(id)) {
                return new BigInteger(1, p.value().asArray()).longValue();
            }
        }
        return -1;
    }

    /** The value of an exact match field of an entry. */
    static long exactValue(PiTableEntry e, org.onosproject.net.pi.model.PiMatchFieldId f) {
        return new BigInteger(1, ((PiExactFieldMatch) e.matchKey().fieldMatch(f)
                .orElseThrow()).value().asArray()).longValue();
    }

    /** The prefix of a vrf_fib entry. */
    static Ip4Prefix lpmValue(PiTableEntry e) {
        org.onosproject.net.pi.runtime.PiLpmFieldMatch m =
                (org.onosproject.net.pi.runtime.PiLpmFieldMatch) e.matchKey().fieldMatch(HDR_IPV4_DST).orElseThrow();
        return Ip4Prefix.valueOf(Ip4Address.valueOf(m.value().asArray()), m.prefixLength());
    }
}
