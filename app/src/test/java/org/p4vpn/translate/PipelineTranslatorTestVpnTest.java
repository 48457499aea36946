package org.p4vpn.translate;

import org.junit.jupiter.api.Test;
import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.pi.runtime.PiAction;
import org.onosproject.net.pi.runtime.PiTableEntry;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.LabelMode;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.TunnelMode;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p4vpn.pipeconf.P4InfoConstants.*;
import static org.p4vpn.translate.PipelineTranslatorTest.ceOut;
import static org.p4vpn.translate.PipelineTranslatorTest.mplsOut;
import static org.p4vpn.translate.PipelineTranslatorTest.run;
import static org.p4vpn.translate.TranslatorFixture.*;

/**
 * {@link PipelineTranslator#translate} on VPN layouts beyond the seed: overlapping VPNs, local
 * route crossing between two VRFs of one PE, an ECMP diamond, per-CE and per-prefix VPN labels,
 * VLAN attachments, a CE whose MAC is not known yet, and an egress PE with no tunnel to it. Each
 * translation also passes {@link TranslationInvariants} and is repeatable (see
 * {@link PipelineTranslatorTest#run}).
 */
class PipelineTranslatorTestVpnTest {

    private static final VlanId UNTAGGED = VlanId.NONE;
    private static final MacAddress CE4_MAC = MacAddress.valueOf("00:cc:00:00:00:04");

    private final TranslatorFixture f = new TranslatorFixture();

    private static Ip4Prefix pfx(String s) {
        return Ip4Prefix.valueOf(s);
    }

    /** A VRF's vrf_fib entries on a switch: action by prefix (fails on a duplicate prefix). */
    static Map<Ip4Prefix, PiAction> vrfTable(DeviceEntries d, int vrf) {
        Map<Ip4Prefix, PiAction> out = new HashMap<>();
        for (PiTableEntry e : in(d, INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB)) {
            if (exactValue(e, HDR_VRF_ID) == vrf) {
                assertNull(out.put(lpmValue(e), (PiAction) e.action()), "two entries for " + lpmValue(e));
            }
        }
        return out;
    }

    /** The mpls_fib entries of VPN labels (everything but transit). */
    private static Set<PiTableEntry> vpnLabelEntries(DeviceEntries d) {
        return in(d, INGRESS_PIPE_IMPL_MPLS_FIB_MPLS_FIB).stream()
                .filter(e -> !((PiAction) e.action()).id().equals(INGRESS_PIPE_IMPL_MPLS_FIB_MPLS_TRANSIT))
                .collect(Collectors.toSet());
    }

