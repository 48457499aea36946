package org.p4vpn.bgp;

import com.google.common.collect.ImmutableSet;
import org.onlab.packet.Ip4Address;
import org.p4vpn.api.PathAttributes;
import org.p4vpn.api.PeerRelation;
import org.p4vpn.api.RibEntry;
import org.p4vpn.api.RouteSource;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.SpeakerState;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One BGP speaker's VPNv4 routing state and rules, without any transport: the Adj-RIBs-In of its
 * peers and its Loc-RIB (one map, paths per prefix with the best marked), the loop checks on
 * receipt (ORIGINATOR_ID, CLUSTER_LIST, AS_PATH) and the rules that decide what is sent to whom
 * (iBGP split horizon; route reflection per RFC 4456 and seed 000: a non-client's best goes to
 * clients, a client's to clients and non-clients, an eBGP peer's to all). A route-target filter
 * per peer (RFC 4684 semantics) keeps a PE from receiving routes none of its VRFs import.
 * Not thread-safe: a speaker is driven by one thread.
 */
public final class BgpSpeaker {

    /** A peer of this speaker. */
    public static final class Peer {
        private final Ip4Address routerId;
        private final PeerRelation relation;
        private final long asn;
        private final RouteSource source;
        private Set<RouteTarget> rtFilter;

        Peer(Ip4Address routerId, PeerRelation relation, long asn) {
            this.routerId = routerId;
            this.relation = relation;
            this.asn = asn;
            this.source = RouteSource.peer(relation == PeerRelation.EBGP ? RouteSource.Type.EBGP
                                                   : RouteSource.Type.IBGP, routerId, routerId);
        }

        /**
         * Returns the peer's router id (also its session address here).
         *
         * @return router id
         */
        public Ip4Address routerId() {
            return routerId;
        }

        /**
         * Returns what the peer is to this speaker.
         *
         * @return relation
         */
        public PeerRelation relation() {
            return relation;
        }

        /**
         * Returns the route targets the peer wants, null for all.
         *
         * @return filter
         */
        public Set<RouteTarget> rtFilter() {
            return rtFilter;
        }

