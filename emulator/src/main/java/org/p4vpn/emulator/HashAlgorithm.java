package org.p4vpn.emulator;

import java.util.HashMap;
import java.util.Map;

/**
 * The hash functions BMv2 registers (calculations.cpp, crc_map.cpp) that are deterministic:
 * crc16 (CRC-16/ARC), crc32, crcCCITT, csum16 / cksum16 (Internet checksum), identity,
 * xor16, the *_custom CRCs with their default configuration and the named crcmod variants.
 */
abstract class HashAlgorithm {

    abstract long compute(byte[] buf, int len);

    private static final Map<String, HashAlgorithm> BY_NAME = new HashMap<>();

    static {
        Crc crc16 = new Crc(16, 0x8005L, 0, 0, true, true);
        Crc crc32 = new Crc(32, 0x04c11db7L, 0xffffffffL, 0xffffffffL, true, true);
        BY_NAME.put("crc16", crc16);
        BY_NAME.put("crc16_custom", crc16);
        BY_NAME.put("crc32", crc32);
        BY_NAME.put("crc32_custom", crc32);
        BY_NAME.put("crc8_custom", new Crc(8, 0x07, 0, 0, false, false));
        BY_NAME.put("crcCCITT", new Crc(16, 0x1021, 0xffff, 0, false, false));
        BY_NAME.put("csum16", new Csum16());
        BY_NAME.put("cksum16", new Csum16());
        BY_NAME.put("identity", new Identity());
        BY_NAME.put("xor16", new Xor16());
        // crcmod predefined names (crc_map.cpp)
        BY_NAME.put("crc_8", new Crc(8, 0x07, 0x00, 0x00, false, false));
        BY_NAME.put("crc_8_darc", new Crc(8, 0x39, 0x00, 0x00, true, true));
        BY_NAME.put("crc_8_i_code", new Crc(8, 0x1d, 0xfd, 0x00, false, false));
        BY_NAME.put("crc_8_itu", new Crc(8, 0x07, 0x00, 0x55, false, false));
        BY_NAME.put("crc_8_maxim", new Crc(8, 0x31, 0x00, 0x00, true, true));
        BY_NAME.put("crc_8_rohc", new Crc(8, 0x07, 0xff, 0x00, true, true));
        BY_NAME.put("crc_8_wcdma", new Crc(8, 0x9b, 0x00, 0x00, true, true));
        BY_NAME.put("crc_16", new Crc(16, 0x8005, 0x0000, 0x0000, true, true));
        BY_NAME.put("crc_16_buypass", new Crc(16, 0x8005, 0x0000, 0x0000, false, false));
        BY_NAME.put("crc_16_dds_110", new Crc(16, 0x8005, 0x800d, 0x0000, false, false));
        BY_NAME.put("crc_16_dect", new Crc(16, 0x0589, 0x0000, 0x0001, false, false));
        BY_NAME.put("crc_16_dnp", new Crc(16, 0x3d65, 0x0000, 0xffff, true, true));
        BY_NAME.put("crc_16_en_13757", new Crc(16, 0x3d65, 0x0000, 0xffff, false, false));
        BY_NAME.put("crc_16_genibus", new Crc(16, 0x1021, 0xffff, 0xffff, false, false));
        BY_NAME.put("crc_16_maxim", new Crc(16, 0x8005, 0x0000, 0xffff, true, true));
        BY_NAME.put("crc_16_mcrf4xx", new Crc(16, 0x1021, 0xffff, 0x0000, true, true));
        BY_NAME.put("crc_16_riello", new Crc(16, 0x1021, 0xb2aa, 0x0000, true, true));
        BY_NAME.put("crc_16_t10_dif", new Crc(16, 0x8bb7, 0x0000, 0x0000, false, false));
        BY_NAME.put("crc_16_teledisk", new Crc(16, 0xa097, 0x0000, 0x0000, false, false));
        BY_NAME.put("crc_16_usb", new Crc(16, 0x8005, 0xffff, 0xffff, true, true));
        BY_NAME.put("x_25", new Crc(16, 0x1021, 0xffff, 0xffff, true, true));
        BY_NAME.put("xmodem", new Crc(16, 0x1021, 0x0000, 0x0000, false, false));
        BY_NAME.put("modbus", new Crc(16, 0x8005, 0xffff, 0x0000, true, true));
        BY_NAME.put("kermit", new Crc(16, 0x1021, 0x0000, 0x0000, true, true));
        BY_NAME.put("crc_ccitt_false", new Crc(16, 0x1021, 0xffff, 0x0000, false, false));
        BY_NAME.put("crc_aug_ccitt", new Crc(16, 0x1021, 0x1d0f, 0x0000, false, false));
        BY_NAME.put("crc_32", new Crc(32, 0x04c11db7L, 0xffffffffL, 0xffffffffL, true, true));
        BY_NAME.put("crc_32_bzip2", new Crc(32, 0x04c11db7L, 0xffffffffL, 0xffffffffL, false, false));
        BY_NAME.put("crc_32c", new Crc(32, 0x1edc6f41L, 0xffffffffL, 0xffffffffL, true, true));
        BY_NAME.put("crc_32d", new Crc(32, 0xa833982bL, 0xffffffffL, 0xffffffffL, true, true));
        BY_NAME.put("crc_32_mpeg", new Crc(32, 0x04c11db7L, 0xffffffffL, 0x00000000L, false, false));
        BY_NAME.put("posix", new Crc(32, 0x04c11db7L, 0x00000000L, 0xffffffffL, false, false));
        BY_NAME.put("crc_32q", new Crc(32, 0x814141abL, 0x00000000L, 0x00000000L, false, false));
        BY_NAME.put("jamcrc", new Crc(32, 0x04c11db7L, 0xffffffffL, 0x00000000L, true, true));
        BY_NAME.put("xfer", new Crc(32, 0x000000afL, 0x00000000L, 0x00000000L, false, false));
    }

