package org.p4vpn.translate;

import org.junit.jupiter.api.Test;
import org.onlab.packet.Ip4Prefix;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.pi.runtime.PiTableEntry;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.LabelMode;
import org.p4vpn.api.Lsp;
import org.p4vpn.api.LspHop;
import org.p4vpn.api.TunnelMode;
import org.p4vpn.lsp.TransportPlan;
import org.p4vpn.lsp.TransportPlanner;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p4vpn.pipeconf.P4InfoConstants.*;
import static org.p4vpn.translate.PipelineTranslatorTest.mplsOut;
import static org.p4vpn.translate.PipelineTranslatorTest.popOut;
import static org.p4vpn.translate.PipelineTranslatorTest.run;
import static org.p4vpn.translate.PipelineTranslatorTestVpnTest.vrfTable;
import static org.p4vpn.translate.TranslatorFixture.*;

/**
 * RFC 2917 section 11 on the seed chain PE1 - P - PE2: VPN "gold" has private LSPs and QoS class 5,
 * VPN "std" uses the shared best-effort LSPs. Gold's routes point at tunnels of its own (own labels
 * on every switch) and mark both pushed labels with traffic class 5; std is untouched.
 */
class PrivateLspTranslatorTest {

    private static final Ip4Prefix REMOTE = Ip4Prefix.valueOf("192.168.2.0/24");
    private static final org.onlab.packet.VlanId UNTAGGED = org.onlab.packet.VlanId.NONE;

    private final TranslatorFixture f = new TranslatorFixture();

    private void goldAndStd() {
        f.seedCore();
        f.vpn("gold", "65000:1", "65000:1", LabelMode.PER_VRF);
        f.vpn("std", "65000:2", "65000:2", LabelMode.PER_VRF);
        f.transport("gold", true, 5);
        f.site("g1", "gold", PE1, 1, UNTAGGED, "10.1.1.0", CE1_MAC, "192.168.1.0/24");
        f.site("g2", "gold", PE2, 1, UNTAGGED, "10.2.1.0", CE2_MAC, "192.168.2.0/24");
        f.site("s1", "std", PE1, 2, UNTAGGED, "10.1.1.0", CE1_MAC, "192.168.1.0/24");
        f.site("s2", "std", PE2, 2, UNTAGGED, "10.2.1.0", CE2_MAC, "192.168.2.0/24");
    }

    private int privateLabel(DeviceId at) {
        return f.label(TransportPlanner.privateKey(at, "gold", PE2));
    }

    @Test
    void goldUsesItsOwnLabelsAndClassStdTheSharedOnes() {
        goldAndStd();
        Map<DeviceId, DeviceEntries> out = run(f, TunnelMode.PHP);
        int atPe1 = privateLabel(PE1);
        int atP = privateLabel(P);
        assertNotEquals(f.fec(PE1, PE2), atPe1, "gold's tunnel is not the shared one");
        assertEquals(routeVpn(f.label(LabelKey.perVrf(PE2, "gold")), atPe1, 5),
                     vrfTable(out.get(PE1), f.vrf("gold")).get(REMOTE));
        assertEquals(routeVpn(f.label(LabelKey.perVrf(PE2, "std")), f.fec(PE1, PE2), 0),
                     vrfTable(out.get(PE1), f.vrf("std")).get(REMOTE));
        // PE1 pushes P's private label; P pops it for PE2 (PHP), as it does the shared one.
        assertEquals(List.of(mplsOut(atP, 10, PE1_MAC, P_MAC)), memberActions(out.get(PE1), atPe1));
        assertTrue(out.get(P).entries().contains(mplsEntry(atP, transit(atP))));
        assertEquals(List.of(popOut(2, P_MAC, PE2_MAC)), memberActions(out.get(P), atP));
        assertTrue(out.get(P).entries().contains(mplsEntry(f.fec(P, PE2), transit(f.fec(P, PE2)))),
                   "the shared tunnel stays for std");
    }

    @Test
    void theLspViewListsPrivateLspsHopByHop() {
        goldAndStd();
        TransportPlan plan = f.plan(TunnelMode.PHP);
        Lsp gold = plan.lsps().stream().filter(l -> l.vpn().equals(java.util.Optional.of("gold"))
                && l.ingress().equals(PE1)).findFirst().orElseThrow();
        assertEquals(Lsp.State.UP, gold.state());
        List<LspHop> hops = gold.primaries().get(0);
        assertEquals(List.of(PE1, P), List.of(hops.get(0).device(), hops.get(1).device()));
        assertEquals(privateLabel(P), hops.get(0).outLabel());
        assertEquals(LspHop.IMPLICIT_NULL, hops.get(1).outLabel());
        assertEquals(2, plan.lsps().stream().filter(l -> l.vpn().isEmpty()).count(), "the shared LSPs remain");
    }

    @Test
    void withUltimateHopPoppingTheEgressPopsGoldsOwnLabel() {
        goldAndStd();
        Map<DeviceId, DeviceEntries> out = run(f, TunnelMode.UHP);
        int atPe2 = privateLabel(PE2);
        PiTableEntry terminate = null;
        for (PiTableEntry e : in(out.get(PE2), INGRESS_PIPE_IMPL_MPLS_TERMINATE_MPLS_TERMINATE)) {
            if (exactValue(e, HDR_LABEL) == atPe2) {
                terminate = e;
            }
        }
        assertTrue(terminate != null, "PE2 ends gold's tunnel by its own label " + atPe2);
        assertEquals(List.of(mplsOut(atPe2, 2, P_MAC, PE2_MAC)), memberActions(out.get(P), privateLabel(P)));
    }

    @Test
    void aFailureUnderTheTunnelFallsBackToTheSharedLsp() {
        goldAndStd();
        ConnectPoint pe1Side = new ConnectPoint(PE1, PortNumber.portNumber(10));
        TransportPlan failed = f.plan(TunnelMode.PHP).onLinkFailure(pe1Side,
                new ConnectPoint(P, PortNumber.portNumber(1)));
        assertTrue(failed.privateTunnel(PE1, "gold", PE2).isEmpty(), "gold's broken tunnel is withdrawn at PE1");
        assertTrue(failed.lsps().stream().anyMatch(l -> l.vpn().isPresent() && l.ingress().equals(PE1)
                && l.state() == Lsp.State.DOWN));
        Map<DeviceId, DeviceEntries> after = PipelineTranslator.translate(f.state(failed, false));
        assertEquals(routeVpn(f.label(LabelKey.perVrf(PE2, "gold")), f.fec(PE1, PE2), 5),
                     vrfTable(after.get(PE1), f.vrf("gold")).get(REMOTE), "shared LSP, still class 5");
    }

    @Test
    void aQosClassWithoutPrivateLspsMarksTheSharedLsp() {
        goldAndStd();
        f.transport("gold", false, 3);
        Map<DeviceId, DeviceEntries> out = run(f, TunnelMode.PHP);
        assertEquals(routeVpn(f.label(LabelKey.perVrf(PE2, "gold")), f.fec(PE1, PE2), 3),
                     vrfTable(out.get(PE1), f.vrf("gold")).get(REMOTE));
        assertTrue(f.plan(TunnelMode.PHP).privateTunnels(P).isEmpty());
    }
}
