package org.p4vpn.impl;

import com.google.common.util.concurrent.MoreExecutors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.p4vpn.api.ConflictException;
import org.p4vpn.api.L3VpnException;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.NotFoundException;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.RouteDistinguisher;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.Site;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;
import org.p4vpn.api.VrfRouteEvent;
import org.p4vpn.routing.VpnRouteEngine;
import org.p4vpn.store.DistributedVpnStore;
import org.p4vpn.store.TestVpnStores;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The managers on ONOS test adapters: validation, store-event-driven routing, restart. */
class L3VpnManagerTest {

    private static final DeviceId PE1 = DeviceId.deviceId("device:pe1");
    private static final DeviceId PE2 = DeviceId.deviceId("device:pe2");
    private static final DeviceId P1 = DeviceId.deviceId("device:p1");

    private DistributedVpnStore store;
    private SyncEventDispatcher dispatcher;
    private L3VpnManager vpns;
    private VpnRouteManager routes;
    private final List<VrfRouteEvent> routeEvents = new ArrayList<>();

    @BeforeEach
    void setUp() {
        store = TestVpnStores.create();
        dispatcher = new SyncEventDispatcher();
        vpns = new L3VpnManager();
        vpns.store = store;
        vpns.coreService = new CoreServiceAdapter();
        vpns.eventDispatcher = dispatcher;
        vpns.activate();
        routes = startRouteManager();
        vpns.setNode(ProviderNode.of(PE1, NodeRole.PE, Ip4Address.valueOf("1.1.1.1")));
        vpns.setNode(ProviderNode.of(PE2, NodeRole.PE, Ip4Address.valueOf("2.2.2.2")));
        vpns.setNode(ProviderNode.of(P1, NodeRole.P, Ip4Address.valueOf("3.3.3.3")));
    }

    private VpnRouteManager startRouteManager() {
        VpnRouteManager m = new VpnRouteManager();
        m.vpnService = vpns;
        m.store = store;
        m.eventDispatcher = dispatcher;
        m.executor = MoreExecutors.directExecutor();
        m.activate();
        m.addListener(routeEvents::add);
        return m;
    }

    private static VpnInstance vpn(String name, String rd) {
        return VpnInstance.builder().name(name).routeDistinguisher(RouteDistinguisher.of(rd))
                .routeTargets(List.of(RouteTarget.of(rd))).build();
    }

    private static Site site(String name, String vpn, DeviceId pe, int port, String net, String... statics) {
        Site.Builder b = Site.builder().name(name).vpn(vpn).device(pe).port(PortNumber.portNumber(port))
                .peInterface(net + ".1/24").ceAddress(Ip4Address.valueOf(net + ".2"));
        List<Ip4Prefix> l = new ArrayList<>();
        for (String s : statics) {
            l.add(Ip4Prefix.valueOf(s));
        }
        return b.staticRoutes(l).build();
    }

    private void provision() {
        vpns.createVpnInstance(vpn("vpna", "65000:1"));
        vpns.createSite(site("ce1", "vpna", PE1, 1, "10.1.1", "192.168.1.0/24"));
        vpns.createSite(site("ce2", "vpna", PE2, 1, "10.2.2", "192.168.2.0/24"));
    }

    @Test
    void storeEventsDriveTheRouteEngine() {
        provision();
        VrfRoute r = routes.getBestRoute(new VrfKey(PE1, "vpna"), Ip4Prefix.valueOf("192.168.2.0/24")).orElseThrow();
        assertEquals(Ip4Address.valueOf("2.2.2.2"), r.nextHop());
        assertTrue(routeEvents.stream().anyMatch(e -> e.subject().equals(new VrfKey(PE1, "vpna"))
                && e.prefix().equals(Ip4Prefix.valueOf("192.168.2.0/24"))
                && e.type() == VrfRouteEvent.Type.ROUTE_ADDED));
        assertEquals(2, vpns.getLabelAllocations().size(), "one per-VRF label on each PE");
        vpns.addStaticRoute("ce2", Ip4Prefix.valueOf("192.168.3.0/24"));
        assertTrue(routes.getBestRoute(new VrfKey(PE1, "vpna"), Ip4Prefix.valueOf("192.168.3.0/24")).isPresent());
        vpns.removeStaticRoute("ce2", Ip4Prefix.valueOf("192.168.3.0/24"));
        assertFalse(routes.getBestRoute(new VrfKey(PE1, "vpna"), Ip4Prefix.valueOf("192.168.3.0/24")).isPresent());
    }

