package org.p4vpn.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The project's own pipeline (pipeconf's bmv2.json) on the emulator: PE and P roles. */
class RealProgramTest {

    static final String PC = "IngressPipeImpl.port_classifier.port_classifier";
    static final String MY_STATION = "IngressPipeImpl.my_station.my_station";
    static final String VRF_FIB = "IngressPipeImpl.vrf_fib.vrf_fib";
    static final String MPLS_FIB = "IngressPipeImpl.mpls_fib.mpls_fib";
    static final String MPLS_TERM = "IngressPipeImpl.mpls_terminate.mpls_terminate";
    static final String NEXT = "IngressPipeImpl.next.next";
    static final String PUNT = "IngressPipeImpl.punt.punt";
    static final String SELECTOR = "IngressPipeImpl.next.ecmp_selector";

    static final long ROUTER_MAC = 0x00000000aa01L;
    static final long CE_MAC = 0x0000000000c1L;
    static final long NH_MAC = 0x00000000bb02L;
    static final long SRC_IP = 0x0a010001L; // 10.1.0.1
    static final long DST_IP = 0x0a020005L; // 10.2.0.5

    EmulatedSwitch sw;

    @BeforeEach
    void setUp() {
        assertTrue(java.nio.file.Files.exists(Programs.REAL_JSON), "missing " + Programs.REAL_JSON.toAbsolutePath());
        sw = new EmulatedSwitch(Programs.real());
    }

    static TableEntry.Builder entry(String table) {
        return TableEntry.builder(table);
    }

    /** CE port 1 in VRF 1, router MAC, 10.2/16 via VPN label 1001 and next 10 (push 2001 out of port 2). */
    void ingressPeConfig() {
        sw.insertEntry(entry(PC).match(FieldMatch.exact("ingress_port", 1), FieldMatch.exact("vlan_id", 0))
                .action(ActionCall.ofValues("IngressPipeImpl.port_classifier.set_ce_port", 1)).build());
        sw.insertEntry(entry(MY_STATION).match(FieldMatch.exact("eth_dst", ROUTER_MAC))
                .action(ActionCall.of("IngressPipeImpl.my_station.nop")).build());
        sw.insertEntry(entry(VRF_FIB).match(FieldMatch.exact("vrf_id", 1), FieldMatch.lpm("ipv4_dst", 0x0a020000L, 16))
                .action(ActionCall.ofValues("IngressPipeImpl.vrf_fib.route_vpn", 1001, 10, 0)).build());
        sw.insertMember(SELECTOR, 1, ActionCall.ofValues("IngressPipeImpl.next.mpls_out", 2001, 2, ROUTER_MAC, NH_MAC));
        sw.insertEntry(entry(NEXT).match(FieldMatch.exact("next_id", 10)).member(1).build());
    }

    static byte[] ceFrame(int ttl) {
        return Frames.frame().ethernet(ROUTER_MAC, CE_MAC, 0x0800).ipv4(20 + 8 + 10, 7, ttl, 17, SRC_IP, DST_IP)
                .udp(1234, 5678, 18).payload(10).build();
    }

    @Test
    void ingressPePushesVpnAndTransportLabelsWithUniformTtl() {
        ingressPeConfig();
        List<OutputPacket> out = sw.process(1, ceFrame(64));
        byte[] expected = Frames.frame().ethernet(NH_MAC, ROUTER_MAC, 0x8847).mpls(2001, 0, 0, 63).mpls(1001, 0, 1, 63)
                .ipv4(20 + 8 + 10, 7, 63, 17, SRC_IP, DST_IP).udp(1234, 5678, 18).payload(10).build();
        assertEquals(1, out.size());
        assertEquals(2, out.get(0).port());
        assertArrayEquals(expected, out.get(0).bytes(), () -> Bits.hex(out.get(0).bytes()));
    }

    @Test
    void directCounterCountsHitsWithReceivedLength() {
        ingressPeConfig();
        byte[] f = ceFrame(64);
        sw.process(1, f);
        sw.process(1, f);
        TableEntry key = entry(VRF_FIB).match(FieldMatch.exact("vrf_id", 1), FieldMatch.lpm("ipv4_dst", 0x0a020000L, 16)).build();
        assertEquals(new CounterValue(2, 2L * f.length), sw.readDirectCounter(key));
        sw.resetCounters();
        assertEquals(CounterValue.ZERO, sw.readDirectCounter(key));
    }

    @Test
    void ttlOfOneIsPuntedWithPacketInHeaderAndUnchangedFrame() {
        ingressPeConfig();
        byte[] f = ceFrame(1);
        List<OutputPacket> out = sw.process(1, f);
        assertEquals(1, out.size());
        assertEquals(255, out.get(0).port());
        // packet_in: ingress_port (9 bits) = 1, reason (8 bits) = 2, pad 7 bits
        long pin = (1L << 15) | (2L << 7);
        byte[] expected = Frames.frame().bytes(pin, 3).raw(f).build();
        assertArrayEquals(expected, out.get(0).bytes(), () -> Bits.hex(out.get(0).bytes()));
    }

