package org.p4vpn.tests.pipeline;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.p4vpn.tests.pipeline.Frames.Label;
import p4.v1.P4RuntimeOuterClass.PacketIn;
import p4.v1.P4RuntimeOuterClass.PacketMetadata;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Packet tests of the VPN pipeline after seed 000's Figure 6 (CE1-PE1-P-PE2-CE2): each test
 * programs one switch in one role through P4Runtime, sends crafted frames and checks exactly what
 * comes out (ports, label stacks, TTLs, MACs) and that nothing else does. Subclasses run them on
 * a target (BMv2 or the emulator); the outputs must be the same on both.
 */
abstract class PipelinePacketTests {

    static final String PE1_MAC = "00:aa:00:00:00:01";
    static final String PE2_MAC = "00:aa:00:00:00:02";
    static final String P_MAC = "00:aa:00:00:00:03";
    static final String CE1_MAC = "00:00:00:00:0c:01";
    static final String CE2_MAC = "00:00:00:00:0c:02";
    static final String CE3_MAC = "00:00:00:00:0c:03";

    /**
     * What each case produced, for the differential comparison: "target|case" to the frames out
     * (port and bytes) and packet-ins (metadata and payload), in order.
     */
    static final java.util.Map<String, List<String>> RECORDED = new java.util.concurrent.ConcurrentHashMap<>();

    private void record(String test, List<String> seen) {
        RECORDED.merge(target.name() + "|" + test, new ArrayList<>(seen), (a, b) -> {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        });
    }

    private DataPlaneTarget target;

    /**
     * Starts a fresh switch with the pipeline pushed.
     *
     * @param ports number of data ports
     * @return the target
     */
    abstract DataPlaneTarget start(int ports);

    private Entries program(int ports) {
        target = start(ports);
        return new Entries(target);
    }

    private String currentTest = "";

    @org.junit.jupiter.api.BeforeEach
    void name(org.junit.jupiter.api.TestInfo info) {
        currentTest = info.getTestMethod().map(java.lang.reflect.Method::getName).orElse("");
    }

    @AfterEach
    void stop() {
        if (target != null) {
            target.close();
        }
    }

    private static Label label(int l, int ttl) {
        return new Label(l, ttl);
    }

    /** Sends a frame and asserts exactly the expected outputs came out (in any order). */
    private void expect(String test, int inPort, byte[] in, DataPlaneTarget.Output... expected) {
        target.send(inPort, in);
        List<DataPlaneTarget.Output> got = target.collect(expected.length);
        List<String> seen = new ArrayList<>();
        got.forEach(o -> seen.add(o.port + ":" + Frames.hex(o.frame)));
        record(test, seen);
        assertEquals(expected.length, got.size(), () -> target.name() + " " + test + ": expected " + expected.length
                + " frames, got " + seen);
        for (DataPlaneTarget.Output e : expected) {
            assertTrue(got.stream().anyMatch(o -> o.port == e.port && java.util.Arrays.equals(o.frame, e.frame)),
                       () -> target.name() + " " + test + ": expected on port " + e.port + "\n" + Frames.hex(e.frame)
                               + "\ngot " + seen);
        }
    }

    private static DataPlaneTarget.Output out(int port, byte[] frame) {
        return new DataPlaneTarget.Output(port, frame);
    }

    private static Frames fromCe1() {
        return Frames.ipv4().macs(CE1_MAC, PE1_MAC).ip("10.1.1.2", "192.168.2.1", 64);
    }

    // ---------------------------------------------------------------- ingress PE

    private Entries ingressPe(int ports) {
        return program(ports).ceAttachment(1, 0, 1).corePort(2).myStation(PE1_MAC);
    }

    @Test
    void ingressPePushesVpnAndTransportLabels() {
        ingressPe(3).vrfRouteVpn(1, "192.168.2.0", 24, 100, 10)
                .next(10, Entries.mplsOut(200, 2, PE1_MAC, P_MAC));
        expect("ingressPePushesVpnAndTransportLabels", 1, fromCe1().build(),
               out(2, Frames.ipv4().macs(PE1_MAC, P_MAC).labels(label(200, 63), label(100, 63))
                       .ip("10.1.1.2", "192.168.2.1", 63).build()));
    }

