package org.p4vpn.impl;

import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onosproject.core.CoreService;
import org.onosproject.event.EventDeliveryService;
import org.onosproject.event.ListenerRegistry;
import org.onosproject.net.DeviceId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.p4vpn.api.ConflictException;
import org.p4vpn.api.L3VpnAdminService;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.NotFoundException;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.RouteSource;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;
import org.p4vpn.api.Site;
import org.p4vpn.api.VpnEvent;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.api.VpnListener;
import org.p4vpn.api.VpnStore;
import org.p4vpn.api.VpnStoreDelegate;
import org.p4vpn.routing.VpnRouteEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The VPN configuration service: checks every write against what is configured and hands it to
 * the store; the store's events (from this or any other instance) are posted to listeners, among
 * them the route manager.
 */
@Component(immediate = true, service = {L3VpnService.class, L3VpnAdminService.class})
public class L3VpnManager implements L3VpnService, L3VpnAdminService {

    /** ONOS application name. */
    public static final String APP_NAME = "org.p4vpn.app";
    /** The provider's AS when none is configured. */
    public static final long DEFAULT_AS = 65000;

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected VpnStore store;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected CoreService coreService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected EventDeliveryService eventDispatcher;

    private final ListenerRegistry<VpnEvent, VpnListener> vpnListeners = new ListenerRegistry<>();
    private final VpnStoreDelegate delegate = this::storeEvent;

    /** Starts: registers the app and listens to the store. */
    @Activate
    public void activate() {
        coreService.registerApplication(APP_NAME);
        eventDispatcher.addSink(VpnEvent.class, vpnListeners);
        store.setDelegate(delegate);
        log.info("Started");
    }

    /** Stops listening to the store. */
    @Deactivate
    public void deactivate() {
        store.unsetDelegate(delegate);
        eventDispatcher.removeSink(VpnEvent.class);
        log.info("Stopped");
    }

    private void storeEvent(VpnEvent e) {
        eventDispatcher.post(e);
    }

    // ------------------------------------------------------------------ L3VpnAdminService

    @Override
    public VpnInstance createVpnInstance(VpnInstance instance) {
        store.createVpnInstance(required("instance", instance));
        log.info("Created VPN instance {}", instance);
        return instance;
    }

    @Override
    public VpnInstance updateVpnInstance(VpnInstance instance) {
        VpnInstance old = existingVpn(required("instance", instance).name());
        if (!old.routeDistinguisher().equals(instance.routeDistinguisher())) {
            throw new ConflictException("routeDistinguisher", instance.routeDistinguisher(),
                    "the route distinguisher of VPN instance " + old.name() + " is " + old.routeDistinguisher()
                            + " and cannot change; delete and re-create the instance");
        }
        store.updateVpnInstance(instance);
        log.info("Updated VPN instance {}", instance);
        return instance;
    }

    @Override
    public void removeVpnInstance(String name) {
        existingVpn(name);
        for (Site s : store.getSites()) {
            if (s.vpn().equals(name)) {
                store.removeSite(s.name());
                log.info("Detached site {} with its VPN instance {}", s.name(), name);
            }
        }
        store.removeVpnInstance(name);
        log.info("Deleted VPN instance {}", name);
    }

    @Override
    public Site createSite(Site site) {
        required("site", site);
        existingVpnRef(site.vpn());
        ProviderNode pe = store.getNode(site.device()).orElseThrow(() -> new NotFoundException("device",
                site.device(), "device " + site.device() + " is not a configured provider node"));
        if (pe.role() != NodeRole.PE) {
            throw new ConflictException("device", site.device(), "device " + site.device() + " is a "
                    + pe.role() + " node; sites attach to PE nodes only");
        }
        Ip4Prefix subnet = site.connectedPrefix();
        for (Site other : store.getSites()) {
            if (other.device().equals(site.device()) && other.vpn().equals(site.vpn())
                    && !other.name().equals(site.name())
                    && (other.connectedPrefix().contains(subnet) || subnet.contains(other.connectedPrefix()))) {
                throw new ConflictException("peInterface", site.peAddress() + "/" + site.prefixLength(),
                        "subnet " + subnet + " overlaps " + other.connectedPrefix() + " of site " + other.name()
                                + " in VRF " + site.vpn() + " on " + site.device());
            }
        }
        store.createSite(site);
        log.info("Attached site {}", site);
        return site;
    }

    @Override
    public void removeSite(String name) {
        existingSite(name);
        store.removeSite(name);
        log.info("Detached site {}", name);
    }

    @Override
    public Site addStaticRoute(String siteName, Ip4Prefix prefix) {
        Site site = existingSite(siteName);
        required("prefix", prefix);
        if (site.staticRoutes().contains(prefix)) {
            throw new ConflictException("prefix", prefix, "site " + siteName + " has static route " + prefix
                    + " already");
        }
        Set<Ip4Prefix> routes = new java.util.HashSet<>(site.staticRoutes());
        routes.add(prefix);
        Site updated = site.toBuilder().staticRoutes(routes).build();
        store.updateSite(updated);
        log.info("Added static route {} to site {}", prefix, siteName);
        return updated;
    }

