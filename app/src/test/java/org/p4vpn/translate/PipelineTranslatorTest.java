package org.p4vpn.translate;

import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.VlanId;
import org.junit.jupiter.api.Test;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.pi.runtime.PiAction;
import org.onosproject.net.pi.runtime.PiTableEntry;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.LabelMode;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.TunnelMode;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;
import org.p4vpn.lsp.TransportPlan;

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
import static org.p4vpn.translate.TranslatorFixture.*;

/**
 * {@link PipelineTranslator#translate} on small networks built with the real route engine and
 * LSP planner: seed Figure 6 (CE1-PE1-P-PE2-CE2) entry by entry under PHP, UHP and explicit null;
 * punts. Every translation here and in {@link PipelineTranslatorTestVpnTest} also passes
 * {@link TranslationInvariants} (unique member ids, every next id backed by a group, no duplicate
 * keys), and translating a state twice gives equal results.
 */
class PipelineTranslatorTest {

    private static final VlanId UNTAGGED = VlanId.NONE;

    private final TranslatorFixture f = new TranslatorFixture();

    /** Translates, checks the invariants, and checks that a second translation is equal. */
    static Map<DeviceId, DeviceEntries> run(TranslatorFixture fx, TunnelMode mode) {
        ForwardingState state = fx.state(mode, false);
        Map<DeviceId, DeviceEntries> out = PipelineTranslator.translate(state);
        TranslationInvariants.check(out);
        assertEquals(out, PipelineTranslator.translate(state), "same state, same entities");
        assertEquals(fx.switches.keySet(), out.keySet(), "one result per switch");
        return out;
    }

    private static PiTableEntry bgpDst() {
        return puntEntry(PiBuild.ternary(HDR_IP_PROTO, 6, HDR_IP_PROTO_BITWIDTH),
                         PiBuild.ternary(HDR_L4_DST_PORT, 179, HDR_L4_DST_PORT_BITWIDTH));
    }

    private static PiTableEntry bgpSrc() {
        return puntEntry(PiBuild.ternary(HDR_IP_PROTO, 6, HDR_IP_PROTO_BITWIDTH),
                         PiBuild.ternary(HDR_L4_SRC_PORT, 179, HDR_L4_SRC_PORT_BITWIDTH));
    }

    private static PiTableEntry ethType(int type) {
        return puntEntry(PiBuild.ternary(HDR_ETH_TYPE, type, HDR_ETH_TYPE_BITWIDTH));
    }

    static PiAction mplsOut(int label, int port, org.onlab.packet.MacAddress smac,
                                    org.onlab.packet.MacAddress dmac) {
        return PiBuild.mplsOut(label, PortNumber.portNumber(port), smac, dmac);
    }

    static PiAction popOut(int port, org.onlab.packet.MacAddress smac, org.onlab.packet.MacAddress dmac) {
        return PiBuild.mplsPopOut(PortNumber.portNumber(port), smac, dmac);
    }

    static PiAction ceOut(int port, org.onlab.packet.MacAddress smac, org.onlab.packet.MacAddress dmac, int vlan) {
        return PiBuild.ceOut(PortNumber.portNumber(port), smac, dmac, vlan);
    }

    @Test
    void seedPhpIngressPe() {
        f.seed(LabelMode.PER_VRF, UNTAGGED);
        DeviceEntries pe1 = run(f, TunnelMode.PHP).get(PE1);
        int vpnLabel = f.label(LabelKey.perVrf(PE2, "vpna"));
        int tunnel = f.fec(PE1, PE2);
        int vrf = f.vrf("vpna");
        assertNotEquals(f.fec(P, PE2), f.fec(PE2, PE2), "sanity: distinct labels in play");
        assertTrue(pe1.entries().containsAll(List.of(
                stationEntry(PE1_MAC),
                classifier(1, 0, setCePort(vrf)),
                classifier(10, 0, setCorePort()))), pe1.entries().toString());
        assertEquals(2, in(pe1, INGRESS_PIPE_IMPL_PORT_CLASSIFIER_PORT_CLASSIFIER).size());
        assertEquals(Set.of(
                vrfEntry(vrf, "10.2.1.0/24", routeVpn(vpnLabel, tunnel)),
                vrfEntry(vrf, "192.168.2.0/24", routeVpn(vpnLabel, tunnel)),
                vrfEntry(vrf, "10.1.1.0/24", routeLocal(f.next("ce1"))),
                vrfEntry(vrf, "192.168.1.0/24", routeLocal(f.next("ce1"))),
                vrfEntry(vrf, "10.1.1.1/32", puntToRouter())),
                new HashSet<>(in(pe1, INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB)));
        assertEquals(5, in(pe1, INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB).size());
        // The tunnel toward PE2: one member pushing P's label for PE2 out of port 10 to P's MAC.
        PiAction toP = mplsOut(f.fec(P, PE2), 10, PE1_MAC, P_MAC);
        assertEquals(expectedGroup(tunnel, 1), group(pe1, tunnel));
        assertTrue(pe1.members().contains(expectedMember(tunnel * 16, toP)), pe1.members().toString());
        assertTrue(pe1.entries().contains(nextEntry(tunnel)));
        assertEquals(List.of(ceOut(1, PE1_MAC, CE1_MAC, 0)), memberActions(pe1, f.next("ce1")));
        assertTrue(pe1.entries().contains(mplsEntry(f.label(LabelKey.perVrf(PE1, "vpna")), popToVrf(vrf))));
        assertTrue(in(pe1, INGRESS_PIPE_IMPL_MPLS_TERMINATE_MPLS_TERMINATE).isEmpty(), "PHP: nothing to terminate");
    }

