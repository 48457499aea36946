package org.p4vpn.lsp;

import org.junit.jupiter.api.Test;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.p4vpn.api.LabelAllocator;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.Lsp;
import org.p4vpn.api.LspHop;
import org.p4vpn.api.TunnelMode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transport LSPs over small topologies: the seed's line, an ECMP diamond, a ring with a backup. */
class TransportPlannerTest {

    private static final DeviceId PE1 = DeviceId.deviceId("device:pe1");
    private static final DeviceId PE2 = DeviceId.deviceId("device:pe2");
    private static final DeviceId P1 = DeviceId.deviceId("device:p1");
    private static final DeviceId P2 = DeviceId.deviceId("device:p2");
    private static final DeviceId P3 = DeviceId.deviceId("device:p3");

    /** Sequential labels per device, from 16. */
    private static final class Labels implements LabelAllocator {
        final Map<LabelKey, Integer> map = new HashMap<>();
        final Map<DeviceId, Integer> next = new HashMap<>();

        @Override
        public int allocate(LabelKey key) {
            return map.computeIfAbsent(key, k -> next.merge(k.device(), 1, Integer::sum) + 15);
        }

        @Override
        public void release(LabelKey key) {
            map.remove(key);
        }
    }

    private final Labels labels = new Labels();
    private final List<TransportTopology.Link> links = new ArrayList<>();

    private void link(DeviceId a, int pa, DeviceId b, int pb, long w) {
        ConnectPoint ca = new ConnectPoint(a, PortNumber.portNumber(pa));
        ConnectPoint cb = new ConnectPoint(b, PortNumber.portNumber(pb));
        links.add(new TransportTopology.Link(ca, cb, w));
        links.add(new TransportTopology.Link(cb, ca, w));
    }

    private TransportPlan plan(TunnelMode mode, DeviceId... devices) {
        return new TransportPlanner(labels, mode).plan(new TransportTopology(List.of(devices), links),
                                                       List.of(PE1, PE2));
    }

    private int fec(DeviceId d, DeviceId egress) {
        return labels.map.get(TransportPlanner.fecKey(d, egress));
    }

    /** Seed Figure 6: PE1 -10- P1 -10- PE2. */
    private void line() {
        link(PE1, 10, P1, 1, 10);
        link(P1, 2, PE2, 10, 10);
    }

    @Test
    void phpPopsAtThePenultimateHop() {
        line();
        TransportPlan p = plan(TunnelMode.PHP, PE1, P1, PE2);
        TransportPlan.Tunnel atPe1 = p.tunnel(PE1, PE2).orElseThrow();
        assertEquals(1, atPe1.nextHops().size());
        assertEquals(P1, atPe1.nextHops().get(0).neighbour());
        assertEquals(fec(P1, PE2), atPe1.nextHops().get(0).outLabel(), "PE1 pushes P1's label for PE2");
        TransportPlan.Tunnel atP = p.tunnel(P1, PE2).orElseThrow();
        assertEquals(fec(P1, PE2), atP.inLabel());
        assertEquals(LspHop.IMPLICIT_NULL, atP.nextHops().get(0).outLabel(), "P1 pops (PHP)");
        assertTrue(p.tunnel(PE2, PE2).orElseThrow().nextHops().isEmpty(), "the tunnel ends at PE2");
        Lsp lsp = p.lsp(PE1, PE2).orElseThrow();
        assertEquals(1, lsp.primaries().size());
        assertEquals(List.of(PE1, P1), lsp.primaries().get(0).stream().map(LspHop::device)
                .collect(Collectors.toList()));
        assertTrue(lsp.backup().isEmpty(), "a line has no link-disjoint alternative");
    }

    @Test
    void explicitNullAndUltimateHopPopping() {
        line();
        assertEquals(0, plan(TunnelMode.EXPLICIT_NULL, PE1, P1, PE2).tunnel(P1, PE2).orElseThrow()
                .nextHops().get(0).outLabel());
        TransportPlan uhp = plan(TunnelMode.UHP, PE1, P1, PE2);
        assertEquals(uhp.tunnel(PE2, PE2).orElseThrow().inLabel(),
                     uhp.tunnel(P1, PE2).orElseThrow().nextHops().get(0).outLabel(), "PE2 receives its own label");
    }

    @Test
    void labelsAreLocalToEachSwitch() {
        line();
        TransportPlan p = plan(TunnelMode.PHP, PE1, P1, PE2);
        assertNotEquals(p.tunnel(P1, PE2).get().inLabel(), p.tunnel(P1, PE1).get().inLabel());
        assertTrue(p.labelKeys().contains(TransportPlanner.fecKey(P1, PE2)));
    }

