package org.p4vpn.store;

import com.google.common.collect.ImmutableMap;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.store.AbstractStore;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.MapEvent;
import org.onosproject.store.service.MapEventListener;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.Versioned;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.p4vpn.api.ConflictException;
import org.p4vpn.api.LabelAllocator;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.NotFoundException;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.RouteDistinguisher;
import org.p4vpn.api.Site;
import org.p4vpn.api.VpnEvent;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;
import org.p4vpn.api.VpnStore;
import org.p4vpn.api.VpnStoreDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * VPN store on ONOS consistent maps (Atomix in a cluster): instances, their route distinguishers,
 * sites, the attachment points they hold, provider nodes, VPNv4 routes learned from peers, and
 * label allocations. Claims (an RD, an
 * attachment point, a label) are taken with atomic map operations before the value is written, so
 * a rejected write leaves every map as it was.
 */
@Component(immediate = true, service = VpnStore.class)
public class DistributedVpnStore extends AbstractStore<VpnEvent, VpnStoreDelegate> implements VpnStore {

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected StorageService storageService;

    private ConsistentMap<String, VpnInstance> instances;
    private ConsistentMap<RouteDistinguisher, String> rdOwners;
    private ConsistentMap<String, Site> sites;
    /** Attachment point "device/port" to the sites on it by VLAN (VlanId.NONE's value when untagged). */
    private ConsistentMap<String, ImmutableMap<Short, String>> attachments;
    private ConsistentMap<DeviceId, ProviderNode> nodes;
    /** VPNv4 routes learned from peers, by peer address and prefix. */
    private ConsistentMap<PeerRouteKey, VpnRoute> peerRoutes;
    private LabelStore labels;

    private final MapEventListener<String, VpnInstance> instanceListener =
            e -> notify(e, VpnEvent.Type.VPN_INSTANCE_ADDED, VpnEvent.Type.VPN_INSTANCE_UPDATED,
                        VpnEvent.Type.VPN_INSTANCE_REMOVED);
    private final MapEventListener<String, Site> siteListener =
            e -> notify(e, VpnEvent.Type.SITE_ADDED, VpnEvent.Type.SITE_UPDATED, VpnEvent.Type.SITE_REMOVED);
    private final MapEventListener<PeerRouteKey, VpnRoute> routeListener =
            e -> notify(e, VpnEvent.Type.PEER_ROUTE_ADDED, VpnEvent.Type.PEER_ROUTE_ADDED,
                        VpnEvent.Type.PEER_ROUTE_REMOVED);
    private final MapEventListener<DeviceId, ProviderNode> nodeListener =
            e -> notify(e, VpnEvent.Type.NODE_ADDED, VpnEvent.Type.NODE_UPDATED, VpnEvent.Type.NODE_REMOVED);

    /** Opens the maps. */
    @Activate
    public void activate() {
        instances = map("p4vpn-instances");
        rdOwners = map("p4vpn-rd-owners");
        sites = map("p4vpn-sites");
        attachments = map("p4vpn-attachments");
        nodes = map("p4vpn-nodes");
        peerRoutes = map("p4vpn-peer-routes");
        labels = new LabelStore(map("p4vpn-labels"), map("p4vpn-label-owners"), LabelAllocator.MIN_LABEL,
                                LabelAllocator.MAX_LABEL);
        instances.addListener(instanceListener);
        sites.addListener(siteListener);
        nodes.addListener(nodeListener);
        peerRoutes.addListener(routeListener);
        log.info("Started");
    }

    /** Stops listening to the maps. */
    @Deactivate
    public void deactivate() {
        instances.removeListener(instanceListener);
        sites.removeListener(siteListener);
        nodes.removeListener(nodeListener);
        peerRoutes.removeListener(routeListener);
        log.info("Stopped");
    }

    /**
     * Narrows the label range, for tests of exhaustion.
     *
     * @param min lowest label
     * @param max highest label
     */
    void setLabelRange(int min, int max) {
        labels = labels.withRange(min, max);
    }

    private <K, V> ConsistentMap<K, V> map(String name) {
        return storageService.<K, V>consistentMapBuilder().withName(name)
                .withSerializer(Serializer.using(VpnSerializers.NAMESPACE)).build();
    }

    private <K, V> void notify(MapEvent<K, V> e, VpnEvent.Type added, VpnEvent.Type updated, VpnEvent.Type removed) {
        V now = Versioned.valueOrNull(e.newValue());
        V old = Versioned.valueOrNull(e.oldValue());
        if (now == null && old == null) {
            return;
        }
        VpnEvent.Type type = now == null ? removed : old == null ? added : updated;
        notifyDelegate(new VpnEvent(type, now == null ? old : now, now == null ? null : old));
    }

    @Override
    public void createVpnInstance(VpnInstance instance) {
        RouteDistinguisher rd = instance.routeDistinguisher();
        Versioned<String> owner = rdOwners.putIfAbsent(rd, instance.name());
        if (owner != null) {
            throw new ConflictException("routeDistinguisher", rd, "route distinguisher " + rd
                    + " is already used by VPN instance " + owner.value());
        }
        if (instances.putIfAbsent(instance.name(), instance) != null) {
            rdOwners.remove(rd, instance.name());
            throw new ConflictException("name", instance.name(), "a VPN instance named " + instance.name()
                    + " exists already");
        }
    }

