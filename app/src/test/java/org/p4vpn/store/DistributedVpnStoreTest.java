package org.p4vpn.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.TestStorageService;
import org.p4vpn.api.ConflictException;
import org.p4vpn.api.LabelAllocator;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.LabelMode;
import org.p4vpn.api.LabelSpaceExhaustedException;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.RouteDistinguisher;
import org.p4vpn.api.RouteReflectorConfig;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.Site;
import org.p4vpn.api.VpnEvent;
import org.p4vpn.api.VpnId;
import org.p4vpn.api.VpnInstance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store on ONOS's TestStorageService: claims, rollbacks, events, labels, serializers. */
class DistributedVpnStoreTest {

    private static final DeviceId PE1 = DeviceId.deviceId("device:pe1");

    private DistributedVpnStore store;
    private final List<VpnEvent> events = new ArrayList<>();

    static VpnInstance vpn(String name, String rd) {
        return VpnInstance.builder().name(name).routeDistinguisher(RouteDistinguisher.of(rd))
                .routeTargets(List.of(RouteTarget.of("65000:1"))).build();
    }

    static Site site(String name, int port, VlanId vlan) {
        return Site.builder().name(name).vpn("vpna").device(PE1).port(PortNumber.portNumber(port)).vlan(vlan)
                .peInterface("10.0." + port + ".1/24").ceAddress(Ip4Address.valueOf("10.0." + port + ".2")).build();
    }

    @BeforeEach
    void setUp() {
        store = new DistributedVpnStore();
        store.storageService = new TestStorageService();
        store.activate();
        store.setDelegate(events::add);
    }

    @Test
    void instancesAreUniqueByNameAndRd() {
        store.createVpnInstance(vpn("vpna", "65000:1"));
        ConflictException rdTaken = assertThrows(ConflictException.class,
                () -> store.createVpnInstance(vpn("vpnb", "65000:1")));
        assertEquals("routeDistinguisher", rdTaken.field());
        assertTrue(rdTaken.getMessage().contains("vpna"));
        assertThrows(ConflictException.class, () -> store.createVpnInstance(vpn("vpna", "65000:2")));
        assertEquals(1, store.getVpnInstances().size(), "the rejected writes left nothing behind");
        store.createVpnInstance(vpn("vpnc", "65000:2"));
        assertEquals(2, store.getVpnInstances().size(), "65000:2 was not left claimed by the failed create");
        store.removeVpnInstance("vpna");
        store.createVpnInstance(vpn("vpnd", "65000:1"));
        assertEquals("vpnd", store.getVpnInstances().stream().filter(v -> v.routeDistinguisher()
                .equals(RouteDistinguisher.of("65000:1"))).findFirst().orElseThrow().name(), "RD freed on delete");
    }

    @Test
    void eventsFollowEveryChange() {
        store.createVpnInstance(vpn("vpna", "65000:1"));
        store.updateVpnInstance(vpn("vpna", "65000:1").toBuilder().description("x").build());
        store.createSite(site("s1", 1, VlanId.NONE));
        store.removeSite("s1");
        store.removeVpnInstance("vpna");
        List<VpnEvent.Type> types = new ArrayList<>();
        events.forEach(e -> types.add(e.type()));
        assertEquals(List.of(VpnEvent.Type.VPN_INSTANCE_ADDED, VpnEvent.Type.VPN_INSTANCE_UPDATED,
                             VpnEvent.Type.SITE_ADDED, VpnEvent.Type.SITE_REMOVED,
                             VpnEvent.Type.VPN_INSTANCE_REMOVED), types);
        assertEquals("", ((VpnInstance) events.get(1).prevSubject().get()).description());
    }

    @Test
    void anUntaggedSiteTakesTheWholePort() {
        store.createSite(site("s1", 1, VlanId.NONE));
        ConflictException e = assertThrows(ConflictException.class,
                () -> store.createSite(site("s2", 1, VlanId.vlanId((short) 10))));
        assertEquals("port", e.field());
        assertTrue(e.getMessage().contains("s1"), e.getMessage());
        assertEquals(1, store.getSites().size());
    }

