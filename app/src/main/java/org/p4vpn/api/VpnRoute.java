package org.p4vpn.api;

import com.google.common.base.MoreObjects;
import org.onlab.packet.Ip4Address;

import java.util.Objects;
import java.util.Set;

/**
 * A VPNv4 route (RFC 4364 section 4.3): VPN-IPv4 prefix, BGP next hop (the egress PE), the VPN
 * label the egress PE assigned, the path attributes with the route targets, and the peer it came
 * from.
 */
public final class VpnRoute {

    /** Largest 20-bit MPLS label value. */
    public static final int MAX_LABEL = 0xFFFFF;

    private final VpnPrefix prefix;
    private final Ip4Address nextHop;
    private final int label;
    private final PathAttributes attributes;
    private final RouteSource source;

    /**
     * Creates a route.
     *
     * @param prefix     VPN-IPv4 prefix
     * @param nextHop    BGP next hop
     * @param label      VPN label, 0..2^20-1
     * @param attributes path attributes
     * @param source     where the route came from
     * @throws InvalidInputException if a field is missing or the label is out of range
     */
    public VpnRoute(VpnPrefix prefix, Ip4Address nextHop, int label, PathAttributes attributes,
                    RouteSource source) {
        this.prefix = Names.required("prefix", prefix);
        this.nextHop = Names.required("nextHop", nextHop);
        if (label < 0 || label > MAX_LABEL) {
            throw new InvalidInputException("label", label, "an MPLS label is 0 to " + MAX_LABEL);
        }
        this.label = label;
        this.attributes = Names.required("attributes", attributes);
        this.source = Names.required("source", source);
    }

    /**
     * Returns the VPN-IPv4 prefix.
     *
     * @return prefix
     */
    public VpnPrefix prefix() {
        return prefix;
    }

    /**
     * Returns the BGP next hop.
     *
     * @return next hop (the egress PE's address)
     */
    public Ip4Address nextHop() {
        return nextHop;
    }

    /**
     * Returns the VPN label.
     *
     * @return label
     */
    public int label() {
        return label;
    }

    /**
     * Returns the path attributes.
     *
     * @return attributes
     */
    public PathAttributes attributes() {
        return attributes;
    }

    /**
     * Returns the route targets (a shortcut for {@code attributes().routeTargets()}).
     *
     * @return route targets
     */
    public Set<RouteTarget> routeTargets() {
        return attributes.routeTargets();
    }

    /**
     * Returns where the route came from.
     *
     * @return source
     */
    public RouteSource source() {
        return source;
    }

    /**
     * Returns this route as received from another source.
     *
     * @param from source
     * @return route
     */
    public VpnRoute withSource(RouteSource from) {
        return new VpnRoute(prefix, nextHop, label, attributes, from);
    }

    /**
     * Returns this route with other attributes.
     *
     * @param attrs attributes
     * @return route
     */
    public VpnRoute withAttributes(PathAttributes attrs) {
        return new VpnRoute(prefix, nextHop, label, attrs, source);
    }

    /**
     * Returns this route with another next hop and label (next-hop-self).
     *
     * @param hop      next hop
     * @param newLabel label
     * @return route
     */
    public VpnRoute withNextHop(Ip4Address hop, int newLabel) {
        return new VpnRoute(prefix, hop, newLabel, attributes, source);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VpnRoute)) {
            return false;
        }
        VpnRoute r = (VpnRoute) o;
        return label == r.label && prefix.equals(r.prefix) && nextHop.equals(r.nextHop)
                && attributes.equals(r.attributes) && source.equals(r.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(prefix, nextHop, label, attributes, source);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("prefix", prefix).add("nextHop", nextHop)
                .add("label", label).add("from", source).add("attrs", attributes).toString();
    }
}