    @Test
    void overlappingVpnsDifferOnlyInVrfAndVpnLabel() {
        f.seedCore();
        f.vpn("vpna", "65000:1", "65000:1", LabelMode.PER_VRF);
        f.vpn("vpnb", "65000:2", "65000:2", LabelMode.PER_VRF);
        f.site("a1", "vpna", PE1, 1, UNTAGGED, "10.1.1.0", CE1_MAC, "192.168.1.0/24");
        f.site("a2", "vpna", PE2, 1, UNTAGGED, "10.2.1.0", CE2_MAC, "192.168.2.0/24");
        f.site("b1", "vpnb", PE1, 2, UNTAGGED, "10.1.1.0", CE3_MAC, "192.168.1.0/24");
        f.site("b2", "vpnb", PE2, 2, UNTAGGED, "10.2.1.0", CE4_MAC, "192.168.2.0/24");
        Map<DeviceId, DeviceEntries> out = run(f, TunnelMode.PHP);
        int va = f.vrf("vpna");
        int vb = f.vrf("vpnb");
        int la = f.label(LabelKey.perVrf(PE2, "vpna"));
        int lb = f.label(LabelKey.perVrf(PE2, "vpnb"));
        assertNotEquals(va, vb);
        assertNotEquals(la, lb);
        DeviceEntries pe1 = out.get(PE1);
        Map<Ip4Prefix, PiAction> a = vrfTable(pe1, va);
        Map<Ip4Prefix, PiAction> b = vrfTable(pe1, vb);
        assertEquals(5, a.size(), a.toString());
        assertEquals(a.keySet(), b.keySet(), "same prefixes in both VRFs");
        int tunnel = f.fec(PE1, PE2);
        for (String p : List.of("10.2.1.0/24", "192.168.2.0/24")) {
            assertEquals(routeVpn(la, tunnel), a.get(pfx(p)), p);
            assertEquals(routeVpn(lb, tunnel), b.get(pfx(p)), p + ": same tunnel, other label");
        }
        for (String p : List.of("10.1.1.0/24", "192.168.1.0/24")) {
            assertEquals(routeLocal(f.next("a1")), a.get(pfx(p)), p);
            assertEquals(routeLocal(f.next("b1")), b.get(pfx(p)), p + ": each VRF to its own CE");
        }
        assertEquals(puntToRouter(), a.get(pfx("10.1.1.1/32")));
        assertEquals(puntToRouter(), b.get(pfx("10.1.1.1/32")));
        for (PiTableEntry e : withAction(pe1, INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB, INGRESS_PIPE_IMPL_VRF_FIB_ROUTE_VPN)) {
            long vrf = exactValue(e, HDR_VRF_ID);
            assertEquals(vrf == va ? la : lb, param((PiAction) e.action(), VPN_LABEL), "label leak: " + e);
        }
        DeviceEntries pe2 = out.get(PE2);
        assertEquals(Set.of(mplsEntry(la, popToVrf(va)), mplsEntry(lb, popToVrf(vb))), vpnLabelEntries(pe2));
        assertTrue(pe2.entries().containsAll(List.of(classifier(1, 0, setCePort(va)),
                                                     classifier(2, 0, setCePort(vb)))));
        int back = f.fec(PE2, PE1);
        assertEquals(routeVpn(f.label(LabelKey.perVrf(PE1, "vpnb")), back), vrfTable(pe2, vb).get(pfx("10.1.1.0/24")));
    }

    @Test
    void localRouteCrossingGoesStraightToTheOtherVrfsCe() {
        f.seedCore();
        f.vpn("red", "65000:30", List.of("65000:30", "65000:31"), List.of("65000:30"), LabelMode.PER_VRF);
        f.vpn("green", "65000:31", List.of("65000:31", "65000:30"), List.of("65000:31"), LabelMode.PER_VRF);
        f.site("r", "red", PE1, 1, UNTAGGED, "10.3.0.0", CE1_MAC, "172.30.0.0/16");
        f.site("g", "green", PE1, 2, UNTAGGED, "10.3.1.0", CE3_MAC, "172.31.0.0/16");
        assertEquals(VrfRoute.Kind.LOCAL_CROSSING, f.engine.bestRoute(new VrfKey(PE1, "red"), pfx("172.31.0.0/16"))
                .orElseThrow().kind(), "precondition");
        DeviceEntries pe1 = run(f, TunnelMode.PHP).get(PE1);
        int r = f.next("r");
        int g = f.next("g");
        Map<Ip4Prefix, PiAction> red = vrfTable(pe1, f.vrf("red"));
        Map<Ip4Prefix, PiAction> green = vrfTable(pe1, f.vrf("green"));
        assertEquals(routeLocal(g), red.get(pfx("172.31.0.0/16")));
        assertEquals(routeLocal(g), red.get(pfx("10.3.1.0/24")));
        assertEquals(routeLocal(r), red.get(pfx("172.30.0.0/16")));
        assertEquals(routeLocal(r), green.get(pfx("172.30.0.0/16")));
        assertEquals(routeLocal(r), green.get(pfx("10.3.0.0/24")));
        assertEquals(routeLocal(g), green.get(pfx("172.31.0.0/16")));
        assertTrue(withAction(pe1, INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB, INGRESS_PIPE_IMPL_VRF_FIB_ROUTE_VPN).isEmpty(),
                   "crossing uses no label");
        assertEquals(List.of(ceOut(2, PE1_MAC, CE3_MAC, 0)), memberActions(pe1, g));
        // Each VRF punts the other site's PE interface address too: the router answers it.
        assertEquals(puntToRouter(), red.get(pfx("10.3.1.1/32")));
        assertEquals(puntToRouter(), green.get(pfx("10.3.0.1/32")));
    }

