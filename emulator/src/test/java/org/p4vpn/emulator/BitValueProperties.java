package org.p4vpn.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** BitValue against BigInteger (GMP semantics: exact, two's complement bitwise, floor shifts). */
class BitValueProperties {

    @Provide
    Arbitrary<BigInteger> values() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(BigInteger::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.ONE.shiftLeft(130).negate(), BigInteger.ONE.shiftLeft(130)),
                Arbitraries.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1).map(BigInteger::valueOf));
    }

    @Property
    void arithmeticIsExact(@ForAll("values") BigInteger a, @ForAll("values") BigInteger b) {
        BitValue x = BitValue.of(a);
        BitValue y = BitValue.of(b);
        assertEquals(a.add(b), x.add(y).toBigInteger());
        assertEquals(a.subtract(b), x.subtract(y).toBigInteger());
        assertEquals(a.multiply(b), x.multiply(y).toBigInteger());
        assertEquals(a.and(b), x.and(y).toBigInteger());
        assertEquals(a.or(b), x.or(y).toBigInteger());
        assertEquals(a.xor(b), x.xor(y).toBigInteger());
        assertEquals(a.not(), x.not().toBigInteger());
        assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(x.compareTo(y)));
        assertEquals(a.equals(b), x.equals(y));
    }

    @Property
    void shiftsAndWidths(@ForAll("values") BigInteger a, @ForAll @IntRange(min = 0, max = 200) int n,
                         @ForAll @IntRange(min = 1, max = 140) int width) {
        BitValue x = BitValue.of(a);
        assertEquals(a.shiftLeft(n), x.shiftLeft(n).toBigInteger());
        assertEquals(a.shiftRight(n), x.shiftRight(n).toBigInteger());
        BigInteger mask = BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
        BigInteger u = a.and(mask);
        assertEquals(u, x.truncate(width).toBigInteger());
        BigInteger s = u.testBit(width - 1) ? u.subtract(BigInteger.ONE.shiftLeft(width)) : u;
        assertEquals(s, x.toSigned(width).toBigInteger());
        byte[] bytes = x.toBytes(Bits.bytesFor(width));
        assertEquals(u, new BigInteger(1, bytes).and(mask));
        assertEquals(x.truncate(Bits.bytesFor(width) * 8), BitValue.ofUnsigned(bytes));
    }

    @Property
    void bitsRoundTripAtAnyOffset(@ForAll("values") BigInteger a, @ForAll @IntRange(min = 0, max = 15) int offset,
                                  @ForAll @IntRange(min = 1, max = 130) int width) {
        byte[] buf = new byte[(offset + width + 7) / 8 + 1];
        java.util.Arrays.fill(buf, (byte) 0x5a);
        byte[] before = buf.clone();
        BitValue v = BitValue.of(a).truncate(width);
        Bits.write(buf, offset, width, v);
        assertEquals(v, Bits.read(buf, offset, width));
        Bits.write(buf, offset, width, Bits.read(before, offset, width));
        assertArrayEquals(before, buf, "only the written bits change");
    }
}