    @Test
    void vlansShareAPortButNotAVlan() {
        store.createSite(site("s1", 1, VlanId.vlanId((short) 10)));
        store.createSite(site("s2", 1, VlanId.vlanId((short) 20)));
        assertThrows(ConflictException.class, () -> store.createSite(site("s3", 1, VlanId.vlanId((short) 10))));
        assertThrows(ConflictException.class, () -> store.createSite(site("s4", 1, VlanId.NONE)));
        store.removeSite("s1");
        store.createSite(site("s3", 1, VlanId.vlanId((short) 10)));
        assertEquals(Set.of("s2", "s3"), names());
    }

    @Test
    void aDuplicateSiteNameReleasesItsClaim() {
        store.createSite(site("s1", 1, VlanId.NONE));
        assertThrows(ConflictException.class, () -> store.createSite(site("s1", 2, VlanId.NONE)));
        store.createSite(site("s2", 2, VlanId.NONE));
        assertEquals(Set.of("s1", "s2"), names());
    }

    @Test
    void aSiteCannotMoveToAnotherPort() {
        store.createSite(site("s1", 1, VlanId.NONE));
        assertThrows(ConflictException.class, () -> store.updateSite(site("s1", 2, VlanId.NONE)));
        Site withRoute = site("s1", 1, VlanId.NONE).toBuilder().staticRoutes(List.of(Ip4Prefix.valueOf("1.0.0.0/8")))
                .build();
        store.updateSite(withRoute);
        assertEquals(withRoute, store.getSite("s1").orElseThrow());
    }

    private Set<String> names() {
        Set<String> out = new HashSet<>();
        store.getSites().forEach(s -> out.add(s.name()));
        return out;
    }

    @Test
    void labelsAreUniquePerDeviceAndStable() {
        LabelAllocator labels = store.labelAllocator();
        int a = labels.allocate(LabelKey.perVrf(PE1, "vpna"));
        int b = labels.allocate(LabelKey.perVrf(PE1, "vpnb"));
        int c = labels.allocate(LabelKey.perVrf(DeviceId.deviceId("device:pe2"), "vpna"));
        assertNotEquals(a, b);
        assertEquals(LabelAllocator.MIN_LABEL, a, "labels 0-15 are reserved");
        assertEquals(LabelAllocator.MIN_LABEL, c, "another device has its own space");
        assertEquals(a, labels.allocate(LabelKey.perVrf(PE1, "vpna")), "same key, same label");
        labels.release(LabelKey.perVrf(PE1, "vpna"));
        assertTrue(store.getLabels().keySet().stream().noneMatch(k -> k.vpn().equals("vpna")
                && k.device().equals(PE1)));
    }

    @Test
    void labelSpaceExhaustionIsAClearError() {
        store.setLabelRange(16, 18);
        LabelAllocator labels = store.labelAllocator();
        for (int i = 0; i < 3; i++) {
            labels.allocate(LabelKey.perPrefix(PE1, "v", Ip4Prefix.valueOf("10.0." + i + ".0/24")));
        }
        LabelSpaceExhaustedException e = assertThrows(LabelSpaceExhaustedException.class,
                () -> labels.allocate(LabelKey.perPrefix(PE1, "v", Ip4Prefix.valueOf("10.9.0.0/24"))));
        assertTrue(e.getMessage().contains("16..18"), e.getMessage());
        assertEquals(3, store.getLabels().size(), "the failed allocation holds nothing");
        labels.release(LabelKey.perPrefix(PE1, "v", Ip4Prefix.valueOf("10.0.1.0/24")));
        assertEquals(17, labels.allocate(LabelKey.perPrefix(PE1, "v", Ip4Prefix.valueOf("10.9.0.0/24"))),
                     "a released label is reused");
    }

    @Test
    void vrfIdsStayWithinThePipelinesSixteenBits() {
        store.setLabelRange(65534, 1048575);
        LabelAllocator ids = store.labelAllocator();
        assertEquals(65534, ids.allocate(LabelKey.vrfId("a")));
        assertEquals(65535, ids.allocate(LabelKey.vrfId("b")));
        LabelSpaceExhaustedException e = assertThrows(LabelSpaceExhaustedException.class,
                () -> ids.allocate(LabelKey.vrfId("c")));
        assertTrue(e.getMessage().contains("16 bits") && e.getMessage().contains("VPN c"), e.getMessage());
        ids.allocate(LabelKey.perVrf(PE1, "a"));
        ids.allocate(LabelKey.perVrf(PE1, "b"));
        assertEquals(65536, ids.allocate(LabelKey.perVrf(PE1, "c")), "MPLS labels still go beyond");
    }

