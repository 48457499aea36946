package org.p4vpn.bgp.wire.interop;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.onlab.packet.Ip4Address;
import org.p4vpn.api.BgpNeighbor;
import org.p4vpn.api.PathAttributes;
import org.p4vpn.api.PeerRelation;
import org.p4vpn.api.RouteSource;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;
import org.p4vpn.bgp.wire.Bgp;
import org.p4vpn.bgp.wire.SessionState;
import org.p4vpn.bgp.wire.SpeakerConfig;
import org.p4vpn.bgp.wire.WireSpeaker;
import org.p4vpn.p4rt.Poll;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our speaker as route reflector against FRR 8.4, GoBGP 3.10 and BIRD 2.0 from Debian, each an
 * iBGP client on its own loopback address: sessions establish, VPN-IPv4 routes go both ways with
 * RD, route targets and labels as the daemons' own show commands print them, route refresh is
 * answered, a withdrawal and a daemon restart are followed; and routes are reflected between an
 * FRR client and a GoBGP client with ORIGINATOR_ID and CLUSTER_LIST (RFC 4456). Skipped, with
 * the reason, where a daemon is not installed.
 */
class InteropTest {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final Ip4Address CLUSTER = Ip4Address.valueOf("9.9.9.9");
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private WireSpeaker reflector(String net) throws InterruptedException {
        WireSpeaker rr = WireSpeaker.start(new SpeakerConfig(Ip4Address.valueOf("10." + net + ".1"), 65000, CLUSTER,
                Ip4Address.valueOf("127." + net + ".1"), Bgp.PORT, 30, 1, 0));
        open.add(rr);
        return rr;
    }

    private Daemon daemon(String kind, String net, String host) throws IOException {
        String addr = "127." + net + "." + host;
        String id = "10." + net + "." + host;
        String rr = "127." + net + ".1";
        Daemon d;
        switch (kind) {
            case "frr":
                Daemon.assumeInstalled(FrrDaemon.BGPD, "vtysh");
                d = new FrrDaemon(addr, id, rr, "65000:2", "10.2.0.0/24", 200);
                break;
            case "gobgp":
                Daemon.assumeInstalled("gobgpd", "gobgp");
                d = new GoBgpDaemon(addr, id, rr, 50700 + Integer.parseInt(host) + 10 * (net.hashCode() & 7),
                                    "65000:3", "10.3.0.0/24", 300);
                break;
            default:
                Daemon.assumeInstalled("bird", "birdc");
                d = new BirdDaemon(addr, id, rr, "65000:4", "10.4.0.0/24");
        }
        open.add(d);
        return d;
    }

    private static void startWithRoute(Daemon d) throws IOException {
        d.start();
        if (d instanceof GoBgpDaemon) {
            assertTrue(Poll.until(WAIT, ((GoBgpDaemon) d)::addRoute), () -> "gobgp never took the route: " + d.log());
        }
    }

    private static Ip4Address ip(String s) {
        return Ip4Address.valueOf(s);
    }

