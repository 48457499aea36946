package org.p4vpn.bgp.bridge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.p4vpn.api.BgpNeighbor;
import org.p4vpn.api.PathAttributes;
import org.p4vpn.api.PeerRelation;
import org.p4vpn.api.RouteSource;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;
import org.p4vpn.api.VrfRoute;
import org.p4vpn.bgp.wire.Bgp;
import org.p4vpn.bgp.wire.SessionState;
import org.p4vpn.bgp.wire.SpeakerConfig;
import org.p4vpn.bgp.wire.WireSpeaker;
import org.p4vpn.impl.L3VpnManager;
import org.p4vpn.impl.VpnRouteManager;
import org.p4vpn.p4rt.Poll;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product and a BGP router on the wire, through the bridge: the real managers (store, route
 * engine) with two P4 PEs, our wire speaker as the controller's reflector, and a second wire
 * speaker playing an external PE router. The router gets the P4 PE's VRF route with RD, export
 * target, the allocated VPN label, the PE as next hop and ORIGINATOR_ID; the router's route enters
 * the store and the importing P4 PE's VRF; withdrawals go both ways; the router's session going
 * down takes its route out of the VRF.
 */
class BridgeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Ip4Address PE1_ID = Product.PE1_ID;
    private static final Ip4Address RR = Ip4Address.valueOf("127.77.10.1");
    private static final Ip4Address ROUTER = Ip4Address.valueOf("127.77.10.2");

    private Product product;
    private L3VpnManager vpns;
    private VpnRouteManager routes;
    private WireSpeaker controller;
    private WireSpeaker router;
    private VpnBgpBridge bridge;

    @BeforeEach
    void setUp() throws Exception {
        product = new Product();
        vpns = product.vpns;
        routes = product.routes;
        controller = WireSpeaker.start(new SpeakerConfig(Ip4Address.valueOf("10.77.10.1"), 65000,
                Ip4Address.valueOf("9.9.9.9"), RR, Bgp.PORT, 9, 1, 0));
        router = WireSpeaker.start(new SpeakerConfig(Ip4Address.valueOf("10.77.10.2"), 65000, null, ROUTER, Bgp.PORT,
                                                     9, 1, 0));
        controller.addPeer(new BgpNeighbor(ROUTER, 65000, PeerRelation.CLIENT, false));
        router.addPeer(new BgpNeighbor(RR, 65000, PeerRelation.NON_CLIENT, true));
        bridge = new VpnBgpBridge(controller, vpns, routes);
        assertTrue(Poll.until(WAIT, () -> controller.peer(ROUTER).state() == SessionState.ESTABLISHED));
    }

    @AfterEach
    void tearDown() {
        bridge.close();
        router.close();
        controller.close();
        product.close();
    }

    private Optional<VpnRoute> atRouter(String prefix) {
        VpnPrefix p = VpnPrefix.of(prefix);
        return router.adjRibIn(RR).stream().filter(r -> r.prefix().equals(p)).findFirst();
    }

    private Optional<VrfRoute> inPe2(String prefix) {
        return product.inPe2(prefix);
    }

    @Test
    void peRoutesGoOutAndRouterRoutesComeIntoTheVrfs() {
        // out: PE1's static route, as the route engine originated it
        assertTrue(Poll.until(WAIT, () -> atRouter("65000:1:192.168.1.0/24").isPresent()),
                   () -> String.valueOf(router.adjRibIn(RR)));
        VpnRoute out = atRouter("65000:1:192.168.1.0/24").get();
        VpnRoute engine = routes.getVpnRib(PE1_ID).stream().map(e -> e.route())
                .filter(r -> r.prefix().equals(out.prefix())).findFirst().orElseThrow();
        assertEquals(PE1_ID, out.nextHop(), "the P4 PE is the next hop");
        assertEquals(engine.label(), out.label(), "the VPN label the engine allocated");
        assertTrue(out.label() >= 16);
        assertEquals(List.of(RouteTarget.of("65000:1")), List.copyOf(out.routeTargets()));
        assertEquals(PE1_ID, out.attributes().originatorId().orElseThrow());
        assertEquals(List.of(Ip4Address.valueOf("9.9.9.9")), out.attributes().clusterList());

        // in: the router's route reaches PE2's VRF by route target
        router.originate(new VpnRoute(VpnPrefix.of("65000:9:172.16.0.0/16"), Ip4Address.valueOf("10.77.10.2"), 500,
                                      PathAttributes.local(List.of(RouteTarget.of("65000:1"))), RouteSource.LOCAL));
        assertTrue(Poll.until(WAIT, () -> inPe2("172.16.0.0/16").isPresent()), () -> vpns.getPeerRoutes().toString());
        VrfRoute imported = inPe2("172.16.0.0/16").get();
        assertEquals(500, imported.label());
        assertEquals(Ip4Address.valueOf("10.77.10.2"), imported.nextHop());
        assertEquals(1, vpns.getPeerRoutes().size(), "stored as a route of that peer");
        assertEquals(ROUTER, vpns.getPeerRoutes().iterator().next().source().peerAddress());

        // withdrawals both ways
        router.withdrawLocal(VpnPrefix.of("65000:9:172.16.0.0/16"));
        assertTrue(Poll.until(WAIT, () -> inPe2("172.16.0.0/16").isEmpty()));
        assertTrue(vpns.getPeerRoutes().isEmpty());
        vpns.removeStaticRoute("red-1", Ip4Prefix.valueOf("192.168.1.0/24"));
        assertTrue(Poll.until(WAIT, () -> atRouter("65000:1:192.168.1.0/24").isEmpty()));

        // the router's session going down withdraws what it sent
        router.originate(new VpnRoute(VpnPrefix.of("65000:9:172.17.0.0/16"), Ip4Address.valueOf("10.77.10.2"), 501,
                                      PathAttributes.local(List.of(RouteTarget.of("65000:1"))), RouteSource.LOCAL));
        assertTrue(Poll.until(WAIT, () -> inPe2("172.17.0.0/16").isPresent()));
        router.close();
        assertTrue(Poll.until(WAIT, () -> inPe2("172.17.0.0/16").isEmpty()));
        assertTrue(vpns.getPeerRoutes().isEmpty());
    }
}
