package org.p4vpn.api;

import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;

/**
 * VPN-IPv4 prefix (RFC 4364 section 4.1): a route distinguisher and an IPv4 prefix, twelve bytes
 * plus the length on the wire. Kept compact (two primitives and a byte) because the route engine
 * holds one per route.
 */
public final class VpnPrefix implements Comparable<VpnPrefix> {

    private final long rd;
    private final int address;
    private final byte length;

    private VpnPrefix(long rd, int address, int length) {
        this.rd = rd;
        this.address = address;
        this.length = (byte) length;
    }

    /**
     * Creates a VPN-IPv4 prefix.
     *
     * @param rd     route distinguisher
     * @param prefix IPv4 prefix
     * @return VPN prefix
     */
    public static VpnPrefix of(RouteDistinguisher rd, Ip4Prefix prefix) {
        return new VpnPrefix(rd.toLong(), prefix.address().toInt(), prefix.prefixLength());
    }

    /**
     * Creates a VPN-IPv4 prefix from raw parts; host bits are cleared.
     *
     * @param rd      route distinguisher as eight bytes
     * @param address IPv4 address as an int
     * @param length  prefix length 0..32
     * @return VPN prefix
     * @throws InvalidInputException if the length is out of range
     */
    public static VpnPrefix of(long rd, int address, int length) {
        if (length < 0 || length > 32) {
            throw new InvalidInputException("prefixLength", length, "an IPv4 prefix length is 0 to 32");
        }
        int mask = length == 0 ? 0 : -1 << (32 - length);
        return new VpnPrefix(rd, address & mask, length);
    }

    /**
     * Parses {@code RD:prefix}, e.g. {@code 65000:1:10.0.0.0/24}.
     *
     * @param text text form
     * @return VPN prefix
     */
    public static VpnPrefix of(String text) {
        int split = text == null ? -1 : text.lastIndexOf(':');
        if (split < 0) {
            throw new InvalidInputException("prefix", text, "a VPN-IPv4 prefix is RD:PREFIX, e.g. 65000:1:10.0.0.0/24");
        }
        Ip4Prefix p;
        try {
            p = Ip4Prefix.valueOf(text.substring(split + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("prefix", text, "'" + text.substring(split + 1)
                    + "' is not an IPv4 prefix");
        }
        return of(RouteDistinguisher.of(text.substring(0, split)), p);
    }

    /**
     * Returns the route distinguisher.
     *
     * @return RD
     */
    public RouteDistinguisher routeDistinguisher() {
        return RouteDistinguisher.ofLong(rd);
    }

    /**
     * Returns the route distinguisher as eight bytes.
     *
     * @return RD value
     */
    public long rdValue() {
        return rd;
    }

    /**
     * Returns the IPv4 prefix.
     *
     * @return prefix
     */
    public Ip4Prefix prefix() {
        return Ip4Prefix.valueOf(Ip4Address.valueOf(address), length);
    }

    /**
     * Returns the prefix address as an int.
     *
     * @return address
     */
    public int address() {
        return address;
    }

    /**
     * Returns the prefix length.
     *
     * @return 0..32
     */
    public int prefixLength() {
        return length;
    }

    @Override
    public int compareTo(VpnPrefix o) {
        int c = Long.compareUnsigned(rd, o.rd);
        if (c == 0) {
            c = Integer.compareUnsigned(address, o.address);
        }
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VpnPrefix)) {
            return false;
        }
        VpnPrefix p = (VpnPrefix) o;
        return p.rd == rd && p.address == address && p.length == length;
    }

    @Override
    public int hashCode() {
        // The multipliers spread RDs and addresses that differ only in low bits.
        return (int) (rd ^ rd >>> 32) * 0x9E3779B1 + address * 31 + length;
    }

    @Override
    public String toString() {
        return routeDistinguisher() + ":" + prefix();
    }
}
