package org.p4vpn.api;

import org.onosproject.net.DeviceId;
import org.onosproject.store.Store;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The central store of the VPN configuration and label allocations. In ONOS it is backed by
 * cluster-wide consistent maps; every change, made on any instance, comes back to the delegate of
 * every instance as a {@link VpnEvent}, and that (not the caller) drives the route engine.
 * Uniqueness (names, route distinguishers, attachment points, labels per device) is enforced here
 * atomically, so two instances racing cannot both win.
 */
public interface VpnStore extends Store<VpnEvent, VpnStoreDelegate> {

    /**
     * Stores a new VPN instance.
     *
     * @param instance instance
     * @throws ConflictException if the name or route distinguisher is taken
     */
    void createVpnInstance(VpnInstance instance);

    /**
     * Replaces a VPN instance (same name and route distinguisher).
     *
     * @param instance instance
     * @throws NotFoundException if there is none of that name
     */
    void updateVpnInstance(VpnInstance instance);

    /**
     * Removes a VPN instance and frees its route distinguisher.
     *
     * @param name name
     * @return the removed instance
     */
    Optional<VpnInstance> removeVpnInstance(String name);

    /**
     * Returns all VPN instances.
     *
     * @return instances
     */
    Collection<VpnInstance> getVpnInstances();

    /**
     * Returns a VPN instance.
     *
     * @param name name
     * @return instance
     */
    Optional<VpnInstance> getVpnInstance(String name);

    /**
     * Stores a new site and claims its attachment point.
     *
     * @param site site
     * @throws ConflictException if the name or the attachment point is taken
     */
    void createSite(Site site);

    /**
     * Replaces a site whose attachment point is unchanged.
     *
     * @param site site
     * @throws NotFoundException if there is none of that name
     */
    void updateSite(Site site);

    /**
     * Removes a site and frees its attachment point.
     *
     * @param name name
     * @return the removed site
     */
    Optional<Site> removeSite(String name);

    /**
     * Returns all sites.
     *
     * @return sites
     */
    Collection<Site> getSites();

    /**
     * Returns a site.
     *
     * @param name name
     * @return site
     */
    Optional<Site> getSite(String name);

    /**
     * Stores a provider node, replacing its earlier settings.
     *
     * @param node node
     */
    void setNode(ProviderNode node);

    /**
     * Removes a provider node.
     *
     * @param device device id
     * @return the removed node
     */
    Optional<ProviderNode> removeNode(DeviceId device);

    /**
     * Returns all provider nodes.
     *
     * @return nodes
     */
    Collection<ProviderNode> getNodes();

    /**
     * Returns a provider node.
     *
     * @param device device id
     * @return node
     */
    Optional<ProviderNode> getNode(DeviceId device);

    /**
     * Stores a VPNv4 route learned from a peer, replacing the peer's earlier route for the prefix.
     *
     * @param route route; its source names the peer
     */
    void putPeerRoute(VpnRoute route);

    /**
     * Removes a VPNv4 route learned from a peer.
     *
     * @param peer   peer address
     * @param prefix prefix
     * @return the removed route
     */
    Optional<VpnRoute> removePeerRoute(org.onlab.packet.Ip4Address peer, VpnPrefix prefix);

    /**
     * Returns every VPNv4 route learned from peers.
     *
     * @return routes
     */
    Collection<VpnRoute> getPeerRoutes();

    /**
     * Returns the label allocator backed by this store.
     *
     * @return allocator
     */
    LabelAllocator labelAllocator();

    /**
     * Returns every label allocation.
     *
     * @return label by key
     */
    Map<LabelKey, Integer> getLabels();
}
