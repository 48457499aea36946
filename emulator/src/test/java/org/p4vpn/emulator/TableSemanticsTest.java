package org.p4vpn.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Exact, LPM, ternary and range lookups, defaults and PI's error codes on minimal.json. */
class TableSemanticsTest {

    EmulatedSwitch sw;

    @BeforeEach
    void setUp() {
        sw = new EmulatedSwitch(Programs.load("minimal.json"));
    }

    static byte[] frame(long dst, int type, int a, int b, int c) {
        return Frames.frame().ethernet(dst, 0x1234, type).bytes((long) a << 20 | (long) b << 8 | c, 3).build();
    }

    int port(byte[] f) {
        List<OutputPacket> out = sw.process(1, f);
        return out.isEmpty() ? -1 : out.get(0).port();
    }

    static void code(SwitchException.Code c, Executable e) {
        assertEquals(c, assertThrows(SwitchException.class, e).code());
    }

    static TableEntry lpm(int a, int b, int plen, int port, int c) {
        return TableEntry.builder("t_lpm").match(FieldMatch.exact("a", a), FieldMatch.lpm("b", b, plen))
                .action(ActionCall.ofValues("set_c", port, c)).build();
    }

    static TableEntry tern(long dst, long mask, Integer lo, Integer hi, int prio, int port) {
        TableEntry.Builder b = TableEntry.builder("t_tern").match(FieldMatch.ternary("dst", dst, mask)).priority(prio)
                .action(ActionCall.ofValues("fwd", port));
        if (lo != null) {
            b.match(FieldMatch.range("c", new byte[] {lo.byteValue()}, new byte[] {hi.byteValue()}));
        }
        return b.build();
    }

