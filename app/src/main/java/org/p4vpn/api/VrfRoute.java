package org.p4vpn.api;

import com.google.common.base.MoreObjects;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;

import java.util.Objects;
import java.util.Optional;

/**
 * One candidate route of a VRF table: how the PE reaches a customer prefix in one VPN instance.
 * Local routes go out of a site's attachment circuit (connected subnet, static route to the CE, or
 * a route crossed from another VRF on the same PE); remote routes go into an LSP toward the egress
 * PE with that PE's VPN label. Exactly one candidate per prefix is the best.
 */
public final class VrfRoute {

    /** How the route got into the VRF, in order of preference. */
    public enum Kind {
        /** The PE-CE subnet of a site of this VRF. */
        CONNECTED,
        /** A static route of a site of this VRF, next hop its CE. */
        STATIC,
        /** A route of another VRF on the same PE imported by route target (local route crossing). */
        LOCAL_CROSSING,
        /** A VPNv4 route of another PE imported by route target. */
        REMOTE
    }

    private final Ip4Prefix prefix;
    private final Kind kind;
    private final Ip4Address nextHop;
    private final String site;
    private final VpnRoute vpnRoute;
    private final int label;
    private final boolean best;

    /**
     * Creates a VRF route.
     *
     * @param prefix   customer prefix
     * @param kind     kind
     * @param nextHop  CE address (local kinds) or egress PE address (remote)
     * @param site     the site the packet leaves by (local kinds), else null
     * @param vpnRoute the VPNv4 route it was imported from (crossing and remote), else null
     * @param label    the VPN label: pushed toward the egress PE (remote) or advertised for it (local);
     *                 -1 if none
     * @param best     whether it is the best route for the prefix
     */
    public VrfRoute(Ip4Prefix prefix, Kind kind, Ip4Address nextHop, String site, VpnRoute vpnRoute,
                    int label, boolean best) {
        this.prefix = Names.required("prefix", prefix);
        this.kind = Names.required("kind", kind);
        this.nextHop = Names.required("nextHop", nextHop);
        this.site = site;
        this.vpnRoute = vpnRoute;
        this.label = label;
        this.best = best;
    }

    /**
     * Returns the prefix.
     *
     * @return prefix
     */
    public Ip4Prefix prefix() {
        return prefix;
    }

    /**
     * Returns the kind.
     *
     * @return kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the next hop: the CE for local routes, the egress PE for remote ones.
     *
     * @return next hop
     */
    public Ip4Address nextHop() {
        return nextHop;
    }

    /**
     * Returns the site the packet leaves by (local kinds).
     *
     * @return site name
     */
    public Optional<String> site() {
        return Optional.ofNullable(site);
    }

    /**
     * Returns the VPNv4 route this entry was imported from (crossing and remote kinds).
     *
     * @return VPNv4 route
     */
    public Optional<VpnRoute> vpnRoute() {
        return Optional.ofNullable(vpnRoute);
    }

    /**
     * Returns the VPN label, or -1 if none.
     *
     * @return label
     */
    public int label() {
        return label;
    }

    /**
     * Tells whether this is the best route for its prefix.
     *
     * @return true if best
     */
    public boolean isBest() {
        return best;
    }

    /**
     * Returns this route with the best flag set as given.
     *
     * @param flag best flag
     * @return route
     */
    public VrfRoute withBest(boolean flag) {
        return flag == best ? this : new VrfRoute(prefix, kind, nextHop, site, vpnRoute, label, flag);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VrfRoute)) {
            return false;
        }
        VrfRoute r = (VrfRoute) o;
        return prefix.equals(r.prefix) && kind == r.kind && nextHop.equals(r.nextHop)
                && Objects.equals(site, r.site) && Objects.equals(vpnRoute, r.vpnRoute) && label == r.label
                && best == r.best;
    }

    @Override
    public int hashCode() {
        return Objects.hash(prefix, kind, nextHop, site, vpnRoute, label, best);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).omitNullValues().add("prefix", prefix).add("kind", kind)
                .add("nextHop", nextHop).add("site", site).add("label", label).add("best", best).toString();
    }
}
