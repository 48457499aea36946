package org.p4vpn.routing;

import org.junit.jupiter.api.Test;
import org.onlab.packet.Ip4Address;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.LabelMode;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.RouteReflectorConfig;
import org.p4vpn.api.SpeakerState;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;
import org.p4vpn.api.VrfRouteEvent;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The VPN route engine on the seed's examples. */
class VpnRouteEngineTest extends EngineFixture {

    @Test
    void remoteRoutesCarryTheEgressPeAndItsVpnLabel() {
        overlappingVpns();
        VrfRoute r = best(PE1, "vpna", "192.168.2.0/24").orElseThrow();
        assertEquals(VrfRoute.Kind.REMOTE, r.kind());
        assertEquals(PE2_ID, r.nextHop(), "the BGP next hop is the egress PE");
        assertEquals((int) labels.labels.get(LabelKey.perVrf(PE2, "vpna")), r.label());
        assertEquals(Set.of(rt("65000:1")), r.vpnRoute().get().routeTargets());
        assertEquals("65000:1", r.vpnRoute().get().prefix().routeDistinguisher().toString());
        assertEquals(List.of(prefix("10.1.1.0/24"), prefix("10.2.1.0/24"), prefix("192.168.1.0/24"),
                             prefix("192.168.2.0/24")), prefixes(PE1, "vpna"));
    }

    @Test
    void localRoutesGoToTheCe() {
        overlappingVpns();
        VrfRoute connected = best(PE1, "vpna", "10.1.1.0/24").orElseThrow();
        assertEquals(VrfRoute.Kind.CONNECTED, connected.kind());
        assertEquals("a1", connected.site().get());
        VrfRoute stat = best(PE1, "vpna", "192.168.1.0/24").orElseThrow();
        assertEquals(VrfRoute.Kind.STATIC, stat.kind());
        assertEquals(Ip4Address.valueOf("10.1.1.2"), stat.nextHop());
    }

    @Test
    void overlappingAddressesStayInTheirVpn() {
        overlappingVpns();
        VrfRoute a = best(PE1, "vpna", "192.168.2.0/24").orElseThrow();
        VrfRoute b = best(PE1, "vpnb", "192.168.2.0/24").orElseThrow();
        assertNotEquals(a.label(), b.label(), "each VPN has its own label at PE2");
        assertEquals("65000:2", b.vpnRoute().get().prefix().routeDistinguisher().toString());
        for (VrfRoute r : engine.vrfTable(new VrfKey(PE1, "vpnb"))) {
            r.vpnRoute().ifPresent(v -> assertEquals(Set.of(rt("65000:2")), v.routeTargets(), "leak: " + r));
            r.site().ifPresent(s -> assertTrue(s.startsWith("b"), "leak: " + r));
        }
        // The RR holds both copies of 192.168.2.0/24, told apart by RD.
        long copies = engine.rib(VpnRouteEngine.DEFAULT_RR_ID).stream()
                .filter(e -> e.route().prefix().prefix().equals(prefix("192.168.2.0/24"))).count();
        assertEquals(2, copies);
    }

    /** Seed Figure 3: site A in VPN1 and VPN2; B (VPN1) and C (VPN2) never reach each other. */
    @Test
    void oneSiteInTwoVpns() {
        engine.setVpnInstance(vpn("site-a", "65000:10", List.of("65000:1", "65000:2"),
                                  List.of("65000:1", "65000:2"), LabelMode.PER_VRF));
        engine.setVpnInstance(vpn("site-b", "65000:11", "65000:1"));
        engine.setVpnInstance(vpn("site-c", "65000:12", "65000:2"));
        engine.setSite(site("a", "site-a", PE1, 1, "10.0.1.0", "172.16.1.0/24"));
        engine.setSite(site("b", "site-b", PE2, 1, "10.0.2.0", "172.16.2.0/24"));
        engine.setSite(site("c", "site-c", PE3, 1, "10.0.3.0", "172.16.3.0/24"));
        assertTrue(best(PE1, "site-a", "172.16.2.0/24").isPresent(), "A reaches B");
        assertTrue(best(PE1, "site-a", "172.16.3.0/24").isPresent(), "A reaches C");
        assertTrue(best(PE2, "site-b", "172.16.1.0/24").isPresent(), "B reaches A");
        assertTrue(best(PE3, "site-c", "172.16.1.0/24").isPresent(), "C reaches A");
        assertTrue(best(PE2, "site-b", "172.16.3.0/24").isEmpty(), "B never reaches C");
        assertTrue(best(PE3, "site-c", "172.16.2.0/24").isEmpty(), "C never reaches B");
    }

