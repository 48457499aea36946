package org.p4vpn.routing;

import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.p4vpn.api.LabelMode;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.RouteDistinguisher;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.Site;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;
import org.p4vpn.api.VrfRouteEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Shared objects of engine tests: seed 000's Figure 6 network (CE1-PE1-P-PE2-CE2). */
class EngineFixture {

    static final DeviceId PE1 = DeviceId.deviceId("device:pe1");
    static final DeviceId PE2 = DeviceId.deviceId("device:pe2");
    static final DeviceId PE3 = DeviceId.deviceId("device:pe3");
    static final DeviceId P1 = DeviceId.deviceId("device:p1");
    static final Ip4Address PE1_ID = Ip4Address.valueOf("1.1.1.1");
    static final Ip4Address PE2_ID = Ip4Address.valueOf("2.2.2.2");
    static final Ip4Address PE3_ID = Ip4Address.valueOf("4.4.4.4");

    final InMemoryLabels labels = new InMemoryLabels();
    final List<VrfRouteEvent> events = new ArrayList<>();
    final VpnRouteEngine engine = new VpnRouteEngine(65000, labels, events::add);

    EngineFixture() {
        engine.setNode(ProviderNode.of(PE1, NodeRole.PE, PE1_ID));
        engine.setNode(ProviderNode.of(PE2, NodeRole.PE, PE2_ID));
        engine.setNode(ProviderNode.of(PE3, NodeRole.PE, PE3_ID));
        engine.setNode(ProviderNode.of(P1, NodeRole.P, Ip4Address.valueOf("3.3.3.3")));
    }

    static RouteTarget rt(String s) {
        return RouteTarget.of(s);
    }

    static Ip4Prefix prefix(String s) {
        return Ip4Prefix.valueOf(s);
    }

    static VpnInstance vpn(String name, String rd, String rt) {
        return vpn(name, rd, List.of(rt), List.of(rt), LabelMode.PER_VRF);
    }

    static VpnInstance vpn(String name, String rd, List<String> imports, List<String> exports, LabelMode mode) {
        return VpnInstance.builder().name(name).routeDistinguisher(RouteDistinguisher.of(rd))
                .importTargets(imports.stream().map(RouteTarget::of).collect(Collectors.toList()))
                .exportTargets(exports.stream().map(RouteTarget::of).collect(Collectors.toList()))
                .labelMode(mode).build();
    }

    /** A site with PE interface .1 and CE .2 on the given /24, plus static routes. */
    static Site site(String name, String vpn, DeviceId pe, int port, String subnet24, String... statics) {
        String base = subnet24.substring(0, subnet24.lastIndexOf('.'));
        return Site.builder().name(name).vpn(vpn).device(pe).port(PortNumber.portNumber(port))
                .peInterface(base + ".1/24").ceAddress(Ip4Address.valueOf(base + ".2"))
                .staticRoutes(Arrays.stream(statics).map(Ip4Prefix::valueOf).collect(Collectors.toList())).build();
    }

    Optional<VrfRoute> best(DeviceId pe, String vpn, String prefix) {
        return engine.bestRoute(new VrfKey(pe, vpn), prefix(prefix));
    }

    List<Ip4Prefix> prefixes(DeviceId pe, String vpn) {
        return engine.bestRoutes(new VrfKey(pe, vpn)).keySet().stream().sorted(Site.PREFIX_ORDER)
                .collect(Collectors.toList());
    }

    /** Two VPNs with the same addresses on PE1 and PE2 (seed Figure 6, doubled). */
    void overlappingVpns() {
        engine.setVpnInstance(vpn("vpna", "65000:1", "65000:1"));
        engine.setVpnInstance(vpn("vpnb", "65000:2", "65000:2"));
        engine.setSite(site("a1", "vpna", PE1, 1, "10.1.1.0", "192.168.1.0/24"));
        engine.setSite(site("a2", "vpna", PE2, 1, "10.2.1.0", "192.168.2.0/24"));
        engine.setSite(site("b1", "vpnb", PE1, 2, "10.1.1.0", "192.168.1.0/24"));
        engine.setSite(site("b2", "vpnb", PE2, 2, "10.2.1.0", "192.168.2.0/24"));
    }
}
