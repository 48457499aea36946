package org.p4vpn.routing;

import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onosproject.net.DeviceId;
import org.p4vpn.api.LabelAllocator;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.PathAttributes;
import org.p4vpn.api.PeerRelation;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.RibEntry;
import org.p4vpn.api.RouteSource;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.Site;
import org.p4vpn.api.SpeakerState;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;
import org.p4vpn.api.VrfRouteEvent;
import org.p4vpn.bgp.BestChange;
import org.p4vpn.bgp.BgpSpeaker;
import org.p4vpn.bgp.SpeakerNetwork;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Computes the VRF tables of every PE from the VPN configuration, the way seed 000 describes
 * route advertisement: a PE turns its sites' routes into VPNv4 routes (RD, export route targets,
 * VPN label, itself as next hop) and hands them to BGP; route reflectors pass them on by the
 * RFC 4456 rules; each PE imports the routes whose route targets meet a VRF's import targets, and
 * crosses routes between its own VRFs likewise. Configuration changes arrive as calls (from store
 * events); best-route changes leave as {@link VrfRouteEvent}s, coalesced per call so that a
 * rebuild that ends where it began reports nothing. Thread-safe by a single lock.
 */
public final class VpnRouteEngine {

    /** Router and cluster id of the controller's reflector when no RR node is configured. */
    public static final Ip4Address DEFAULT_RR_ID = Ip4Address.valueOf("10.255.255.254");
    /** Name of that reflector in views. */
    public static final String DEFAULT_RR_NAME = "controller-rr";

    /** A PE's routing state: its BGP speaker and its VRFs. */
    private static final class Pe {
        private final DeviceId device;
        private final Ip4Address routerId;
        private final Map<String, Vrf> vrfs = new LinkedHashMap<>();
        private final Map<Long, Vrf> byRd = new HashMap<>();

        Pe(DeviceId device, Ip4Address routerId) {
            this.device = device;
            this.routerId = routerId;
        }
    }

    /** Identity of a local candidate: a site's connected subnet or one of its static routes. */
    private static final class LocalSource {
        private final String site;
        private final VrfRoute.Kind kind;

        LocalSource(String site, VrfRoute.Kind kind) {
            this.site = site;
            this.kind = kind;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LocalSource && ((LocalSource) o).site.equals(site) && ((LocalSource) o).kind == kind;
        }

        @Override
        public int hashCode() {
            return site.hashCode() * 31 + kind.hashCode();
        }
    }

    private final long asNumber;
    private final Consumer<VrfRouteEvent> sink;

    private final Map<String, VpnInstance> vpns = new HashMap<>();
    private final Map<String, Site> sites = new HashMap<>();
    private final Map<VrfKey, Map<String, Site>> sitesByVrf = new HashMap<>();
    private final Map<DeviceId, ProviderNode> nodes = new HashMap<>();
    /** VPNv4 routes learned from peers outside the controller, by peer. */
    private final Map<Ip4Address, Map<VpnPrefix, VpnRoute>> peerRoutes = new HashMap<>();

    private SpeakerNetwork net;
    private final Map<DeviceId, Pe> pes = new HashMap<>();
    private final Map<Ip4Address, Pe> pesByRouterId = new HashMap<>();
    private final Map<VrfKey, Vrf> vrfs = new HashMap<>();
    private final LabelUse labelUse;
    private final RouteEventCoalescer pending = new RouteEventCoalescer();

    /**
     * Creates an engine with no configuration.
     *
     * @param asNumber the provider's AS
     * @param labels   allocator of VPN labels
     * @param sink     receives best-route changes, after each call, in order
     */
    public VpnRouteEngine(long asNumber, LabelAllocator labels, Consumer<VrfRouteEvent> sink) {
        this.asNumber = asNumber;
        this.labelUse = new LabelUse(labels);
        this.sink = sink;
        rebuildNetwork();
    }

    // ---------------------------------------------------------------- configuration input

    /**
     * Loads a whole configuration at once (start-up), replacing what the engine had.
     *
     * @param allNodes     provider nodes
     * @param allInstances VPN instances
     * @param allSites     sites
     */
    public synchronized void load(Collection<ProviderNode> allNodes, Collection<VpnInstance> allInstances,
                                  Collection<Site> allSites) {
        load(allNodes, allInstances, allSites, List.of());
    }