    @Test
    void deletingAVpnDetachesItsSitesAndClearsItsRoutes() {
        provision();
        vpns.removeVpnInstance("vpna");
        assertTrue(vpns.getSites().isEmpty());
        assertTrue(routes.getVrfs().isEmpty());
        assertTrue(vpns.getLabelAllocations().isEmpty(), "labels released");
        assertTrue(routes.getVpnRib(VpnRouteEngine.DEFAULT_RR_ID).isEmpty());
    }

    @Test
    void restartKeepsRoutesAndLabels() {
        provision();
        Map<VrfKey, List<VrfRoute>> before = new HashMap<>();
        routes.getVrfs().forEach(k -> before.put(k, routes.getVrfTable(k)));
        routes.deactivate();
        VpnRouteManager again = startRouteManager();
        Map<VrfKey, List<VrfRoute>> after = new HashMap<>();
        again.getVrfs().forEach(k -> after.put(k, again.getVrfTable(k)));
        assertEquals(before, after, "same tables, same labels after a restart");
    }

    @Test
    void labelsLeftBehindWhileDownAreReleasedOnStart() {
        provision();
        routes.deactivate();
        store.labelAllocator().allocate(org.p4vpn.api.LabelKey.perVrf(PE1, "gone"));
        int transport = store.labelAllocator().allocate(org.p4vpn.api.LabelKey.transport(PE1, "lsp-1"));
        startRouteManager();
        assertFalse(vpns.getLabelAllocations().containsKey(org.p4vpn.api.LabelKey.perVrf(PE1, "gone")));
        assertEquals(transport, vpns.getLabelAllocations().get(org.p4vpn.api.LabelKey.transport(PE1, "lsp-1")),
                     "transport labels belong to the LSP manager and stay");
        assertEquals(3, vpns.getLabelAllocations().size());
    }

    /** Runs a write that must fail and checks the store is exactly as before. */
    private <T extends L3VpnException> T rejected(Class<T> type, String field, Executable write) {
        List<Object> before = snapshot();
        T e = assertThrows(type, write);
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(before, snapshot(), "a rejected write changed the store");
        return e;
    }

    private List<Object> snapshot() {
        return List.of(new HashMap<>(toMap(vpns.getVpnInstances())), new HashMap<>(toMap(vpns.getSites())),
                       List.copyOf(vpns.getNodes()), vpns.getLabelAllocations());
    }

    private static Map<Object, Object> toMap(java.util.Collection<?> c) {
        Map<Object, Object> m = new HashMap<>();
        c.forEach(o -> m.put(o.toString(), o));
        return m;
    }

    @Test
    void badWritesAreRejectedAndChangeNothing() {
        provision();
        rejected(NotFoundException.class, "vpn", () -> vpns.createSite(site("x", "nope", PE1, 5, "10.9.9")));
        rejected(NotFoundException.class, "device", () -> vpns.createSite(
                site("x", "vpna", DeviceId.deviceId("device:none"), 5, "10.9.9")));
        rejected(ConflictException.class, "device", () -> vpns.createSite(site("x", "vpna", P1, 5, "10.9.9")));
        ConflictException overlap = rejected(ConflictException.class, "peInterface",
                () -> vpns.createSite(site("x", "vpna", PE1, 5, "10.1.1")));
        assertTrue(overlap.getMessage().contains("ce1"), overlap.getMessage());
        rejected(ConflictException.class, "port", () -> vpns.createSite(site("x", "vpna", PE1, 1, "10.9.9")));
        rejected(ConflictException.class, "name", () -> vpns.createSite(site("ce1", "vpna", PE1, 7, "10.9.9")));
        rejected(ConflictException.class, "routeDistinguisher",
                () -> vpns.createVpnInstance(vpn("vpnb", "65000:1")));
        rejected(ConflictException.class, "routeDistinguisher",
                () -> vpns.updateVpnInstance(vpn("vpna", "65000:9")));
        rejected(NotFoundException.class, "name", () -> vpns.updateVpnInstance(vpn("nope", "65000:9")));
        rejected(NotFoundException.class, "name", () -> vpns.removeVpnInstance("nope"));
        rejected(NotFoundException.class, "name", () -> vpns.removeSite("nope"));
        rejected(ConflictException.class, "prefix",
                () -> vpns.addStaticRoute("ce1", Ip4Prefix.valueOf("192.168.1.0/24")));
        rejected(NotFoundException.class, "prefix",
                () -> vpns.removeStaticRoute("ce1", Ip4Prefix.valueOf("192.168.9.0/24")));
        rejected(ConflictException.class, "device", () -> vpns.removeNode(PE1));
        rejected(NotFoundException.class, "device", () -> vpns.removeNode(DeviceId.deviceId("device:none")));
        rejected(ConflictException.class, "routerId", () -> vpns.setNode(
                ProviderNode.of(DeviceId.deviceId("device:pe9"), NodeRole.PE, Ip4Address.valueOf("1.1.1.1"))));
        rejected(ConflictException.class, "routerId", () -> vpns.setNode(
                ProviderNode.of(DeviceId.deviceId("device:pe9"), NodeRole.PE, VpnRouteEngine.DEFAULT_RR_ID)));
        rejected(ConflictException.class, "role",
                () -> vpns.setNode(ProviderNode.of(PE1, NodeRole.P, Ip4Address.valueOf("1.1.1.1"))));
        rejected(org.p4vpn.api.InvalidInputException.class, "instance", () -> vpns.createVpnInstance(null));
    }

