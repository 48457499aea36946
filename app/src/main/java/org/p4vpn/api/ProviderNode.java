package org.p4vpn.api;

import com.google.common.base.MoreObjects;
import org.onlab.packet.Ip4Address;
import org.onosproject.net.DeviceId;

import java.util.Objects;
import java.util.Optional;

/**
 * A node of the provider network and its role: a PE or P switch (by its device id) or a route
 * reflector. Every node has a router id (its loopback address), which is the BGP next hop of the
 * routes a PE advertises and the BGP identifier of its speaker.
 */
public final class ProviderNode {

    private final DeviceId deviceId;
    private final NodeRole role;
    private final Ip4Address routerId;
    private final RouteReflectorConfig routeReflector;

    /**
     * Creates a node.
     *
     * @param deviceId       device id (for a route reflector any unique id, e.g. {@code rr:rr1})
     * @param role           role
     * @param routerId       router id / loopback address
     * @param routeReflector reflector settings; required for RR, not allowed otherwise
     * @throws InvalidInputException if the settings do not fit the role
     */
    public ProviderNode(DeviceId deviceId, NodeRole role, Ip4Address routerId,
                        RouteReflectorConfig routeReflector) {
        this.deviceId = Names.required("deviceId", deviceId);
        this.role = Names.required("role", role);
        this.routerId = Names.required("routerId", routerId);
        if (routerId.toInt() == 0) {
            throw new InvalidInputException("routerId", routerId, "0.0.0.0 is not a valid router id");
        }
        if (role == NodeRole.RR && routeReflector == null) {
            throw new InvalidInputException("routeReflector", null,
                    "a route reflector needs a cluster id, clients and non-clients");
        }
        if (role != NodeRole.RR && routeReflector != null) {
            throw new InvalidInputException("routeReflector", routeReflector,
                    "only a node of role RR takes route-reflector settings");
        }
        this.routeReflector = routeReflector;
    }

    /**
     * Creates a PE or P node.
     *
     * @param deviceId device id
     * @param role     PE or P
     * @param routerId router id
     * @return node
     */
    public static ProviderNode of(DeviceId deviceId, NodeRole role, Ip4Address routerId) {
        return new ProviderNode(deviceId, role, routerId, null);
    }

    /**
     * Returns the device id.
     *
     * @return device id
     */
    public DeviceId deviceId() {
        return deviceId;
    }

    /**
     * Returns the role.
     *
     * @return role
     */
    public NodeRole role() {
        return role;
    }

    /**
     * Returns the router id.
     *
     * @return router id
     */
    public Ip4Address routerId() {
        return routerId;
    }

    /**
     * Returns the route-reflector settings of an RR node.
     *
     * @return settings
     */
    public Optional<RouteReflectorConfig> routeReflector() {
        return Optional.ofNullable(routeReflector);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ProviderNode)) {
            return false;
        }
        ProviderNode n = (ProviderNode) o;
        return deviceId.equals(n.deviceId) && role == n.role && routerId.equals(n.routerId)
                && Objects.equals(routeReflector, n.routeReflector);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, role, routerId, routeReflector);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).omitNullValues().add("device", deviceId).add("role", role)
                .add("routerId", routerId).add("rr", routeReflector).toString();
    }
}
