package org.p4vpn.program;

import org.onosproject.net.HostId;
import org.onosproject.net.config.Config;

/**
 * The {@code p4vpn} section of a host (a CE) in ONOS network configuration, as in the network files:
 * {@code {"prefixLength": 24, "gateway": "10.1.1.1"}}. ONOS keeps it for the labs (the CE's own
 * interface); the application reads a site's addresses from the site itself.
 */
public final class VpnHostConfig extends Config<HostId> {

    /** Key of the section under a host. */
    public static final String KEY = "p4vpn";

    private static final String PREFIX_LENGTH = "prefixLength";
    private static final String GATEWAY = "gateway";

    @Override
    public boolean isValid() {
        return hasOnlyFields(PREFIX_LENGTH, GATEWAY) && isIpAddress(GATEWAY, FieldPresence.MANDATORY)
                && isIntegralNumber(PREFIX_LENGTH, FieldPresence.OPTIONAL, 0, 32);
    }
}