    @Test
    void sitesOfDifferentVpnsMayOverlapOnOnePe() {
        provision();
        vpns.createVpnInstance(vpn("vpnb", "65000:2"));
        vpns.createSite(site("b1", "vpnb", PE1, 2, "10.1.1", "192.168.1.0/24"));
        assertEquals(3, vpns.getSites().size());
        assertEquals(3, routes.getVrfs().size());
        assertEquals(VrfRoute.Kind.STATIC, routes.getBestRoute(new VrfKey(PE1, "vpnb"),
                Ip4Prefix.valueOf("192.168.1.0/24")).orElseThrow().kind());
        assertEquals("b1", routes.getBestRoute(new VrfKey(PE1, "vpnb"), Ip4Prefix.valueOf("192.168.1.0/24"))
                .orElseThrow().site().get());
    }

    @Test
    void aPeWithoutSitesMayBecomeAPRouter() {
        provision();
        vpns.setNode(ProviderNode.of(DeviceId.deviceId("device:pe3"), NodeRole.PE, Ip4Address.valueOf("4.4.4.4")));
        vpns.setNode(ProviderNode.of(DeviceId.deviceId("device:pe3"), NodeRole.P, Ip4Address.valueOf("4.4.4.4")));
        vpns.removeNode(DeviceId.deviceId("device:pe3"));
        assertEquals(3, vpns.getNodes().size());
        assertTrue(routes.getSpeakers().stream().anyMatch(s -> s.name().equals(VpnRouteEngine.DEFAULT_RR_NAME)));
    }

    @Test
    void routesAnnouncedByPeersReachTheVrfs() {
        provision();
        Ip4Address peer = Ip4Address.valueOf("192.0.2.1");
        org.p4vpn.api.VpnRoute r = new org.p4vpn.api.VpnRoute(org.p4vpn.api.VpnPrefix.of("65000:50:10.50.0.0/16"),
                peer, 777, org.p4vpn.api.PathAttributes.local(List.of(RouteTarget.of("65000:1"))),
                org.p4vpn.api.RouteSource.peer(org.p4vpn.api.RouteSource.Type.IBGP, peer, peer));
        vpns.announceRoute(r);
        assertEquals(777, routes.getBestRoute(new VrfKey(PE1, "vpna"), Ip4Prefix.valueOf("10.50.0.0/16"))
                .orElseThrow().label());
        vpns.withdrawRoute(peer, r.prefix());
        assertTrue(routes.getBestRoute(new VrfKey(PE1, "vpna"), Ip4Prefix.valueOf("10.50.0.0/16")).isEmpty());
        rejected(NotFoundException.class, "prefix", () -> vpns.withdrawRoute(peer, r.prefix()));
        Ip4Address pe1 = Ip4Address.valueOf("1.1.1.1");
        rejected(ConflictException.class, "peer", () -> vpns.announceRoute(r.withSource(
                org.p4vpn.api.RouteSource.peer(org.p4vpn.api.RouteSource.Type.IBGP, pe1, pe1))));
        rejected(org.p4vpn.api.InvalidInputException.class, "source",
                 () -> vpns.announceRoute(r.withSource(org.p4vpn.api.RouteSource.LOCAL)));
    }
}
