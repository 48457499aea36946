package org.p4vpn.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p4vpn.p4rt.Bmv2Switch;

/**
 * The project's pipeline on the emulator and on real BMv2 (simple_switch_grpc, programmed over
 * P4Runtime, frames through veth pairs): same control-plane results, byte-identical outputs,
 * same direct counters. Skipped when BMv2 or root (veth, netns) is unavailable.
 */
class Bmv2DifferentialTest {

    static final String PC = RealProgramTest.PC;
    static final String MY_STATION = RealProgramTest.MY_STATION;
    static final String VRF_FIB = RealProgramTest.VRF_FIB;
    static final String MPLS_FIB = RealProgramTest.MPLS_FIB;
    static final String MPLS_TERM = RealProgramTest.MPLS_TERM;
    static final String NEXT = RealProgramTest.NEXT;
    static final String PUNT = RealProgramTest.PUNT;
    static final String SEL = RealProgramTest.SELECTOR;
    static final long RMAC = RealProgramTest.ROUTER_MAC;
    static final long CMAC = RealProgramTest.CE_MAC;
    static final long NMAC = RealProgramTest.NH_MAC;
    static final Path P4INFO = Paths.get("..", "pipeconf", "src", "main", "resources", "p4info.txt");

    static TableEntry.Builder e(String t) {
        return TableEntry.builder(t);
    }

    static ActionCall a(String name, long... v) {
        return ActionCall.ofValues("IngressPipeImpl." + name, v);
    }