    private static Optional<VpnRoute> learned(WireSpeaker rr, Daemon d) {
        String[] o = d.originated();
        VpnPrefix p = VpnPrefix.of(o[0] + ":" + o[1]);
        return rr.adjRibIn(ip(d.address)).stream().filter(r -> r.prefix().equals(p)).findFirst();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"frr", "gobgp", "bird"})
    void routesFlowBothWaysThroughRefreshWithdrawalAndRestart(String kind) throws Exception {
        String net = kind.equals("frr") ? "77.6" : kind.equals("gobgp") ? "77.7" : "77.8";
        Daemon d = daemon(kind, net, "2");
        WireSpeaker rr = reflector(net);
        rr.addPeer(new BgpNeighbor(ip(d.address), 65000, PeerRelation.CLIENT, false));
        VpnPrefix ours = VpnPrefix.of("65000:1:10.1.0.0/24");
        rr.originate(new VpnRoute(ours, ip("10." + net + ".1"), 100,
                                  PathAttributes.local(List.of(RouteTarget.of("65000:1"))), RouteSource.LOCAL));
        startWithRoute(d);
        assertTrue(Poll.until(WAIT, () -> rr.peer(ip(d.address)).state() == SessionState.ESTABLISHED),
                   () -> rr.peer(ip(d.address)) + "\n" + d.log());

        // theirs to us: RD, label, route target as they sent them
        assertTrue(Poll.until(WAIT, () -> learned(rr, d).isPresent()), () -> rr.locRib() + "\n" + d.log());
        String[] o = d.originated();
        VpnRoute got = learned(rr, d).get();
        assertEquals(Integer.parseInt(o[2]), got.label(), kind + " route's label");
        assertEquals(Set.of(RouteTarget.of(o[3])), got.routeTargets());

        // ours to them, read with their own show command
        assertTrue(Poll.until(WAIT, () -> d.route("65000:1", "10.1.0.0/24").isPresent()), d::log);
        SeenRoute seen = d.route("65000:1", "10.1.0.0/24").get();
        assertEquals(100, seen.label, seen.toString());
        assertEquals(Set.of("65000:1"), seen.routeTargets, seen.toString());
        assertEquals("10." + net + ".1", seen.nextHop, seen.toString());

        // route refresh: the daemon sends its routes again
        long before = rr.peer(ip(d.address)).prefixesIn();
        assertTrue(rr.requestRefresh(ip(d.address)), kind + " announced route refresh");
        assertTrue(Poll.until(WAIT, () -> rr.peer(ip(d.address)).prefixesIn() > before),
                   () -> kind + " did not answer ROUTE-REFRESH: " + rr.peer(ip(d.address)));

        // withdrawal reaches the daemon
        rr.withdrawLocal(ours);
        assertTrue(Poll.until(WAIT, () -> d.route("65000:1", "10.1.0.0/24").isEmpty()), d::log);

        // the daemon restarts: its routes go with the session and come back with the next
        d.stop();
        assertTrue(Poll.until(WAIT, () -> learned(rr, d).isEmpty()), () -> rr.peer(ip(d.address)).toString());
        assertTrue(rr.peer(ip(d.address)).state() != SessionState.ESTABLISHED);
        startWithRoute(d);
        assertTrue(Poll.until(WAIT, () -> learned(rr, d).isPresent()), () -> rr.peer(ip(d.address)) + d.log());
    }

    @Test
    void reflectsBetweenFrrAndGoBgpClientsWithOriginatorIdAndClusterList() throws Exception {
        String net = "77.9";
        Daemon frr = daemon("frr", net, "2");
        Daemon gobgp = daemon("gobgp", net, "3");
        WireSpeaker rr = reflector(net);
        rr.addPeer(new BgpNeighbor(ip(frr.address), 65000, PeerRelation.CLIENT, false));
        rr.addPeer(new BgpNeighbor(ip(gobgp.address), 65000, PeerRelation.CLIENT, true));
        startWithRoute(frr);
        startWithRoute(gobgp);

        assertTrue(Poll.until(WAIT, () -> gobgp.route("65000:2", "10.2.0.0/24").isPresent()),
                   () -> rr.peers() + "\n" + gobgp.log());
        SeenRoute atGobgp = gobgp.route("65000:2", "10.2.0.0/24").get();
        assertEquals(frr.routerId, atGobgp.originatorId, atGobgp.toString());
        assertEquals(List.of(CLUSTER.toString()), atGobgp.clusterList, atGobgp.toString());
        assertEquals(200, atGobgp.label);
        assertEquals(Set.of("65000:2"), atGobgp.routeTargets);

        assertTrue(Poll.until(WAIT, () -> frr.route("65000:3", "10.3.0.0/24").isPresent()),
                   () -> rr.peers() + "\n" + frr.log());
        SeenRoute atFrr = frr.route("65000:3", "10.3.0.0/24").get();
        assertEquals(gobgp.routerId, atFrr.originatorId, atFrr.toString());
        assertEquals(List.of(CLUSTER.toString()), atFrr.clusterList, atFrr.toString());
        assertEquals(300, atFrr.label);
        assertEquals(Set.of("65000:3"), atFrr.routeTargets);
        assertEquals(gobgp.routerId, atFrr.nextHop, "a reflector leaves the next hop alone");
    }

    @Test
    void gracefulRestartKeepsRoutesStaleUntilEndOfRib() throws Exception {
        Daemon.assumeInstalled(FrrDaemon.BGPD, "vtysh");
        String net = "77.12";
        FrrDaemon before = new FrrDaemon("127." + net + ".2", "10." + net + ".2", "127." + net + ".1", "65000:2",
                                         "10.2.0.0/24", 200, true);
        open.add(before);
        WireSpeaker rr = reflector(net);
        rr.addPeer(new BgpNeighbor(ip(before.address), 65000, PeerRelation.CLIENT, false));
        startWithRoute(before);
        assertTrue(Poll.until(WAIT, () -> learned(rr, before).isPresent()), before::log);

        // a crash: no NOTIFICATION, so the route stays, marked stale
        before.kill();
        assertTrue(Poll.until(WAIT, () -> rr.peer(ip(before.address)).state() != SessionState.ESTABLISHED));
        assertEquals(1, rr.peer(ip(before.address)).staleRoutes(), () -> rr.peer(ip(before.address)).toString());
        assertTrue(learned(rr, before).isPresent(), "kept while the neighbor restarts");

        // back with another route: after its End-of-RIB the stale one goes, the new one stays
        FrrDaemon after = new FrrDaemon(before.address, before.routerId, before.rrAddress, "65000:2", "10.9.0.0/24",
                                        209, true);
        open.add(after);
        startWithRoute(after);
        assertTrue(Poll.until(WAIT, () -> learned(rr, after).isPresent() && learned(rr, before).isEmpty()),
                   () -> rr.adjRibIn(ip(before.address)) + " " + rr.peer(ip(before.address)));
        assertEquals(0, rr.peer(ip(before.address)).staleRoutes());
    }
}
