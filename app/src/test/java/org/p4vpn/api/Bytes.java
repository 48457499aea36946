package org.p4vpn.api;

/** Byte arrays written as unsigned values, for wire-format tests. */
final class Bytes {

    private Bytes() {
    }

    static byte[] of(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }
}
