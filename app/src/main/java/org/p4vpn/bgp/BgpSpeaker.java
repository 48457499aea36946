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
        private final Ip4Address address;
        private final Ip4Address routerId;
        private final PeerRelation relation;
        private final long asn;
        private final RouteSource source;
        private Set<RouteTarget> rtFilter;

        Peer(Ip4Address address, Ip4Address routerId, PeerRelation relation, long asn) {
            this.address = address;
            this.routerId = routerId;
            this.relation = relation;
            this.asn = asn;
            this.source = RouteSource.peer(relation == PeerRelation.EBGP ? RouteSource.Type.EBGP
                                                   : RouteSource.Type.IBGP, address, routerId);
        }

        /**
         * Returns the peer's session address (its router id for in-process peers).
         *
         * @return address
         */
        public Ip4Address address() {
            return address;
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


    private final String name;
    private final Ip4Address routerId;
    private final long localAs;
    private final Ip4Address clusterId;
    private boolean clientToClientReflection = true;
    private final Map<Ip4Address, Peer> peers = new LinkedHashMap<>();
    private final List<Peer> unfilteredPeers = new ArrayList<>();
    private final Map<RouteTarget, List<Peer>> peersByTarget = new HashMap<>();
    private final PathTable table = new PathTable();
    private long discardedOriginatorLoops;
    private long discardedClusterLoops;
    /** The last reflected attributes: routes arrive in runs sharing attributes (one UPDATE's worth). */
    private PathAttributes lastReflectedFrom;
    private Ip4Address lastReflectedOriginator;
    private PathAttributes lastReflected;

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
        return addPeer(peerId, peerId, relation, asn);
    }

    /**
     * Adds a peer reached over a session whose address differs from its BGP identifier (a peer
     * on the wire); the peer is known by its address, and routes from it carry its identifier
     * as ORIGINATOR_ID when reflected.
     *
     * @param address  session address, the peer's key
     * @param routerId BGP identifier from its OPEN
     * @param relation what it is to this speaker
     * @param asn      its AS
     * @return the peer
     */
    public Peer addPeer(Ip4Address address, Ip4Address routerId, PeerRelation relation, long asn) {
        Ip4Address peerId = address;
        if (relation == PeerRelation.CLIENT && clusterId == null) {
            throw new IllegalArgumentException(name + " is not a route reflector and cannot have clients");
        }
        Peer p = new Peer(address, routerId, relation, asn);
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
        return table.put(route.withSource(RouteSource.LOCAL));
    }

    /**
     * Withdraws a locally originated route.
     *
     * @param prefix prefix
     * @return the change of best path, or null if none
     */
    public BestChange withdrawLocal(VpnPrefix prefix) {
        return table.remove(prefix, RouteSource.LOCAL);
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
            return table.remove(route.prefix(), p.source);
        }
        if (clusterId != null && attrs.clusterList().contains(clusterId)) {
            discardedClusterLoops++;
            return table.remove(route.prefix(), p.source);
        }
        if (p.relation == PeerRelation.EBGP && attrs.asPath().contains(localAs)) {
            return table.remove(route.prefix(), p.source);
        }
        return table.put(route.source().equals(p.source) ? route
                                 : new VpnRoute(route.prefix(), route.nextHop(), route.label(), attrs, p.source));
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
        return p == null ? null : table.remove(prefix, p.source);
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
        for (VpnPrefix prefix : table.prefixesFrom(p.source)) {
            BestChange c = table.remove(prefix, p.source);
            if (c != null) {
                onChange.accept(this, c);
            }
        }
    }


    /**
     * Returns the prefixes for which a peer has a path here (its Adj-RIB-In after the loop checks).
     *
     * @param peerId peer
     * @return prefixes, empty if the peer is unknown
     */
    public List<VpnPrefix> prefixesFrom(Ip4Address peerId) {
        Peer p = peers.get(peerId);
        return p == null ? List.of() : table.prefixesFrom(p.source);
    }

    /**
     * Returns the best path of a prefix.
     *
     * @param prefix prefix
     * @return best path or null
     */
    public VpnRoute best(VpnPrefix prefix) {
        return table.best(prefix);
    }

    /**
     * Returns every path of a prefix.
     *
     * @param prefix prefix
     * @return paths, empty if none
     */
    public List<VpnRoute> paths(VpnPrefix prefix) {
        return table.paths(prefix);
    }

    /**
     * Calls the consumer with every prefix and its best path.
     *
     * @param consumer consumer
     */
    public void forEachBest(BiConsumer<VpnPrefix, VpnRoute> consumer) {
        table.forEachBest(consumer);
    }

    /**
     * Returns the whole RIB, best paths flagged, ordered by prefix.
     *
     * @return entries
     */
    public List<RibEntry> ribEntries() {
        return table.ribEntries();
    }

    /**
     * Returns the number of prefixes held.
     *
     * @return prefixes
     */
    public int prefixCount() {
        return table.size();
    }

    /**
     * Returns the prefixes whose best path carries one of the given route targets.
     *
     * @param targets route targets
     * @return prefixes, each once
     */
    Set<VpnPrefix> prefixesWith(Collection<RouteTarget> targets) {
        return table.prefixesWith(targets);
    }

    /**
     * Returns a snapshot of this speaker's state.
     *
     * @return state
     */
    public SpeakerState state() {
        Map<Ip4Address, PeerRelation> rel = new LinkedHashMap<>();
        peers.forEach((id, p) -> rel.put(id, p.relation));
        return new SpeakerState(name, routerId, clusterId, clientToClientReflection, rel, table.size(),
                                table.pathCount(),
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
        if (src.type() != RouteSource.Type.LOCAL && src.peerAddress().equals(to.address)) {
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
                return new VpnRoute(best.prefix(), best.nextHop(), best.label(),
                                    reflected(best.attributes(), src.peerRouterId()), RouteSource.LOCAL);
        }
    }

    private PathAttributes reflected(PathAttributes attrs, Ip4Address originator) {
        if (attrs != lastReflectedFrom || !originator.equals(lastReflectedOriginator)) {
            lastReflected = attrs.reflected(originator, clusterId);
            lastReflectedFrom = attrs;
            lastReflectedOriginator = originator;
        }
        return lastReflected;
    }
}