    /** Two equal-cost paths: PE1-P1-PE2 and PE1-P2-PE2. */
    @Test
    void equalCostPathsAreAllUsed() {
        link(PE1, 1, P1, 1, 10);
        link(P1, 2, PE2, 1, 10);
        link(PE1, 2, P2, 1, 10);
        link(P2, 2, PE2, 2, 10);
        TransportPlan p = plan(TunnelMode.PHP, PE1, P1, P2, PE2);
        Set<DeviceId> via = p.tunnel(PE1, PE2).orElseThrow().nextHops().stream()
                .map(TransportPlan.NextHop::neighbour).collect(Collectors.toSet());
        assertEquals(Set.of(P1, P2), via);
        assertEquals(2, p.lsp(PE1, PE2).orElseThrow().primaries().size());
    }

    /** A ring: PE1-P1-PE2 is shorter than PE1-P2-P3-PE2. */
    private void ring() {
        link(PE1, 1, P1, 1, 10);
        link(P1, 2, PE2, 1, 10);
        link(PE1, 2, P2, 1, 10);
        link(P2, 2, P3, 1, 10);
        link(P3, 2, PE2, 2, 10);
    }

    @Test
    void backupPathAvoidsThePrimaryLinksWithItsOwnLabels() {
        ring();
        TransportPlan p = plan(TunnelMode.PHP, PE1, P1, P2, P3, PE2);
        Lsp lsp = p.lsp(PE1, PE2).orElseThrow();
        List<LspHop> backup = lsp.backup().orElseThrow();
        assertEquals(List.of(PE1, P2, P3), backup.stream().map(LspHop::device).collect(Collectors.toList()));
        int atP2 = labels.map.get(TransportPlanner.backupKey(P2, PE1, PE2));
        assertEquals(atP2, backup.get(0).outLabel());
        assertEquals(atP2, p.backupTunnels(P2).get("device:pe1>device:pe2").inLabel());
        assertEquals(LspHop.IMPLICIT_NULL, backup.get(2).outLabel(), "PHP at the backup's last P");
        assertNotEquals(p.tunnel(P2, PE2).orElseThrow().inLabel(), atP2, "backup labels are not the FEC labels");
    }

    @Test
    void aFailureSwitchesTheIngressToTheBackupAtOnce() {
        ring();
        TransportPlan p = plan(TunnelMode.PHP, PE1, P1, P2, P3, PE2);
        ConnectPoint pe1Side = new ConnectPoint(P1, PortNumber.portNumber(2));
        ConnectPoint pe2Side = new ConnectPoint(PE2, PortNumber.portNumber(1));
        TransportPlan onBackup = p.onLinkFailure(pe1Side, pe2Side);
        assertEquals(Lsp.State.ON_BACKUP, onBackup.lsp(PE1, PE2).orElseThrow().state());
        TransportPlan.NextHop h = onBackup.tunnel(PE1, PE2).orElseThrow().nextHops().get(0);
        assertEquals(P2, h.neighbour());
        assertEquals((int) labels.map.get(TransportPlanner.backupKey(P2, PE1, PE2)), h.outLabel());
        assertEquals(p.tunnel(P2, PE2), onBackup.tunnel(P2, PE2), "nothing else changes before recomputation");
        assertEquals(Lsp.State.ON_BACKUP, onBackup.lsp(PE2, PE1).orElseThrow().state(),
                     "the reverse LSP leaves by the failed link's other end");
        TransportPlan recomputed = new TransportPlanner(labels, TunnelMode.PHP).plan(
                new TransportTopology(List.of(PE1, P1, P2, P3, PE2), links).without(pe1Side), List.of(PE1, PE2));
        assertEquals(List.of(PE1, P2, P3), recomputed.lsp(PE1, PE2).orElseThrow().primaries().get(0).stream()
                .map(LspHop::device).collect(Collectors.toList()), "after recomputation the ring's long way is primary");
    }

    @Test
    void unreachableEgressMakesTheLspDown() {
        link(PE1, 1, P1, 1, 10);
        TransportPlan p = plan(TunnelMode.PHP, PE1, P1, PE2);
        assertEquals(Lsp.State.DOWN, p.lsp(PE1, PE2).orElseThrow().state());
        assertTrue(p.tunnel(PE1, PE2).isEmpty());
    }
}