    @Test
    void aVpnsQosClassMarksBothPushedLabelsAndSurvivesTheSwap() {
        ingressPe(3).vrfRouteVpn(1, "192.168.2.0", 24, 100, 10, 5)
                .next(10, Entries.mplsOut(200, 2, PE1_MAC, P_MAC));
        expect("aVpnsQosClassMarksBothPushedLabels", 1, fromCe1().build(),
               out(2, Frames.ipv4().macs(PE1_MAC, P_MAC).labels(new Label(200, 63, 5), new Label(100, 63, 5))
                       .ip("10.1.1.2", "192.168.2.1", 63).build()));
        target.close();
        pRouter().mplsTransit(200, 20).next(20, Entries.mplsOut(300, 2, P_MAC, PE2_MAC));
        expect("aVpnsQosClassSurvivesTheSwap", 1, Frames.ipv4().macs(PE1_MAC, P_MAC)
                       .labels(new Label(200, 63, 5), new Label(100, 63, 5)).ip("10.1.1.2", "192.168.2.1", 63).build(),
               out(2, Frames.ipv4().macs(P_MAC, PE2_MAC).labels(new Label(300, 62, 5), new Label(100, 63, 5))
                       .ip("10.1.1.2", "192.168.2.1", 63).build()));
    }

    @Test
    void ingressPeAdjacentToTheEgressPePushesOnlyTheVpnLabel() {
        ingressPe(3).vrfRouteVpn(1, "192.168.2.0", 24, 100, 10)
                .next(10, Entries.mplsPopOut(2, PE1_MAC, PE2_MAC));
        expect("ingressPeAdjacentToTheEgressPePushesOnlyTheVpnLabel", 1, fromCe1().build(),
               out(2, Frames.ipv4().macs(PE1_MAC, PE2_MAC).labels(label(100, 63))
                       .ip("10.1.1.2", "192.168.2.1", 63).build()));
    }

    @Test
    void longestPrefixWins() {
        ingressPe(3).vrfRouteVpn(1, "192.168.0.0", 16, 100, 10).vrfRouteVpn(1, "192.168.2.0", 24, 101, 10)
                .next(10, Entries.mplsPopOut(2, PE1_MAC, PE2_MAC));
        expect("longestPrefixWins", 1, fromCe1().build(),
               out(2, Frames.ipv4().macs(PE1_MAC, PE2_MAC).labels(label(101, 63))
                       .ip("10.1.1.2", "192.168.2.1", 63).build()));
    }

    @Test
    void localRouteCrossingDeliversToAnotherVrfsCe() {
        ingressPe(3).ceAttachment(3, 0, 2).vrfRouteLocal(1, "172.31.0.0", 16, 40)
                .next(40, Entries.ceOut(3, PE1_MAC, CE3_MAC, 0));
        expect("localRouteCrossingDeliversToAnotherVrfsCe", 1,
               Frames.ipv4().macs(CE1_MAC, PE1_MAC).ip("10.1.1.2", "172.31.0.9", 64).build(),
               out(3, Frames.ipv4().macs(PE1_MAC, CE3_MAC).ip("10.1.1.2", "172.31.0.9", 63).build()));
    }

    @Test
    void vlanAttachmentsAreClassifiedByPortAndVlan() {
        program(3).ceAttachment(1, 100, 1).corePort(2).myStation(PE1_MAC).vrfRouteLocal(1, "172.31.0.0", 16, 40)
                .next(40, Entries.ceOut(3, PE1_MAC, CE3_MAC, 200));
        expect("vlanAttachmentsAreClassifiedByPortAndVlan", 1,
               Frames.ipv4().macs(CE1_MAC, PE1_MAC).vlan(100).ip("10.1.1.2", "172.31.0.9", 64).build(),
               out(3, Frames.ipv4().macs(PE1_MAC, CE3_MAC).vlan(200).ip("10.1.1.2", "172.31.0.9", 63).build()));
        expect("vlanAttachmentsAreClassifiedByPortAndVlan/untagged", 1,
               Frames.ipv4().macs(CE1_MAC, PE1_MAC).ip("10.1.1.2", "172.31.0.9", 64).build());
    }