    /**
     * Loads a whole configuration and the routes learned from peers (start-up).
     *
     * @param allNodes      provider nodes
     * @param allInstances  VPN instances
     * @param allSites      sites
     * @param allPeerRoutes VPNv4 routes learned from peers
     */
    public synchronized void load(Collection<ProviderNode> allNodes, Collection<VpnInstance> allInstances,
                                  Collection<Site> allSites, Collection<VpnRoute> allPeerRoutes) {
        peerRoutes.clear();
        allPeerRoutes.forEach(r -> peerRoutes.computeIfAbsent(r.source().peerAddress(), k -> new HashMap<>())
                .put(r.prefix(), r));
        nodes.clear();
        vpns.clear();
        sites.clear();
        allNodes.forEach(n -> nodes.put(n.deviceId(), n));
        allInstances.forEach(v -> vpns.put(v.name(), v));
        sitesByVrf.clear();
        allSites.forEach(this::putSite);
        rebuildNetwork();
        flush();
    }

    /**
     * Adds or changes a VPN instance.
     *
     * @param instance instance
     */
    public synchronized void setVpnInstance(VpnInstance instance) {
        vpns.put(instance.name(), instance);
        vrfKeysOf(instance.name()).forEach(this::syncVrf);
        flush();
    }

    /**
     * Removes a VPN instance and the VRFs it has.
     *
     * @param name instance name
     */
    public synchronized void removeVpnInstance(String name) {
        vpns.remove(name);
        new ArrayList<>(vrfs.keySet()).stream().filter(k -> k.vpn().equals(name)).forEach(this::syncVrf);
        flush();
    }

    /**
     * Adds or changes a site.
     *
     * @param site site
     */
    public synchronized void setSite(Site site) {
        Site old = putSite(site);
        if (old != null) {
            syncVrf(new VrfKey(old.device(), old.vpn()));
        }
        syncVrf(new VrfKey(site.device(), site.vpn()));
        flush();
    }

    /**
     * Removes a site.
     *
     * @param name site name
     */
    public synchronized void removeSite(String name) {
        Site old = sites.remove(name);
        if (old != null) {
            unindexSite(old);
            syncVrf(new VrfKey(old.device(), old.vpn()));
        }
        flush();
    }

    private Site putSite(Site site) {
        Site old = sites.put(site.name(), site);
        if (old != null) {
            unindexSite(old);
        }
        sitesByVrf.computeIfAbsent(new VrfKey(site.device(), site.vpn()), k -> new HashMap<>()).put(site.name(), site);
        return old;
    }

    private void unindexSite(Site site) {
        VrfKey key = new VrfKey(site.device(), site.vpn());
        Map<String, Site> m = sitesByVrf.get(key);
        if (m != null) {
            m.remove(site.name());
            if (m.isEmpty()) {
                sitesByVrf.remove(key);
            }
        }
    }

    /**
     * Adds or changes a provider node; BGP sessions are rebuilt.
     *
     * @param node node
     */
    public synchronized void setNode(ProviderNode node) {
        if (node.equals(nodes.put(node.deviceId(), node))) {
            return;
        }
        rebuildNetwork();
        flush();
    }

    /**
     * Removes a provider node; BGP sessions are rebuilt.
     *
     * @param device device id
     */
    public synchronized void removeNode(DeviceId device) {
        if (nodes.remove(device) != null) {
            rebuildNetwork();
            flush();
        }
    }

    /**
     * Takes a VPNv4 route learned from a peer outside the controller (e.g. a BGP router): the
     * controller's reflectors receive it from that peer and pass it on by the reflection rules.
     *
     * @param route route whose source names the peer (iBGP or eBGP)
     */
    public synchronized void setPeerRoute(VpnRoute route) {
        if (route.source().type() == RouteSource.Type.LOCAL) {
            throw new IllegalArgumentException("a peer route needs a peer source: " + route);
        }
        peerRoutes.computeIfAbsent(route.source().peerAddress(), k -> new HashMap<>()).put(route.prefix(), route);
        deliverPeerRoute(route);
        flush();
    }

    /**
     * Withdraws a route learned from a peer.
     *
     * @param peer   the peer's address
     * @param prefix the prefix
     */
    public synchronized void removePeerRoute(Ip4Address peer, VpnPrefix prefix) {
        Map<VpnPrefix, VpnRoute> m = peerRoutes.get(peer);
        if (m == null || m.remove(prefix) == null) {
            return;
        }
        for (BgpSpeaker rr : reflectors()) {
            net.receive(rr.routerId(), peer, prefix, null);
            if (m.isEmpty()) {
                net.detachExternalPeer(rr.routerId(), peer);
            }
        }
        if (m.isEmpty()) {
            peerRoutes.remove(peer);
        }
        flush();
    }

