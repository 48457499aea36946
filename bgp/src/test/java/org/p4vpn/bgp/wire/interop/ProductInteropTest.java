package org.p4vpn.bgp.wire.interop;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.Ip4Address;
import org.p4vpn.api.BgpNeighbor;
import org.p4vpn.api.PeerRelation;
import org.p4vpn.api.VpnRoute;
import org.p4vpn.api.VrfRoute;
import org.p4vpn.bgp.bridge.Product;
import org.p4vpn.bgp.bridge.VpnBgpBridge;
import org.p4vpn.bgp.wire.Bgp;
import org.p4vpn.bgp.wire.SpeakerConfig;
import org.p4vpn.bgp.wire.WireSpeaker;
import org.p4vpn.p4rt.Poll;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product and FRR through our speaker and the bridge: FRR shows the P4 PE's VRF route with
 * RD, export target, the engine's VPN label, the PE as next hop and as ORIGINATOR_ID; FRR's route
 * lands in PE2's VRF with FRR's label; FRR going away takes it out again.
 */
class ProductInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(45);

    private Product product;
    private WireSpeaker rr;
    private VpnBgpBridge bridge;
    private FrrDaemon frr;

    @AfterEach
    void tearDown() {
        if (frr != null) {
            frr.close();
        }
        if (bridge != null) {
            bridge.close();
        }
        if (rr != null) {
            rr.close();
        }
        if (product != null) {
            product.close();
        }
    }

    @Test
    void peRoutesReachFrrAndFrrRoutesReachTheVrf() throws Exception {
        Daemon.assumeInstalled(FrrDaemon.BGPD, "vtysh");
        product = new Product();
        rr = WireSpeaker.start(new SpeakerConfig(Ip4Address.valueOf("10.77.15.1"), 65000,
                Ip4Address.valueOf("9.9.9.9"), Ip4Address.valueOf("127.77.15.1"), Bgp.PORT, 30, 1, 0));
        bridge = new VpnBgpBridge(rr, product.vpns, product.routes);
        // FRR exports 172.16.0.0/16 with RD and RT 65000:1 (red's target) and label 777
        frr = new FrrDaemon("127.77.15.2", "10.77.15.2", "127.77.15.1", "65000:1", "172.16.0.0/16", 777);
        rr.addPeer(new BgpNeighbor(Ip4Address.valueOf(frr.address), 65000, PeerRelation.CLIENT, false));
        frr.start();

        assertTrue(Poll.until(WAIT, () -> frr.route("65000:1", "192.168.1.0/24").isPresent()),
                   () -> rr.peers() + "\n" + frr.log());
        SeenRoute atFrr = frr.route("65000:1", "192.168.1.0/24").get();
        VpnRoute engine = product.routes.getVpnRib(Product.PE1_ID).stream().map(e -> e.route())
                .filter(r -> r.prefix().prefix().toString().equals("192.168.1.0/24")).findFirst().orElseThrow();
        assertEquals(engine.label(), atFrr.label, atFrr.toString());
        assertEquals("1.1.1.1", atFrr.nextHop, "the P4 PE is the next hop");
        assertEquals(Set.of("65000:1"), atFrr.routeTargets);
        assertEquals("1.1.1.1", atFrr.originatorId);
        assertEquals(List.of("9.9.9.9"), atFrr.clusterList);

        assertTrue(Poll.until(WAIT, () -> product.inPe2("172.16.0.0/16").isPresent()),
                   () -> product.vpns.getPeerRoutes() + "\n" + frr.log());
        VrfRoute imported = product.inPe2("172.16.0.0/16").get();
        assertEquals(777, imported.label());
        assertEquals(Ip4Address.valueOf(frr.address), imported.nextHop(), "FRR's own address as next hop");

        frr.stop();
        assertTrue(Poll.until(WAIT, () -> product.inPe2("172.16.0.0/16").isEmpty()),
                   "FRR's session going down withdraws its route from the VRF");
    }
}
