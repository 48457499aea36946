package org.p4vpn.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Standard check values ("123456789") of the CRCs BMv2 names, and the Internet checksum. */
class HashAlgorithmTest {

    static long hash(String algo, byte[] in) {
        return HashAlgorithm.byName(algo, "test").compute(in, in.length);
    }

    @Test
    void crcCheckValues() {
        byte[] in = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xbb3d, hash("crc16", in)); // CRC-16/ARC, BMv2's crc16
        assertEquals(0xcbf43926L, hash("crc32", in));
        assertEquals(0x29b1, hash("crcCCITT", in)); // CRC-16/CCITT-FALSE
        assertEquals(0x31c3, hash("xmodem", in));
        assertEquals(0x906e, hash("x_25", in));
        assertEquals(0xe3069283L, hash("crc_32c", in));
        assertEquals(0xf4, hash("crc_8", in));
        assertEquals(0x3132333435363738L, hash("identity", in));
        assertEquals(0x3132 ^ 0x3334 ^ 0x3536 ^ 0x3738 ^ 0x3900, hash("xor16", in));
    }

    @Test
    void csum16IsTheIpv4HeaderChecksum() {
        // RFC 1071 example header, checksum field zeroed: 0xb861 is the known checksum
        byte[] h = Frames.hex("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7");
        assertEquals(0xb861, hash("csum16", h));
        byte[] odd = {(byte) 0x12, (byte) 0x34, (byte) 0x56};
        assertEquals(~(0x1234 + 0x5600) & 0xffff, hash("csum16", odd));
        assertThrows(UnsupportedConstructException.class, () -> HashAlgorithm.byName("xxh64", "test"));
    }
}
