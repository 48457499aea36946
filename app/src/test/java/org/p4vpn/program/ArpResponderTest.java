package org.p4vpn.program;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.ARP;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.instructions.Instructions;
import org.onosproject.net.packet.DefaultInboundPacket;
import org.onosproject.net.packet.DefaultPacketContext;
import org.onosproject.net.packet.OutboundPacket;
import org.onosproject.net.packet.PacketPriority;
import org.onosproject.net.packet.PacketProcessor;
import org.onosproject.net.packet.PacketServiceAdapter;
import org.onosproject.core.ApplicationId;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.Site;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ARP for a PE interface address is answered with the router MAC on the port and VLAN it came from. */
class ArpResponderTest {

    private static final DeviceId PE1 = DeviceId.deviceId("device:pe1");
    private static final MacAddress ROUTER = MacAddress.valueOf("00:00:00:00:01:01");
    private static final MacAddress CE = MacAddress.valueOf("00:00:00:00:0c:01");

    private final List<OutboundPacket> emitted = new ArrayList<>();
    private final List<TrafficSelector> requested = new ArrayList<>();
    private PacketProcessor processor;
    private final List<Site> sites = new ArrayList<>();
    private ArpResponder responder;

    @BeforeEach
    void start() {
        sites.add(site("s1", 1, VlanId.NONE, "10.1.1"));
        sites.add(site("s2", 2, VlanId.vlanId((short) 100), "10.1.2"));
        responder = new ArpResponder();
        responder.coreService = new CoreServiceAdapter();
        responder.packetService = new PacketServiceAdapter() {
            @Override
            public void addProcessor(PacketProcessor p, int priority) {
                processor = p;
            }

            @Override
            public void requestPackets(TrafficSelector selector, PacketPriority priority, ApplicationId appId) {
                requested.add(selector);
            }

            @Override
            public void emit(OutboundPacket packet) {
                emitted.add(packet);
            }
        };
        responder.vpnService = (L3VpnService) Proxy.newProxyInstance(
                L3VpnService.class.getClassLoader(), new Class<?>[]{L3VpnService.class}, (proxy, m, args) -> {
                    if (m.getName().equals("getSites")) {
                        return List.copyOf(sites);
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        responder.addressing = new SwitchAddressing() {
            @Override
            public Optional<MacAddress> routerMac(DeviceId device) {
                return device.equals(PE1) ? Optional.of(ROUTER) : Optional.empty();
            }

            @Override
            public Optional<MacAddress> ceMac(Site site) {
                return Optional.empty();
            }
        };
        responder.activate();
    }

    private static Site site(String name, long port, VlanId vlan, String net) {
        return Site.builder().name(name).vpn("vpna").device(PE1).port(PortNumber.portNumber(port)).vlan(vlan)
                .peInterface(net + ".1/24").ceAddress(Ip4Address.valueOf(net + ".2")).build();
    }

    private boolean arrive(long port, VlanId vlan, String target) {
        Ethernet request = ARP.buildArpRequest(CE.toBytes(), Ip4Address.valueOf("10.1.1.2").toOctets(),
                                               Ip4Address.valueOf(target).toOctets(), vlan.toShort());
        ConnectPoint at = new ConnectPoint(PE1, PortNumber.portNumber(port));
        byte[] bytes = request.serialize();
        DefaultPacketContext ctx = new DefaultPacketContext(0, new DefaultInboundPacket(at, request,
                ByteBuffer.wrap(bytes)), null, false) {
            @Override
            public void send() {
            }
        };
        processor.process(ctx);
        return ctx.isHandled();
    }

    @Test
    void asksForArpPacketsWhenStarted() {
        assertEquals(1, requested.size());
        assertEquals(Ethernet.TYPE_ARP, ((org.onosproject.net.flow.criteria.EthTypeCriterion) requested.get(0)
                .getCriterion(org.onosproject.net.flow.criteria.Criterion.Type.ETH_TYPE)).ethType().toShort());
    }

    @Test
    void answersForThePeInterfaceAddressOutOfTheReceivingPort() throws Exception {
        assertTrue(arrive(1, VlanId.NONE, "10.1.1.1"), "an answered request is consumed");
        assertEquals(1, emitted.size());
        OutboundPacket out = emitted.get(0);
        assertEquals(PE1, out.sendThrough());
        assertEquals(List.of(Instructions.createOutput(PortNumber.portNumber(1))), out.treatment().allInstructions());
        byte[] data = new byte[out.data().remaining()];
        out.data().duplicate().get(data);
        Ethernet reply = Ethernet.deserializer().deserialize(data, 0, data.length);
        ARP arp = (ARP) reply.getPayload();
        assertEquals(ARP.OP_REPLY, arp.getOpCode());
        assertEquals(ROUTER, reply.getSourceMAC());
        assertEquals(CE, reply.getDestinationMAC());
        assertArrayEquals(ROUTER.toBytes(), arp.getSenderHardwareAddress());
        assertArrayEquals(Ip4Address.valueOf("10.1.1.1").toOctets(), arp.getSenderProtocolAddress());
    }

    @Test
    void aTaggedSiteIsAnsweredOnItsVlanOnly() throws Exception {
        assertFalse(arrive(2, VlanId.NONE, "10.1.2.1"), "untagged on a VLAN attachment");
        assertTrue(emitted.isEmpty());
        assertTrue(arrive(2, VlanId.vlanId((short) 100), "10.1.2.1"));
        byte[] data = new byte[emitted.get(0).data().remaining()];
        emitted.get(0).data().duplicate().get(data);
        assertEquals(100, Ethernet.deserializer().deserialize(data, 0, data.length).getVlanID());
    }

    @Test
    void othersAreLeftForTheHostProvider() {
        assertFalse(arrive(1, VlanId.NONE, "10.1.1.7"), "not a PE address");
        assertFalse(arrive(2, VlanId.vlanId((short) 100), "10.1.1.1"), "another site's PE address");
        assertFalse(arrive(3, VlanId.NONE, "10.1.1.1"), "a port without a site");
        assertTrue(emitted.isEmpty());
    }
}