    @Test
    void seedPhpTransitRouterHasExactlyItsLabelSwitching() {
        f.seed(LabelMode.PER_VRF, UNTAGGED);
        DeviceEntries p = run(f, TunnelMode.PHP).get(P);
        int toPe2 = f.fec(P, PE2);
        int toPe1 = f.fec(P, PE1);
        assertEquals(Set.of(stationEntry(P_MAC), bgpDst(), bgpSrc(),
                            classifier(1, 0, setCorePort()), classifier(2, 0, setCorePort()),
                            mplsEntry(toPe2, transit(toPe2)), nextEntry(toPe2),
                            mplsEntry(toPe1, transit(toPe1)), nextEntry(toPe1)),
                     new HashSet<>(p.entries()));
        assertEquals(9, p.entries().size(), "no duplicates");
        assertEquals(List.of(popOut(2, P_MAC, PE2_MAC)), memberActions(p, toPe2), "PHP toward PE2");
        assertEquals(List.of(popOut(1, P_MAC, PE1_MAC)), memberActions(p, toPe1), "PHP toward PE1");
        assertEquals(Set.of(expectedGroup(toPe1, 1), expectedGroup(toPe2, 1)), new HashSet<>(p.groups()));
        assertEquals(2, p.members().size());
    }

    @Test
    void seedPhpEgressPeHasExactlyItsEntries() {
        f.seed(LabelMode.PER_VRF, UNTAGGED);
        DeviceEntries pe2 = run(f, TunnelMode.PHP).get(PE2);
        int vrf = f.vrf("vpna");
        int ce2 = f.next("ce2");
        int back = f.fec(PE2, PE1);
        int pe1Label = f.label(LabelKey.perVrf(PE1, "vpna"));
        Set<PiTableEntry> expected = Set.of(
                stationEntry(PE2_MAC), bgpDst(), bgpSrc(),
                classifier(10, 0, setCorePort()), classifier(1, 0, setCePort(vrf)),
                mplsEntry(back, transit(back)), nextEntry(back), nextEntry(ce2),
                vrfEntry(vrf, "10.2.1.1/32", puntToRouter()),
                vrfEntry(vrf, "10.2.1.0/24", routeLocal(ce2)),
                vrfEntry(vrf, "192.168.2.0/24", routeLocal(ce2)),
                vrfEntry(vrf, "10.1.1.0/24", routeVpn(pe1Label, back)),
                vrfEntry(vrf, "192.168.1.0/24", routeVpn(pe1Label, back)),
                mplsEntry(f.label(LabelKey.perVrf(PE2, "vpna")), popToVrf(vrf)));
        assertEquals(expected, new HashSet<>(pe2.entries()));
        assertEquals(expected.size(), pe2.entries().size(), "no duplicates");
        assertEquals(List.of(ceOut(1, PE2_MAC, CE2_MAC, 0)), memberActions(pe2, ce2));
        assertEquals(expectedGroup(ce2, 1), group(pe2, ce2));
        assertEquals(List.of(mplsOut(f.fec(P, PE1), 10, PE2_MAC, P_MAC)), memberActions(pe2, back));
        assertNull(group(pe2, f.fec(PE2, PE2)), "no group for the tunnel ending here");
    }

