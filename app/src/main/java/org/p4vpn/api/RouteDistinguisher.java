package org.p4vpn.api;

import java.nio.ByteBuffer;

/**
 * Route distinguisher of RFC 4364 section 4.2: eight bytes, a two-byte type (0, 1 or 2) and a
 * six-byte value. It makes a customer's IPv4 prefix unique in the provider's VPN-IPv4 space, so
 * that VPNs with overlapping addresses stay distinct.
 */
public final class RouteDistinguisher implements Comparable<RouteDistinguisher> {

    private static final String FIELD = "routeDistinguisher";

    private final long value;

    private RouteDistinguisher(long value) {
        this.value = value;
    }

    /**
     * Parses a route distinguisher: {@code 65000:100} (type 0), {@code 192.0.2.1:7} (type 1),
     * {@code 4200000000:5} or {@code 65000L:5} (type 2).
     *
     * @param text text form
     * @return route distinguisher
     * @throws InvalidInputException on malformed or out-of-range text
     */
    public static RouteDistinguisher of(String text) {
        return new RouteDistinguisher(AdministratorValue.parse(text, FIELD, "route distinguisher"));
    }

    /**
     * Returns the route distinguisher with the given eight-byte value.
     *
     * @param value eight bytes as a long, type in the top two bytes
     * @return route distinguisher
     * @throws InvalidInputException if the type is not 0, 1 or 2
     */
    public static RouteDistinguisher ofLong(long value) {
        int type = (int) (value >>> 48);
        if (type > AdministratorValue.TYPE_AS4) {
            throw new InvalidInputException(FIELD, Long.toHexString(value),
                    "route distinguisher type " + type + " is not defined (RFC 4364 defines 0, 1 and 2)");
        }
        return new RouteDistinguisher(value);
    }

    /**
     * Decodes the eight-byte wire form.
     *
     * @param bytes eight bytes
     * @return route distinguisher
     * @throws InvalidInputException if not eight bytes or of an unknown type
     */
    public static RouteDistinguisher decode(byte[] bytes) {
        if (bytes == null || bytes.length != 8) {
            throw new InvalidInputException(FIELD, bytes == null ? null : bytes.length + " bytes",
                    "a route distinguisher is 8 bytes");
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
     * Returns the eight bytes as a long.
     *
     * @return value
     */
    public long toLong() {
        return value;
    }

    /**
     * Returns the type: 0 (2-octet AS), 1 (IPv4 address) or 2 (4-octet AS).
     *
     * @return type
     */
    public int type() {
        return AdministratorValue.type(value);
    }

    /**
     * Returns the administrator subfield (AS number, or IPv4 address as an unsigned 32-bit value).
     *
     * @return administrator
     */
    public long administrator() {
        return AdministratorValue.administrator(value);
    }

    /**
     * Returns the assigned-number subfield.
     *
     * @return assigned number
     */
    public long assignedNumber() {
        return AdministratorValue.assigned(value);
    }

    @Override
    public int compareTo(RouteDistinguisher o) {
        return Long.compareUnsigned(value, o.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteDistinguisher && ((RouteDistinguisher) o).value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    @Override
    public String toString() {
        return AdministratorValue.format(value);
    }
}