    @Test
    void ecmpSpreadsFlowsAndKeepsEachOnOnePath() {
        ingressPe(4).corePort(3).vrfRouteVpn(1, "192.168.2.0", 24, 100, 10)
                .next(10, Entries.mplsOut(200, 2, PE1_MAC, P_MAC), Entries.mplsOut(201, 3, PE1_MAC, P_MAC));
        Set<Integer> used = new HashSet<>();
        for (int flow = 0; flow < 16; flow++) {
            byte[] in = fromCe1().ports(1000 + flow * 7, 5000).build();
            target.send(1, in);
            List<DataPlaneTarget.Output> first = target.collect();
            target.send(1, in);
            List<DataPlaneTarget.Output> second = target.collect();
            assertEquals(1, first.size(), "one copy per packet");
            assertEquals(1, second.size());
            assertEquals(first.get(0).port, second.get(0).port, "a flow stays on its path");
            int expectedLabel = first.get(0).port == 2 ? 200 : 201;
            assertArrayEquals(Frames.ipv4().macs(PE1_MAC, P_MAC).labels(label(expectedLabel, 63), label(100, 63))
                                      .ip("10.1.1.2", "192.168.2.1", 63).ports(1000 + flow * 7, 5000).build(),
                              first.get(0).frame);
            used.add(first.get(0).port);
            record("ecmpSpreadsFlowsAndKeepsEachOnOnePath",
                   List.of(first.get(0).port + ":" + Frames.hex(first.get(0).frame)));
        }
        assertEquals(Set.of(2, 3), used, "16 flows use both members");
    }

    // ---------------------------------------------------------------- P router

    private Entries pRouter() {
        return program(3).corePort(1).corePort(2).myStation(P_MAC);
    }

    private static byte[] twoLabels(int top, int topTtl) {
        return Frames.ipv4().macs(PE1_MAC, P_MAC).labels(label(top, topTtl), label(100, 63))
                .ip("10.1.1.2", "192.168.2.1", 63).build();
    }

    @Test
    void pRouterSwapsTheTransportLabel() {
        pRouter().mplsTransit(200, 20).next(20, Entries.mplsOut(300, 2, P_MAC, PE2_MAC));
        expect("pRouterSwapsTheTransportLabel", 1, twoLabels(200, 63),
               out(2, Frames.ipv4().macs(P_MAC, PE2_MAC).labels(label(300, 62), label(100, 63))
                       .ip("10.1.1.2", "192.168.2.1", 63).build()));
    }

    @Test
    void penultimateHopPopsTheTransportLabel() {
        pRouter().mplsTransit(200, 20).next(20, Entries.mplsPopOut(2, P_MAC, PE2_MAC));
        expect("penultimateHopPopsTheTransportLabel", 1, twoLabels(200, 63),
               out(2, Frames.ipv4().macs(P_MAC, PE2_MAC).labels(label(100, 62))
                       .ip("10.1.1.2", "192.168.2.1", 63).build()));
    }

    @Test
    void unknownLabelIsDropped() {
        pRouter().mplsTransit(200, 20).next(20, Entries.mplsOut(300, 2, P_MAC, PE2_MAC));
        expect("unknownLabelIsDropped", 1, twoLabels(999, 63));
    }

    @Test
    void expiringMplsTtlGoesToTheController() {
        pRouter().mplsTransit(200, 20).next(20, Entries.mplsOut(300, 2, P_MAC, PE2_MAC));
        expect("expiringMplsTtlGoesToTheController", 1, twoLabels(200, 1));
        assertPacketIn(1, 2);
    }

    // ---------------------------------------------------------------- egress PE

    private Entries egressPe() {
        return program(3).corePort(2).ceAttachment(1, 0, 1).ceAttachment(3, 0, 2).myStation(PE2_MAC)
                .next(30, Entries.ceOut(1, PE2_MAC, CE2_MAC, 0)).next(31, Entries.ceOut(3, PE2_MAC, CE3_MAC, 0));
    }

    private static byte[] toCe2(int ttl) {
        return Frames.ipv4().macs(PE2_MAC, CE2_MAC).ip("10.1.1.2", "192.168.2.1", ttl).build();
    }

    @Test
    void egressPePopsThePerVrfLabelAndRoutesInThatVrf() {
        egressPe().mplsPopToVrf(100, 1).vrfRouteLocal(1, "192.168.2.0", 24, 30);
        expect("egressPePopsThePerVrfLabelAndRoutesInThatVrf", 2,
               Frames.ipv4().macs(P_MAC, PE2_MAC).labels(label(100, 62)).ip("10.1.1.2", "192.168.2.1", 63).build(),
               out(1, toCe2(61)));
    }

