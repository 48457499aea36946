package org.p4vpn.api;

import org.onosproject.event.ListenerService;
import org.onosproject.net.DeviceId;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Reads the VPN configuration: VPN instances, sites, provider nodes and label allocations. */
public interface L3VpnService extends ListenerService<VpnEvent, VpnListener> {

    /**
     * Returns all VPN instances.
     *
     * @return VPN instances
     */
    Collection<VpnInstance> getVpnInstances();

    /**
     * Returns a VPN instance.
     *
     * @param name name
     * @return the instance, empty if there is none of that name
     */
    Optional<VpnInstance> getVpnInstance(String name);

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
     * @return the site, empty if there is none of that name
     */
    Optional<Site> getSite(String name);

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
     * @return the node, empty if not configured
     */
    Optional<ProviderNode> getNode(DeviceId device);

    /**
     * Returns every allocated label.
     *
     * @return label by key
     */
    Map<LabelKey, Integer> getLabelAllocations();

    /**
     * Returns the VPNv4 routes learned from peers outside the controller.
     *
     * @return routes
     */
    Collection<VpnRoute> getPeerRoutes();
}
