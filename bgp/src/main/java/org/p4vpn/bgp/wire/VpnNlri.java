package org.p4vpn.bgp.wire;

import org.p4vpn.api.VpnPrefix;

import java.nio.ByteBuffer;

/**
 * Labeled VPN-IPv4 NLRI (RFC 4364 section 4.3.4, RFC 8277): length in bits, one label (20 bits,
 * EXP, bottom-of-stack), the route distinguisher, then the prefix's significant octets.
 */
public final class VpnNlri {

    /** Bits before the prefix: one label and the RD. */
    static final int FIXED_BITS = 24 + 64;
    /** The label value RFC 8277 section 2.4 puts in withdrawals (0x800000). */
    static final int WITHDRAW_LABEL_FIELD = 0x800000;

    private VpnNlri() {
    }

    /** Receives decoded NLRI. */
    interface Sink {
        /**
         * Called for each NLRI.
         *
         * @param prefix the VPN prefix
         * @param label  the 20-bit label
         */
        void accept(VpnPrefix prefix, int label);
    }

    /**
     * Decodes NLRI until the buffer ends.
     *
     * @param b    buffer holding exactly the NLRI
     * @param sink receives each prefix and label
     * @throws BgpError if an NLRI cannot be parsed (RFC 7606 section 5.3: session reset)
     */
    static void decode(ByteBuffer b, Sink sink) throws BgpError {
        while (b.hasRemaining()) {
            int bits = b.get() & 0xFF;
            int plen = bits - FIXED_BITS;
            if (plen < 0 || plen > 32) {
                throw new BgpError(Bgp.ERR_UPDATE, Bgp.UPD_INVALID_NETWORK,
                                   "VPN-IPv4 NLRI of " + bits + " bits: 88 to 120 expected");
            }
            int bytes = (bits + 7) / 8;
            if (b.remaining() < bytes) {
                throw new BgpError(Bgp.ERR_UPDATE, Bgp.UPD_INVALID_NETWORK, "VPN-IPv4 NLRI overruns its attribute");
            }
            int labelField = (b.get() & 0xFF) << 16 | (b.get() & 0xFF) << 8 | b.get() & 0xFF;
            long rd = b.getLong();
            int addr = 0;
            for (int i = 0; i < bytes - 11; i++) {
                addr |= (b.get() & 0xFF) << (24 - 8 * i);
            }
            sink.accept(VpnPrefix.of(rd, addr, plen), labelField >>> 4);
        }
    }

    /**
     * Returns the encoded length of an NLRI.
     *
     * @param prefixLength IPv4 prefix length
     * @return bytes
     */
    static int length(int prefixLength) {
        return 1 + 11 + (prefixLength + 7) / 8;
    }

    /**
     * Encodes one NLRI.
     *
     * @param b      buffer
     * @param prefix prefix
     * @param label  label, or -1 for a withdrawal
     */
    static void encode(ByteBuffer b, VpnPrefix prefix, int label) {
        int plen = prefix.prefixLength();
        b.put((byte) (FIXED_BITS + plen));
        int field = label < 0 ? WITHDRAW_LABEL_FIELD : label << 4 | 1;
        b.put((byte) (field >>> 16)).put((byte) (field >>> 8)).put((byte) field);
        b.putLong(prefix.rdValue());
        int addr = prefix.address();
        for (int i = 0; i < (plen + 7) / 8; i++) {
            b.put((byte) (addr >>> (24 - 8 * i)));
        }
    }
}
