package org.p4vpn.bgp.onos;

import org.onlab.packet.IpAddress;
import org.onlab.packet.Ip4Address;
import org.onosproject.cluster.ClusterServiceAdapter;
import org.onosproject.cluster.ControllerNode;
import org.onosproject.cluster.DefaultControllerNode;
import org.onosproject.cluster.NodeId;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.core.DefaultApplicationId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.p4vpn.api.BgpNeighbor;
import org.p4vpn.api.BgpNeighborState;
import org.p4vpn.api.ConflictException;
import org.p4vpn.api.PeerRelation;
import org.p4vpn.bgp.bridge.Product;
import org.p4vpn.bgp.bridge.StoredNeighborService;
import org.p4vpn.bgp.wire.Bgp;
import org.p4vpn.bgp.wire.SessionState;
import org.p4vpn.bgp.wire.SpeakerConfig;
import org.p4vpn.bgp.wire.WireSpeaker;
import org.p4vpn.p4rt.Poll;

import java.time.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The speaker component on ONOS's adapters: it runs only on the elected instance, a backup takes
 * over when the leader leaves, settings and neighbors come from network configuration (an invalid
 * one changes nothing), and neighbors added through the service outlive a restart.
 */
class BgpSpeakerComponentTest {

    private static final ApplicationId APP = new DefaultApplicationId(7, BgpSpeakerComponent.APP);
    private static final String CONFIG = "{\"routerId\": \"10.0.0.100\", \"asNumber\": 65000,"
            + " \"clusterId\": \"10.0.0.100\", \"listenAddress\": \"127.0.0.1\", \"port\": 0,"
            + " \"neighbors\": [{\"address\": \"127.0.0.21\", \"remoteAs\": 65000, \"relation\": \"CLIENT\","
            + " \"passive\": true}]}";
    private static final BgpNeighbor EXTRA =
            new BgpNeighbor(Ip4Address.valueOf("127.0.0.22"), 65001, PeerRelation.EBGP, true);

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final SharedTestStorage storage = new SharedTestStorage();
    private final Election election = new Election();
    private final TestConfigRegistry netcfg = new TestConfigRegistry();
    private final List<BgpSpeakerComponent> running = new ArrayList<>();
    private final List<Product> products = new ArrayList<>();

    private BgpSpeakerComponent instance(String node) throws ReflectiveOperationException {
        Product p = new Product();
        products.add(p);
        BgpSpeakerComponent c = new BgpSpeakerComponent();
        c.coreService = new CoreServiceAdapter() {
            @Override
            public ApplicationId registerApplication(String name) {
                return APP;
            }
        };
        ControllerNode local = new DefaultControllerNode(NodeId.nodeId(node), IpAddress.valueOf("127.0.0.1"));
        c.clusterService = new ClusterServiceAdapter() {
            @Override
            public ControllerNode getLocalNode() {
                return local;
            }
        };
        c.leadershipService = election.serviceFor(local.id());
        c.configRegistry = netcfg;
        c.storageService = storage;
        c.adminService = p.vpns;
        c.routeService = p.routes;
        c.activate();
        running.add(c);
        return c;
    }

    private void stop(BgpSpeakerComponent c) {
        c.deactivate();
        running.remove(c);
    }

    @AfterEach
    void tearDown() {
        List.copyOf(running).forEach(this::stop);
        products.forEach(Product::close);
    }

    private static List<String> addresses(BgpSpeakerComponent c) {
        return c.getNeighbors().stream().map(s -> s.neighbor().address().toString()).sorted()
                .collect(Collectors.toList());
    }

    @Test
    void onlyTheLeaderRunsTheSpeakerAndTheBackupTakesOver() throws Exception {
        netcfg.set(APP, CONFIG);
        BgpSpeakerComponent a = instance("a");
        BgpSpeakerComponent b = instance("b");
        assertEquals(NodeId.nodeId("a"), election.leader());
        assertTrue(a.isRunning());
        assertFalse(b.isRunning(), "the backup must not open a second speaker");
        assertTrue(a.port() > 0);
        // both list the configured neighbor; only the leader has a session for it
        assertEquals(List.of("127.0.0.21"), addresses(a));
        assertEquals(List.of("127.0.0.21"), addresses(b));
        assertNotEquals(StoredNeighborService.STANDBY, a.getNeighbors().get(0).state());
        assertEquals(StoredNeighborService.STANDBY, b.getNeighbors().get(0).state());

        // a neighbor added on the backup reaches the leader's speaker through the shared store
        b.addNeighbor(EXTRA);
        assertEquals(List.of("127.0.0.21", "127.0.0.22"), addresses(a));
        assertNotEquals(StoredNeighborService.STANDBY, a.getNeighbor(EXTRA.address()).orElseThrow().state());

        stop(a);
        assertEquals(NodeId.nodeId("b"), election.leader());
        assertTrue(b.isRunning(), "the backup runs the speaker once the leader has left");
        assertEquals(List.of("127.0.0.21", "127.0.0.22"), addresses(b));
        assertNotEquals(StoredNeighborService.STANDBY, b.getNeighbor(EXTRA.address()).orElseThrow().state());
    }