    @Test
    void ecmpDiamondGivesOneMemberPerEqualCostPath() {
        f.node(PE1, NodeRole.PE, "1.1.1.1", PE1_MAC);
        f.node(P, NodeRole.P, "3.3.3.3", P_MAC);
        f.node(P2, NodeRole.P, "4.4.4.4", P2_MAC);
        f.node(PE2, NodeRole.PE, "2.2.2.2", PE2_MAC);
        f.link(PE1, 11, P, 1, 10);
        f.link(P, 2, PE2, 11, 10);
        f.link(PE1, 12, P2, 1, 10);
        f.link(P2, 2, PE2, 12, 10);
        f.seedSites();
        Map<DeviceId, DeviceEntries> out = run(f, TunnelMode.PHP);
        int tunnel = f.fec(PE1, PE2);
        DeviceEntries pe1 = out.get(PE1);
        assertEquals(Set.of(mplsOut(f.fec(P, PE2), 11, PE1_MAC, P_MAC), mplsOut(f.fec(P2, PE2), 12, PE1_MAC, P2_MAC)),
                     new HashSet<>(memberActions(pe1, tunnel)));
        assertEquals(expectedGroup(tunnel, 2), group(pe1, tunnel));
        assertEquals(routeVpn(f.label(LabelKey.perVrf(PE2, "vpna")), tunnel),
                     vrfTable(pe1, f.vrf("vpna")).get(pfx("192.168.2.0/24")));
        int back = f.fec(PE2, PE1);
        assertEquals(Set.of(mplsOut(f.fec(P, PE1), 11, PE2_MAC, P_MAC), mplsOut(f.fec(P2, PE1), 12, PE2_MAC, P2_MAC)),
                     new HashSet<>(memberActions(out.get(PE2), back)));
        assertTrue(pe1.entries().containsAll(List.of(classifier(11, 0, setCorePort()),
                                                     classifier(12, 0, setCorePort()))));
    }

    /** PE2 holds sites x (two static routes) and y (one); PE1 holds far. */
    private void twoSitesOnPe2(LabelMode mode) {
        f.seedCore();
        f.vpn("v", "65000:41", "1:2", mode);
        f.site("x", "v", PE2, 1, UNTAGGED, "10.2.1.0", CE2_MAC, "172.16.1.0/24", "172.16.2.0/24");
        f.site("y", "v", PE2, 2, UNTAGGED, "10.2.2.0", CE3_MAC, "172.16.3.0/24");
        f.site("far", "v", PE1, 1, UNTAGGED, "10.1.1.0", CE1_MAC);
    }

    @Test
    void perCeLabelsPopStraightToTheirCeAndConnectedOnesToTheVrf() {
        twoSitesOnPe2(LabelMode.PER_CE);
        Map<DeviceId, DeviceEntries> out = run(f, TunnelMode.PHP);
        int lx = f.label(LabelKey.perCe(PE2, "v", "x"));
        int ly = f.label(LabelKey.perCe(PE2, "v", "y"));
        int connected = f.label(LabelKey.perVrf(PE2, "v"));
        assertEquals(Set.of(mplsEntry(lx, popToCe(f.next("x"))), mplsEntry(ly, popToCe(f.next("y"))),
                            mplsEntry(connected, popToVrf(f.vrf("v")))),
                     vpnLabelEntries(out.get(PE2)));
        Map<Ip4Prefix, PiAction> pe1 = vrfTable(out.get(PE1), f.vrf("v"));
        int tunnel = f.fec(PE1, PE2);
        assertEquals(routeVpn(lx, tunnel), pe1.get(pfx("172.16.1.0/24")));
        assertEquals(routeVpn(lx, tunnel), pe1.get(pfx("172.16.2.0/24")));
        assertEquals(routeVpn(ly, tunnel), pe1.get(pfx("172.16.3.0/24")));
        assertEquals(routeVpn(connected, tunnel), pe1.get(pfx("10.2.1.0/24")),
                     "an attachment subnet is owned by the VRF, not by one CE");
        assertEquals(Set.of(mplsEntry(f.label(LabelKey.perVrf(PE1, "v")), popToVrf(f.vrf("v")))),
                     vpnLabelEntries(out.get(PE1)), "a site with only its attachment subnet needs no per-CE label");
    }

