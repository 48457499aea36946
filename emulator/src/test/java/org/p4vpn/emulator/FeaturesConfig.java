package org.p4vpn.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/** Entries and traffic for the features.p4 test program, shared by the emulator and BMv2 tests. */
final class FeaturesConfig {

    static final String TERN = "I.t_tern";
    static final String LPM = "I.t_lpm";
    static final String TAGS = "I.t_tags";
    static final long SEED = 42;
    static final int FRAMES = 300;

    private FeaturesConfig() {
    }

    static List<TableEntry> entries() {
        List<TableEntry> l = new ArrayList<>();
        l.add(TableEntry.builder(TERN).match(FieldMatch.ternary("dst", 0xaa, 0xff),
                FieldMatch.range("type", new byte[] {8, 0}, new byte[] {8, (byte) 0xff}), FieldMatch.exact("odd_valid", 0))
                .priority(10).action(ActionCall.ofValues("I.to_port_count", 1)).build());
        l.add(TableEntry.builder(TERN).match(FieldMatch.range("type", new byte[] {0}, new byte[] {0x0f, (byte) 0xff}),
                FieldMatch.exact("odd_valid", 0)).priority(5).action(ActionCall.ofValues("I.to_port_count", 2)).build());
        l.add(TableEntry.builder(TERN).match(FieldMatch.ternary("dst", 1, 1), FieldMatch.exact("odd_valid", 0))
                .priority(7).action(ActionCall.ofValues("I.to_port_count", 3)).build());
        l.add(TableEntry.builder(LPM).match(FieldMatch.exact("a", 1), FieldMatch.lpm("d", 0x0a000000L, 8))
                .action(ActionCall.ofValues("I.arith", 4, 100)).build());
        l.add(TableEntry.builder(LPM).match(FieldMatch.exact("a", 1), FieldMatch.lpm("d", 0x0a0b0000L, 16))
                .action(ActionCall.ofValues("I.to_port", 5)).build());
        l.add(TableEntry.builder(LPM).match(FieldMatch.exact("a", 3), FieldMatch.lpm("d", 0xc0000000L, 2))
                .action(ActionCall.ofValues("I.arith", 6, 3)).build());
        l.add(TableEntry.builder(TAGS).match(FieldMatch.exact("v0", 5)).action(ActionCall.ofValues("I.push_tag", 7, 0x55)).build());
        l.add(TableEntry.builder(TAGS).match(FieldMatch.exact("v0", 6)).action(ActionCall.ofValues("I.pop_two", 8)).build());
        l.add(TableEntry.builder(TAGS).match(FieldMatch.exact("v0", 7)).action(ActionCall.ofValues("I.to_port", 2)).build());
        return l;
    }

    static void install(Consumer<TableEntry> insert) {
        entries().forEach(insert);
    }

    static long src(Random r) {
        long s = (r.nextLong() & 0xffffffff0000L) | 0x1000;
        return r.nextInt(8) == 0 ? (s & ~0xffL) | 0x01 : r.nextInt(8) == 0 ? (s & ~0xffL) | 0xa7 : s;
    }

    static byte[] odd(Random r, int a, int c) {
        return Frames.frame().bytes((long) a << 29 | (long) r.nextInt(1 << 13) << 16 | (long) c << 9 | r.nextInt(512), 4)
                .bytes(r.nextInt(4) == 0 ? 0x0a0b0000L | r.nextInt(1 << 16)
                        : r.nextInt(3) == 0 ? 0xc0000000L | r.nextInt(1 << 30) : 0x0a000000L | r.nextInt(1 << 24), 4).build();
    }

    static byte[] wide(Random r, boolean goodChecksum, int a) {
        byte[] w = new byte[16];
        r.nextBytes(w);
        if (r.nextBoolean()) {
            java.util.Arrays.fill(w, (byte) 0xff);
        }
        // csum16 over w (128 bits), odd.a (3 bits), 5w3: bit-packed
        byte[] in = new byte[17];
        System.arraycopy(w, 0, in, 0, 16);
        in[16] = (byte) ((a << 5) | 3);
        int c = Frames.checksum(in) ^ (goodChecksum ? 0 : 1);
        return Frames.frame().raw(w).bytes(c, 2).build();
    }

    /** Frames (all into port 1) covering parser paths, tables, arithmetic, stacks and errors. */
    static List<byte[]> traffic(long seed, int n) {
        Random r = new Random(seed);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long dst = r.nextBoolean() ? 0xaaL | (r.nextLong() & 0xffffffff00L) : r.nextLong() & 0xffffffffffffL;
            long src = r.nextInt(20) == 0 ? 0 : src(r);
            int kind = r.nextInt(6);
            Frames f = Frames.frame();
            if (kind == 0) {
                f.ethernet(dst, src, r.nextInt(3) == 0 ? 0x0800 | r.nextInt(256) : r.nextInt(0x2000)).payload(r.nextInt(20));
            } else if (kind == 1 || kind == 2) {
                int a = kind == 1 ? 1 : new int[] {3, 7, 5, 1}[r.nextInt(4)];
                int c = r.nextInt(3) == 0 ? 0x7f : r.nextInt(128);
                f.ethernet(dst, src, 0x88b5).raw(odd(r, a, c));
                if (a == 7 && c == 0x7f) {
                    f.raw(wide(r, r.nextInt(4) != 0, a));
                } else if ((a & 1) == 1 && r.nextBoolean()) {
                    f.bytes(7 << 8 | 2 << 1 | 1, 2);
                }
                f.payload(r.nextInt(6));
            } else if (kind == 3 || kind == 4) {
                int tags = 1 + r.nextInt(5);
                int low = r.nextInt(256);
                // not 0x88a8: the veth capture would take it for an 802.1ad tag and strip it
                f.ethernet(dst, src, 0x8800 | (low == 0xa8 ? 0xa9 : low));
                for (int t = 0; t < tags; t++) {
                    int v = t == 0 ? new int[] {5, 6, 7, 9}[r.nextInt(4)] : r.nextInt(256);
                    f.bytes((long) v << 8 | (long) r.nextInt(128) << 1 | (t == tags - 1 ? 1 : 0), 2);
                }
                if (r.nextBoolean()) {
                    f.bytes(0xff, 1).raw(new byte[15]).bytes(r.nextInt(65536), 2).bytes(0, 2);
                } else {
                    f.payload(r.nextInt(8));
                }
            } else {
                f.ethernet(dst, src, 0x88b5).bytes(r.nextLong(), r.nextInt(8));
            }
            out.add(f.build());
        }
        return out;
    }
}
