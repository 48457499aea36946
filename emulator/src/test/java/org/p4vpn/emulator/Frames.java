package org.p4vpn.emulator;

import java.io.ByteArrayOutputStream;

/** Builds test frames byte by byte (independently of the emulator). */
final class Frames {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Frames frame() {
        return new Frames();
    }

    Frames bytes(long value, int n) {
        for (int i = n - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    Frames raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    Frames ethernet(long dst, long src, int type) {
        return bytes(dst, 6).bytes(src, 6).bytes(type, 2);
    }

    Frames vlan(int pcp, int dei, int vid, int type) {
        return bytes((pcp << 13) | (dei << 12) | vid, 2).bytes(type, 2);
    }

    Frames mpls(int label, int tc, int bos, int ttl) {
        return bytes(((long) label << 12) | (tc << 9) | (bos << 8) | ttl, 4);
    }

    /** IPv4 header without options and with a correct checksum. */
    Frames ipv4(int totalLen, int id, int ttl, int proto, long src, long dst) {
        return ipv4(0, totalLen, id, 0, ttl, proto, src, dst, true);
    }

    Frames ipv4(int dscp, int totalLen, int id, int fragOffset, int ttl, int proto, long src, long dst,
                boolean goodChecksum) {
        byte[] h = new Frames().bytes(0x45, 1).bytes(dscp << 2, 1).bytes(totalLen, 2).bytes(id, 2)
                .bytes(fragOffset, 2).bytes(ttl, 1).bytes(proto, 1).bytes(0, 2).bytes(src, 4).bytes(dst, 4).build();
        int c = checksum(h);
        if (!goodChecksum) {
            c ^= 0x1234;
        }
        h[10] = (byte) (c >> 8);
        h[11] = (byte) c;
        return raw(h);
    }

    Frames udp(int sport, int dport, int len) {
        return bytes(sport, 2).bytes(dport, 2).bytes(len, 2).bytes(0, 2);
    }

    Frames payload(int n) {
        for (int i = 0; i < n; i++) {
            out.write(0xa0 + (i % 16));
        }
        return this;
    }

    byte[] build() {
        return out.toByteArray();
    }

    static int checksum(byte[] h) {
        long sum = 0;
        for (int i = 0; i < h.length; i += 2) {
            sum += ((h[i] & 0xff) << 8) | (i + 1 < h.length ? h[i + 1] & 0xff : 0);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    static byte[] hex(String s) {
        String t = s.replaceAll("[^0-9a-fA-F]", "");
        byte[] b = new byte[t.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(t.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