    @Override
    public void updateVpnInstance(VpnInstance instance) {
        if (instances.replace(instance.name(), instance) == null) {
            throw new NotFoundException("name", instance.name(), "no VPN instance named " + instance.name());
        }
    }

    @Override
    public Optional<VpnInstance> removeVpnInstance(String name) {
        Versioned<VpnInstance> old = instances.get(name);
        if (old == null) {
            return Optional.empty();
        }
        instances.remove(name);
        rdOwners.remove(old.value().routeDistinguisher(), name);
        return Optional.of(old.value());
    }

    @Override
    public Collection<VpnInstance> getVpnInstances() {
        return values(instances);
    }

    @Override
    public Optional<VpnInstance> getVpnInstance(String name) {
        return Optional.ofNullable(Versioned.valueOrNull(instances.get(name)));
    }

    private static String attachmentKey(Site s) {
        return s.device() + "/" + s.port();
    }

    @Override
    public void createSite(Site site) {
        claimAttachment(site);
        if (sites.putIfAbsent(site.name(), site) != null) {
            releaseAttachment(site);
            throw new ConflictException("name", site.name(), "a site named " + site.name() + " exists already");
        }
    }

    private void claimAttachment(Site site) {
        String key = attachmentKey(site);
        short vlan = site.vlan().toShort();
        while (true) {
            Versioned<ImmutableMap<Short, String>> cur = attachments.get(key);
            Map<Short, String> held = cur == null ? Map.of() : cur.value();
            String clash = held.get(vlan);
            if (clash == null && !held.isEmpty() && (vlan == VlanId.NONE.toShort()
                    || held.containsKey(VlanId.NONE.toShort()))) {
                clash = held.values().iterator().next();
            }
            if (clash != null) {
                throw new ConflictException("port", key + (site.vlan().equals(VlanId.NONE) ? "" : "." + vlan),
                        "port " + key + " is already bound to site " + clash
                                + " (an untagged attachment takes the whole port)");
            }
            Map<Short, String> next = new HashMap<>(held);
            next.put(vlan, site.name());
            boolean done = cur == null ? attachments.putIfAbsent(key, ImmutableMap.copyOf(next)) == null
                    : attachments.replace(key, cur.version(), ImmutableMap.copyOf(next));
            if (done) {
                return;
            }
        }
    }

    private void releaseAttachment(Site site) {
        String key = attachmentKey(site);
        short vlan = site.vlan().toShort();
        while (true) {
            Versioned<ImmutableMap<Short, String>> cur = attachments.get(key);
            if (cur == null || !site.name().equals(cur.value().get(vlan))) {
                return;
            }
            Map<Short, String> next = new HashMap<>(cur.value());
            next.remove(vlan);
            boolean done = next.isEmpty() ? attachments.remove(key, cur.version())
                    : attachments.replace(key, cur.version(), ImmutableMap.copyOf(next));
            if (done) {
                return;
            }
        }
    }

    @Override
    public void updateSite(Site site) {
        Versioned<Site> old = sites.get(site.name());
        if (old == null) {
            throw new NotFoundException("name", site.name(), "no site named " + site.name());
        }
        if (!attachmentKey(old.value()).equals(attachmentKey(site)) || !old.value().vlan().equals(site.vlan())) {
            throw new ConflictException("port", attachmentKey(site), "a site's attachment point cannot change;"
                    + " delete and re-create the site");
        }
        sites.put(site.name(), site);
    }

    @Override
    public Optional<Site> removeSite(String name) {
        Versioned<Site> old = sites.get(name);
        if (old == null) {
            return Optional.empty();
        }
        sites.remove(name);
        releaseAttachment(old.value());
        return Optional.of(old.value());
    }

    @Override
    public Collection<Site> getSites() {
        return values(sites);
    }

    @Override
    public Optional<Site> getSite(String name) {
        return Optional.ofNullable(Versioned.valueOrNull(sites.get(name)));
    }

    @Override
    public void setNode(ProviderNode node) {
        nodes.put(node.deviceId(), node);
    }

    @Override
    public Optional<ProviderNode> removeNode(DeviceId device) {
        Versioned<ProviderNode> old = nodes.get(device);
        if (old == null) {
            return Optional.empty();
        }
        nodes.remove(device);
        return Optional.of(old.value());
    }

    @Override
    public Collection<ProviderNode> getNodes() {
        return values(nodes);
    }

    @Override
    public Optional<ProviderNode> getNode(DeviceId device) {
        return Optional.ofNullable(Versioned.valueOrNull(nodes.get(device)));
    }

    @Override
    public void putPeerRoute(VpnRoute route) {
        peerRoutes.put(new PeerRouteKey(route.source().peerAddress(), route.prefix()), route);
    }

    @Override
    public Optional<VpnRoute> removePeerRoute(Ip4Address peer, VpnPrefix prefix) {
        Versioned<VpnRoute> old = peerRoutes.remove(new PeerRouteKey(peer, prefix));
        return Optional.ofNullable(Versioned.valueOrNull(old));
    }

    @Override
    public Collection<VpnRoute> getPeerRoutes() {
        return values(peerRoutes);
    }

    @Override
    public LabelAllocator labelAllocator() {
        return labels;
    }

    @Override
    public Map<LabelKey, Integer> getLabels() {
        return labels.all();
    }

    private static <V> List<V> values(ConsistentMap<?, V> map) {
        return map.values().stream().map(Versioned::value).collect(Collectors.toList());
    }
}
