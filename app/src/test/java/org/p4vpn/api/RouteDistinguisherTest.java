package org.p4vpn.api;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 4364 section 4.2 route distinguishers: text forms, wire form, and errors. */
class RouteDistinguisherTest {

    @Test
    void type0TwoOctetAs() {
        RouteDistinguisher rd = RouteDistinguisher.of("65000:100");
        assertEquals(0, rd.type());
        assertEquals(65000, rd.administrator());
        assertEquals(100, rd.assignedNumber());
        assertArrayEquals(Bytes.of(0, 0, 0xFD, 0xE8, 0, 0, 0, 100), rd.encode());
        assertEquals("65000:100", rd.toString());
    }

    @Test
    void type0TakesFourOctetAssignedNumber() {
        RouteDistinguisher rd = RouteDistinguisher.of("1:4294967295");
        assertArrayEquals(Bytes.of(0, 0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF), rd.encode());
    }

    @Test
    void type1Ipv4Address() {
        RouteDistinguisher rd = RouteDistinguisher.of("192.0.2.1:7");
        assertEquals(1, rd.type());
        assertArrayEquals(Bytes.of(0, 1, 192, 0, 2, 1, 0, 7), rd.encode());
        assertEquals("192.0.2.1:7", rd.toString());
    }

    @Test
    void type2FourOctetAs() {
        RouteDistinguisher rd = RouteDistinguisher.of("4200000000:5");
        assertEquals(2, rd.type());
        assertEquals(4200000000L, rd.administrator());
        assertArrayEquals(Bytes.of(0, 2, 0xFA, 0x56, 0xEA, 0x00, 0, 5), rd.encode());
        assertEquals("4200000000:5", rd.toString());
    }

    @Test
    void type2WithSmallAsKeepsItsTypeThroughText() {
        RouteDistinguisher rd = RouteDistinguisher.decode(Bytes.of(0, 2, 0, 0, 0xFD, 0xE8, 0, 9));
        assertEquals("65000L:9", rd.toString());
        assertEquals(rd, RouteDistinguisher.of(rd.toString()));
    }

    @Test
    void decodeIsTheInverseOfEncode() {
        for (String s : new String[] {"0:0", "65535:4294967295", "10.0.0.1:65535", "65536:1"}) {
            RouteDistinguisher rd = RouteDistinguisher.of(s);
            assertEquals(rd, RouteDistinguisher.decode(rd.encode()));
        }
    }

    @Test
    void outOfRangeAssignedNumbersAreNamed() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RouteDistinguisher.of("192.0.2.1:70000"));
        assertEquals("routeDistinguisher", e.field());
        assertEquals("192.0.2.1:70000", e.value());
        assertTrue(e.getMessage().contains("at most 65535"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> RouteDistinguisher.of("4200000000:65536"));
        assertTrue(e.getMessage().contains("4-octet AS"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> RouteDistinguisher.of("65000:4294967296"));
        assertTrue(e.getMessage().contains("4294967295"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> RouteDistinguisher.of("4294967296:1"));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void malformedTextIsRejectedWithTheReason() {
        assertTrue(assertThrows(InvalidInputException.class, () -> RouteDistinguisher.of("65000"))
                           .getMessage().contains("ADMINISTRATOR:NUMBER"));
        assertTrue(assertThrows(InvalidInputException.class, () -> RouteDistinguisher.of("abc:1"))
                           .getMessage().contains("decimal"));
        assertTrue(assertThrows(InvalidInputException.class, () -> RouteDistinguisher.of("300.1.1.1:1"))
                           .getMessage().contains("not a valid IPv4"));
        assertTrue(assertThrows(InvalidInputException.class, () -> RouteDistinguisher.of("1.1.1:1"))
                           .getMessage().contains("IPv4 address or an AS number"));
        assertTrue(assertThrows(InvalidInputException.class, () -> RouteDistinguisher.of("65000:-1"))
                           .getMessage().contains("decimal"));
        assertTrue(assertThrows(InvalidInputException.class, () -> RouteDistinguisher.of(""))
                           .getMessage().contains("required"));
        assertTrue(assertThrows(InvalidInputException.class, () -> RouteDistinguisher.of("65000:"))
                           .getMessage().contains("ADMINISTRATOR:NUMBER"));
    }

    @Test
    void wireFormOfUnknownTypeOrLengthIsRejected() {
        assertTrue(assertThrows(InvalidInputException.class,
                () -> RouteDistinguisher.decode(Bytes.of(0, 3, 0, 0, 0, 0, 0, 0))).getMessage().contains("type 3"));
        assertTrue(assertThrows(InvalidInputException.class,
                () -> RouteDistinguisher.decode(Bytes.of(0, 0, 0))).getMessage().contains("8 bytes"));
    }

    @Property
    void type0TextAndWireRoundTrip(@ForAll @LongRange(max = 65535) long as,
                                   @ForAll @LongRange(max = 4294967295L) long n) {
        RouteDistinguisher rd = RouteDistinguisher.of(as + ":" + n);
        assertEquals(rd, RouteDistinguisher.of(rd.toString()));
        assertEquals(rd, RouteDistinguisher.decode(rd.encode()));
        assertEquals(as, rd.administrator());
        assertEquals(n, rd.assignedNumber());
    }

    @Property
    void type1TextAndWireRoundTrip(@ForAll @IntRange(max = 255) int a, @ForAll @IntRange(max = 255) int b,
                                   @ForAll @IntRange(max = 65535) int n) {
        RouteDistinguisher rd = RouteDistinguisher.of("10." + a + "." + b + ".1:" + n);
        assertEquals(1, rd.type());
        assertEquals(rd, RouteDistinguisher.of(rd.toString()));
        assertEquals(rd, RouteDistinguisher.decode(rd.encode()));
    }

    @Property
    void anyWireValueOfAKnownTypeRoundTripsThroughText(@ForAll @IntRange(max = 2) int type,
                                                       @ForAll @LongRange(max = 0xFFFF_FFFF_FFFFL) long value) {
        RouteDistinguisher rd = RouteDistinguisher.ofLong((long) type << 48 | value);
        assertEquals(rd, RouteDistinguisher.of(rd.toString()));
        assertEquals(type, rd.type());
    }
}
