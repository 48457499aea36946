package org.p4vpn.api;

import java.nio.ByteBuffer;

/**
 * Route-target extended community (RFC 4360 section 4, RFC 5668): the two-octet-AS (type 0x00),
 * IPv4-address (0x01) and four-octet-AS (0x02) forms, sub-type 0x02. Export targets are attached
 * to a VPN's routes; a VRF imports the routes that carry one of its import targets.
 */
public final class RouteTarget implements Comparable<RouteTarget> {

    private static final String FIELD = "routeTarget";
    /** Extended-community sub-type of a route target. */
    public static final int SUBTYPE = 0x02;

    private final long value;

    private RouteTarget(long value) {
        this.value = value;
    }

    /**
     * Parses a route target: {@code 65000:100}, {@code 192.0.2.1:7}, {@code 4200000000:5} or
     * {@code 65000L:5}; an optional {@code target:} prefix is accepted.
     *
     * @param text text form
     * @return route target
     * @throws InvalidInputException on malformed or out-of-range text
     */
    public static RouteTarget of(String text) {
        String t = text != null && text.startsWith("target:") ? text.substring("target:".length()) : text;
        long typed = AdministratorValue.parse(t, FIELD, "route target");
        long type = AdministratorValue.type(typed);
        return new RouteTarget(type << 56 | (long) SUBTYPE << 48 | (typed & 0xFFFF_FFFF_FFFFL));
    }

    /**
     * Returns the route target with the given eight-byte extended community value.
     *
     * @param value the community as a long
     * @return route target
     * @throws InvalidInputException if the community is not a route target
     */
    public static RouteTarget ofLong(long value) {
        int type = (int) (value >>> 56);
        int subtype = (int) (value >>> 48) & 0xFF;
        if (!isRouteTarget(value)) {
            throw new InvalidInputException(FIELD, String.format("0x%016x", value),
                    String.format("extended community type 0x%02x sub-type 0x%02x is not a route target", type,
                                  subtype));
        }
        return new RouteTarget(value);
    }

    /**
     * Tells whether an extended community is a route target of a known form.
     *
     * @param community eight-byte community
     * @return true for the three route-target forms
     */
    public static boolean isRouteTarget(long community) {
        int type = (int) (community >>> 56);
        int subtype = (int) (community >>> 48) & 0xFF;
        return subtype == SUBTYPE && type <= AdministratorValue.TYPE_AS4;
    }

    /**
     * Decodes the eight-byte wire form.
     *
     * @param bytes eight bytes
     * @return route target
     * @throws InvalidInputException if not eight bytes or not a route target
     */
    public static RouteTarget decode(byte[] bytes) {
        if (bytes == null || bytes.length != 8) {
            throw new InvalidInputException(FIELD, bytes == null ? null : bytes.length + " bytes",
                    "an extended community is 8 bytes");
        }
        return ofLong(ByteBuffer.wrap(bytes).getLong());
    }

    /**
     * Returns the eight-byte wire form.
     *
     * @return eight bytes, network order
     */
    public byte[] encode() {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    /**
     * Returns the community as a long.
     *
     * @return value
     */
    public long toLong() {
        return value;
    }

    /**
     * Returns the form: 0 (2-octet AS), 1 (IPv4 address), 2 (4-octet AS).
     *
     * @return type
     */
    public int type() {
        return (int) (value >>> 56);
    }

    private long typed() {
        return (long) type() << 48 | (value & 0xFFFF_FFFF_FFFFL);
    }

    /**
     * Returns the administrator subfield.
     *
     * @return AS number or IPv4 address as an unsigned 32-bit value
     */
    public long administrator() {
        return AdministratorValue.administrator(typed());
    }

    /**
     * Returns the assigned-number subfield.
     *
     * @return assigned number
     */
    public long assignedNumber() {
        return AdministratorValue.assigned(typed());
    }

    @Override
    public int compareTo(RouteTarget o) {
        return Long.compareUnsigned(value, o.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteTarget && ((RouteTarget) o).value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    @Override
    public String toString() {
        return AdministratorValue.format(typed());
    }
}
