package org.p4vpn.emulator;

import java.math.BigInteger;

/**
 * Immutable integer of unlimited precision with a {@code long} fast path, the emulator's
 * equivalent of BMv2's {@code Data} (a GMP bignum): arithmetic is exact, bitwise operators
 * use two's complement semantics on negative values, and widths are applied only when a
 * value is written to a field ({@link #truncate}, {@link #toSigned}).
 */
final class BitValue implements Comparable<BitValue> {

    static final BitValue ZERO = new BitValue(0L, null);
    static final BitValue ONE = new BitValue(1L, null);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** The value when {@code big == null}. */
    private final long small;
    /** Non-null only when the value does not fit in a {@code long}. */
    private final BigInteger big;

    private BitValue(long small, BigInteger big) {
        this.small = small;
        this.big = big;
    }

    static BitValue of(long v) {
        if (v == 0) {
            return ZERO;
        }
        if (v == 1) {
            return ONE;
        }
        return new BitValue(v, null);
    }

    static BitValue of(boolean b) {
        return b ? ONE : ZERO;
    }

    static BitValue of(BigInteger v) {
        if (v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0) {
            return of(v.longValue());
        }
        return new BitValue(0L, v);
    }

    /** Unsigned big-endian bytes. */
    static BitValue ofUnsigned(byte[] bytes, int offset, int length) {
        if (length <= 7) {
            long v = 0;
            for (int i = 0; i < length; i++) {
                v = (v << 8) | (bytes[offset + i] & 0xffL);
            }
            return of(v);
        }
        byte[] copy = new byte[length + 1];
        System.arraycopy(bytes, offset, copy, 1, length);
        return of(new BigInteger(copy));
    }

    static BitValue ofUnsigned(byte[] bytes) {
        return ofUnsigned(bytes, 0, bytes.length);
    }

    /**
     * Parses a BMv2 JSON hexstring ("0x0a", "-0x1", also plain hex digits).
     *
     * @throws NumberFormatException if it is not one
     */
    static BitValue parseHex(String s) {
        String t = s.trim();
        boolean neg = t.startsWith("-");
        if (neg) {
            t = t.substring(1);
        }
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        if (t.isEmpty()) {
            throw new NumberFormatException("empty hexstring '" + s + "'");
        }
        BigInteger v = new BigInteger(t, 16);
        return of(neg ? v.negate() : v);
    }

    boolean fitsLong() {
        return big == null;
    }

    long longValue() {
        return big == null ? small : big.longValue();
    }

    /** The value as an {@code int}, saturated to [0, Integer.MAX_VALUE] for sizes and indexes. */
    int toIndex() {
        if (big != null) {
            return big.signum() < 0 ? 0 : Integer.MAX_VALUE;
        }
        return small < 0 ? 0 : (int) Math.min(small, Integer.MAX_VALUE);
    }

    BigInteger toBigInteger() {
        return big != null ? big : BigInteger.valueOf(small);
    }

    int signum() {
        return big != null ? big.signum() : Long.signum(small);
    }

    boolean isZero() {
        return big == null && small == 0;
    }

    BitValue add(BitValue o) {
        if (big == null && o.big == null) {
            long r = small + o.small;
            if (((small ^ r) & (o.small ^ r)) >= 0) {
                return of(r);
            }
        }
        return of(toBigInteger().add(o.toBigInteger()));
    }

    BitValue subtract(BitValue o) {
        if (big == null && o.big == null) {
            long r = small - o.small;
            if (((small ^ o.small) & (small ^ r)) >= 0) {
                return of(r);
            }
        }
        return of(toBigInteger().subtract(o.toBigInteger()));
    }

    BitValue multiply(BitValue o) {
        if (big == null && o.big == null) {
            long r = small * o.small;
            long hi = Math.multiplyHigh(small, o.small);
            if ((hi == 0 && r >= 0) || (hi == -1 && r < 0)) {
                return of(r);
            }
        }
        return of(toBigInteger().multiply(o.toBigInteger()));
    }

    BitValue divide(BitValue o) {
        return of(toBigInteger().divide(o.toBigInteger()));
    }

    BitValue mod(BitValue o) {
        return of(toBigInteger().mod(o.toBigInteger()));
    }

    BitValue shiftLeft(int n) {
        if (big == null && n < 63) {
            long r = small << n;
            if ((r >> n) == small) {
                return of(r);
            }
        }
        return of(toBigInteger().shiftLeft(n));
    }

    /** Arithmetic (floor) shift, as GMP's. */
    BitValue shiftRight(int n) {
        if (big == null) {
            return of(n >= 64 ? (small < 0 ? -1L : 0L) : small >> n);
        }
        return of(big.shiftRight(n));
    }

    BitValue and(BitValue o) {
        if (big == null && o.big == null) {
            return of(small & o.small);
        }
        return of(toBigInteger().and(o.toBigInteger()));
    }

    BitValue or(BitValue o) {
        if (big == null && o.big == null) {
            return of(small | o.small);
        }
        return of(toBigInteger().or(o.toBigInteger()));
    }

    BitValue xor(BitValue o) {
        if (big == null && o.big == null) {
            return of(small ^ o.small);
        }
        return of(toBigInteger().xor(o.toBigInteger()));
    }

    BitValue not() {
        return big == null ? of(~small) : of(big.not());
    }

    BitValue negate() {
        return ZERO.subtract(this);
    }

    /** The low {@code width} bits as an unsigned value (what an unsigned field stores). */
    BitValue truncate(int width) {
        if (width <= 0) {
            return ZERO;
        }
        if (big == null && width < 64) {
            return of(small & ((1L << width) - 1));
        }
        if (big == null && small >= 0) {
            return this;
        }
        return of(toBigInteger().and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE)));
    }

    /** The low {@code width} bits read as a two's complement number (a signed field). */
    BitValue toSigned(int width) {
        BitValue u = truncate(width);
        if (width <= 0) {
            return u;
        }
        if (u.big == null && width < 64) {
            long signBit = 1L << (width - 1);
            return (u.small & signBit) != 0 ? of(u.small - (signBit << 1)) : u;
        }
        BigInteger b = u.toBigInteger();
        return b.testBit(width - 1) ? of(b.subtract(BigInteger.ONE.shiftLeft(width))) : u;
    }

    /** Big-endian two's complement bytes of the low {@code nbytes * 8} bits. */
    byte[] toBytes(int nbytes) {
        byte[] out = new byte[nbytes];
        if (big == null) {
            long v = small;
            for (int i = nbytes - 1; i >= 0 && i >= nbytes - 8; i--) {
                out[i] = (byte) v;
                v >>= 8;
            }
            if (small < 0) {
                for (int i = nbytes - 9; i >= 0; i--) {
                    out[i] = (byte) 0xff;
                }
            }
            return out;
        }
        byte[] raw = big.toByteArray();
        for (int i = 0; i < nbytes; i++) {
            int src = raw.length - nbytes + i;
            out[i] = src >= 0 ? raw[src] : (byte) (big.signum() < 0 ? 0xff : 0);
        }
        return out;
    }

    @Override
    public int compareTo(BitValue o) {
        if (big == null && o.big == null) {
            return Long.compare(small, o.small);
        }
        return toBigInteger().compareTo(o.toBigInteger());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BitValue)) {
            return false;
        }
        BitValue b = (BitValue) o;
        return big == null ? b.big == null && small == b.small : big.equals(b.big);
    }

    @Override
    public int hashCode() {
        return big == null ? Long.hashCode(small) : big.hashCode();
    }

    @Override
    public String toString() {
        return big == null ? Long.toString(small) : big.toString();
    }
}