    @Test
    void ultimateHopPoppingSwapsToTheEgressLabelWhichTheEgressTerminates() {
        f.seed(LabelMode.PER_VRF, UNTAGGED);
        Map<DeviceId, DeviceEntries> out = run(f, TunnelMode.UHP);
        int pe2Own = f.fec(PE2, PE2);
        assertEquals(List.of(mplsOut(pe2Own, 2, P_MAC, PE2_MAC)), memberActions(out.get(P), f.fec(P, PE2)));
        assertEquals(List.of(terminateEntry(pe2Own)),
                     in(out.get(PE2), INGRESS_PIPE_IMPL_MPLS_TERMINATE_MPLS_TERMINATE));
        assertEquals(List.of(terminateEntry(f.fec(PE1, PE1))),
                     in(out.get(PE1), INGRESS_PIPE_IMPL_MPLS_TERMINATE_MPLS_TERMINATE));
        assertTrue(in(out.get(P), INGRESS_PIPE_IMPL_MPLS_TERMINATE_MPLS_TERMINATE).isEmpty());
        assertTrue(in(out.get(PE2), INGRESS_PIPE_IMPL_MPLS_FIB_MPLS_FIB).stream()
                           .noneMatch(e -> exactValue(e, HDR_LABEL) == pe2Own), "terminated, not switched");
        // After the transport label is popped, the VPN label still goes to the VRF.
        assertTrue(out.get(PE2).entries().contains(mplsEntry(f.label(LabelKey.perVrf(PE2, "vpna")),
                                                             popToVrf(f.vrf("vpna")))));
    }

    @Test
    void explicitNullSwapsToLabelZeroAndNeedsNoTerminateEntry() {
        f.seed(LabelMode.PER_VRF, UNTAGGED);
        Map<DeviceId, DeviceEntries> out = run(f, TunnelMode.EXPLICIT_NULL);
        assertEquals(List.of(mplsOut(0, 2, P_MAC, PE2_MAC)), memberActions(out.get(P), f.fec(P, PE2)));
        assertEquals(List.of(mplsOut(0, 1, P_MAC, PE1_MAC)), memberActions(out.get(P), f.fec(P, PE1)));
        out.forEach((d, e) -> assertTrue(in(e, INGRESS_PIPE_IMPL_MPLS_TERMINATE_MPLS_TERMINATE).isEmpty(),
                                         d + " terminates nothing"));
        assertEquals(List.of(mplsOut(f.fec(P, PE2), 10, PE1_MAC, P_MAC)), memberActions(out.get(PE1),
                                                                                       f.fec(PE1, PE2)));
    }

    @Test
    void adjacentPesWithPhpSendOnlyTheVpnLabel() {
        f.node(PE1, NodeRole.PE, "1.1.1.1", PE1_MAC);
        f.node(PE2, NodeRole.PE, "2.2.2.2", PE2_MAC);
        f.link(PE1, 10, PE2, 10, 10);
        f.vpn("vpna", "65000:1", "65000:1", LabelMode.PER_VRF);
        f.site("ce1", "vpna", PE1, 1, UNTAGGED, "10.1.1.0", CE1_MAC);
        f.site("ce2", "vpna", PE2, 1, UNTAGGED, "10.2.1.0", CE2_MAC);
        DeviceEntries pe1 = run(f, TunnelMode.PHP).get(PE1);
        assertEquals(List.of(popOut(10, PE1_MAC, PE2_MAC)), memberActions(pe1, f.fec(PE1, PE2)));
        assertTrue(pe1.entries().contains(vrfEntry(f.vrf("vpna"), "10.2.1.0/24",
                routeVpn(f.label(LabelKey.perVrf(PE2, "vpna")), f.fec(PE1, PE2)))));
    }

    @Test
    void bgpIsAlwaysPuntedAndDiscoveryOnlyWhenAsked() {
        f.seed(LabelMode.PER_VRF, UNTAGGED);
        Map<DeviceId, DeviceEntries> without = PipelineTranslator.translate(f.state(TunnelMode.PHP, false));
        Map<DeviceId, DeviceEntries> with = PipelineTranslator.translate(f.state(TunnelMode.PHP, true));
        TranslationInvariants.check(with);
        for (DeviceId d : List.of(PE1, P, PE2)) {
            List<PiTableEntry> plain = in(without.get(d), INGRESS_PIPE_IMPL_PUNT_PUNT);
            assertEquals(Set.of(bgpDst(), bgpSrc()), new HashSet<>(plain), d.toString());
            assertEquals(2, plain.size());
            List<PiTableEntry> all = in(with.get(d), INGRESS_PIPE_IMPL_PUNT_PUNT);
            assertEquals(Set.of(bgpDst(), bgpSrc(), ethType(Ethernet.TYPE_ARP), ethType(0x88cc), ethType(0x8942)),
                         new HashSet<>(all), d.toString());
            assertEquals(5, all.size());
            // Only the punt table differs.
            assertEquals(without.get(d).entries().stream().filter(e -> !e.table().equals(INGRESS_PIPE_IMPL_PUNT_PUNT))
                                 .collect(Collectors.toList()),
                         with.get(d).entries().stream().filter(e -> !e.table().equals(INGRESS_PIPE_IMPL_PUNT_PUNT))
                                 .collect(Collectors.toList()));
        }
    }