    @Test
    void defaultActionSetAndResetAndConstDefaultRefused() {
        assertEquals(1, port(frame(2, 0x0a01, 0, 0, 0)));
        sw.setDefaultAction("t_exact", ActionCall.ofValues("fwd", 7));
        assertEquals(7, port(frame(2, 0x0a01, 0, 0, 0)));
        sw.setDefaultAction("t_exact", ActionCall.of("drop"));
        assertEquals(-1, port(frame(2, 0x0a01, 0, 0, 0)));
        sw.resetDefaultAction("t_exact");
        assertEquals(ActionCall.ofValues("fwd", 1), sw.defaultAction("t_exact"));
        code(SwitchException.Code.PERMISSION_DENIED, () -> sw.setDefaultAction("t_tern", ActionCall.ofValues("fwd", 2)));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.setDefaultAction("t_exact", ActionCall.ofValues("set_c", 1, 2)));
    }

    @Test
    void exactHitCountsAndTableFull() {
        TableEntry e = TableEntry.builder("t_exact").match(FieldMatch.exact("type", 0x0a01)).action(ActionCall.ofValues("fwd", 3)).build();
        sw.insertEntry(e);
        byte[] f = frame(2, 0x0a01, 0, 0, 0);
        assertEquals(3, port(f));
        assertEquals(new CounterValue(1, f.length), sw.readDirectCounter(e));
        sw.insertEntry(TableEntry.builder("t_exact").match(FieldMatch.exact("type", 0x0800)).action(ActionCall.of("drop")).build());
        code(SwitchException.Code.UNKNOWN, () -> sw.insertEntry(TableEntry.builder("t_exact")
                .match(FieldMatch.exact("type", 0x0801)).action(ActionCall.of("drop")).build()));
        code(SwitchException.Code.ALREADY_EXISTS, () -> sw.insertEntry(e));
        sw.modifyEntry(e.toBuilder().action(ActionCall.ofValues("fwd", 4)).build());
        assertEquals(4, port(f));
        assertEquals(new CounterValue(2, 2L * f.length), sw.readDirectCounter(e), "modify keeps the counter");
        sw.deleteEntry(e);
        code(SwitchException.Code.NOT_FOUND, () -> sw.deleteEntry(e));
        code(SwitchException.Code.NOT_FOUND, () -> sw.modifyEntry(e));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.readDirectCounter(lpm(1, 0x100, 8, 1, 1)));
    }

    @Test
    void longestPrefixWinsOverThePaddedContainerAsBmv2Does() {
        sw.insertEntry(lpm(1, 0x100, 8, 2, 0x10));
        sw.insertEntry(lpm(1, 0x120, 12, 3, 0x20));
        List<OutputPacket> out = sw.process(1, frame(2, 0x0a01, 1, 0x123, 0x99));
        assertEquals(3, out.get(0).port());
        assertArrayEquals(frame(2, 0x0a01, 1, 0x123, 0x20), out.get(0).bytes());
        assertEquals(2, port(frame(2, 0x0a01, 1, 0x10f, 0)));
        // b is 12 bits in a 16-bit container: BMv2 counts the 4 padding bits in the prefix, so
        // 0x100/8 covers 0x100..0x1ff (P4Runtime would say 0x100..0x10f)
        assertEquals(2, port(frame(2, 0x0a01, 1, 0x1f0, 0)));
        assertEquals(1, port(frame(2, 0x0a01, 2, 0x123, 0)), "exact part differs: miss, NoAction");
        assertEquals(List.of(lpm(1, 0x100, 8, 2, 0x10), lpm(1, 0x120, 12, 3, 0x20)), sw.readEntries("t_lpm"));
    }

    @Test
    void ternaryAndRangeHighestPriorityWinsTiesGoToTheFirstEntry() {
        sw.insertEntry(tern(0x01, 0xff, 0x10, 0x2f, 10, 5));
        sw.insertEntry(tern(0x01, 0x01, null, null, 20, 6));
        assertEquals(6, port(frame(0x01, 0x0a01, 0, 0, 0x20)));
        assertEquals(6, port(frame(0x03, 0x0a01, 0, 0, 0x20)));
        sw.deleteEntry(tern(0x01, 0x01, null, null, 20, 0));
        assertEquals(5, port(frame(0x01, 0x0a01, 0, 0, 0x20)));
        assertEquals(1, port(frame(0x01, 0x0a01, 0, 0, 0x30)), "outside the range: const default NoAction");
        sw.insertEntry(tern(0x00, 0x02, null, null, 10, 8));
        sw.insertEntry(tern(0x01, 0x01, null, null, 10, 9));
        assertEquals(5, port(frame(0x01, 0x0a01, 0, 0, 0x20)), "equal priorities: the oldest entry");
        sw.insertEntry(tern(0x01, 0xff, 0x10, 0x2f, 11, 4));
        assertEquals(4, port(frame(0x01, 0x0a01, 0, 0, 0x20)), "same key, other priority: another entry");
    }

    @Test
    void p4RuntimeChecksGiveInvalidArgument() {
        TableEntry.Builder exact = TableEntry.builder("t_exact").action(ActionCall.ofValues("fwd", 1));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.insertEntry(exact.match(FieldMatch.exact("type", 0x10000)).build()));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.insertEntry(TableEntry.builder("t_exact").action(ActionCall.ofValues("fwd", 1)).build()));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.insertEntry(TableEntry.builder("t_exact")
                .match(FieldMatch.exact("type", 1)).priority(3).action(ActionCall.ofValues("fwd", 1)).build()));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.insertEntry(TableEntry.builder("t_exact")
                .match(FieldMatch.exact("type", 1), FieldMatch.exact("bogus", 1)).action(ActionCall.ofValues("fwd", 1)).build()));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.insertEntry(TableEntry.builder("t_exact")
                .match(FieldMatch.exact("type", 1)).action(ActionCall.ofValues("fwd", 512)).build()));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.insertEntry(TableEntry.builder("t_exact")
                .match(FieldMatch.exact("type", 1)).action(ActionCall.ofValues("fwd")).build()));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.insertEntry(TableEntry.builder("t_exact")
                .match(FieldMatch.exact("type", 1)).action(ActionCall.ofValues("set_c", 1, 1)).build()));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.insertEntry(lpm(1, 0x101, 8, 1, 1)));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.insertEntry(lpm(1, 0, 0, 1, 1)));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.insertEntry(lpm(1, 0x100, 13, 1, 1)));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.insertEntry(tern(0, 0, null, null, 1, 1)));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.insertEntry(tern(3, 1, null, null, 1, 1)));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.insertEntry(tern(1, 1, null, null, 0, 1)));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.insertEntry(tern(1, 1, 0x30, 0x20, 1, 1)));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.insertEntry(tern(1, 1, 0, 0xff, 1, 1)));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.insertEntry(TableEntry.builder("nope").build()));
        code(SwitchException.Code.INVALID_ARGUMENT, () -> sw.insertEntry(TableEntry.builder("t_exact")
                .match(FieldMatch.exact("type", 1)).member(1).build()));
        assertEquals(List.of(), sw.readEntries("t_tern"));
        assertEquals(ActionCall.of("NoAction"), sw.defaultAction("t_tern"));
    }
}
