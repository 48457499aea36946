package org.p4vpn.api;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 4360 / RFC 5668 route-target extended communities. */
class RouteTargetTest {

    @Test
    void twoOctetAsForm() {
        RouteTarget rt = RouteTarget.of("65000:100");
        assertArrayEquals(Bytes.of(0x00, 0x02, 0xFD, 0xE8, 0, 0, 0, 100), rt.encode());
        assertEquals("65000:100", rt.toString());
    }

    @Test
    void ipv4Form() {
        RouteTarget rt = RouteTarget.of("192.0.2.1:7");
        assertArrayEquals(Bytes.of(0x01, 0x02, 192, 0, 2, 1, 0, 7), rt.encode());
        assertEquals(1, rt.type());
    }

    @Test
    void fourOctetAsForm() {
        RouteTarget rt = RouteTarget.of("target:4200000000:5");
        assertArrayEquals(Bytes.of(0x02, 0x02, 0xFA, 0x56, 0xEA, 0x00, 0, 5), rt.encode());
        assertEquals("4200000000:5", rt.toString());
    }

    @Test
    void routeTargetAndDistinguisherOfSameTextDiffer() {
        assertNotEquals(RouteTarget.of("65000:1").toLong(), RouteDistinguisher.of("65000:1").toLong());
    }

    @Test
    void otherExtendedCommunitiesAreNotRouteTargets() {
        // Route origin (sub-type 0x03) of the same administrator.
        byte[] soo = Bytes.of(0x00, 0x03, 0xFD, 0xE8, 0, 0, 0, 1);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RouteTarget.decode(soo));
        assertTrue(e.getMessage().contains("sub-type 0x03"), e.getMessage());
        assertFalse(RouteTarget.isRouteTarget(0x0003FDE800000001L));
        assertTrue(RouteTarget.isRouteTarget(RouteTarget.of("1:1").toLong()));
    }

    @Test
    void errorsNameTheRouteTargetField() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RouteTarget.of("1.2.3.4:65536"));
        assertEquals("routeTarget", e.field());
    }

    @Property
    void wireRoundTrip(@ForAll @IntRange(max = 2) int type, @ForAll @LongRange(max = 0xFFFF_FFFF_FFFFL) long v) {
        RouteTarget rt = RouteTarget.ofLong((long) type << 56 | 0x02L << 48 | v);
        assertEquals(rt, RouteTarget.decode(rt.encode()));
        assertEquals(rt, RouteTarget.of(rt.toString()));
    }

    @Property
    void textRoundTrip(@ForAll @LongRange(min = 65536, max = 4294967295L) long as,
                       @ForAll @IntRange(max = 65535) int n) {
        RouteTarget rt = RouteTarget.of(as + ":" + n);
        assertEquals(2, rt.type());
        assertEquals(as + ":" + n, rt.toString());
        assertEquals(as, rt.administrator());
        assertEquals(n, rt.assignedNumber());
    }
}
