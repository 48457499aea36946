package org.p4vpn.emulator;

import java.util.Arrays;
import java.util.List;

/**
 * A validated, normalized table match key in BMv2's representation: the byte-padded key
 * fields concatenated in JSON key order, the value pre-masked, a mask per byte, low/high
 * bounds for range fields, the LPM prefix length and BMv2's priority (lower wins; PI stores
 * {@code Integer.MAX_VALUE - p4runtimePriority}). Equality is the duplicate-entry identity.
 */
final class MatchKey {

    final byte[] value;
    final byte[] mask;
    /** Range bounds (only the range fields' bytes are meaningful), or null. */
    final byte[] low;
    final byte[] high;
    /** Prefix length of the LPM field (within its byte-padded container), -1 if none. */
    final int lpmPrefix;
    final int bmPriority;
    /** Normalized fields for read-back (values padded to the field's byte width). */
    final List<FieldMatch> fields;

    MatchKey(byte[] value, byte[] mask, byte[] low, byte[] high, int lpmPrefix, int bmPriority,
             List<FieldMatch> fields) {
        this.value = value;
        this.mask = mask;
        this.low = low;
        this.high = high;
        this.lpmPrefix = lpmPrefix;
        this.bmPriority = bmPriority;
        this.fields = fields;
        for (int i = 0; i < value.length; i++) {
            value[i] &= mask[i];
        }
    }

    /** P4Runtime priority of this key. */
    int p4rtPriority() {
        return bmPriority == 0 ? 0 : Integer.MAX_VALUE - bmPriority;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MatchKey)) {
            return false;
        }
        MatchKey k = (MatchKey) o;
        return lpmPrefix == k.lpmPrefix && bmPriority == k.bmPriority && Arrays.equals(value, k.value)
                && Arrays.equals(mask, k.mask) && Arrays.equals(low, k.low) && Arrays.equals(high, k.high);
    }

    @Override
    public int hashCode() {
        return ((Arrays.hashCode(value) * 31 + Arrays.hashCode(mask)) * 31 + lpmPrefix) * 31 + bmPriority;
    }

    /** A byte array usable as a hash key. */
    static final class Bytes {
        final byte[] b;
        private final int hash;

        Bytes(byte[] b) {
            this.b = b;
            this.hash = Arrays.hashCode(b);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes && Arrays.equals(b, ((Bytes) o).b);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * BMv2's create_mask_from_pref_len: the first {@code prefix} bits of an {@code nbytes}
     * container (the padding bits of a non byte-aligned field count, as in BMv2).
     */
    static byte[] prefixMask(int prefix, int nbytes) {
        byte[] m = new byte[nbytes];
        for (int i = 0; i < nbytes; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            m[i] = (byte) (0xff << (8 - bits));
        }
        return m;
    }

    /**
     * PI's bytestring_p4rt_to_pi: zero-extends short strings and rejects values wider than
     * {@code nbits}.
     */
    static byte[] fit(byte[] v, int nbits, String what) {
        int nbytes = Bits.bytesFor(nbits);
        byte[] out = new byte[nbytes];
        int firstNonZero = 0;
        while (firstNonZero < v.length && v[firstNonZero] == 0) {
            firstNonZero++;
        }
        int significant = v.length - firstNonZero;
        if (significant > 0) {
            int bits = (significant - 1) * 8 + (32 - Integer.numberOfLeadingZeros(v[firstNonZero] & 0xff));
            if (bits > nbits) {
                throw SwitchException.invalid("bytestring provided for " + what + " does not fit within " + nbits + " bits");
            }
            System.arraycopy(v, firstNonZero, out, nbytes - significant, significant);
        }
        return out;
    }
}
