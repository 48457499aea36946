package org.p4vpn.bgp.wire;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.Ip4Address;
import org.p4vpn.api.BgpNeighbor;
import org.p4vpn.api.PathAttributes;
import org.p4vpn.api.PeerRelation;
import org.p4vpn.api.RouteSource;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;
import org.p4vpn.p4rt.Poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our speakers talking to each other over loopback TCP: sessions establish, routes flow with RD,
 * RTs and label, a reflector sets ORIGINATOR_ID and CLUSTER_LIST, a backup reflector in the same
 * cluster drops what the other reflected, route refresh is answered, and a session that goes
 * down takes its routes with it.
 */
class WireSpeakerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Ip4Address CLUSTER = Ip4Address.valueOf("9.9.9.9");
    private final List<WireSpeaker> speakers = new ArrayList<>();

    static Ip4Address ip(String s) {
        return Ip4Address.valueOf(s);
    }

    private WireSpeaker start(String addr, String routerId, Ip4Address cluster) throws InterruptedException {
        WireSpeaker s = WireSpeaker.start(new SpeakerConfig(ip(routerId), 65000, cluster, ip(addr), Bgp.PORT, 9, 1,
                                                            0));
        speakers.add(s);
        return s;
    }

    @AfterEach
    void stop() {
        speakers.forEach(WireSpeaker::close);
    }

    private static VpnRoute route(String prefix, String nextHop, int label, String rt) {
        return new VpnRoute(VpnPrefix.of(prefix), ip(nextHop), label,
                            PathAttributes.local(List.of(RouteTarget.of(rt))), RouteSource.LOCAL);
    }

    private static boolean established(WireSpeaker s, String peer) {
        return s.peer(ip(peer)).state() == SessionState.ESTABLISHED;
    }

    @Test
    void reflectorPassesClientRoutesOnWithOriginatorAndClusterList() throws InterruptedException {
        WireSpeaker rr = start("127.77.1.1", "10.77.1.1", CLUSTER);
        WireSpeaker pe1 = start("127.77.1.2", "10.77.1.2", null);
        WireSpeaker pe2 = start("127.77.1.3", "10.77.1.3", null);
        rr.addPeer(new BgpNeighbor(ip("127.77.1.2"), 65000, PeerRelation.CLIENT, true));
        rr.addPeer(new BgpNeighbor(ip("127.77.1.3"), 65000, PeerRelation.CLIENT, false));
        pe1.addPeer(new BgpNeighbor(ip("127.77.1.1"), 65000, PeerRelation.NON_CLIENT, false));
        pe2.addPeer(new BgpNeighbor(ip("127.77.1.1"), 65000, PeerRelation.NON_CLIENT, true));
        assertTrue(Poll.until(WAIT, () -> established(rr, "127.77.1.2") && established(rr, "127.77.1.3")),
                   () -> rr.peers().toString());

        pe1.originate(route("65000:1:10.1.0.0/24", "10.77.1.2", 1001, "65000:1"));
        assertTrue(Poll.until(WAIT, () -> pe2.adjRibIn(ip("127.77.1.1")).size() == 1), () -> pe2.locRib().toString());
        VpnRoute got = pe2.adjRibIn(ip("127.77.1.1")).get(0);
        assertEquals(VpnPrefix.of("65000:1:10.1.0.0/24"), got.prefix());
        assertEquals(1001, got.label());
        assertEquals(ip("10.77.1.2"), got.nextHop(), "a reflector leaves the next hop alone");
        assertEquals(List.of(RouteTarget.of("65000:1")), List.copyOf(got.routeTargets()));
        assertEquals(ip("10.77.1.2"), got.attributes().originatorId().orElseThrow());
        assertEquals(List.of(CLUSTER), got.attributes().clusterList());
        assertEquals(1, rr.adjRibOut(ip("127.77.1.3")).size());
        assertEquals(0, rr.adjRibOut(ip("127.77.1.2")).size(), "not sent back to where it came from");

        long before = pe2.peer(ip("127.77.1.1")).prefixesIn();
        assertTrue(pe2.requestRefresh(ip("127.77.1.1")));
        assertTrue(Poll.until(WAIT, () -> pe2.peer(ip("127.77.1.1")).prefixesIn() > before),
                   "the reflector answers ROUTE-REFRESH by sending its routes again");
        assertTrue(rr.peer(ip("127.77.1.3")).refreshesIn() >= 1);

        pe1.withdrawLocal(VpnPrefix.of("65000:1:10.1.0.0/24"));
        assertTrue(Poll.until(WAIT, () -> pe2.adjRibIn(ip("127.77.1.1")).isEmpty()), "withdrawal reflected");

        pe1.originate(route("65000:1:10.1.1.0/24", "10.77.1.2", 1002, "65000:1"));
        assertTrue(Poll.until(WAIT, () -> pe2.adjRibIn(ip("127.77.1.1")).size() == 1));
        pe1.close();
        speakers.remove(pe1);
        assertTrue(Poll.until(WAIT, () -> pe2.adjRibIn(ip("127.77.1.1")).isEmpty()),
                   "a client going down takes its routes with it");
        assertTrue(Poll.until(WAIT, () -> !established(rr, "127.77.1.2")));
    }

    @Test
    void backupReflectorInTheSameClusterDropsReflectedRoutes() throws InterruptedException {
        WireSpeaker rrA = start("127.77.2.1", "10.77.2.1", CLUSTER);
        WireSpeaker rrB = start("127.77.2.2", "10.77.2.2", CLUSTER);
        WireSpeaker pe = start("127.77.2.3", "10.77.2.3", null);
        rrA.addPeer(new BgpNeighbor(ip("127.77.2.2"), 65000, PeerRelation.NON_CLIENT, false));
        rrB.addPeer(new BgpNeighbor(ip("127.77.2.1"), 65000, PeerRelation.NON_CLIENT, true));
        rrA.addPeer(new BgpNeighbor(ip("127.77.2.3"), 65000, PeerRelation.CLIENT, false));
        pe.addPeer(new BgpNeighbor(ip("127.77.2.1"), 65000, PeerRelation.NON_CLIENT, true));
        assertTrue(Poll.until(WAIT, () -> established(rrA, "127.77.2.2") && established(rrA, "127.77.2.3")));
        pe.originate(route("65000:5:10.5.0.0/16", "10.77.2.3", 77, "65000:5"));
        assertTrue(Poll.until(WAIT, () -> rrB.peer(ip("127.77.2.1")).prefixesIn() == 1),
                   "rrA reflects the client's route to its non-client rrB");
        assertEquals(0, rrB.prefixCount(), "rrB finds its own cluster id in CLUSTER_LIST and drops the route");
        assertEquals(1, rrA.prefixCount());
    }

    @Test
    void badConfigurationIsRefusedAndChangesNothing() throws InterruptedException {
        WireSpeaker pe = start("127.77.3.1", "10.77.3.1", null);
        assertThrows(org.p4vpn.api.InvalidInputException.class,
                () -> pe.addPeer(new BgpNeighbor(ip("127.77.3.2"), 65000, PeerRelation.CLIENT, true)));
        assertThrows(org.p4vpn.api.InvalidInputException.class,
                () -> pe.addPeer(new BgpNeighbor(ip("127.77.3.2"), 65001, PeerRelation.NON_CLIENT, true)));
        assertTrue(pe.peers().isEmpty());
    }
}
