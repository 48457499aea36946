package org.p4vpn.api;

import org.junit.jupiter.api.Test;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Value classes check their arguments and name the offending field. */
class ModelValidationTest {

    private static Site.Builder site() {
        return Site.builder().name("ce1").device(DeviceId.deviceId("device:pe1")).port(PortNumber.portNumber(1))
                .vpn("vpna").peInterface("10.1.1.1/24").ceAddress(Ip4Address.valueOf("10.1.1.2"));
    }

    @Test
    void vpnInstanceDefaultsAndIndependentTargets() {
        VpnInstance v = VpnInstance.builder().name("vpna").routeDistinguisher(RouteDistinguisher.of("65000:1"))
                .importTargets(List.of(RouteTarget.of("65000:1"), RouteTarget.of("65000:2")))
                .exportTargets(List.of(RouteTarget.of("65000:3"))).build();
        assertEquals(LabelMode.PER_VRF, v.labelMode());
        assertEquals(2, v.importTargets().size());
        assertEquals(Set.of(RouteTarget.of("65000:3")), v.exportTargets());
        assertTrue(v.vpnId().isEmpty());
        assertEquals(v, v.toBuilder().build());
    }

    @Test
    void vpnInstanceNameAndRdAreRequired() {
        assertEquals("name", assertThrows(InvalidInputException.class, () -> VpnInstance.builder().name("bad name")
                .routeDistinguisher(RouteDistinguisher.of("1:1")).build()).field());
        assertEquals("routeDistinguisher", assertThrows(InvalidInputException.class,
                () -> VpnInstance.builder().name("a").build()).field());
    }

    @Test
    void vpnIdIsOuiColonIndexInHex() {
        VpnId id = VpnId.of("00a0c9:00000001");
        assertEquals(0xa0c9, id.oui());
        assertEquals(1, id.index());
        assertEquals("00a0c9:00000001", id.toString());
        assertEquals("vpnId", assertThrows(InvalidInputException.class, () -> VpnId.of("xyz")).field());
        assertThrows(InvalidInputException.class, () -> VpnId.of("1234567:1"));
    }

    @Test
    void siteChecksTheAttachment() {
        Site s = site().vlan(VlanId.vlanId((short) 100)).build();
        assertEquals(Ip4Prefix.valueOf("10.1.1.0/24"), s.connectedPrefix());
        assertEquals("ceAddress", assertThrows(InvalidInputException.class,
                () -> site().ceAddress(Ip4Address.valueOf("10.2.0.1")).build()).field());
        assertEquals("ceAddress", assertThrows(InvalidInputException.class,
                () -> site().ceAddress(Ip4Address.valueOf("10.1.1.1")).build()).field());
        assertEquals("prefixLength", assertThrows(InvalidInputException.class,
                () -> site().peInterface("10.1.1.1/32").build()).field());
        assertEquals("peInterface", assertThrows(InvalidInputException.class,
                () -> site().peInterface("10.1.1.0/24").build()).field());
        assertEquals("vlan", assertThrows(InvalidInputException.class,
                () -> site().vlan(VlanId.vlanId((short) 4095)).build()).field());
        assertEquals("port", assertThrows(InvalidInputException.class,
                () -> site().port(PortNumber.CONTROLLER).build()).field());
        assertEquals("peInterface", assertThrows(InvalidInputException.class,
                () -> site().peInterface("10.1.1.1").build()).field());
        // A /31 (RFC 3021) has no network or broadcast address.
        site().peInterface("10.1.1.0/31").ceAddress(Ip4Address.valueOf("10.1.1.1")).build();
    }

    @Test
    void routeReflectorPeersAreClientsOrNonClientsNotBoth() {
        Ip4Address a = Ip4Address.valueOf("1.1.1.1");
        assertEquals("nonClients", assertThrows(InvalidInputException.class,
                () -> new RouteReflectorConfig(a, List.of(a), List.of(a), true)).field());
    }

    @Test
    void nodeSettingsFitTheRole() {
        DeviceId d = DeviceId.deviceId("device:rr1");
        Ip4Address id = Ip4Address.valueOf("1.1.1.1");
        assertEquals("routeReflector", assertThrows(InvalidInputException.class,
                () -> new ProviderNode(d, NodeRole.RR, id, null)).field());
        RouteReflectorConfig rr = new RouteReflectorConfig(id, List.of(), List.of(), true);
        assertEquals("routeReflector", assertThrows(InvalidInputException.class,
                () -> new ProviderNode(d, NodeRole.PE, id, rr)).field());
        assertEquals("routerId", assertThrows(InvalidInputException.class,
                () -> ProviderNode.of(d, NodeRole.PE, Ip4Address.valueOf(0))).field());
    }

    @Test
    void vpnPrefixIsRdPlusPrefixWithHostBitsCleared() {
        VpnPrefix p = VpnPrefix.of(RouteDistinguisher.of("65000:1").toLong(), Ip4Address.valueOf("10.1.1.7").toInt(),
                                   24);
        assertEquals("65000:1:10.1.1.0/24", p.toString());
        assertEquals(p, VpnPrefix.of("65000:1:10.1.1.0/24"));
        assertEquals("prefixLength", assertThrows(InvalidInputException.class,
                () -> VpnPrefix.of(0, 0, 33)).field());
    }

    @Test
    void asPathLengthCountsSetsAsOne() {
        AsPath p = AsPath.of(List.of(AsPath.Segment.sequence(65001, 65002), AsPath.Segment.set(1, 2, 3)));
        assertEquals(3, p.length());
        assertEquals(65001, p.neighbourAs());
        assertEquals("65001 65002 {1,2,3}", p.toString());
        assertEquals(4, p.prepend(65000).length());
        assertEquals(65000, p.prepend(65000).neighbourAs());
        assertTrue(p.contains(2));
        assertEquals(0, AsPath.EMPTY.neighbourAs());
    }

    @Test
    void reflectionSetsOriginatorOnceAndPrependsTheCluster() {
        Ip4Address c1 = Ip4Address.valueOf("9.9.9.1");
        Ip4Address c2 = Ip4Address.valueOf("9.9.9.2");
        Ip4Address origin = Ip4Address.valueOf("1.1.1.1");
        PathAttributes a = PathAttributes.local(List.of(RouteTarget.of("1:1")));
        PathAttributes once = a.reflected(origin, c1);
        PathAttributes twice = once.reflected(Ip4Address.valueOf("2.2.2.2"), c2);
        assertEquals(origin, twice.originatorId().get());
        assertEquals(List.of(c2, c1), twice.clusterList());
        assertTrue(once == a.reflected(origin, c1), "equal attributes are shared");
    }

    @Test
    void labelsAreTwentyBits() {
        VpnPrefix p = VpnPrefix.of("1:1:10.0.0.0/8");
        PathAttributes a = PathAttributes.local(List.of());
        assertEquals("label", assertThrows(InvalidInputException.class,
                () -> new VpnRoute(p, Ip4Address.valueOf("1.1.1.1"), 1 << 20, a, RouteSource.LOCAL)).field());
    }
}