    @Override
    public Site removeStaticRoute(String siteName, Ip4Prefix prefix) {
        Site site = existingSite(siteName);
        if (!site.staticRoutes().contains(prefix)) {
            throw new NotFoundException("prefix", prefix, "site " + siteName + " has no static route " + prefix);
        }
        Set<Ip4Prefix> routes = new java.util.HashSet<>(site.staticRoutes());
        routes.remove(prefix);
        Site updated = site.toBuilder().staticRoutes(routes).build();
        store.updateSite(updated);
        log.info("Removed static route {} from site {}", prefix, siteName);
        return updated;
    }

    @Override
    public ProviderNode setNode(ProviderNode node) {
        required("node", node);
        if (node.routerId().equals(VpnRouteEngine.DEFAULT_RR_ID)) {
            throw new ConflictException("routerId", node.routerId(), node.routerId()
                    + " is reserved for the controller's own route reflector");
        }
        for (ProviderNode other : store.getNodes()) {
            if (!other.deviceId().equals(node.deviceId()) && other.routerId().equals(node.routerId())) {
                throw new ConflictException("routerId", node.routerId(), "router id " + node.routerId()
                        + " is already used by " + other.deviceId());
            }
        }
        Optional<ProviderNode> old = store.getNode(node.deviceId());
        if (old.isPresent() && old.get().role() == NodeRole.PE && node.role() != NodeRole.PE
                && !sitesOn(node.deviceId()).isEmpty()) {
            throw new ConflictException("role", node.role(), node.deviceId() + " has sites attached and must"
                    + " stay a PE; detach them first");
        }
        store.setNode(node);
        log.info("Configured node {}", node);
        return node;
    }

    @Override
    public void removeNode(DeviceId device) {
        if (store.getNode(device).isEmpty()) {
            throw new NotFoundException("device", device, "device " + device + " is not a configured node");
        }
        List<Site> attached = sitesOn(device);
        if (!attached.isEmpty()) {
            throw new ConflictException("device", device, device + " has sites attached (" + attached.get(0).name()
                    + (attached.size() > 1 ? " and " + (attached.size() - 1) + " more" : "") + ")");
        }
        store.removeNode(device);
        log.info("Removed node {}", device);
    }

    @Override
    public void announceRoute(VpnRoute route) {
        required("route", route);
        RouteSource src = route.source();
        if (src.type() == RouteSource.Type.LOCAL) {
            throw new org.p4vpn.api.InvalidInputException("source", src, "a route from a peer names the peer"
                    + " (iBGP or eBGP, address and router id)");
        }
        for (ProviderNode n : store.getNodes()) {
            if (n.routerId().equals(src.peerAddress())) {
                throw new ConflictException("peer", src.peerAddress(), src.peerAddress() + " is the router id of "
                        + n.deviceId() + "; a peer outside the controller needs an address of its own");
            }
        }
        store.putPeerRoute(route);
        log.info("Route {} from peer {}", route.prefix(), src.peerAddress());
    }

    @Override
    public void withdrawRoute(Ip4Address peer, VpnPrefix prefix) {
        if (store.removePeerRoute(peer, prefix).isEmpty()) {
            throw new NotFoundException("prefix", prefix, "peer " + peer + " has no route for " + prefix);
        }
        log.info("Withdrew {} of peer {}", prefix, peer);
    }

    @Override
    public java.util.Collection<VpnRoute> getPeerRoutes() {
        return store.getPeerRoutes();
    }

    private List<Site> sitesOn(DeviceId device) {
        return store.getSites().stream().filter(s -> s.device().equals(device))
                .collect(java.util.stream.Collectors.toList());
    }

    private VpnInstance existingVpn(String name) {
        return store.getVpnInstance(name).orElseThrow(() -> new NotFoundException("name", name,
                "no VPN instance named " + name));
    }

    private void existingVpnRef(String name) {
        if (store.getVpnInstance(name).isEmpty()) {
            throw new NotFoundException("vpn", name, "no VPN instance named " + name);
        }
    }

    private Site existingSite(String name) {
        return store.getSite(name).orElseThrow(() -> new NotFoundException("name", name, "no site named " + name));
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new org.p4vpn.api.InvalidInputException(field, null, field + " is required");
        }
        return value;
    }

    // ------------------------------------------------------------------ L3VpnService

    @Override
    public Collection<VpnInstance> getVpnInstances() {
        return store.getVpnInstances();
    }

    @Override
    public Optional<VpnInstance> getVpnInstance(String name) {
        return store.getVpnInstance(name);
    }

    @Override
    public Collection<Site> getSites() {
        return store.getSites();
    }

    @Override
    public Optional<Site> getSite(String name) {
        return store.getSite(name);
    }

    @Override
    public Collection<ProviderNode> getNodes() {
        return store.getNodes();
    }

    @Override
    public Optional<ProviderNode> getNode(DeviceId device) {
        return store.getNode(device);
    }

    @Override
    public Map<LabelKey, Integer> getLabelAllocations() {
        return store.getLabels();
    }

    @Override
    public void addListener(VpnListener listener) {
        vpnListeners.addListener(listener);
    }

    @Override
    public void removeListener(VpnListener listener) {
        vpnListeners.removeListener(listener);
    }
}
