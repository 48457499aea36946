package org.p4vpn.emulator;

import java.math.BigInteger;

/** Big-endian bit-level reads and writes in byte arrays (BMv2's extract / deparse). */
final class Bits {

    private Bits() {
    }

    /** Reads {@code width} bits starting {@code bitOffset} bits into {@code data}, unsigned. */
    static BitValue read(byte[] data, long bitOffset, int width) {
        if (width == 0) {
            return BitValue.ZERO;
        }
        int startByte = (int) (bitOffset >>> 3);
        int shift = (int) (bitOffset & 7);
        int cover = (shift + width + 7) >>> 3;
        if (cover <= 8) {
            long acc = 0;
            for (int i = 0; i < cover; i++) {
                acc = (acc << 8) | (data[startByte + i] & 0xffL);
            }
            acc >>>= (cover * 8 - shift - width);
            if (width < 64) {
                acc &= (1L << width) - 1;
            }
            return width == 64 && acc < 0
                    ? BitValue.of(new BigInteger(1, BitValue.of(acc).toBytes(8)))
                    : BitValue.of(acc);
        }
        byte[] buf = new byte[cover + 1];
        System.arraycopy(data, startByte, buf, 1, cover);
        BigInteger v = new BigInteger(buf).shiftRight(cover * 8 - shift - width);
        return BitValue.of(v).truncate(width);
    }

    /** Writes the low {@code width} bits of {@code value} at {@code bitOffset}. */
    static void write(byte[] data, long bitOffset, int width, BitValue value) {
        if (width == 0) {
            return;
        }
        int startByte = (int) (bitOffset >>> 3);
        int shift = (int) (bitOffset & 7);
        int cover = (shift + width + 7) >>> 3;
        if (cover <= 8 && width < 64) {
            long acc = 0;
            for (int i = 0; i < cover; i++) {
                acc = (acc << 8) | (data[startByte + i] & 0xffL);
            }
            int low = cover * 8 - shift - width;
            long mask = ((1L << width) - 1) << low;
            long v = (value.truncate(width).longValue() << low) & mask;
            acc = (acc & ~mask) | v;
            for (int i = cover - 1; i >= 0; i--) {
                data[startByte + i] = (byte) acc;
                acc >>>= 8;
            }
            return;
        }
        BigInteger v = value.truncate(width).toBigInteger();
        for (int i = 0; i < width; i++) {
            long bit = bitOffset + i;
            int idx = (int) (bit >>> 3);
            int mask = 0x80 >>> (int) (bit & 7);
            if (v.testBit(width - 1 - i)) {
                data[idx] = (byte) (data[idx] | mask);
            } else {
                data[idx] = (byte) (data[idx] & ~mask);
            }
        }
    }

    static int bytesFor(int bits) {
        return (bits + 7) >>> 3;
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }
}
