package org.p4vpn.bgp;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.Ip4Address;
import org.p4vpn.api.AsPath;
import org.p4vpn.api.PathAttributes;
import org.p4vpn.api.PeerRelation;
import org.p4vpn.api.RouteSource;
import org.p4vpn.api.VpnRoute;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Route reflection as seed 000 ("BGP Route Reflector") and RFC 4456 describe it, on networks of
 * in-memory speakers.
 */
class RouteReflectionTest {

    private Speakers s;

    @BeforeEach
    void setUp() {
        s = new Speakers();
    }

    /** Seed Figure 1: one RR, clients c1 and c2, non-clients n1 and n2 fully meshed with it. */
    private void figure1() {
        s.rr("rr", "1.1.1.1");
        for (String n : List.of("c1", "c2", "n1", "n2")) {
            s.speaker(n);
        }
        s.client("rr", "c1");
        s.client("rr", "c2");
        s.ibgp("rr", "n1");
        s.ibgp("rr", "n2");
        s.ibgp("n1", "n2");
    }

    @Test
    void clientRouteGoesToClientsAndNonClients() {
        figure1();
        s.originate("c1");
        for (String n : List.of("c2", "n1", "n2")) {
            assertEquals(List.of(s.id("rr")), s.heardFrom(n), n);
        }
        VpnRoute atC2 = s.best("c2");
        assertEquals(s.id("c1"), atC2.attributes().originatorId().get(), "ORIGINATOR_ID set on first reflection");
        assertEquals(List.of(Ip4Address.valueOf("1.1.1.1")), atC2.attributes().clusterList());
        assertEquals(s.id("c1"), atC2.nextHop(), "a reflector does not change the next hop");
    }

    @Test
    void nonClientRouteGoesToClientsOnly() {
        figure1();
        s.originate("n1");
        assertEquals(List.of(s.id("rr")), s.heardFrom("c1"));
        assertEquals(List.of(s.id("rr")), s.heardFrom("c2"));
        assertEquals(List.of(s.id("n1")), s.heardFrom("n2"), "n2 hears n1 directly, never through the RR");
    }

    @Test
    void ebgpRouteGoesToClientsAndNonClients() {
        figure1();
        s.ebgpSpeaker("isp", 65100);
        s.ebgp("rr", "isp");
        s.originate("isp");
        VpnRoute atRr = s.best("rr");
        assertEquals(RouteSource.Type.EBGP, atRr.source().type());
        assertEquals(AsPath.sequence(65100), atRr.attributes().asPath());
        for (String n : List.of("c1", "c2", "n1", "n2")) {
            assertEquals(List.of(s.id("rr")), s.heardFrom(n), n);
        }
        assertTrue(s.best("c1").attributes().originatorId().isEmpty(), "eBGP routes are not reflected, so no"
                + " ORIGINATOR_ID");
    }

    @Test
    void ibgpSpeakerWithoutReflectionDoesNotPassIbgpRoutesOn() {
        s.speaker("a");
        s.speaker("b");
        s.speaker("c");
        s.ibgp("a", "b");
        s.ibgp("b", "c");
        s.originate("a");
        assertEquals(1, s.paths("b").size());
        assertTrue(s.paths("c").isEmpty(), "iBGP split horizon");
    }

    @Test
    void clientToClientReflectionCanBeSwitchedOff() {
        figure1();
        s.get("rr").setClientToClientReflection(false);
        s.originate("c1");
        assertTrue(s.paths("c2").isEmpty(), "no client-to-client reflection");
        assertEquals(List.of(s.id("rr")), s.heardFrom("n1"), "client to non-client still flows");
        s.net.withdraw(s.id("c1"), Speakers.PREFIX);
        s.originate("n1");
        assertEquals(List.of(s.id("rr")), s.heardFrom("c2"), "non-client to client still flows");
    }

    @Test
    void speakerDiscardsRouteCarryingItsOwnRouterIdAsOriginator() {
        BgpSpeaker c1 = s.speaker("c1");
        s.rr("rr", "1.1.1.1");
        s.client("rr", "c1");
        VpnRoute looped = s.route("c2").withAttributes(s.route("c2").attributes().reflected(s.id("c1"),
                Ip4Address.valueOf("1.1.1.1")));
        assertNull(c1.receive(s.id("rr"), looped));
        assertTrue(c1.paths(Speakers.PREFIX).isEmpty());
        assertEquals(1, c1.state().discardedOriginatorLoops());
    }

    /** Seed Figure 2: rr1 and rr2 back each other up for clients c1..c3. */
    private void figure2(String cluster1, String cluster2) {
        s.rr("rr1", cluster1);
        s.rr("rr2", cluster2);
        for (String c : List.of("c1", "c2", "c3")) {
            s.speaker(c);
            s.client("rr1", c);
            s.client("rr2", c);
        }
        s.ibgp("rr1", "rr2");
        s.originate("c1");
    }

    @Test
    void backupReflectorsSharingAClusterIdDiscardEachOthersReflection() {
        figure2("9.9.9.9", "9.9.9.9");
        assertEquals(List.of(s.id("c1")), s.heardFrom("rr2"), "rr2 keeps only the copy from c1");
        assertEquals(List.of(s.id("c1")), s.heardFrom("rr1"));
        assertTrue(s.get("rr2").state().discardedClusterLoops() >= 1, "rr2 discarded rr1's reflection");
        assertEquals(Set.of(s.id("rr1"), s.id("rr2")), Set.copyOf(s.heardFrom("c2")), "c2 hears both RRs");
    }

