package org.p4vpn.api;

import java.util.Collection;

/**
 * The switches and links of the provider network as the controller sees them now: which switches
 * are connected and which links are up. In ONOS it reads DeviceService and LinkService; in the
 * embedded runtime, the network file and the link monitor.
 */
public interface NetworkStateService {

    /**
     * Returns the switches.
     *
     * @return switches, ordered by id
     */
    Collection<NetworkSwitch> getSwitches();

    /**
     * Returns the links, one per pair of connected ports.
     *
     * @return links
     */
    Collection<NetworkLink> getLinks();
}