    @Test
    void neighborsAddedOverTheServiceSurviveARestart() throws Exception {
        netcfg.set(APP, CONFIG);
        BgpSpeakerComponent first = instance("a");
        first.addNeighbor(EXTRA);
        assertThrows(ConflictException.class, () -> first.addNeighbor(EXTRA));
        stop(first);

        BgpSpeakerComponent again = instance("a");
        BgpNeighborState back = again.getNeighbor(EXTRA.address()).orElseThrow();
        assertEquals(EXTRA, back.neighbor());
        again.removeNeighbor(EXTRA.address());
        stop(again);
        assertEquals(List.of("127.0.0.21"), addresses(instance("a")));
    }

    @Test
    void noSpeakerWithoutConfigAndAnInvalidConfigChangesNothing() throws Exception {
        BgpSpeakerComponent a = instance("a");
        assertFalse(a.isRunning(), "no settings, no speaker");
        netcfg.set(APP, CONFIG);
        assertTrue(a.isRunning());
        int port = a.port();

        netcfg.set(APP, "{\"routerId\": \"10.0.0.300\", \"asNumber\": 65000, \"neighbors\": []}");
        assertEquals(port, a.port(), "an invalid config must not restart the speaker");
        assertEquals(List.of("127.0.0.21"), addresses(a), "nor drop the neighbors it listed");

        // a valid change: the neighbor it no longer lists leaves, a new one comes
        netcfg.set(APP, CONFIG.replace("127.0.0.21", "127.0.0.23"));
        assertEquals(List.of("127.0.0.23"), addresses(a));
        assertNotEquals(StoredNeighborService.STANDBY, a.getNeighbors().get(0).state());

        netcfg.set(APP, null);
        assertFalse(a.isRunning(), "config removed, speaker stopped");
        assertEquals(List.of(), addresses(a));
    }

    @Test
    void aRouterKeepsItsSessionAndRoutesWhenTheBackupTakesOver() throws Exception {
        // the speaker on 127.79.1.1:179, a router on 127.79.1.2 that connects to it
        netcfg.set(APP, "{\"routerId\": \"10.79.1.100\", \"asNumber\": 65000, \"clusterId\": \"10.79.1.100\","
                + " \"listenAddress\": \"127.79.1.1\", \"neighbors\": [{\"address\": \"127.79.1.2\","
                + " \"remoteAs\": 65000, \"relation\": \"CLIENT\", \"passive\": true}]}");
        BgpSpeakerComponent a = instance("a");
        BgpSpeakerComponent b = instance("b");
        try (WireSpeaker router = WireSpeaker.start(new SpeakerConfig(Ip4Address.valueOf("10.79.1.2"), 65000, null,
                Ip4Address.valueOf("127.79.1.2"), Bgp.PORT, 9, 1, 0))) {
            router.addPeer(new BgpNeighbor(Ip4Address.valueOf("127.79.1.1"), 65000, PeerRelation.NON_CLIENT, false));
            Ip4Address us = Ip4Address.valueOf("127.79.1.1");
            // PE1's route (192.168.1.0/24 of VPN red) reaches the router through the leader's bridge
            assertTrue(Poll.until(WAIT, () -> router.peer(us).state() == SessionState.ESTABLISHED
                    && !router.adjRibIn(us).isEmpty()), () -> router.peers().toString());
            assertEquals("ESTABLISHED", a.getNeighbors().get(0).state());
            assertEquals(StoredNeighborService.STANDBY, b.getNeighbors().get(0).state());

            stop(a);
            assertTrue(Poll.until(WAIT, () -> "ESTABLISHED".equals(b.getNeighbors().get(0).state())
                    && router.peer(us).state() == SessionState.ESTABLISHED && !router.adjRibIn(us).isEmpty()),
                       () -> router.peers() + " " + b.getNeighbors());
            assertEquals(Product.PE1_ID, router.adjRibIn(us).get(0).attributes().originatorId().orElseThrow(),
                         "the backup reflects PE1's route as the leader did");
        }
    }
}