    @Test
    void hubAndSpoke() {
        engine.setVpnInstance(vpn("hub", "65000:20", List.of("65000:101"), List.of("65000:100"), LabelMode.PER_VRF));
        engine.setVpnInstance(vpn("spoke1", "65000:21", List.of("65000:100"), List.of("65000:101"),
                                  LabelMode.PER_VRF));
        engine.setVpnInstance(vpn("spoke2", "65000:22", List.of("65000:100"), List.of("65000:101"),
                                  LabelMode.PER_VRF));
        engine.setSite(site("h", "hub", PE1, 1, "10.0.0.0", "0.0.0.0/0"));
        engine.setSite(site("s1", "spoke1", PE2, 1, "10.0.1.0"));
        engine.setSite(site("s2", "spoke2", PE3, 1, "10.0.2.0"));
        assertEquals(List.of(prefix("0.0.0.0/0"), prefix("10.0.0.0/24"), prefix("10.0.1.0/24")),
                     prefixes(PE2, "spoke1"), "a spoke sees the hub only");
        assertEquals(List.of(prefix("0.0.0.0/0"), prefix("10.0.0.0/24"), prefix("10.0.1.0/24"),
                             prefix("10.0.2.0/24")), prefixes(PE1, "hub"), "the hub sees every spoke");
    }

    @Test
    void localRouteCrossingBetweenVrfsOfOnePe() {
        engine.setVpnInstance(vpn("red", "65000:30", List.of("65000:30", "65000:31"), List.of("65000:30"),
                                  LabelMode.PER_VRF));
        engine.setVpnInstance(vpn("green", "65000:31", List.of("65000:31"), List.of("65000:31"), LabelMode.PER_VRF));
        engine.setSite(site("r", "red", PE1, 1, "10.3.0.0", "172.30.0.0/16"));
        engine.setSite(site("g", "green", PE1, 2, "10.3.1.0", "172.31.0.0/16"));
        VrfRoute crossed = best(PE1, "red", "172.31.0.0/16").orElseThrow();
        assertEquals(VrfRoute.Kind.LOCAL_CROSSING, crossed.kind());
        assertEquals("g", crossed.site().get(), "delivered straight to green's CE");
        assertEquals(Ip4Address.valueOf("10.3.1.2"), crossed.nextHop());
        assertTrue(best(PE1, "green", "172.30.0.0/16").isEmpty(), "green does not import red's target");
    }

    @Test
    void labelModes() {
        engine.setVpnInstance(vpn("pervrf", "65000:40", List.of("1:1"), List.of("1:1"), LabelMode.PER_VRF));
        engine.setVpnInstance(vpn("perce", "65000:41", List.of("1:2"), List.of("1:2"), LabelMode.PER_CE));
        engine.setVpnInstance(vpn("perprefix", "65000:42", List.of("1:3"), List.of("1:3"), LabelMode.PER_PREFIX));
        for (String v : List.of("pervrf", "perce", "perprefix")) {
            int port = v.length();
            engine.setSite(site(v + "-x", v, PE1, port, "10.4." + port + ".0", "172.16.1.0/24", "172.16.2.0/24"));
            engine.setSite(site(v + "-y", v, PE1, port + 20, "10.5." + port + ".0", "172.16.3.0/24"));
            engine.setSite(site(v + "-far", v, PE2, port, "10.6." + port + ".0"));
        }
        assertEquals(1, labelsAt(PE2, "pervrf", "172.16.1.0/24", "172.16.2.0/24", "172.16.3.0/24").size());
        assertEquals(2, labelsAt(PE2, "perce", "172.16.1.0/24", "172.16.2.0/24", "172.16.3.0/24").size());
        assertEquals(3, labelsAt(PE2, "perprefix", "172.16.1.0/24", "172.16.2.0/24", "172.16.3.0/24").size());
        assertTrue(labels.labels.keySet().contains(LabelKey.perCe(PE1, "perce", "perce-y")));
    }