    @Test
    void unknownDestinationIsDroppedByConstDefault() {
        ingressPeConfig();
        byte[] f = Frames.frame().ethernet(ROUTER_MAC, CE_MAC, 0x0800).ipv4(20, 1, 64, 17, SRC_IP, 0x0b000001L).build();
        assertEquals(List.of(), sw.process(1, f));
        SwitchException e = assertThrows(SwitchException.class,
                () -> sw.setDefaultAction(VRF_FIB, ActionCall.of("IngressPipeImpl.vrf_fib.punt_to_router")));
        assertEquals(SwitchException.Code.PERMISSION_DENIED, e.code());
    }

    @Test
    void badIpv4ChecksumAndDeepLabelStackAreDropped() {
        ingressPeConfig();
        byte[] bad = Frames.frame().ethernet(ROUTER_MAC, CE_MAC, 0x0800)
                .ipv4(0, 20, 1, 0, 64, 17, SRC_IP, DST_IP, false).build();
        assertEquals(List.of(), sw.process(1, bad));
        pRouterConfig();
        byte[] four = Frames.frame().ethernet(ROUTER_MAC, CE_MAC, 0x8847).mpls(2001, 0, 0, 63).mpls(5, 0, 0, 63)
                .mpls(6, 0, 0, 63).mpls(1001, 0, 1, 63).ipv4(20, 1, 63, 17, SRC_IP, DST_IP).build();
        assertEquals(List.of(), sw.process(3, four));
    }

    /** Core port 3; label 2001 transits to next 20 (swap to 3001 out of port 4). */
    void pRouterConfig() {
        sw.insertEntry(entry(PC).match(FieldMatch.exact("ingress_port", 3), FieldMatch.exact("vlan_id", 0))
                .action(ActionCall.of("IngressPipeImpl.port_classifier.set_core_port")).build());
        try {
            sw.insertEntry(entry(MY_STATION).match(FieldMatch.exact("eth_dst", ROUTER_MAC))
                    .action(ActionCall.of("IngressPipeImpl.my_station.nop")).build());
        } catch (SwitchException e) {
            assertEquals(SwitchException.Code.ALREADY_EXISTS, e.code());
        }
        sw.insertEntry(entry(MPLS_FIB).match(FieldMatch.exact("label", 2001))
                .action(ActionCall.ofValues("IngressPipeImpl.mpls_fib.mpls_transit", 20)).build());
        sw.insertMember(SELECTOR, 2, ActionCall.ofValues("IngressPipeImpl.next.mpls_out", 3001, 4, ROUTER_MAC, NH_MAC));
        sw.insertEntry(entry(NEXT).match(FieldMatch.exact("next_id", 20)).member(2).build());
    }

    @Test
    void pRouterSwapsTopLabelAndDecrementsItsTtl() {
        pRouterConfig();
        byte[] in = Frames.frame().ethernet(ROUTER_MAC, CE_MAC, 0x8847).mpls(2001, 5, 0, 63).mpls(1001, 0, 1, 63)
                .ipv4(28, 9, 63, 17, SRC_IP, DST_IP).udp(1, 2, 8).build();
        List<OutputPacket> out = sw.process(3, in);
        byte[] expected = Frames.frame().ethernet(NH_MAC, ROUTER_MAC, 0x8847).mpls(3001, 5, 0, 62).mpls(1001, 0, 1, 63)
                .ipv4(28, 9, 63, 17, SRC_IP, DST_IP).udp(1, 2, 8).build();
        assertEquals(1, out.size());
        assertEquals(4, out.get(0).port());
        assertArrayEquals(expected, out.get(0).bytes(), () -> Bits.hex(out.get(0).bytes()));
    }

    @Test
    void egressPeTerminatesTunnelPopsBothLabelsAndCopiesTtlToIpv4() {
        pRouterConfig();
        sw.insertEntry(entry(MPLS_TERM).match(FieldMatch.exact("label", 3001))
                .action(ActionCall.of("IngressPipeImpl.mpls_terminate.pop_transport")).build());
        sw.insertEntry(entry(MPLS_FIB).match(FieldMatch.exact("label", 1001))
                .action(ActionCall.ofValues("IngressPipeImpl.mpls_fib.pop_to_vrf", 1)).build());
        sw.insertEntry(entry(VRF_FIB).match(FieldMatch.exact("vrf_id", 1), FieldMatch.lpm("ipv4_dst", 0x0a020000L, 16))
                .action(ActionCall.ofValues("IngressPipeImpl.vrf_fib.route_local", 30)).build());
        sw.insertMember(SELECTOR, 3, ActionCall.ofValues("IngressPipeImpl.next.ce_out", 5, ROUTER_MAC, CE_MAC, 100));
        sw.insertEntry(entry(NEXT).match(FieldMatch.exact("next_id", 30)).member(3).build());
        byte[] in = Frames.frame().ethernet(ROUTER_MAC, NH_MAC, 0x8847).mpls(3001, 0, 0, 62).mpls(1001, 0, 1, 63)
                .ipv4(28, 9, 63, 17, SRC_IP, DST_IP).udp(7, 8, 8).build();
        List<OutputPacket> out = sw.process(3, in);
        byte[] expected = Frames.frame().ethernet(CE_MAC, ROUTER_MAC, 0x8100).vlan(0, 0, 100, 0x0800)
                .ipv4(28, 9, 61, 17, SRC_IP, DST_IP).udp(7, 8, 8).build();
        assertEquals(1, out.size());
        assertEquals(5, out.get(0).port());
        assertArrayEquals(expected, out.get(0).bytes(), () -> Bits.hex(out.get(0).bytes()));
    }

