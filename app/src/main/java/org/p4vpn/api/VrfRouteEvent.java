package org.p4vpn.api;

import org.onlab.packet.Ip4Prefix;
import org.onosproject.event.AbstractEvent;

import java.util.Optional;

/**
 * The best route of a prefix in a VRF changed. This is what the data plane follows: label and LSP
 * management and the P4 translator react to these events.
 */
public final class VrfRouteEvent extends AbstractEvent<VrfRouteEvent.Type, VrfKey> {

    /** Kinds of change. */
    public enum Type {
        /** A prefix got a best route. */
        ROUTE_ADDED,
        /** The best route of a prefix changed. */
        ROUTE_UPDATED,
        /** A prefix lost its last route. */
        ROUTE_REMOVED
    }

    private final Ip4Prefix prefix;
    private final VrfRoute route;
    private final VrfRoute prevRoute;

    /**
     * Creates an event.
     *
     * @param type      type
     * @param vrf       the VRF
     * @param prefix    the prefix
     * @param route     new best route, null on removal
     * @param prevRoute old best route, null on addition
     */
    public VrfRouteEvent(Type type, VrfKey vrf, Ip4Prefix prefix, VrfRoute route, VrfRoute prevRoute) {
        super(type, vrf);
        this.prefix = prefix;
        this.route = route;
        this.prevRoute = prevRoute;
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
     * Returns the new best route.
     *
     * @return route, empty on removal
     */
    public Optional<VrfRoute> route() {
        return Optional.ofNullable(route);
    }

    /**
     * Returns the previous best route.
     *
     * @return route, empty on addition
     */
    public Optional<VrfRoute> prevRoute() {
        return Optional.ofNullable(prevRoute);
    }
}