    @Test
    void perPrefixLabelsPopToThePrefixCeAndConnectedOnesToTheVrf() {
        twoSitesOnPe2(LabelMode.PER_PREFIX);
        Map<DeviceId, DeviceEntries> out = run(f, TunnelMode.PHP);
        Map<String, Integer> label = new HashMap<>();
        for (String p : List.of("172.16.1.0/24", "172.16.2.0/24", "172.16.3.0/24")) {
            label.put(p, f.label(LabelKey.perPrefix(PE2, "v", pfx(p))));
        }
        int connected = f.label(LabelKey.perVrf(PE2, "v"));
        label.put("10.2.1.0/24", connected);
        label.put("10.2.2.0/24", connected);
        assertEquals(4, new HashSet<>(label.values()).size(), "one label per learned prefix, one for the VRF");
        int x = f.next("x");
        int vrf = f.vrf("v");
        assertEquals(Set.of(mplsEntry(label.get("172.16.1.0/24"), popToCe(x)),
                            mplsEntry(label.get("172.16.2.0/24"), popToCe(x)),
                            mplsEntry(label.get("172.16.3.0/24"), popToCe(f.next("y"))),
                            mplsEntry(connected, popToVrf(vrf))),
                     vpnLabelEntries(out.get(PE2)));
        Map<Ip4Prefix, PiAction> pe1 = vrfTable(out.get(PE1), vrf);
        label.forEach((p, l) -> assertEquals(routeVpn(l, f.fec(PE1, PE2)), pe1.get(pfx(p)), p));
    }

    @Test
    void vlanAttachmentsAreClassifiedAndTaggedByVlan() {
        f.seed(LabelMode.PER_VRF, VlanId.vlanId((short) 100));
        f.vpn("vpnb", "65000:2", "65000:2", LabelMode.PER_VRF);
        f.site("ce3", "vpnb", PE2, 1, VlanId.vlanId((short) 200), "10.2.1.0", CE3_MAC);
        Map<DeviceId, DeviceEntries> out = run(f, TunnelMode.PHP);
        DeviceEntries pe2 = out.get(PE2);
        assertEquals(Set.of(classifier(1, 100, setCePort(f.vrf("vpna"))), classifier(1, 200, setCePort(f.vrf("vpnb"))),
                            classifier(10, 0, setCorePort())),
                     new HashSet<>(in(pe2, INGRESS_PIPE_IMPL_PORT_CLASSIFIER_PORT_CLASSIFIER)));
        assertEquals(List.of(ceOut(1, PE2_MAC, CE2_MAC, 100)), memberActions(pe2, f.next("ce2")));
        assertEquals(List.of(ceOut(1, PE2_MAC, CE3_MAC, 200)), memberActions(pe2, f.next("ce3")));
        assertEquals(List.of(ceOut(1, PE1_MAC, CE1_MAC, 0)), memberActions(out.get(PE1), f.next("ce1")),
                     "the untagged site stays untagged");
    }

    @Test
    void aCeWithoutKnownMacGetsNoNextHopButItsPortIsClassified() {
        for (LabelMode mode : List.of(LabelMode.PER_VRF, LabelMode.PER_CE)) {
            TranslatorFixture g = new TranslatorFixture();
            g.seedCore();
            g.vpn("vpna", "65000:1", "65000:1", mode);
            g.site("ce1", "vpna", PE1, 1, UNTAGGED, "10.1.1.0", CE1_MAC, "192.168.1.0/24");
            g.site("ce2", "vpna", PE2, 1, UNTAGGED, "10.2.1.0", null, "192.168.2.0/24");
            Map<DeviceId, DeviceEntries> out = run(g, TunnelMode.PHP);
            DeviceEntries pe2 = out.get(PE2);
            int vrf = g.vrf("vpna");
            int ce2 = g.next("ce2");
            assertTrue(pe2.entries().containsAll(List.of(classifier(1, 0, setCePort(vrf)),
                                                         vrfEntry(vrf, "10.2.1.1/32", puntToRouter()))), mode + "");
            assertNull(group(pe2, ce2), mode + ": no next group without the CE MAC");
            assertTrue(pe2.members().stream().noneMatch(m -> m.action().id().equals(INGRESS_PIPE_IMPL_NEXT_CE_OUT)));
            assertTrue(withAction(pe2, INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB, INGRESS_PIPE_IMPL_VRF_FIB_ROUTE_LOCAL)
                               .isEmpty(), mode + ": no route_local toward the unknown CE");
            assertTrue(withAction(pe2, INGRESS_PIPE_IMPL_MPLS_FIB_MPLS_FIB, INGRESS_PIPE_IMPL_MPLS_FIB_POP_TO_CE)
                               .isEmpty(), mode + ": no pop_to_ce toward the unknown CE");
            assertEquals(2, withAction(pe2, INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB, INGRESS_PIPE_IMPL_VRF_FIB_ROUTE_VPN)
                    .size(), mode + ": the routes toward CE1 are unaffected");
            if (mode == LabelMode.PER_VRF) {
                assertEquals(Set.of(mplsEntry(g.label(LabelKey.perVrf(PE2, "vpna")), popToVrf(vrf))),
                             vpnLabelEntries(pe2), "the per-VRF label still leads into the VRF");
            }
        }
    }