    @Test
    void truncatedTcpIsAParserErrorAndDropped() {
        ingressPeConfig();
        byte[] noTcp = Frames.frame().ethernet(ROUTER_MAC, CE_MAC, 0x0800).ipv4(20, 1, 64, 6, SRC_IP, DST_IP).build();
        assertEquals(List.of(), sw.process(1, noTcp));
        TableEntry key = entry(VRF_FIB).match(FieldMatch.exact("vrf_id", 1), FieldMatch.lpm("ipv4_dst", 0x0a020000L, 16)).build();
        assertEquals(CounterValue.ZERO, sw.readDirectCounter(key));
    }

    @Test
    void selectorGroupPicksMemberByCrc16OfTheFiveTuple() {
        ingressPeConfig();
        sw.insertMember(SELECTOR, 7, ActionCall.ofValues("IngressPipeImpl.next.mpls_out", 2007, 7, ROUTER_MAC, NH_MAC));
        sw.insertGroup(SELECTOR, 100, List.of(1, 7));
        sw.modifyEntry(entry(NEXT).match(FieldMatch.exact("next_id", 10)).group(100).build());
        int[] seen = new int[8];
        for (int sport = 1000; sport < 1064; sport++) {
            byte[] f = Frames.frame().ethernet(ROUTER_MAC, CE_MAC, 0x0800).ipv4(28, 7, 64, 17, SRC_IP, DST_IP)
                    .udp(sport, 53, 8).build();
            // crc16 over ipv4.src, ipv4.dst, protocol, l4 ports, packed: 13 bytes
            byte[] in = Frames.frame().bytes(SRC_IP, 4).bytes(DST_IP, 4).bytes(17, 1).bytes(sport, 2).bytes(53, 2).build();
            long h = new HashAlgorithm.Crc(16, 0x8005, 0, 0, true, true).compute(in, in.length);
            int expectedPort = h % 2 == 0 ? 2 : 7; // member handles 0 (member 1) and 1 (member 7)
            List<OutputPacket> out = sw.process(1, f);
            assertEquals(expectedPort, out.get(0).port(), "sport " + sport);
            seen[out.get(0).port()]++;
        }
        assertTrue(seen[2] > 0 && seen[7] > 0, Arrays.toString(seen));
    }

    @Test
    void puntTableHighestPriorityWins() {
        ingressPeConfig();
        // BGP to CPU with priority 10, a broader drop rule with priority 5
        sw.insertEntry(entry(PUNT).match(FieldMatch.ternary("l4_dst_port", 179, 0xffff)).priority(10)
                .action(ActionCall.of("IngressPipeImpl.punt.punt_to_cpu")).build());
        sw.insertEntry(entry(PUNT).match(FieldMatch.ternary("ip_proto", 6, 0xff)).priority(5)
                .action(ActionCall.of("IngressPipeImpl.punt.drop")).build());
        byte[] bgp = Frames.frame().ethernet(ROUTER_MAC, CE_MAC, 0x0800).ipv4(40, 1, 64, 6, SRC_IP, DST_IP)
                .bytes(40000, 2).bytes(179, 2).payload(16).build();
        List<OutputPacket> out = sw.process(1, bgp);
        assertEquals(255, out.get(0).port());
        // packet_in: ingress_port 1, reason 1 (PUNT_REASON_CONTROL)
        assertArrayEquals(Frames.frame().bytes((1L << 15) | (1L << 7), 3).raw(bgp).build(), out.get(0).bytes());
        byte[] other = Frames.frame().ethernet(ROUTER_MAC, CE_MAC, 0x0800).ipv4(40, 1, 64, 6, SRC_IP, DST_IP)
                .bytes(40000, 2).bytes(80, 2).payload(16).build();
        assertEquals(List.of(), sw.process(1, other));
    }

    @Test
    void packetOutFromCpuLeavesThroughRequestedPortWithoutHeader() {
        byte[] inner = ceFrame(64);
        // packet_out: egress_port 9 bits = 6, pad 7 bits
        byte[] f = Frames.frame().bytes(6L << 7, 2).raw(inner).build();
        List<OutputPacket> out = sw.process(255, f);
        assertEquals(1, out.size());
        assertEquals(6, out.get(0).port());
        assertArrayEquals(inner, out.get(0).bytes());
    }
}
