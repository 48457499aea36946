package org.p4vpn.program;

import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.config.Config;
import org.p4vpn.api.NodeRole;

import java.util.Optional;

/**
 * The {@code p4vpn} section of a device in ONOS network configuration, the same one the network
 * files carry: {@code {"role": "PE", "routerId": "1.1.1.1", "routerMac": "00:aa:00:00:00:01"}}.
 * The router MAC is the switch's own address on every port (the destination CEs and neighbours send to).
 */
public final class VpnDeviceConfig extends Config<DeviceId> {

    /** Key of the section under a device. */
    public static final String KEY = "p4vpn";

    private static final String ROLE = "role";
    private static final String ROUTER_ID = "routerId";
    private static final String ROUTER_MAC = "routerMac";

    @Override
    public boolean isValid() {
        if (!hasOnlyFields(ROLE, ROUTER_ID, ROUTER_MAC) || !isMacAddress(ROUTER_MAC, FieldPresence.MANDATORY)
                || !isIpAddress(ROUTER_ID, FieldPresence.OPTIONAL)) {
            return false;
        }
        String role = get(ROLE, null);
        if (role != null) {
            try {
                NodeRole.valueOf(role);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the router MAC.
     *
     * @return MAC, if set and well formed
     */
    public Optional<MacAddress> routerMac() {
        try {
            return Optional.ofNullable(get(ROUTER_MAC, null)).map(MacAddress::valueOf);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
