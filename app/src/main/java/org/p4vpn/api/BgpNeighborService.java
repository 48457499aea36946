package org.p4vpn.api;

import org.onlab.packet.Ip4Address;

import java.util.List;
import java.util.Optional;

/**
 * The controller's BGP neighbors (routers outside the controller that exchange VPN-IPv4 routes
 * with it): configuration, session state, and what is received from and sent to each.
 */
public interface BgpNeighborService {

    /**
     * Returns every neighbor's state, in configuration order.
     *
     * @return states
     */
    List<BgpNeighborState> getNeighbors();

    /**
     * Returns one neighbor's state.
     *
     * @param address neighbor address
     * @return state, empty if not configured
     */
    Optional<BgpNeighborState> getNeighbor(Ip4Address address);

    /**
     * Adds a neighbor; unless passive, the speaker connects to it.
     *
     * @param neighbor neighbor
     * @throws ConflictException if a neighbor with that address exists
     * @throws InvalidInputException if the neighbor does not fit the speaker (a client of a speaker
     *                               that is not a route reflector, an internal neighbor in another AS)
     */
    void addNeighbor(BgpNeighbor neighbor);

    /**
     * Removes a neighbor: its session ends with a Cease and its routes are withdrawn.
     *
     * @param address neighbor address
     * @throws NotFoundException if not configured
     */
    void removeNeighbor(Ip4Address address);

    /**
     * Returns the routes the neighbor sent that are kept (its Adj-RIB-In).
     *
     * @param address neighbor address
     * @return routes ordered by prefix
     * @throws NotFoundException if not configured
     */
    List<VpnRoute> getAdjRibIn(Ip4Address address);

    /**
     * Returns the routes sent to the neighbor (its Adj-RIB-Out).
     *
     * @param address neighbor address
     * @return routes ordered by prefix, empty unless established
     * @throws NotFoundException if not configured
     */
    List<VpnRoute> getAdjRibOut(Ip4Address address);
}
