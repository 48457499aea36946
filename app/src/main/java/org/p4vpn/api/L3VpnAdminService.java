package org.p4vpn.api;

import org.onlab.packet.Ip4Prefix;
import org.onosproject.net.DeviceId;

/**
 * Changes the VPN configuration. Every method checks its input against what is configured and
 * either applies the change whole or throws an {@link L3VpnException} and changes nothing.
 */
public interface L3VpnAdminService {

    /**
     * Creates a VPN instance.
     *
     * @param instance the instance
     * @return the stored instance
     * @throws ConflictException if the name or the route distinguisher is taken
     */
    VpnInstance createVpnInstance(VpnInstance instance);

    /**
     * Updates a VPN instance's route targets, label mode, VPN id and description. The route
     * distinguisher cannot change (delete and re-create the instance for that).
     *
     * @param instance the new values, found by name
     * @return the stored instance
     * @throws NotFoundException if there is no instance of that name
     * @throws ConflictException if the route distinguisher differs
     */
    VpnInstance updateVpnInstance(VpnInstance instance);

    /**
     * Deletes a VPN instance and the sites bound to it, and with them every route, label and table
     * entry they caused.
     *
     * @param name name
     * @throws NotFoundException if there is no instance of that name
     */
    void removeVpnInstance(String name);

    /**
     * Attaches a site.
     *
     * @param site the site
     * @return the stored site
     * @throws NotFoundException if its VPN instance or PE is not configured
     * @throws ConflictException if the name is taken, the port (and VLAN) is bound already, or its
     *                           subnet overlaps another site's in the same VRF
     */
    Site createSite(Site site);

    /**
     * Detaches a site.
     *
     * @param name name
     * @throws NotFoundException if there is no site of that name
     */
    void removeSite(String name);

    /**
     * Adds a static route toward a site's CE.
     *
     * @param site   site name
     * @param prefix prefix
     * @return the updated site
     * @throws NotFoundException if there is no such site
     * @throws ConflictException if the site has the route already
     */
    Site addStaticRoute(String site, Ip4Prefix prefix);

    /**
     * Removes a static route of a site.
     *
     * @param site   site name
     * @param prefix prefix
     * @return the updated site
     * @throws NotFoundException if there is no such site or route
     */
    Site removeStaticRoute(String site, Ip4Prefix prefix);

    /**
     * Configures a provider node (adds it or replaces its settings).
     *
     * @param node node
     * @return the stored node
     * @throws ConflictException if its router id is another node's, or a PE with sites would
     *                           change role
     */
    ProviderNode setNode(ProviderNode node);

    /**
     * Removes a provider node.
     *
     * @param device device id
     * @throws NotFoundException if not configured
     * @throws ConflictException if sites are still attached to it
     */
    void removeNode(DeviceId device);

    /**
     * Takes a VPNv4 route learned from a BGP peer outside the controller into the central store;
     * the controller's reflectors then pass it to the PEs whose VRFs import its route targets.
     *
     * @param route route whose source names the peer
     * @throws org.p4vpn.api.InvalidInputException if the route names no peer
     * @throws ConflictException if the peer's address is a provider node's router id
     */
    void announceRoute(VpnRoute route);

    /**
     * Withdraws a VPNv4 route learned from a peer.
     *
     * @param peer   the peer's address
     * @param prefix the prefix
     * @throws NotFoundException if the peer has no route for the prefix
     */
    void withdrawRoute(org.onlab.packet.Ip4Address peer, VpnPrefix prefix);
}
