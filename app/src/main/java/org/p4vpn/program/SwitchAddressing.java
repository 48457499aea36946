package org.p4vpn.program;

import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.p4vpn.api.Site;

import java.util.Optional;

/** Where the programmer learns the MAC addresses it writes: router MACs of switches and CE MACs. */
public interface SwitchAddressing {

    /**
     * Returns the MAC a switch's interfaces use.
     *
     * @param device switch
     * @return router MAC, empty if not configured (the switch is not programmed then)
     */
    Optional<MacAddress> routerMac(DeviceId device);

    /**
     * Returns the MAC of a site's CE.
     *
     * @param site site
     * @return CE MAC, empty while unknown (the site gets no next hop then)
     */
    Optional<MacAddress> ceMac(Site site);
}