    private Set<Integer> labelsAt(org.onosproject.net.DeviceId pe, String vpn, String... prefixes) {
        Set<Integer> out = new java.util.HashSet<>();
        for (String p : prefixes) {
            out.add(best(pe, vpn, p).orElseThrow().label());
        }
        return out;
    }

    @Test
    void staticRouteChangesPropagateBothWays() {
        overlappingVpns();
        engine.setSite(site("a2", "vpna", PE2, 1, "10.2.1.0", "192.168.2.0/24", "192.168.22.0/24"));
        assertTrue(best(PE1, "vpna", "192.168.22.0/24").isPresent());
        engine.setSite(site("a2", "vpna", PE2, 1, "10.2.1.0"));
        assertTrue(best(PE1, "vpna", "192.168.22.0/24").isEmpty());
        assertTrue(best(PE1, "vpna", "192.168.2.0/24").isEmpty());
        assertTrue(best(PE1, "vpna", "10.2.1.0/24").isPresent());
    }

    @Test
    void deletingAVpnRemovesEverythingItCaused() {
        overlappingVpns();
        events.clear();
        engine.removeSite("a1");
        engine.removeSite("a2");
        engine.removeVpnInstance("vpna");
        assertEquals(Set.of(new VrfKey(PE1, "vpnb"), new VrfKey(PE2, "vpnb")), engine.vrfKeys());
        assertTrue(labels.labels.keySet().stream().noneMatch(k -> k.vpn().equals("vpna")), "labels released");
        assertTrue(engine.rib(VpnRouteEngine.DEFAULT_RR_ID).stream()
                           .noneMatch(e -> e.route().prefix().routeDistinguisher().toString().equals("65000:1")));
        assertEquals(8, events.stream().filter(e -> e.type() == VrfRouteEvent.Type.ROUTE_REMOVED).count(),
                     "4 prefixes in each of 2 VRFs removed");
        assertTrue(events.stream().allMatch(e -> e.subject().vpn().equals("vpna")));
    }

    @Test
    void changesThatEndWhereTheyBeganReportNothing() {
        overlappingVpns();
        events.clear();
        engine.setVpnInstance(vpn("vpna", "65000:1", "65000:1").toBuilder().description("renamed").build());
        assertTrue(events.isEmpty(), "a description change moves no route: " + events);
        int label = best(PE1, "vpna", "192.168.2.0/24").orElseThrow().label();
        engine.setNode(ProviderNode.of(P1, NodeRole.P, Ip4Address.valueOf("3.3.3.4")));
        assertTrue(events.isEmpty(), "rebuilding sessions changes no best route: " + events);
        assertEquals(label, best(PE1, "vpna", "192.168.2.0/24").orElseThrow().label(), "labels are stable");
    }

    @Test
    void importTargetChangeIsAppliedAtOnce() {
        overlappingVpns();
        engine.setVpnInstance(vpn("vpnb", "65000:2", List.of("65000:1", "65000:2"), List.of("65000:2"),
                                  LabelMode.PER_VRF));
        VrfRoute r = engine.vrfTable(new VrfKey(PE1, "vpnb")).stream()
                .filter(x -> x.prefix().equals(prefix("192.168.2.0/24")) && x.isBest()).findFirst().orElseThrow();
        assertEquals(1, engine.vrfTable(new VrfKey(PE1, "vpnb")).stream()
                .filter(x -> x.prefix().equals(prefix("192.168.2.0/24")) && x.isBest()).count());
        assertEquals(2, engine.vrfTable(new VrfKey(PE1, "vpnb")).stream()
                .filter(x -> x.prefix().equals(prefix("192.168.2.0/24"))).count(), "both RDs' routes are candidates");
        assertEquals(PE2_ID, r.nextHop());
    }