    @Test
    void translationIsDeterministicAcrossIndependentlyBuiltStates() {
        TranslatorFixture other = new TranslatorFixture();
        f.seed(LabelMode.PER_CE, UNTAGGED);
        other.seed(LabelMode.PER_CE, UNTAGGED);
        for (TunnelMode mode : TunnelMode.values()) {
            assertEquals(run(f, mode), run(other, mode), mode.toString());
        }
    }

    @Test
    void backupPathsGetTransitEntriesOfTheirOwn() {
        DeviceId p3 = DeviceId.deviceId("device:p3");
        org.onlab.packet.MacAddress p3Mac = org.onlab.packet.MacAddress.valueOf("00:aa:00:00:00:05");
        f.node(PE1, NodeRole.PE, "1.1.1.1", PE1_MAC);
        f.node(P, NodeRole.P, "3.3.3.3", P_MAC);
        f.node(P2, NodeRole.P, "4.4.4.4", P2_MAC);
        f.node(p3, NodeRole.P, "5.5.5.5", p3Mac);
        f.node(PE2, NodeRole.PE, "2.2.2.2", PE2_MAC);
        f.link(PE1, 11, P, 1, 10);
        f.link(P, 2, PE2, 11, 10);
        f.link(PE1, 12, P2, 1, 10);
        f.link(P2, 2, p3, 1, 10);
        f.link(p3, 2, PE2, 12, 10);
        f.seedSites();
        Map<DeviceId, DeviceEntries> out = run(f, TunnelMode.PHP);
        int atP2 = f.label(org.p4vpn.lsp.TransportPlanner.backupKey(P2, PE1, PE2));
        int atP3 = f.label(org.p4vpn.lsp.TransportPlanner.backupKey(p3, PE1, PE2));
        assertTrue(out.get(P2).entries().contains(mplsEntry(atP2, transit(atP2))));
        assertEquals(List.of(mplsOut(atP3, 2, P2_MAC, p3Mac)), memberActions(out.get(P2), atP2));
        assertEquals(List.of(popOut(2, p3Mac, PE2_MAC)), memberActions(out.get(p3), atP3));
        // The primary still goes by P, the shorter way.
        assertEquals(List.of(mplsOut(f.fec(P, PE2), 11, PE1_MAC, P_MAC)), memberActions(out.get(PE1),
                                                                                       f.fec(PE1, PE2)));
        // P - PE2 fails: before any recomputation only PE1's group changes, into the backup path.
        ConnectPoint pSide = new ConnectPoint(P, PortNumber.portNumber(2));
        TransportPlan failed = f.plan(TunnelMode.PHP).onLinkFailure(pSide, new ConnectPoint(PE2,
                PortNumber.portNumber(11)));
        f.links.removeIf(l -> l.touches(pSide));
        Map<DeviceId, DeviceEntries> after = PipelineTranslator.translate(f.state(failed, false));
        TranslationInvariants.check(after);
        assertEquals(List.of(mplsOut(atP2, 12, PE1_MAC, P2_MAC)), memberActions(after.get(PE1), f.fec(PE1, PE2)));
        assertEquals(in(out.get(PE1), INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB),
                     in(after.get(PE1), INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB), "routes keep their next id");
        assertEquals(out.get(P2), after.get(P2), "the backup path was already in place");
    }

    /** Precondition of the unreachable-egress test: the engine does pick the remote route. */
    static void assertRemoteBest(TranslatorFixture fx, DeviceId pe, String vpn, String prefix) {
        VrfRoute r = fx.engine.bestRoute(new VrfKey(pe, vpn), Ip4Prefix.valueOf(prefix)).orElseThrow();
        assertEquals(VrfRoute.Kind.REMOTE, r.kind(), r.toString());
    }
}