    @Test
    void backupReflectorsWithDifferentClusterIdsReceiveBothCopies() {
        figure2("9.9.9.1", "9.9.9.2");
        assertEquals(Set.of(s.id("c1"), s.id("rr1")), Set.copyOf(s.heardFrom("rr2")));
        assertEquals(Set.of(s.id("c1"), s.id("rr2")), Set.copyOf(s.heardFrom("rr1")));
        assertEquals(0, s.get("rr2").state().discardedClusterLoops());
        assertEquals(s.id("c1"), s.best("rr2").source().peerAddress(), "the direct copy has the shorter CLUSTER_LIST");
    }

    /** Seed Figure 4: two level-1 RRs in cluster 1, core clients x1 x2, a level-2 RR client of rr1a. */
    private void figure4() {
        s.rr("rr1a", "1.0.0.1");
        s.rr("rr1b", "1.0.0.1");
        s.rr("rr2", "2.0.0.2");
        for (String n : List.of("x1", "x2", "l1", "l2")) {
            s.speaker(n);
        }
        s.ibgp("rr1a", "rr1b");
        for (String x : List.of("x1", "x2")) {
            s.client("rr1a", x);
            s.client("rr1b", x);
        }
        s.client("rr1a", "rr2");
        s.client("rr2", "l1");
        s.client("rr2", "l2");
    }

    @Test
    void hierarchicalReflectionCarriesBothClusters() {
        figure4();
        s.originate("l1");
        assertEquals(List.of(Ip4Address.valueOf("2.0.0.2")), s.best("l2").attributes().clusterList());
        VpnRoute atX1 = s.best("x1");
        assertEquals(List.of(Ip4Address.valueOf("1.0.0.1"), Ip4Address.valueOf("2.0.0.2")),
                     atX1.attributes().clusterList());
        assertEquals(s.id("l1"), atX1.attributes().originatorId().get(), "ORIGINATOR_ID is set once, by rr2");
        assertEquals(s.id("l1"), atX1.nextHop());
    }

    @Test
    void hierarchicalReflectionDownward() {
        figure4();
        s.originate("x1");
        VpnRoute atL1 = s.best("l1");
        assertEquals(List.of(Ip4Address.valueOf("2.0.0.2"), Ip4Address.valueOf("1.0.0.1")),
                     atL1.attributes().clusterList());
        assertEquals(s.id("x1"), atL1.attributes().originatorId().get());
    }

    @Test
    void withdrawalsAndSessionLossPropagate() {
        figure4();
        s.originate("l1");
        assertEquals(List.of(s.id("rr1a")), s.heardFrom("x1"),
                     "rr1b shares rr1a's cluster id, so it drops rr1a's copy and has none to give x1");
        s.net.withdraw(s.id("l1"), Speakers.PREFIX);
        for (String n : List.of("rr1a", "rr1b", "rr2", "x1", "x2", "l2")) {
            assertTrue(s.paths(n).isEmpty(), n);
        }
        s.originate("x2");
        assertEquals(1, s.paths("l1").size());
        s.net.disconnect(s.id("rr1a"), s.id("rr2"));
        assertTrue(s.paths("l1").isEmpty(), "l1 lost x2's route when rr2's only uplink went down");
        assertTrue(s.paths("rr2").isEmpty());
    }

    @Test
    void ebgpExportPrependsTheAsAndDropsIbgpAttributes() {
        s.rr("rr", "1.1.1.1");
        s.speaker("c1");
        s.client("rr", "c1");
        s.ebgpSpeaker("peer", 65200);
        s.ebgp("rr", "peer");
        s.originate("c1");
        VpnRoute atPeer = s.best("peer");
        assertEquals(AsPath.sequence(Speakers.AS), atPeer.attributes().asPath());
        assertTrue(atPeer.attributes().originatorId().isEmpty());
        assertTrue(atPeer.attributes().clusterList().isEmpty());
        assertEquals(s.id("rr"), atPeer.nextHop(), "next hop self toward eBGP");
    }

    @Test
    void ebgpRouteWithOwnAsIsDiscarded() {
        BgpSpeaker rr = s.rr("rr", "1.1.1.1");
        s.ebgpSpeaker("peer", 65200);
        s.ebgp("rr", "peer");
        VpnRoute r = s.route("peer").withAttributes(PathAttributes.local(List.of())
                .withAsPath(AsPath.sequence(65200, Speakers.AS)));
        assertNull(rr.receive(s.id("peer"), r));
        assertTrue(rr.paths(Speakers.PREFIX).isEmpty());
    }

    @Test
    void routeTargetFilterLimitsWhatAPeerReceives() {
        s.rr("rr", "1.1.1.1");
        s.speaker("c1");
        s.speaker("c2");
        s.client("rr", "c1");
        s.client("rr", "c2");
        s.net.setRtFilter(s.id("rr"), s.id("c2"), Set.of(org.p4vpn.api.RouteTarget.of("65000:99")));
        s.originate("c1");
        assertTrue(s.paths("c2").isEmpty(), "c2 imports no 65000:1");
        s.net.setRtFilter(s.id("rr"), s.id("c2"), Set.of(org.p4vpn.api.RouteTarget.of("65000:1")));
        assertEquals(1, s.paths("c2").size(), "widening the filter sends what now matches");
        s.net.setRtFilter(s.id("rr"), s.id("c2"), Set.of());
        assertTrue(s.paths("c2").isEmpty(), "narrowing it withdraws");
        assertEquals(PeerRelation.CLIENT, s.get("rr").state().peers().get(s.id("c2")));
    }
}
