package org.p4vpn.api;

import org.onosproject.event.ListenerService;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what the route engine computed: VRF tables per PE and VPN instance, the VPNv4 RIB of each
 * BGP speaker, and the state of the route reflectors.
 */
public interface VpnRouteService extends ListenerService<VrfRouteEvent, VrfRouteListener> {

    /**
     * Tells whether the engine has loaded the configuration the store held when it started; until
     * then its tables are incomplete and must not be programmed (that would remove entries that
     * switches rightly hold across a controller restart).
     *
     * @return true once loaded
     */
    boolean isLoaded();

    /**
     * Returns the VRFs that exist (a VPN instance with a site on a PE).
     *
     * @return VRF keys
     */
    Set<VrfKey> getVrfs();

    /**
     * Returns a VRF table: every candidate route, the best ones flagged, ordered by prefix.
     *
     * @param vrf VRF
     * @return routes, empty if the VRF does not exist
     */
    List<VrfRoute> getVrfTable(VrfKey vrf);

    /**
     * Returns the best route of a prefix in a VRF.
     *
     * @param vrf    VRF
     * @param prefix prefix
     * @return best route
     */
    Optional<VrfRoute> getBestRoute(VrfKey vrf, org.onlab.packet.Ip4Prefix prefix);

    /**
     * Returns the best route of every prefix of a VRF.
     *
     * @param vrf VRF
     * @return best routes by prefix, empty if the VRF does not exist
     */
    java.util.Map<org.onlab.packet.Ip4Prefix, VrfRoute> getBestRoutes(VrfKey vrf);

    /**
     * Returns the VPN labels the engine's exported routes use.
     *
     * @return label keys
     */
    Set<LabelKey> getVpnLabelKeys();

    /**
     * Returns the state of every BGP speaker the engine models (PEs and route reflectors).
     *
     * @return speakers
     */
    List<SpeakerState> getSpeakers();

    /**
     * Returns the VPNv4 RIB of a speaker: every path it holds, best ones first per prefix.
     *
     * @param routerId speaker's router id
     * @return routes with their best flag, empty if no such speaker
     */
    List<RibEntry> getVpnRib(org.onlab.packet.Ip4Address routerId);
}