    @Test
    void egressPeWithoutPhpPopsBothLabels() {
        egressPe().mplsTerminate(300).mplsPopToVrf(100, 1).vrfRouteLocal(1, "192.168.2.0", 24, 30);
        expect("egressPeWithoutPhpPopsBothLabels", 2,
               Frames.ipv4().macs(P_MAC, PE2_MAC).labels(label(300, 62), label(100, 63))
                       .ip("10.1.1.2", "192.168.2.1", 63).build(),
               out(1, toCe2(61)));
    }

    @Test
    void egressPeExplicitNullIsPopped() {
        egressPe().mplsTerminate(0).mplsPopToVrf(100, 1).vrfRouteLocal(1, "192.168.2.0", 24, 30);
        expect("egressPeExplicitNullIsPopped", 2,
               Frames.ipv4().macs(P_MAC, PE2_MAC).labels(label(0, 62), label(100, 63))
                       .ip("10.1.1.2", "192.168.2.1", 63).build(),
               out(1, toCe2(61)));
    }

    @Test
    void perCeLabelGoesStraightToTheCe() {
        egressPe().mplsPopToCe(101, 30);
        expect("perCeLabelGoesStraightToTheCe", 2,
               Frames.ipv4().macs(P_MAC, PE2_MAC).labels(label(101, 62)).ip("10.1.1.2", "192.168.2.1", 63).build(),
               out(1, toCe2(61)));
    }

    @Test
    void aVpnLabelNeverLeaksIntoAnotherVrf() {
        egressPe().mplsPopToVrf(100, 1).mplsPopToVrf(110, 2)
                .vrfRouteLocal(1, "192.168.2.0", 24, 30).vrfRouteLocal(2, "192.168.2.0", 24, 31);
        expect("aVpnLabelNeverLeaksIntoAnotherVrf/vrf1", 2,
               Frames.ipv4().macs(P_MAC, PE2_MAC).labels(label(100, 62)).ip("10.1.1.2", "192.168.2.1", 63).build(),
               out(1, toCe2(61)));
        expect("aVpnLabelNeverLeaksIntoAnotherVrf/vrf2", 2,
               Frames.ipv4().macs(P_MAC, PE2_MAC).labels(label(110, 62)).ip("10.1.1.2", "192.168.2.1", 63).build(),
               out(3, Frames.ipv4().macs(PE2_MAC, CE3_MAC).ip("10.1.1.2", "192.168.2.1", 61).build()));
        expect("aVpnLabelNeverLeaksIntoAnotherVrf/miss", 2,
               Frames.ipv4().macs(P_MAC, PE2_MAC).labels(label(110, 62)).ip("10.1.1.2", "192.168.9.1", 63).build());
    }

    // ---------------------------------------------------------------- isolation and control

    @Test
    void vrfMissDrops() {
        ingressPe(3).vrfRouteVpn(1, "192.168.2.0", 24, 100, 10).next(10, Entries.mplsPopOut(2, PE1_MAC, PE2_MAC));
        expect("vrfMissDrops", 1, Frames.ipv4().macs(CE1_MAC, PE1_MAC).ip("10.1.1.2", "192.168.3.1", 64).build());
    }

    @Test
    void labelledFramesFromACeAndForeignMacsAreDropped() {
        ingressPe(3).vrfRouteVpn(1, "192.168.2.0", 24, 100, 10).next(10, Entries.mplsPopOut(2, PE1_MAC, PE2_MAC));
        expect("labelledFramesFromACeAreDropped", 1, Frames.ipv4().macs(CE1_MAC, PE1_MAC).labels(label(100, 64))
                .ip("10.1.1.2", "192.168.2.1", 64).build());
        expect("foreignRouterMacIsDropped", 1, Frames.ipv4().macs(CE1_MAC, "00:bb:00:00:00:09")
                .ip("10.1.1.2", "192.168.2.1", 64).build());
        expect("unconfiguredPortIsDropped", 3, fromCe1().build());
    }

    @Test
    void expiringIpTtlGoesToTheController() {
        ingressPe(3).vrfRouteVpn(1, "192.168.2.0", 24, 100, 10).next(10, Entries.mplsPopOut(2, PE1_MAC, PE2_MAC));
        expect("expiringIpTtlGoesToTheController", 1,
               Frames.ipv4().macs(CE1_MAC, PE1_MAC).ip("10.1.1.2", "192.168.2.1", 1).build());
        assertPacketIn(1, 2);
    }