    @Test
    void remoteRoutesToThePeItselfOrToAnUnknownPeAreLeftOut() {
        f.seed(LabelMode.PER_VRF, UNTAGGED);
        ForwardingState s = f.state(TunnelMode.PHP, false);
        VrfKey key = new VrfKey(PE1, "vpna");
        Map<Ip4Prefix, VrfRoute> table = new HashMap<>(s.routes.get(key));
        // Hand-built: the egress is PE1 itself (its tunnel has no next hop), or no known PE.
        table.put(pfx("172.20.0.0/16"), new VrfRoute(pfx("172.20.0.0/16"), VrfRoute.Kind.REMOTE,
                org.onlab.packet.Ip4Address.valueOf("1.1.1.1"), null, null, 100, true));
        table.put(pfx("172.21.0.0/16"), new VrfRoute(pfx("172.21.0.0/16"), VrfRoute.Kind.REMOTE,
                org.onlab.packet.Ip4Address.valueOf("9.9.9.9"), null, null, 100, true));
        Map<VrfKey, Map<Ip4Prefix, VrfRoute>> routes = new HashMap<>(s.routes);
        routes.put(key, table);
        Map<DeviceId, DeviceEntries> out = PipelineTranslator.translate(new ForwardingState(
                s.switches, s.links, s.sites, s.ceMacs, s.vrfIds, routes, s.vpnLabels, s.plan, s.ceNextIds, false,
                s.transport));
        TranslationInvariants.check(out);
        Map<Ip4Prefix, PiAction> pe1 = vrfTable(out.get(PE1), f.vrf("vpna"));
        assertEquals(5, pe1.size(), pe1.toString());
        assertTrue(!pe1.containsKey(pfx("172.20.0.0/16")) && !pe1.containsKey(pfx("172.21.0.0/16")));
    }

    @Test
    void aRemoteRouteWithoutTunnelToItsEgressIsLeftOut() {
        f.node(PE1, NodeRole.PE, "1.1.1.1", PE1_MAC);
        f.node(P, NodeRole.P, "3.3.3.3", P_MAC);
        f.node(PE2, NodeRole.PE, "2.2.2.2", PE2_MAC);
        f.link(PE1, 10, P, 1, 10);  // P - PE2 is down
        f.seedSites();
        PipelineTranslatorTest.assertRemoteBest(f, PE1, "vpna", "192.168.2.0/24");
        Map<DeviceId, DeviceEntries> out = run(f, TunnelMode.PHP);
        int vrf = f.vrf("vpna");
        assertEquals(Set.of(pfx("10.1.1.0/24"), pfx("192.168.1.0/24"), pfx("10.1.1.1/32")),
                     vrfTable(out.get(PE1), vrf).keySet(), "only local entries at PE1");
        assertEquals(Set.of(pfx("10.2.1.0/24"), pfx("192.168.2.0/24"), pfx("10.2.1.1/32")),
                     vrfTable(out.get(PE2), vrf).keySet(), "only local entries at PE2");
        assertEquals(Set.of(f.next("ce1")), out.get(PE1).groups().stream().map(x -> x.id().id())
                .collect(Collectors.toSet()), "no tunnel group at PE1");
        assertTrue(in(out.get(PE2), INGRESS_PIPE_IMPL_PORT_CLASSIFIER_PORT_CLASSIFIER)
                           .contains(classifier(1, 0, setCePort(vrf))));
    }
}