        boolean accepts(VpnRoute route) {
            if (rtFilter == null) {
                return true;
            }
            for (RouteTarget rt : route.routeTargets()) {
                if (rtFilter.contains(rt)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Paths of one prefix when there are several; a single path is stored bare. */
    private static final class PathSet {
        private VpnRoute[] paths;
        private VpnRoute best;

        PathSet(VpnRoute a, VpnRoute b) {
            paths = new VpnRoute[] {a, b};
        }
    }

    private final String name;
    private final Ip4Address routerId;
    private final long localAs;
    private final Ip4Address clusterId;
    private boolean clientToClientReflection = true;
    private final Map<Ip4Address, Peer> peers = new LinkedHashMap<>();
    private final List<Peer> unfilteredPeers = new ArrayList<>();
    private final Map<RouteTarget, List<Peer>> peersByTarget = new HashMap<>();
    private final Map<VpnPrefix, Object> rib = new HashMap<>();
    /** Prefixes whose best path carries each route target, so a filter change touches only those. */
    private final Map<RouteTarget, Set<VpnPrefix>> bestByTarget = new HashMap<>();
    private int pathCount;
    private long discardedOriginatorLoops;
    private long discardedClusterLoops;

    /**
     * Creates a speaker.
     *
     * @param name      name for views and logs
     * @param routerId  BGP identifier
     * @param localAs   own AS
     * @param clusterId cluster id if this speaker is a route reflector, else null
     */
    public BgpSpeaker(String name, Ip4Address routerId, long localAs, Ip4Address clusterId) {
        this.name = name;
        this.routerId = routerId;
        this.localAs = localAs;
        this.clusterId = clusterId;
    }

    /**
     * Returns the name.
     *
     * @return name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the BGP identifier.
     *
     * @return router id
     */
    public Ip4Address routerId() {
        return routerId;
    }

    /**
     * Returns the AS.
     *
     * @return AS number
     */
    public long localAs() {
        return localAs;
    }

    /**
     * Returns the cluster id, null if not a reflector.
     *
     * @return cluster id
     */
    public Ip4Address clusterId() {
        return clusterId;
    }

    /**
     * Turns reflection between clients on or off (seed 000: when clients are fully meshed already);
     * routes between clients and non-clients still flow.
     *
     * @param on whether to reflect client routes to other clients
     */
    public void setClientToClientReflection(boolean on) {
        this.clientToClientReflection = on;
    }

    /**
     * Adds a peer.
     *
     * @param peerId   peer's router id
     * @param relation what it is to this speaker
     * @param asn      its AS
     * @return the peer
     */
    public Peer addPeer(Ip4Address peerId, PeerRelation relation, long asn) {
        if (relation == PeerRelation.CLIENT && clusterId == null) {
            throw new IllegalArgumentException(name + " is not a route reflector and cannot have clients");
        }
        Peer p = new Peer(peerId, relation, asn);
        Peer old = peers.put(peerId, p);
        if (old != null) {
            unindex(old);
        }
        unfilteredPeers.add(p);
        return p;
    }

    /**
     * Removes a peer; its paths must have been withdrawn ({@link #dropPeer}) before.
     *
     * @param peerId peer's router id
     */
    public void removePeer(Ip4Address peerId) {
        Peer p = peers.remove(peerId);
        if (p != null) {
            unindex(p);
        }
    }

    /**
     * Returns a peer.
     *
     * @param peerId router id
     * @return peer or null
     */
    public Peer peer(Ip4Address peerId) {
        return peers.get(peerId);
    }

    /**
     * Returns the peers.
     *
     * @return peers
     */
    public Collection<Peer> peers() {
        return peers.values();
    }

    /**
     * Sets the route targets a peer wants to receive (null for all).
     *
     * @param peerId  peer
     * @param targets targets, or null
     */
    void setRtFilter(Ip4Address peerId, Set<RouteTarget> targets) {
        Peer p = peers.get(peerId);
        unindex(p);
        p.rtFilter = targets == null ? null : ImmutableSet.copyOf(targets);
        if (p.rtFilter == null) {
            unfilteredPeers.add(p);
        } else {
            for (RouteTarget rt : p.rtFilter) {
                peersByTarget.computeIfAbsent(rt, k -> new ArrayList<>(2)).add(p);
            }
        }
    }

    private void unindex(Peer p) {
        unfilteredPeers.remove(p);
        if (p.rtFilter != null) {
            for (RouteTarget rt : p.rtFilter) {
                List<Peer> l = peersByTarget.get(rt);
                l.remove(p);
                if (l.isEmpty()) {
                    peersByTarget.remove(rt);
                }
            }
        }
    }

    /**
     * Returns the peers whose route-target filter admits a route.
     *
     * @param route route
     * @return peers, each once
     */
    Collection<Peer> peersFor(VpnRoute route) {
        if (peersByTarget.isEmpty()) {
            return unfilteredPeers;
        }
        Set<Peer> out = new LinkedHashSet<>(unfilteredPeers);
        for (RouteTarget rt : route.routeTargets()) {
            List<Peer> l = peersByTarget.get(rt);
            if (l != null) {
                out.addAll(l);
            }
        }
        return out;
    }

    /**
     * Originates a route (from this speaker's VRFs).
     *
     * @param route route with next hop and label set
     * @return the change of best path, or null if none
     */
    public BestChange originate(VpnRoute route) {
        return put(route.withSource(RouteSource.LOCAL));
    }

    /**
     * Withdraws a locally originated route.
     *
     * @param prefix prefix
     * @return the change of best path, or null if none
     */
    public BestChange withdrawLocal(VpnPrefix prefix) {
        return remove(prefix, RouteSource.LOCAL);
    }

    /**
     * Takes a route received from a peer, applying the loop checks: a route carrying this
     * speaker's router id as ORIGINATOR_ID, or (at a reflector) its cluster id in CLUSTER_LIST,
     * or (from eBGP) its AS in AS_PATH, is discarded, which withdraws the peer's earlier path.
     *
     * @param peerId peer it came from
     * @param route  route as the peer sent it
     * @return the change of best path, or null if none
     */
    public BestChange receive(Ip4Address peerId, VpnRoute route) {
        Peer p = peers.get(peerId);
        if (p == null) {
            throw new IllegalArgumentException(name + " has no peer " + peerId);
        }
        PathAttributes attrs = route.attributes();
        if (attrs.originatorId().map(routerId::equals).orElse(false)) {
            discardedOriginatorLoops++;
            return remove(route.prefix(), p.source);
        }
        if (clusterId != null && attrs.clusterList().contains(clusterId)) {
            discardedClusterLoops++;
            return remove(route.prefix(), p.source);
        }
        if (p.relation == PeerRelation.EBGP && attrs.asPath().contains(localAs)) {
            return remove(route.prefix(), p.source);
        }
        return put(new VpnRoute(route.prefix(), route.nextHop(), route.label(), attrs, p.source));
    }

    /**
     * Takes a withdrawal from a peer.
     *
     * @param peerId peer
     * @param prefix prefix
     * @return the change of best path, or null if none
     */
    public BestChange withdraw(Ip4Address peerId, VpnPrefix prefix) {
        Peer p = peers.get(peerId);
        return p == null ? null : remove(prefix, p.source);
    }

    /**
     * Drops every path learned from a peer (session down).
     *
     * @param peerId   peer
     * @param onChange receives each resulting change of best path
     */
    public void dropPeer(Ip4Address peerId, BiConsumer<BgpSpeaker, BestChange> onChange) {
        Peer p = peers.get(peerId);
        if (p == null) {
            return;
        }
        List<VpnPrefix> prefixes = new ArrayList<>();
        rib.forEach((prefix, v) -> {
            if (holdsFrom(v, p.source)) {
                prefixes.add(prefix);
            }
        });
        for (VpnPrefix prefix : prefixes) {
            BestChange c = remove(prefix, p.source);
            if (c != null) {
                onChange.accept(this, c);
            }
        }
    }

    private static boolean holdsFrom(Object v, RouteSource src) {
        if (v instanceof VpnRoute) {
            return ((VpnRoute) v).source().equals(src);
        }
        for (VpnRoute r : ((PathSet) v).paths) {
            if (r.source().equals(src)) {
                return true;
            }
        }
        return false;
    }

    private BestChange put(VpnRoute path) {
        return indexed(putPath(path));
    }

    private BestChange putPath(VpnRoute path) {
        VpnPrefix prefix = path.prefix();
        Object v = rib.get(prefix);
        if (v == null) {
            rib.put(prefix, path);
            pathCount++;
            return new BestChange(prefix, null, path);
        }
        if (v instanceof VpnRoute) {
            VpnRoute only = (VpnRoute) v;
            if (only.source().equals(path.source())) {
                rib.put(prefix, path);
                return only.equals(path) ? null : new BestChange(prefix, only, path);
            }
            PathSet set = new PathSet(only, path);
            pathCount++;
            set.best = BestPathSelector.select(Arrays.asList(set.paths));
            rib.put(prefix, set);
            return set.best == only ? null : new BestChange(prefix, only, set.best);
        }
        PathSet set = (PathSet) v;
        VpnRoute oldBest = set.best;
        int i = indexOf(set, path.source());
        if (i >= 0) {
            set.paths[i] = path;
        } else {
            set.paths = Arrays.copyOf(set.paths, set.paths.length + 1);
            set.paths[set.paths.length - 1] = path;
            pathCount++;
        }
        set.best = BestPathSelector.select(Arrays.asList(set.paths));
        return set.best.equals(oldBest) ? null : new BestChange(prefix, oldBest, set.best);
    }

    private BestChange remove(VpnPrefix prefix, RouteSource source) {
        return indexed(removePath(prefix, source));
    }

    private BestChange removePath(VpnPrefix prefix, RouteSource source) {
        Object v = rib.get(prefix);
        if (v == null) {
            return null;
        }
        if (v instanceof VpnRoute) {
            VpnRoute only = (VpnRoute) v;
            if (!only.source().equals(source)) {
                return null;
            }
            rib.remove(prefix);
            pathCount--;
            return new BestChange(prefix, only, null);
        }
        PathSet set = (PathSet) v;
        int i = indexOf(set, source);
        if (i < 0) {
            return null;
        }
        VpnRoute oldBest = set.best;
        pathCount--;
        if (set.paths.length == 2) {
            VpnRoute left = set.paths[1 - i];
            rib.put(prefix, left);
            return left.equals(oldBest) ? null : new BestChange(prefix, oldBest, left);
        }
        VpnRoute[] rest = new VpnRoute[set.paths.length - 1];
        System.arraycopy(set.paths, 0, rest, 0, i);
        System.arraycopy(set.paths, i + 1, rest, i, rest.length - i);
        set.paths = rest;
        set.best = BestPathSelector.select(Arrays.asList(rest));
        return set.best.equals(oldBest) ? null : new BestChange(prefix, oldBest, set.best);
    }

    private BestChange indexed(BestChange c) {
        if (c == null) {
            return null;
        }
        Set<RouteTarget> was = c.oldBest() == null ? Set.of() : c.oldBest().routeTargets();
        Set<RouteTarget> now = c.newBest() == null ? Set.of() : c.newBest().routeTargets();
        if (!was.equals(now)) {
            for (RouteTarget rt : was) {
                if (!now.contains(rt)) {
                    Set<VpnPrefix> ps = bestByTarget.get(rt);
                    ps.remove(c.prefix());
                    if (ps.isEmpty()) {
                        bestByTarget.remove(rt);
                    }
                }
            }
            for (RouteTarget rt : now) {
                if (!was.contains(rt)) {
                    bestByTarget.computeIfAbsent(rt, k -> new java.util.HashSet<>()).add(c.prefix());
                }
            }
        }
        return c;
    }

    /**
     * Returns the prefixes whose best path carries one of the given route targets.
     *
     * @param targets route targets
     * @return prefixes, each once
     */
    Set<VpnPrefix> prefixesWith(Collection<RouteTarget> targets) {
        Set<VpnPrefix> out = new LinkedHashSet<>();
        for (RouteTarget rt : targets) {
            out.addAll(bestByTarget.getOrDefault(rt, Set.of()));
        }
        return out;
    }

    private static int indexOf(PathSet set, RouteSource source) {
        for (int i = 0; i < set.paths.length; i++) {
            if (set.paths[i].source().equals(source)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Returns the best path of a prefix.
     *
     * @param prefix prefix
     * @return best path or null
     */
    public VpnRoute best(VpnPrefix prefix) {
        Object v = rib.get(prefix);
        return v == null ? null : v instanceof VpnRoute ? (VpnRoute) v : ((PathSet) v).best;
    }

    /**
     * Returns every path of a prefix.
     *
     * @param prefix prefix
     * @return paths, empty if none
     */
    public List<VpnRoute> paths(VpnPrefix prefix) {
        Object v = rib.get(prefix);
        if (v == null) {
            return List.of();
        }
        return v instanceof VpnRoute ? List.of((VpnRoute) v) : List.of(((PathSet) v).paths);
    }

    /**
     * Calls the consumer with every prefix and its best path.
     *
     * @param consumer consumer
     */
    public void forEachBest(BiConsumer<VpnPrefix, VpnRoute> consumer) {
        rib.forEach((p, v) -> consumer.accept(p, v instanceof VpnRoute ? (VpnRoute) v : ((PathSet) v).best));
    }

    /**
     * Returns the whole RIB, best paths flagged, ordered by prefix.
     *
     * @return entries
     */
    public List<RibEntry> ribEntries() {
        List<VpnPrefix> prefixes = new ArrayList<>(rib.keySet());
        prefixes.sort(null);
        List<RibEntry> out = new ArrayList<>();
        for (VpnPrefix p : prefixes) {
            VpnRoute best = best(p);
            out.add(new RibEntry(best, true));
            for (VpnRoute r : paths(p)) {
                if (r != best) {
                    out.add(new RibEntry(r, false));
                }
            }
        }
        return out;
    }

    /**
     * Returns the number of prefixes held.
     *
     * @return prefixes
     */
    public int prefixCount() {
        return rib.size();
    }

    /**
     * Returns a snapshot of this speaker's state.
     *
     * @return state
     */
    public SpeakerState state() {
        Map<Ip4Address, PeerRelation> rel = new LinkedHashMap<>();
        peers.forEach((id, p) -> rel.put(id, p.relation));
        return new SpeakerState(name, routerId, clusterId, clientToClientReflection, rel, rib.size(), pathCount,
                                discardedOriginatorLoops, discardedClusterLoops);
    }

    /**
     * Decides what this speaker sends a peer for its best path, by the iBGP and reflection rules.
     *
     * @param to   the peer
     * @param best the best path
     * @return the route to send, or null if the peer gets nothing for this prefix
     */
    public VpnRoute exportTo(Peer to, VpnRoute best) {
        RouteSource src = best.source();
        if (src.type() != RouteSource.Type.LOCAL && src.peerAddress().equals(to.routerId)) {
            return null;
        }
        if (!to.accepts(best)) {
            return null;
        }
        if (to.relation == PeerRelation.EBGP) {
            return best.withAttributes(best.attributes().toExternal(localAs))
                    .withNextHop(routerId, best.label()).withSource(RouteSource.LOCAL);
        }
        switch (src.type()) {
            case LOCAL:
                return best;
            case EBGP:
                return best.withNextHop(routerId, best.label()).withSource(RouteSource.LOCAL);
            default:
                if (clusterId == null) {
                    return null;
                }
                Peer from = peers.get(src.peerAddress());
                PeerRelation fromRelation = from == null ? PeerRelation.NON_CLIENT : from.relation;
                if (fromRelation == PeerRelation.CLIENT && to.relation == PeerRelation.CLIENT
                        && !clientToClientReflection) {
                    return null;
                }
                if (fromRelation == PeerRelation.NON_CLIENT && to.relation == PeerRelation.NON_CLIENT) {
                    return null;
                }
                return best.withAttributes(best.attributes().reflected(src.peerRouterId(), clusterId))
                        .withSource(RouteSource.LOCAL);
        }
    }
}