    @Test
    void packetsToThePeInterfaceGoToTheController() {
        ingressPe(3).vrfRouteRouter(1, "10.1.1.1");
        expect("packetsToThePeInterfaceGoToTheController", 1,
               Frames.ipv4().macs(CE1_MAC, PE1_MAC).ip("10.1.1.2", "10.1.1.1", 64).build());
        assertPacketIn(1, 3);
    }

    @Test
    void controlProtocolsArePunted() {
        ingressPe(3).puntEthType(0x0806).puntEthType(0x88cc).puntTcpDst(179);
        byte[] arp = new byte[60];
        System.arraycopy(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                0, 0, 0, 0, 0x0c, 1, 0x08, 0x06}, 0, arp, 0, 14);
        expect("arpIsPunted", 1, arp);
        assertPacketIn(1, 1);
        byte[] lldp = arp.clone();
        lldp[12] = (byte) 0x88;
        lldp[13] = (byte) 0xcc;
        expect("lldpIsPunted", 2, lldp);
        assertPacketIn(2, 1);
        byte[] bgp = Frames.ipv4().macs(CE1_MAC, PE1_MAC).ip("10.1.1.2", "10.1.1.1", 64).build();
        bgp[23] = 6;
        expect("bgpIsPunted", 1, tcpTo179(bgp));
        assertPacketIn(1, 1);
    }

    /** Rewrites a UDP test frame's protocol to TCP and its destination port to 179. */
    private static byte[] tcpTo179(byte[] udpFrame) {
        byte[] f = udpFrame.clone();
        f[23] = 6;
        f[36] = 0;
        f[37] = (byte) 179;
        // Fix the IPv4 header checksum after the protocol change.
        f[24] = 0;
        f[25] = 0;
        int sum = 0;
        for (int i = 14; i < 34; i += 2) {
            sum += (f[i] & 0xFF) << 8 | (f[i + 1] & 0xFF);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        f[24] = (byte) (~sum >> 8);
        f[25] = (byte) ~sum;
        return f;
    }

    @Test
    void packetOutLeavesByTheGivenPort() {
        ingressPe(3);
        byte[] frame = Frames.ipv4().macs(PE1_MAC, CE1_MAC).ip("10.1.1.1", "10.1.1.2", 64).build();
        target.client().packetOut(frame, List.of(PacketMetadata.newBuilder().setMetadataId(
                target.codec().p4info().packetMetadata("packet_out").getMetadata(0).getId())
                .setValue(com.google.protobuf.ByteString.copyFrom(new byte[] {0, 3})).build()));
        List<DataPlaneTarget.Output> got = target.collect();
        record("packetOutLeavesByTheGivenPort", got.stream().map(o -> o.port + ":" + Frames.hex(o.frame))
                .collect(java.util.stream.Collectors.toList()));
        assertEquals(1, got.size());
        assertEquals(3, got.get(0).port);
        assertArrayEquals(frame, got.get(0).frame);
    }

    private void assertPacketIn(int ingressPort, int reason) {
        assertTrue(org.p4vpn.p4rt.Poll.until(java.time.Duration.ofSeconds(5), () -> !pending.isEmpty()
                || pending.addAll(target.packetIns()) && !pending.isEmpty()), target.name() + ": no packet-in");
        PacketIn p = pending.remove(0);
        long port = -1;
        long why = -1;
        for (PacketMetadata m : p.getMetadataList()) {
            String name = target.codec().p4info().packetMetadata("packet_in").getMetadataList().stream()
                    .filter(x -> x.getId() == m.getMetadataId()).findFirst().orElseThrow().getName();
            long v = 0;
            for (byte b : m.getValue().toByteArray()) {
                v = v << 8 | (b & 0xFF);
            }
            if (name.equals("ingress_port")) {
                port = v;
            } else if (name.equals("reason")) {
                why = v;
            }
        }
        record(currentTest + "/packet-in", List.of("port " + port + " reason " + why + " "
                + Frames.hex(p.getPayload().toByteArray())));
        assertEquals(ingressPort, port, "packet-in ingress_port");
        assertEquals(reason, why, "packet-in reason");
    }

    private final List<PacketIn> pending = new ArrayList<>();
}