    private List<BgpSpeaker> reflectors() {
        return net.speakers().stream().filter(sp -> sp.clusterId() != null).collect(Collectors.toList());
    }

    private void deliverPeerRoute(VpnRoute route) {
        RouteSource src = route.source();
        boolean ebgp = src.type() == RouteSource.Type.EBGP;
        for (BgpSpeaker rr : reflectors()) {
            net.attachExternalPeer(rr.routerId(), src.peerAddress(), ebgp ? PeerRelation.EBGP : PeerRelation.NON_CLIENT,
                                   ebgp ? route.attributes().asPath().neighbourAs() : asNumber);
            net.receive(rr.routerId(), src.peerAddress(), route.prefix(), route);
        }
    }

    // ---------------------------------------------------------------- views

    /**
     * Returns the VRFs that exist.
     *
     * @return VRF keys, ordered
     */
    public synchronized Set<VrfKey> vrfKeys() {
        return new TreeSet<>(vrfs.keySet());
    }

    /**
     * Returns a VRF's table.
     *
     * @param key VRF
     * @return candidates with the best flagged; empty if no such VRF
     */
    public synchronized List<VrfRoute> vrfTable(VrfKey key) {
        Vrf v = vrfs.get(key);
        return v == null ? List.of() : v.table();
    }

    /**
     * Returns the best route of a prefix in a VRF.
     *
     * @param key    VRF
     * @param prefix prefix
     * @return best route
     */
    public synchronized Optional<VrfRoute> bestRoute(VrfKey key, Ip4Prefix prefix) {
        Vrf v = vrfs.get(key);
        return v == null ? Optional.empty() : Optional.ofNullable(v.best(prefix));
    }

    /**
     * Returns the best routes of a VRF.
     *
     * @param key VRF
     * @return best route by prefix (a copy)
     */
    public synchronized Map<Ip4Prefix, VrfRoute> bestRoutes(VrfKey key) {
        Vrf v = vrfs.get(key);
        return v == null ? Map.of() : new HashMap<>(v.bestRoutes());
    }

    /**
     * Returns the state of every modelled BGP speaker.
     *
     * @return states
     */
    public synchronized List<SpeakerState> speakers() {
        return net.speakers().stream().map(BgpSpeaker::state).collect(Collectors.toList());
    }

    /**
     * Returns the VPNv4 RIB of a speaker.
     *
     * @param routerId speaker
     * @return entries, empty if no such speaker
     */
    public synchronized List<RibEntry> rib(Ip4Address routerId) {
        BgpSpeaker s = net.speaker(routerId);
        return s == null ? List.of() : s.ribEntries();
    }

    /**
     * Returns the labels the engine uses and how many routes use each key.
     *
     * @return reference counts by key
     */
    public synchronized Map<LabelKey, Integer> labelUse() {
        return labelUse.snapshot();
    }

    // ---------------------------------------------------------------- speakers and sessions

    private void rebuildNetwork() {
        for (Vrf v : new ArrayList<>(vrfs.values())) {
            teardownVrf(v);
        }
        net = new SpeakerNetwork();
        net.addListener(this::onBestChange);
        pes.clear();
        pesByRouterId.clear();
        for (ProviderNode n : nodes.values()) {
            if (n.role() == NodeRole.PE) {
                Pe pe = new Pe(n.deviceId(), n.routerId());
                pes.put(n.deviceId(), pe);
                pesByRouterId.put(n.routerId(), pe);
                net.add(new BgpSpeaker(n.deviceId().toString(), n.routerId(), asNumber, null));
            }
        }
        ReflectorSessions.open(net, nodes.values(), pesByRouterId.keySet(), asNumber);
        for (Pe pe : pes.values()) {
            updateRtFilter(pe);
        }
        peerRoutes.values().forEach(m -> m.values().forEach(this::deliverPeerRoute));
        Set<VrfKey> keys = sites.values().stream().map(s -> new VrfKey(s.device(), s.vpn()))
                .collect(Collectors.toCollection(TreeSet::new));
        keys.forEach(this::syncVrf);
    }

    /** Tells the PE's peers which route targets its VRFs import (route-target constraint). */
    private void updateRtFilter(Pe pe) {
        Set<RouteTarget> wanted = new HashSet<>();
        pe.vrfs.values().forEach(v -> wanted.addAll(v.instance().importTargets()));
        for (BgpSpeaker.Peer p : new ArrayList<>(net.speaker(pe.routerId).peers())) {
            net.setRtFilter(p.routerId(), pe.routerId, wanted);
        }
    }

    // ---------------------------------------------------------------- VRFs