    @Test
    void configuredReflectorsWithASharedClusterId() {
        Ip4Address rr1 = Ip4Address.valueOf("9.0.0.1");
        Ip4Address rr2 = Ip4Address.valueOf("9.0.0.2");
        Ip4Address cluster = Ip4Address.valueOf("9.9.9.9");
        List<Ip4Address> clients = List.of(PE1_ID, PE2_ID, PE3_ID);
        engine.setNode(new ProviderNode(org.onosproject.net.DeviceId.deviceId("rr:rr1"), NodeRole.RR, rr1,
                                        new RouteReflectorConfig(cluster, clients, List.of(rr2), true)));
        engine.setNode(new ProviderNode(org.onosproject.net.DeviceId.deviceId("rr:rr2"), NodeRole.RR, rr2,
                                        new RouteReflectorConfig(cluster, clients, List.of(rr1), true)));
        overlappingVpns();
        VrfRoute r = best(PE1, "vpna", "192.168.2.0/24").orElseThrow();
        assertEquals(List.of(cluster), r.vpnRoute().get().attributes().clusterList());
        assertEquals(PE2_ID, r.vpnRoute().get().attributes().originatorId().get());
        assertEquals(2, engine.rib(PE1_ID).stream()
                .filter(e -> e.route().prefix().prefix().equals(prefix("192.168.2.0/24"))
                        && e.route().prefix().routeDistinguisher().toString().equals("65000:1")).count(),
                     "PE1 hears PE2's route from both reflectors");
        SpeakerState s1 = engine.speakers().stream().filter(s -> s.routerId().equals(rr1)).findFirst().orElseThrow();
        assertEquals(cluster, s1.clusterId().get());
        assertEquals(3, s1.peers().values().stream().filter(p -> p == org.p4vpn.api.PeerRelation.CLIENT).count());
        assertTrue(s1.discardedClusterLoops() > 0, "rr1 drops what rr2 reflects");
        assertTrue(engine.speakers().stream().noneMatch(s -> s.name().equals(VpnRouteEngine.DEFAULT_RR_NAME)));
    }

    @Test
    void routesFromPeersOutsideTheControllerAreReflectedToImportingVrfs() {
        overlappingVpns();
        Ip4Address peer = Ip4Address.valueOf("192.0.2.9");
        org.p4vpn.api.VpnRoute ext = new org.p4vpn.api.VpnRoute(
                org.p4vpn.api.VpnPrefix.of("65000:99:10.99.0.0/16"), peer, 3000,
                org.p4vpn.api.PathAttributes.local(List.of(rt("65000:1"))),
                org.p4vpn.api.RouteSource.peer(org.p4vpn.api.RouteSource.Type.IBGP, peer, peer));
        engine.setPeerRoute(ext);
        VrfRoute r = best(PE2, "vpna", "10.99.0.0/16").orElseThrow();
        assertEquals(peer, r.nextHop());
        assertEquals(3000, r.label());
        assertEquals(peer, r.vpnRoute().get().attributes().originatorId().get(), "reflected from a non-client");
        assertTrue(best(PE1, "vpnb", "10.99.0.0/16").isEmpty(), "vpnb does not import 65000:1");
        engine.setNode(ProviderNode.of(P1, NodeRole.P, Ip4Address.valueOf("3.3.3.9")));
        assertTrue(best(PE1, "vpna", "10.99.0.0/16").isPresent(), "kept across a session rebuild");
        engine.removePeerRoute(peer, ext.prefix());
        assertTrue(best(PE1, "vpna", "10.99.0.0/16").isEmpty());
        assertTrue(engine.speakers().stream().filter(sp -> sp.clusterId().isPresent())
                           .noneMatch(sp -> sp.peers().containsKey(peer)), "the peer's session is gone");
    }

    @Test
    void ebgpPeerRoutesCarryTheirAsPath() {
        overlappingVpns();
        Ip4Address peer = Ip4Address.valueOf("198.51.100.1");
        org.p4vpn.api.VpnRoute ext = new org.p4vpn.api.VpnRoute(
                org.p4vpn.api.VpnPrefix.of("65100:1:10.77.0.0/16"), peer, 500,
                org.p4vpn.api.PathAttributes.local(List.of(rt("65000:2")))
                        .withAsPath(org.p4vpn.api.AsPath.sequence(65100)),
                org.p4vpn.api.RouteSource.peer(org.p4vpn.api.RouteSource.Type.EBGP, peer, peer));
        engine.setPeerRoute(ext);
        VrfRoute r = best(PE2, "vpnb", "10.77.0.0/16").orElseThrow();
        assertEquals(org.p4vpn.api.AsPath.sequence(65100), r.vpnRoute().get().attributes().asPath());
        assertEquals(VpnRouteEngine.DEFAULT_RR_ID, r.nextHop(), "next hop self on eBGP-learned routes");
    }
}
