package org.p4vpn.bgp.wire;

import org.onlab.packet.Ip4Address;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;

/**
 * Hears what neighbors send that the speaker keeps (their Adj-RIBs-In after the loop checks):
 * the bridge to the store listens here. Called on the speaker's event loop; hand the work on.
 */
public interface AdjRibInListener {

    /**
     * A neighbor's route was kept (new or replacing its earlier one for the prefix).
     *
     * @param neighbor the neighbor's address
     * @param route    the route, its source the neighbor
     */
    void learned(Ip4Address neighbor, VpnRoute route);

    /**
     * A neighbor's route is gone: withdrawn, dropped by a loop check, or the session went down.
     *
     * @param neighbor the neighbor's address
     * @param prefix   the prefix
     */
    void withdrawn(Ip4Address neighbor, VpnPrefix prefix);
}