    private List<VrfKey> vrfKeysOf(String vpn) {
        Set<VrfKey> keys = new TreeSet<>();
        sites.values().stream().filter(s -> s.vpn().equals(vpn)).forEach(s -> keys.add(new VrfKey(s.device(), vpn)));
        vrfs.keySet().stream().filter(k -> k.vpn().equals(vpn)).forEach(keys::add);
        return new ArrayList<>(keys);
    }

    /** Brings one VRF in line with the configuration: creates, rebuilds, updates or removes it. */
    private void syncVrf(VrfKey key) {
        Pe pe = pes.get(key.device());
        VpnInstance instance = vpns.get(key.vpn());
        List<Site> wanted = new ArrayList<>(sitesByVrf.getOrDefault(key, Map.of()).values());
        Vrf vrf = vrfs.get(key);
        if (pe == null || instance == null || wanted.isEmpty()) {
            if (vrf != null) {
                teardownVrf(vrf);
            }
            return;
        }
        if (vrf != null && !sameDefinition(vrf.instance(), instance)) {
            teardownVrf(vrf);
            vrf = null;
        }
        if (vrf == null) {
            vrf = createVrf(pe, key, instance);
        }
        updateLocalRoutes(pe, vrf, wanted);
    }

    private static boolean sameDefinition(VpnInstance a, VpnInstance b) {
        return a.routeDistinguisher().equals(b.routeDistinguisher()) && a.importTargets().equals(b.importTargets())
                && a.exportTargets().equals(b.exportTargets()) && a.labelMode() == b.labelMode();
    }

    private Vrf createVrf(Pe pe, VrfKey key, VpnInstance instance) {
        Vrf vrf = new Vrf(key, instance, pending::add);
        vrfs.put(key, vrf);
        pe.vrfs.put(key.vpn(), vrf);
        pe.byRd.put(instance.routeDistinguisher().toLong(), vrf);
        net.speaker(pe.routerId).forEachBest((prefix, route) -> {
            if (vrf.imports(route.routeTargets()) && !isOwn(vrf, route)) {
                vrf.put(prefix, importedRoute(pe, route));
            }
        });
        updateRtFilter(pe);
        return vrf;
    }

    private void teardownVrf(Vrf vrf) {
        Pe pe = pes.get(vrf.key().device());
        for (Ip4Prefix p : new ArrayList<>(vrf.exported.keySet())) {
            withdrawExport(pe, vrf, p);
        }
        vrf.clear();
        vrfs.remove(vrf.key());
        pe.vrfs.remove(vrf.key().vpn());
        pe.byRd.remove(vrf.instance().routeDistinguisher().toLong());
        updateRtFilter(pe);
    }

    /** Puts the sites' connected and static routes into the VRF and exports the local prefixes. */
    private void updateLocalRoutes(Pe pe, Vrf vrf, List<Site> wanted) {
        Map<String, Site> next = new HashMap<>();
        wanted.forEach(s -> next.put(s.name(), s));
        for (Site old : new ArrayList<>(vrf.sites.values())) {
            Site now = next.get(old.name());
            for (Map.Entry<Ip4Prefix, LocalSource> e : localPrefixes(old).entrySet()) {
                if (now == null || !now.equals(old)) {
                    vrf.remove(e.getKey(), e.getValue());
                }
            }
        }
        vrf.sites.clear();
        vrf.sites.putAll(next);
        Set<Ip4Prefix> local = new HashSet<>();
        for (Site s : wanted) {
            for (Map.Entry<Ip4Prefix, LocalSource> e : localPrefixes(s).entrySet()) {
                Ip4Prefix p = e.getKey();
                local.add(p);
                boolean connected = e.getValue().kind == VrfRoute.Kind.CONNECTED;
                vrf.put(e.getValue(), new VrfRoute(p, e.getValue().kind, connected ? s.peAddress() : s.ceAddress(),
                                                   s.name(), null, -1, false));
            }
        }
        for (Ip4Prefix p : new ArrayList<>(vrf.exported.keySet())) {
            if (!local.contains(p)) {
                withdrawExport(pe, vrf, p);
            }
        }
        if (!vrf.instance().exportTargets().isEmpty()) {
            for (Ip4Prefix p : local) {
                export(pe, vrf, p);
            }
        }
    }

    private static Map<Ip4Prefix, LocalSource> localPrefixes(Site s) {
        Map<Ip4Prefix, LocalSource> out = new LinkedHashMap<>();
        out.put(s.connectedPrefix(), new LocalSource(s.name(), VrfRoute.Kind.CONNECTED));
        for (Ip4Prefix p : s.staticRoutes()) {
            out.putIfAbsent(p, new LocalSource(s.name(), VrfRoute.Kind.STATIC));
        }
        return out;
    }