    static Map<Integer, Integer> weights(int... memberWeight) {
        Map<Integer, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < memberWeight.length; i += 2) {
            m.put(memberWeight[i], memberWeight[i + 1]);
        }
        return m;
    }

    @Test
    void realPipelineMatchesBmv2ByteForByte(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Bmv2Switch.unavailableReason().isEmpty(),
                () -> "BMv2 comparison skipped: " + Bmv2Switch.unavailableReason().orElse(""));
        try (Bmv2Pair p = new Bmv2Pair("emdiff", Programs.REAL_JSON, P4INFO, 5, dir)) {
            configure(p);
            check(p, traffic());
            errorCodes(p);
            // membership changes move flows the same way on both
            p.modifyGroup(SEL, 100, weights(1, 1, 3, 3));
            p.deleteMember(SEL, 2);
            p.insertMember(SEL, 8, a("next.mpls_out", 2008, 4, RMAC, NMAC));
            p.modifyGroup(SEL, 101, weights(8, 2, 4, 1, 5, 1));
            check(p, traffic());
            TableEntry vpnRoute = e(VRF_FIB).match(FieldMatch.exact("vrf_id", 1), FieldMatch.lpm("ipv4_dst", 0x0a020000L, 16)).build();
            assertEquals(p.bmv2DirectCounter(vpnRoute), p.emu.readDirectCounter(vpnRoute));
        }
    }

    private static void check(Bmv2Pair p, List<Bmv2Pair.In> frames) throws Exception {
        long tagsBefore = p.bmv2Deparsed("vlan");
        List<List<String>> r = p.run(frames, 2);
        assertEquals(p.bmv2Deparsed("vlan") - tagsBefore, p.emulatorTagged, "802.1Q tags emitted");
        assertFalse(r.get(1).isEmpty());
        List<String> onlyBmv2 = new ArrayList<>(r.get(0));
        onlyBmv2.removeAll(r.get(1));
        List<String> onlyEmu = new ArrayList<>(r.get(1));
        onlyEmu.removeAll(r.get(0));
        assertTrue(r.get(0).equals(r.get(1)), () -> "only from BMv2:\n" + String.join("\n", onlyBmv2)
                + "\nonly from the emulator:\n" + String.join("\n", onlyEmu));
    }

    private static void configure(Bmv2Pair p) {
        p.insert(e(PC).match(FieldMatch.exact("ingress_port", 1), FieldMatch.exact("vlan_id", 0)).action(a("port_classifier.set_ce_port", 1)).build());
        p.insert(e(PC).match(FieldMatch.exact("ingress_port", 1), FieldMatch.exact("vlan_id", 100)).action(a("port_classifier.set_ce_port", 2)).build());
        p.insert(e(PC).match(FieldMatch.exact("ingress_port", 3), FieldMatch.exact("vlan_id", 0)).action(a("port_classifier.set_core_port")).build());
        p.insert(e(MY_STATION).match(FieldMatch.exact("eth_dst", RMAC)).action(a("my_station.nop")).build());
        p.insert(e(VRF_FIB).match(FieldMatch.exact("vrf_id", 1), FieldMatch.lpm("ipv4_dst", 0x0a020000L, 16)).action(a("vrf_fib.route_vpn", 1001, 10, 0)).build());
        p.insert(e(VRF_FIB).match(FieldMatch.exact("vrf_id", 1), FieldMatch.lpm("ipv4_dst", 0x0a020300L, 24)).action(a("vrf_fib.route_local", 30)).build());
        p.insert(e(VRF_FIB).match(FieldMatch.exact("vrf_id", 1), FieldMatch.lpm("ipv4_dst", 0x0a090909L, 32)).action(a("vrf_fib.punt_to_router")).build());
        p.insert(e(VRF_FIB).match(FieldMatch.exact("vrf_id", 2), FieldMatch.lpm("ipv4_dst", 0x0a020000L, 16)).action(a("vrf_fib.route_local", 31)).build());
        p.insert(e(MPLS_FIB).match(FieldMatch.exact("label", 2001)).action(a("mpls_fib.mpls_transit", 20)).build());
        p.insert(e(MPLS_FIB).match(FieldMatch.exact("label", 1001)).action(a("mpls_fib.pop_to_vrf", 1)).build());
        p.insert(e(MPLS_FIB).match(FieldMatch.exact("label", 1002)).action(a("mpls_fib.pop_to_ce", 30)).build());
        p.insert(e(MPLS_TERM).match(FieldMatch.exact("label", 3001)).action(a("mpls_terminate.pop_transport")).build());
        p.insertMember(SEL, 1, a("next.mpls_out", 2001, 2, RMAC, NMAC));
        p.insertMember(SEL, 2, a("next.mpls_out", 2002, 4, RMAC, NMAC + 1));
        p.insertMember(SEL, 3, a("next.mpls_pop_out", 5, RMAC, NMAC + 2));
        p.insertMember(SEL, 4, a("next.ce_out", 2, RMAC, CMAC, 0));
        p.insertMember(SEL, 5, a("next.ce_out", 4, RMAC, CMAC + 1, 200));
        p.insertMember(SEL, 6, a("next.mpls_out", 3001, 5, RMAC, NMAC + 3));
        p.insertGroup(SEL, 100, weights(1, 1, 2, 2, 3, 1));
        p.insertGroup(SEL, 101, weights(4, 1, 5, 1));
        p.insert(e(NEXT).match(FieldMatch.exact("next_id", 10)).group(100).build());
        p.insert(e(NEXT).match(FieldMatch.exact("next_id", 20)).member(6).build());
        p.insert(e(NEXT).match(FieldMatch.exact("next_id", 30)).group(101).build());
        p.insert(e(NEXT).match(FieldMatch.exact("next_id", 31)).member(4).build());
        p.insert(e(PUNT).match(FieldMatch.ternary("l4_dst_port", 179, 0xffff)).priority(10).action(a("punt.punt_to_cpu")).build());
        p.insert(e(PUNT).match(FieldMatch.ternary("eth_type", 0x0806, 0xffff)).priority(20).action(a("punt.punt_to_cpu")).build());
        p.insert(e(PUNT).match(FieldMatch.ternary("ip_proto", 6, 0xff)).priority(5).action(a("punt.drop")).build());
    }

    private static void errorCodes(Bmv2Pair p) {
        p.insert(e(MY_STATION).match(FieldMatch.exact("eth_dst", RMAC)).action(a("my_station.nop")).build());
        p.delete(e(MY_STATION).match(FieldMatch.exact("eth_dst", RMAC + 5)).build());
        p.insert(e(PC).match(FieldMatch.exact("ingress_port", 512), FieldMatch.exact("vlan_id", 0)).action(a("port_classifier.set_core_port")).build());
        p.insert(e(VRF_FIB).match(FieldMatch.exact("vrf_id", 1), FieldMatch.lpm("ipv4_dst", 0x0a020001L, 16)).action(a("vrf_fib.drop")).build());
        p.insert(e(PUNT).match(FieldMatch.ternary("ip_proto", 17, 0xff)).action(a("punt.drop")).build());
        p.setDefault(VRF_FIB, a("vrf_fib.punt_to_router"));
        p.deleteMember(SEL, 6);
        p.deleteGroup(SEL, 100);
        p.insertGroup(SEL, 100, weights(1, 1));
        p.insertGroup(SEL, 102, weights(99, 1));
    }

    private static List<Bmv2Pair.In> traffic() {
        List<Bmv2Pair.In> in = new ArrayList<>();
        long src = 0x0a010001L;
        for (int i = 0; i < 40; i++) {
            in.add(new Bmv2Pair.In(1, Frames.frame().ethernet(RMAC, CMAC, 0x0800)
                    .ipv4(28 + 6, i, 64, 17, src + i, 0x0a020000L + 7 * i).udp(1000 + 37 * i, 53, 14).payload(6).build()));
        }
        for (int i = 0; i < 16; i++) {
            in.add(new Bmv2Pair.In(1, Frames.frame().ethernet(RMAC, CMAC, 0x0800)
                    .ipv4(28, i, 30, 17, src, 0x0a020300L + i).udp(5000 + i, 80 + i, 8).build()));
        }
        in.add(new Bmv2Pair.In(1, Frames.frame().ethernet(RMAC, CMAC, 0x8100).vlan(3, 0, 100, 0x0800)
                .ipv4(28, 1, 64, 17, src, 0x0a020202L).udp(1, 2, 8).build()));
        in.add(new Bmv2Pair.In(1, Frames.frame().ethernet(RMAC, CMAC, 0x0800).ipv4(28, 2, 1, 17, src, 0x0a020202L).udp(1, 2, 8).build()));
        in.add(new Bmv2Pair.In(1, Frames.frame().ethernet(RMAC, CMAC, 0x0800).ipv4(28, 3, 64, 17, src, 0x0a090909L).udp(3, 4, 8).build()));
        in.add(new Bmv2Pair.In(1, Frames.frame().ethernet(-1L & 0xffffffffffffL, CMAC, 0x0806).payload(28).build()));
        in.add(new Bmv2Pair.In(1, Frames.frame().ethernet(RMAC, CMAC, 0x0800).ipv4(40, 4, 64, 6, src, 0x0a020202L)
                .bytes(40000, 2).bytes(179, 2).payload(16).build()));
        in.add(new Bmv2Pair.In(1, Frames.frame().ethernet(RMAC, CMAC, 0x0800).ipv4(40, 5, 64, 6, src, 0x0a020202L)
                .bytes(40000, 2).bytes(80, 2).payload(16).build()));
        in.add(new Bmv2Pair.In(1, Frames.frame().ethernet(RMAC, CMAC, 0x0800).ipv4(0, 28, 6, 0, 64, 17, src, 0x0a020202L, false)
                .udp(1, 2, 8).build()));
        in.add(new Bmv2Pair.In(1, Frames.frame().ethernet(RMAC, CMAC, 0x8847).mpls(1001, 0, 1, 64)
                .ipv4(28, 7, 64, 17, src, 0x0a020202L).udp(1, 2, 8).build()));
        in.add(new Bmv2Pair.In(3, Frames.frame().ethernet(RMAC, NMAC, 0x8847).mpls(2001, 0, 0, 63).mpls(1001, 0, 1, 63)
                .ipv4(28, 8, 63, 17, src, 0x0a020202L).udp(1, 2, 8).build()));
        for (int i = 0; i < 8; i++) {
            in.add(new Bmv2Pair.In(3, Frames.frame().ethernet(RMAC, NMAC, 0x8847).mpls(3001, 0, 0, 62).mpls(1001, 0, 1, 63)
                    .ipv4(28, 9, 63, 17, src, 0x0a020300L + i).udp(7 + i, 8, 8).build()));
        }
        in.add(new Bmv2Pair.In(3, Frames.frame().ethernet(RMAC, NMAC, 0x8847).mpls(0, 0, 0, 40).mpls(1001, 0, 1, 63)
                .ipv4(28, 10, 63, 17, src, 0x0a020301L).udp(9, 9, 8).build()));
        in.add(new Bmv2Pair.In(3, Frames.frame().ethernet(RMAC, NMAC, 0x8847).mpls(1002, 0, 1, 2)
                .ipv4(28, 11, 63, 17, src, 0x0a020301L).udp(9, 9, 8).build()));
        in.add(new Bmv2Pair.In(3, Frames.frame().ethernet(RMAC, NMAC, 0x8847).mpls(1002, 0, 1, 1)
                .ipv4(28, 12, 63, 17, src, 0x0a020301L).udp(9, 9, 8).build()));
        in.add(new Bmv2Pair.In(3, Frames.frame().ethernet(RMAC, NMAC, 0x8847).mpls(2001, 0, 0, 63).mpls(5, 0, 0, 63)
                .mpls(6, 0, 0, 63).mpls(1001, 0, 1, 63).ipv4(20, 13, 63, 17, src, 0x0a020202L).build()));
        in.add(new Bmv2Pair.In(3, Frames.frame().ethernet(RMAC, NMAC, 0x8847).mpls(2001, 0, 0, 63).bytes(0x1234, 2).build()));
        in.add(new Bmv2Pair.In(Bmv2Switch.CPU_PORT, Frames.frame().bytes(4L << 7, 2)
                .ethernet(CMAC, RMAC, 0x0806).payload(28).build()));
        return in;
    }
}
