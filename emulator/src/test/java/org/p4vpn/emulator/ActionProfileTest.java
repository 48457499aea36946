package org.p4vpn.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Action selector members and groups on the real pipeline: PI's weighted-member copies, BMv2's
 * member handles (lowest free) and {@code crc16 % n} over the handles in ascending order.
 */
class ActionProfileTest {

    static final String SEL = RealProgramTest.SELECTOR;

    static int flowHash(int sport) {
        byte[] in = Frames.frame().bytes(RealProgramTest.SRC_IP, 4).bytes(RealProgramTest.DST_IP, 4).bytes(17, 1)
                .bytes(sport, 2).bytes(53, 2).build();
        return (int) HashAlgorithm.byName("crc16", "test").compute(in, in.length);
    }

    static byte[] flow(int sport) {
        return Frames.frame().ethernet(RealProgramTest.ROUTER_MAC, RealProgramTest.CE_MAC, 0x0800)
                .ipv4(28, 7, 64, 17, RealProgramTest.SRC_IP, RealProgramTest.DST_IP).udp(sport, 53, 8).build();
    }

    static ActionCall out(int port) {
        return ActionCall.ofValues("IngressPipeImpl.next.mpls_out", 2000 + port, port, RealProgramTest.ROUTER_MAC,
                RealProgramTest.NH_MAC);
    }

    @Test
    void weightsHandlesAndSelection() {
        RealProgramTest t = new RealProgramTest();
        t.setUp();
        t.ingressPeConfig(); // member 1 (port 2) on handle 0, next 10 -> member 1
        EmulatedSwitch sw = t.sw;
        sw.insertMember(SEL, 5, out(5)); // handle 1
        sw.insertGroup(SEL, 10, Map.of(1, 1, 5, 2)); // member 5's copy: handle 2
        TableEntry next = TableEntry.builder(RealProgramTest.NEXT).match(FieldMatch.exact("next_id", 10)).group(10).build();
        sw.modifyEntry(next);
        for (int sport = 100; sport < 140; sport++) {
            int expected = flowHash(sport) % 3 == 0 ? 2 : 5;
            assertEquals(expected, sw.process(1, flow(sport)).get(0).port(), "sport " + sport);
        }
        code(SwitchException.Code.UNKNOWN, () -> sw.deleteMember(SEL, 5));
        code(SwitchException.Code.UNKNOWN, () -> sw.deleteGroup(SEL, 10));
        code(SwitchException.Code.NOT_FOUND, () -> sw.insertGroup(SEL, 11, List.of(1, 99)));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.insertGroup(SEL, 11, Map.of(1, 0)));
        code(SwitchException.Code.ALREADY_EXISTS, () -> sw.insertMember(SEL, 5, out(6)));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.insertMember(SEL, 6,
                ActionCall.of("IngressPipeImpl.vrf_fib.drop")));
        assertEquals(Map.of(10, Map.of(1, 1, 5, 2)), sw.readGroups(SEL));
        sw.modifyEntry(next.toBuilder().member(1).build());
        sw.deleteGroup(SEL, 10); // member 5's copy (handle 2) is released
        sw.insertMember(SEL, 7, out(7)); // lowest free handle: 2
        sw.insertGroup(SEL, 12, List.of(7, 5)); // handles 2 (member 7) and 1 (member 5)
        sw.modifyEntry(next.toBuilder().group(12).build());
        for (int sport = 100; sport < 140; sport++) {
            int expected = flowHash(sport) % 2 == 0 ? 5 : 7;
            assertEquals(expected, sw.process(1, flow(sport)).get(0).port(), "sport " + sport);
        }
        sw.modifyMember(SEL, 7, out(9));
        assertEquals(out(9), sw.readMembers(SEL).get(7));
    }

    static void code(SwitchException.Code c, org.junit.jupiter.api.function.Executable e) {
        TableSemanticsTest.code(c, e);
    }
}