    private LabelKey labelKey(Vrf vrf, Ip4Prefix prefix, VrfRoute localBest) {
        DeviceId d = vrf.key().device();
        if (localBest.kind() == VrfRoute.Kind.CONNECTED) {
            // A connected subnet holds the PE's own address too: its packets must be looked up in
            // the VRF (and the PE address punted), so it takes the VRF's label in every mode.
            return LabelKey.perVrf(d, vrf.key().vpn());
        }
        switch (vrf.instance().labelMode()) {
            case PER_CE:
                return LabelKey.perCe(d, vrf.key().vpn(), localBest.site().orElseThrow());
            case PER_PREFIX:
                return LabelKey.perPrefix(d, vrf.key().vpn(), prefix);
            default:
                return LabelKey.perVrf(d, vrf.key().vpn());
        }
    }

    /** Originates (or re-originates) the VPNv4 route of a local prefix, and refreshes crossings. */
    private void export(Pe pe, Vrf vrf, Ip4Prefix prefix) {
        LabelKey key = labelKey(vrf, prefix, vrf.best(prefix));
        int label = labelUse.retain(key);
        VpnRoute route = new VpnRoute(VpnPrefix.of(vrf.instance().routeDistinguisher(), prefix), pe.routerId,
                                      label, PathAttributes.local(vrf.instance().exportTargets()),
                                      RouteSource.LOCAL);
        Vrf.Export old = vrf.exported.put(prefix, new Vrf.Export(route, key));
        if (old != null) {
            labelUse.release(old.key());
        }
        if (old == null || !route.equals(old.route())) {
            net.originate(pe.routerId, route);
        }
        vrf.labelLocal(prefix, label);
        refreshCrossings(pe, vrf, route);
    }

    private void withdrawExport(Pe pe, Vrf vrf, Ip4Prefix prefix) {
        Vrf.Export old = vrf.exported.remove(prefix);
        if (old != null) {
            net.withdraw(pe.routerId, old.route().prefix());
            labelUse.release(old.key());
        }
    }

    // ---------------------------------------------------------------- import

    private static boolean isOwn(Vrf vrf, VpnRoute route) {
        return route.source().type() == RouteSource.Type.LOCAL
                && route.prefix().rdValue() == vrf.instance().routeDistinguisher().toLong();
    }

    /** Builds the VRF candidate of an imported route: crossed from a VRF of this PE, or remote. */
    private VrfRoute importedRoute(Pe pe, VpnRoute route) {
        Ip4Prefix p = route.prefix().prefix();
        if (route.source().type() == RouteSource.Type.LOCAL) {
            Vrf from = pe.byRd.get(route.prefix().rdValue());
            VrfRoute local = from == null ? null : from.best(p);
            if (local != null && local.site().isPresent()) {
                return new VrfRoute(p, VrfRoute.Kind.LOCAL_CROSSING, local.nextHop(), local.site().get(), route,
                                    route.label(), false);
            }
        }
        return new VrfRoute(p, VrfRoute.Kind.REMOTE, route.nextHop(), null, route, route.label(), false);
    }

    /** Re-derives the crossed copies of a local route after its VRF's local best changed. */
    private void refreshCrossings(Pe pe, Vrf source, VpnRoute route) {
        Ip4Prefix p = route.prefix().prefix();
        for (Vrf v : pe.vrfs.values()) {
            if (v != source && v.get(p, route.prefix()) != null) {
                v.put(route.prefix(), importedRoute(pe, route));
            }
        }
    }

    private void onBestChange(BgpSpeaker speaker, BestChange change) {
        Pe pe = pesByRouterId.get(speaker.routerId());
        if (pe == null) {
            return;
        }
        Ip4Prefix p = change.prefix().prefix();
        VpnRoute old = change.oldBest();
        VpnRoute now = change.newBest();
        for (Vrf v : pe.vrfs.values()) {
            boolean has = now != null && v.imports(now.routeTargets()) && !isOwn(v, now);
            if (has) {
                v.put(change.prefix(), importedRoute(pe, now));
            } else if (old != null && v.imports(old.routeTargets()) && !isOwn(v, old)) {
                v.remove(p, change.prefix());
            }
        }
    }

    // ---------------------------------------------------------------- output

    /** Releases labels nothing uses any more and reports the net best-route changes of the call. */
    private void flush() {
        labelUse.releaseUnused();
        pending.flushTo(sink);
    }
}