    /**
     * @throws UnsupportedConstructException for an unknown or non-deterministic algorithm
     */
    static HashAlgorithm byName(String name, String where) {
        HashAlgorithm h = BY_NAME.get(name);
        if (h == null) {
            throw new UnsupportedConstructException("unsupported hash algorithm '" + name + "' in " + where);
        }
        return h;
    }

    /** Table-driven CRC of width 8, 16 or 32 (the crc_custom template of calculations.cpp). */
    static final class Crc extends HashAlgorithm {
        private final int width;
        private final long init;
        private final long xorOut;
        private final boolean reflectData;
        private final boolean reflectRemainder;
        private final long mask;
        private final long[] table = new long[256];

        Crc(int width, long poly, long init, long xorOut, boolean reflectData, boolean reflectRemainder) {
            this.width = width;
            this.init = init;
            this.xorOut = xorOut;
            this.reflectData = reflectData;
            this.reflectRemainder = reflectRemainder;
            this.mask = width == 64 ? -1L : (1L << width) - 1;
            long top = 1L << (width - 1);
            for (int d = 0; d < 256; d++) {
                long rem = ((long) d << (width - 8)) & mask;
                for (int bit = 0; bit < 8; bit++) {
                    rem = (rem & top) != 0 ? ((rem << 1) ^ poly) & mask : (rem << 1) & mask;
                }
                table[d] = rem;
            }
        }

        @Override
        long compute(byte[] buf, int len) {
            long rem = init;
            for (int i = 0; i < len; i++) {
                int b = buf[i] & 0xff;
                int data = (int) ((reflectData ? reflect(b, 8) : b) ^ (rem >>> (width - 8))) & 0xff;
                rem = (table[data] ^ (rem << 8)) & mask;
            }
            return ((reflectRemainder ? reflect(rem, width) : rem) ^ xorOut) & mask;
        }

        private static long reflect(long v, int bits) {
            long r = 0;
            for (int i = 0; i < bits; i++) {
                if ((v & (1L << i)) != 0) {
                    r |= 1L << (bits - 1 - i);
                }
            }
            return r;
        }
    }

    /** Internet checksum (RFC 1071) with a zero pad byte, as a 16-bit number. */
    static final class Csum16 extends HashAlgorithm {
        @Override
        long compute(byte[] buf, int len) {
            long sum = 0;
            for (int i = 0; i < len; i += 2) {
                int hi = buf[i] & 0xff;
                int lo = i + 1 < len ? buf[i + 1] & 0xff : 0;
                sum += (hi << 8) | lo;
            }
            while ((sum >>> 16) != 0) {
                sum = (sum & 0xffff) + (sum >>> 16);
            }
            return ~sum & 0xffff;
        }
    }

    /** The first up to 8 bytes as a big-endian number. */
    static final class Identity extends HashAlgorithm {
        @Override
        long compute(byte[] buf, int len) {
            long r = 0;
            for (int i = 0; i < Math.min(8, len); i++) {
                r = (r << 8) | (buf[i] & 0xff);
            }
            return r;
        }
    }

    /** XOR of big-endian 16-bit words, the last one zero-padded. */
    static final class Xor16 extends HashAlgorithm {
        @Override
        long compute(byte[] buf, int len) {
            int r = 0;
            for (int i = 0; i < len; i += 2) {
                int hi = buf[i] & 0xff;
                int lo = i + 1 < len ? buf[i + 1] & 0xff : 0;
                r ^= (hi << 8) | lo;
            }
            return r & 0xffff;
        }
    }
}
