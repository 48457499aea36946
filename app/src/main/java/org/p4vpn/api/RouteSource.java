package org.p4vpn.api;

import com.google.common.collect.Interner;
import com.google.common.collect.Interners;
import org.onlab.packet.Ip4Address;

import java.util.Objects;

/**
 * Where a speaker got a route: originated locally, or received from an iBGP or eBGP peer (its
 * address and BGP identifier). Best-path selection reads it (eBGP over iBGP, lowest router id,
 * lowest peer address) and route reflection decides by it whom to send the route to.
 */
public final class RouteSource {

    /** How the route was learned. */
    public enum Type {
        /** Originated by this speaker (from its VRFs). */
        LOCAL,
        /** Received over an internal BGP session. */
        IBGP,
        /** Received over an external BGP session. */
        EBGP
    }

    private static final Interner<RouteSource> INTERNER = Interners.newWeakInterner();
    /** The source of locally originated routes. */
    public static final RouteSource LOCAL =
            INTERNER.intern(new RouteSource(Type.LOCAL, Ip4Address.valueOf(0), Ip4Address.valueOf(0)));

    private final Type type;
    private final Ip4Address peerAddress;
    private final Ip4Address peerRouterId;

    private RouteSource(Type type, Ip4Address peerAddress, Ip4Address peerRouterId) {
        this.type = type;
        this.peerAddress = peerAddress;
        this.peerRouterId = peerRouterId;
    }

    /**
     * Returns the source of routes received from a peer.
     *
     * @param type         IBGP or EBGP
     * @param peerAddress  the peer's session address
     * @param peerRouterId the peer's BGP identifier
     * @return route source
     */
    public static RouteSource peer(Type type, Ip4Address peerAddress, Ip4Address peerRouterId) {
        if (type == Type.LOCAL) {
            return LOCAL;
        }
        return INTERNER.intern(new RouteSource(type, Names.required("peerAddress", peerAddress),
                                               Names.required("peerRouterId", peerRouterId)));
    }

    /**
     * Returns the type.
     *
     * @return type
     */
    public Type type() {
        return type;
    }

    /**
     * Returns the peer's address (0.0.0.0 for local routes).
     *
     * @return address
     */
    public Ip4Address peerAddress() {
        return peerAddress;
    }

    /**
     * Returns the peer's BGP identifier (0.0.0.0 for local routes).
     *
     * @return router id
     */
    public Ip4Address peerRouterId() {
        return peerRouterId;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RouteSource)) {
            return false;
        }
        RouteSource s = (RouteSource) o;
        return type == s.type && peerAddress.equals(s.peerAddress) && peerRouterId.equals(s.peerRouterId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, peerAddress, peerRouterId);
    }

    @Override
    public String toString() {
        return type == Type.LOCAL ? "local" : type.name().toLowerCase() + " " + peerAddress;
    }
}