    private static org.p4vpn.api.VpnRoute route() {
        Ip4Address peer = Ip4Address.valueOf("192.0.2.1");
        org.p4vpn.api.PathAttributes a = org.p4vpn.api.PathAttributes.of(org.p4vpn.api.Origin.EGP,
                org.p4vpn.api.AsPath.of(List.of(org.p4vpn.api.AsPath.Segment.sequence(65100, 4200000000L),
                                                org.p4vpn.api.AsPath.Segment.set(1, 2))), 7L, 120,
                Ip4Address.valueOf("1.1.1.1"), List.of(Ip4Address.valueOf("9.9.9.9")),
                List.of(RouteTarget.of("65000:1"), RouteTarget.of("1.2.3.4:5")));
        return new org.p4vpn.api.VpnRoute(org.p4vpn.api.VpnPrefix.of("65000:7:10.1.0.0/16"), peer, 99999, a,
                org.p4vpn.api.RouteSource.peer(org.p4vpn.api.RouteSource.Type.EBGP, peer, Ip4Address.valueOf("7.7.7.7")));
    }

    @Test
    void peerRoutesAreStoredByPeerAndPrefix() {
        store.putPeerRoute(route());
        assertEquals(List.of(route()), List.copyOf(store.getPeerRoutes()));
        assertEquals(VpnEvent.Type.PEER_ROUTE_ADDED, events.get(events.size() - 1).type());
        assertTrue(store.removePeerRoute(Ip4Address.valueOf("192.0.2.1"), route().prefix()).isPresent());
        assertTrue(store.getPeerRoutes().isEmpty());
        assertEquals(VpnEvent.Type.PEER_ROUTE_REMOVED, events.get(events.size() - 1).type());
    }

    @Test
    void everyStoredTypeSurvivesKryo() {
        Serializer ser = Serializer.using(VpnSerializers.NAMESPACE);
        VpnInstance v = VpnInstance.builder().name("v").routeDistinguisher(RouteDistinguisher.of("192.0.2.1:7"))
                .importTargets(List.of(RouteTarget.of("65000:1"), RouteTarget.of("4200000000:5")))
                .exportTargets(List.of(RouteTarget.of("10.0.0.1:9"))).labelMode(LabelMode.PER_PREFIX)
                .vpnId(VpnId.of("00a0c9:00000001")).description("d").build();
        Site s = site("s", 3, VlanId.vlanId((short) 7)).toBuilder().ceMac(MacAddress.valueOf("00:00:00:00:00:02"))
                .staticRoutes(List.of(Ip4Prefix.valueOf("172.16.0.0/12"))).build();
        ProviderNode rr = new ProviderNode(DeviceId.deviceId("rr:1"), NodeRole.RR, Ip4Address.valueOf("9.0.0.1"),
                new RouteReflectorConfig(Ip4Address.valueOf("9.9.9.9"), List.of(Ip4Address.valueOf("1.1.1.1")),
                                         List.of(Ip4Address.valueOf("9.0.0.2")), false));
        for (Object o : List.of(v, s, rr, ProviderNode.of(PE1, NodeRole.PE, Ip4Address.valueOf("1.1.1.1")),
                                LabelKey.perCe(PE1, "v", "s"), LabelKey.perPrefix(PE1, "v", Ip4Prefix.valueOf("1.0.0.0/8")),
                                LabelKey.transport(PE1, "lsp-1"), LabelKey.vrfId("v"), LabelKey.nextHop(PE1, "s"),
                                new DeviceLabel(PE1, 99),
                                RouteDistinguisher.of("4200000000:5"), route(),
                                new PeerRouteKey(Ip4Address.valueOf("9.9.9.9"), route().prefix()))) {
            assertEquals(o, ser.decode(ser.encode(o)), o.getClass().getSimpleName());
        }
    }
}
