package org.p4vpn.bgp;

import org.junit.jupiter.api.Test;
import org.onlab.packet.Ip4Address;
import org.p4vpn.api.AsPath;
import org.p4vpn.api.Origin;
import org.p4vpn.api.PathAttributes;
import org.p4vpn.api.RouteSource;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Each step of best-path selection decides when the steps before it tie. */
class BestPathSelectorTest {

    private static final VpnPrefix P = VpnPrefix.of("65000:1:10.0.0.0/24");

    private static Ip4Address ip(String s) {
        return Ip4Address.valueOf(s);
    }

    private static VpnRoute route(String peer, RouteSource.Type type, PathAttributes a) {
        return new VpnRoute(P, ip("9.9.9.9"), 100, a, RouteSource.peer(type, ip(peer), ip(peer)));
    }

    private static PathAttributes attrs(long localPref, AsPath path, Origin origin, Long med, String originator,
                                        int clusterLen) {
        List<Ip4Address> clusters = new ArrayList<>();
        for (int i = 0; i < clusterLen; i++) {
            clusters.add(ip("7.7.7." + (i + 1)));
        }
        return PathAttributes.of(origin, path, med, localPref, originator == null ? null : ip(originator), clusters,
                                 List.of());
    }

    private static PathAttributes base() {
        return attrs(100, AsPath.EMPTY, Origin.IGP, null, null, 0);
    }

    /** Asserts the winner is the same whatever the order of the candidates. */
    private static void assertBest(VpnRoute expected, VpnRoute... all) {
        List<VpnRoute> l = new ArrayList<>(List.of(all));
        for (int i = 0; i < all.length; i++) {
            assertSame(expected, BestPathSelector.select(l), "order " + l);
            Collections.rotate(l, 1);
        }
        Collections.reverse(l);
        assertSame(expected, BestPathSelector.select(l));
    }

    @Test
    void noPathsNoBest() {
        assertNull(BestPathSelector.select(List.of()));
    }

    @Test
    void locallyOriginatedWinsFirst() {
        VpnRoute local = new VpnRoute(P, ip("1.1.1.1"), 16, base(), RouteSource.LOCAL);
        VpnRoute high = route("2.2.2.2", RouteSource.Type.IBGP, base().withLocalPref(500));
        assertBest(local, local, high);
    }

    @Test
    void highestLocalPref() {
        VpnRoute a = route("2.2.2.2", RouteSource.Type.IBGP, base().withLocalPref(200));
        VpnRoute b = route("1.1.1.1", RouteSource.Type.IBGP, base());
        assertBest(a, a, b);
    }

    @Test
    void shortestAsPath() {
        VpnRoute a = route("2.2.2.2", RouteSource.Type.IBGP, base().withAsPath(AsPath.sequence(1)));
        VpnRoute b = route("1.1.1.1", RouteSource.Type.IBGP, base().withAsPath(AsPath.sequence(1, 2)));
        assertBest(a, a, b);
    }

    @Test
    void lowestOrigin() {
        VpnRoute a = route("2.2.2.2", RouteSource.Type.IBGP, attrs(100, AsPath.EMPTY, Origin.EGP, null, null, 0));
        VpnRoute b = route("1.1.1.1", RouteSource.Type.IBGP,
                           attrs(100, AsPath.EMPTY, Origin.INCOMPLETE, null, null, 0));
        assertBest(a, a, b);
    }

    @Test
    void lowestMedFromTheSameNeighbourAs() {
        VpnRoute a = route("2.2.2.2", RouteSource.Type.IBGP, base().withAsPath(AsPath.sequence(10)).withMed(5L));
        VpnRoute b = route("1.1.1.1", RouteSource.Type.IBGP, base().withAsPath(AsPath.sequence(10)).withMed(50L));
        assertBest(a, a, b);
    }

    @Test
    void medIsNotComparedAcrossNeighbourAses() {
        // a beats b on MED (same AS 10); c (AS 20) is not compared on MED and wins on peer router id.
        VpnRoute a = route("3.3.3.3", RouteSource.Type.IBGP, base().withAsPath(AsPath.sequence(10)).withMed(5L));
        VpnRoute b = route("1.1.1.1", RouteSource.Type.IBGP, base().withAsPath(AsPath.sequence(10)).withMed(50L));
        VpnRoute c = route("2.2.2.2", RouteSource.Type.IBGP, base().withAsPath(AsPath.sequence(20)).withMed(99L));
        assertBest(c, a, b, c);
    }

    @Test
    void ebgpOverIbgp() {
        VpnRoute a = route("2.2.2.2", RouteSource.Type.EBGP, base().withAsPath(AsPath.sequence(10)));
        VpnRoute b = route("1.1.1.1", RouteSource.Type.IBGP, base().withAsPath(AsPath.sequence(20)));
        assertBest(a, a, b);
    }

    @Test
    void lowestOriginatorIdStandsInForTheRouterId() {
        VpnRoute a = route("5.5.5.5", RouteSource.Type.IBGP, attrs(100, AsPath.EMPTY, Origin.IGP, null, "1.0.0.1", 1));
        VpnRoute b = route("4.4.4.4", RouteSource.Type.IBGP, base());
        assertBest(a, a, b);
    }

    @Test
    void shortestClusterList() {
        VpnRoute a = route("5.5.5.5", RouteSource.Type.IBGP, attrs(100, AsPath.EMPTY, Origin.IGP, null, "1.0.0.1", 1));
        VpnRoute b = route("4.4.4.4", RouteSource.Type.IBGP, attrs(100, AsPath.EMPTY, Origin.IGP, null, "1.0.0.1", 2));
        assertBest(a, a, b);
    }

    @Test
    void lowestPeerAddressLast() {
        VpnRoute a = route("4.4.4.4", RouteSource.Type.IBGP, attrs(100, AsPath.EMPTY, Origin.IGP, null, "1.0.0.1", 1));
        VpnRoute b = route("5.5.5.5", RouteSource.Type.IBGP, attrs(100, AsPath.EMPTY, Origin.IGP, null, "1.0.0.1", 1));
        assertBest(a, a, b);
    }

    @Test
    void routerIdsCompareUnsigned() {
        VpnRoute low = route("10.0.0.1", RouteSource.Type.IBGP, base());
        VpnRoute high = route("200.0.0.1", RouteSource.Type.IBGP, base());
        assertEquals(low, BestPathSelector.select(List.of(high, low)));
    }
}
