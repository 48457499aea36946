package org.p4vpn.api;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableMap;
import org.onlab.packet.Ip4Address;

import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of one BGP speaker modelled by the route engine: a PE's VPNv4 speaker or a route
 * reflector, with its peers and counters.
 */
public final class SpeakerState {

    private final String name;
    private final Ip4Address routerId;
    private final Ip4Address clusterId;
    private final boolean clientToClientReflection;
    private final ImmutableMap<Ip4Address, PeerRelation> peers;
    private final int prefixes;
    private final int paths;
    private final long discardedOriginatorLoops;
    private final long discardedClusterLoops;

    /**
     * Creates a snapshot.
     *
     * @param name                     speaker name (device id or RR name)
     * @param routerId                 router id
     * @param clusterId                cluster id if a reflector, else null
     * @param clientToClientReflection whether clients' routes go to other clients
     * @param peers                    peers by router id
     * @param prefixes                 VPN-IPv4 prefixes held
     * @param paths                    paths held (all peers)
     * @param discardedOriginatorLoops routes discarded for carrying this router id as ORIGINATOR_ID
     * @param discardedClusterLoops    routes discarded for carrying this cluster id in CLUSTER_LIST
     */
    public SpeakerState(String name, Ip4Address routerId, Ip4Address clusterId, boolean clientToClientReflection,
                        Map<Ip4Address, PeerRelation> peers, int prefixes, int paths,
                        long discardedOriginatorLoops, long discardedClusterLoops) {
        this.name = name;
        this.routerId = routerId;
        this.clusterId = clusterId;
        this.clientToClientReflection = clientToClientReflection;
        this.peers = ImmutableMap.copyOf(peers);
        this.prefixes = prefixes;
        this.paths = paths;
        this.discardedOriginatorLoops = discardedOriginatorLoops;
        this.discardedClusterLoops = discardedClusterLoops;
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
     * Returns the router id.
     *
     * @return router id
     */
    public Ip4Address routerId() {
        return routerId;
    }

    /**
     * Returns the cluster id of a reflector.
     *
     * @return cluster id, empty for a non-reflector
     */
    public Optional<Ip4Address> clusterId() {
        return Optional.ofNullable(clusterId);
    }

    /**
     * Tells whether routes are reflected between clients.
     *
     * @return true if so
     */
    public boolean clientToClientReflection() {
        return clientToClientReflection;
    }

    /**
     * Returns the peers and what each is to this speaker.
     *
     * @return peers by router id
     */
    public Map<Ip4Address, PeerRelation> peers() {
        return peers;
    }

    /**
     * Returns the number of prefixes held.
     *
     * @return prefixes
     */
    public int prefixes() {
        return prefixes;
    }

    /**
     * Returns the number of paths held.
     *
     * @return paths
     */
    public int paths() {
        return paths;
    }

    /**
     * Returns how many routes were discarded because they carried this speaker's router id as
     * ORIGINATOR_ID.
     *
     * @return count
     */
    public long discardedOriginatorLoops() {
        return discardedOriginatorLoops;
    }

    /**
     * Returns how many routes were discarded because their CLUSTER_LIST held this speaker's
     * cluster id.
     *
     * @return count
     */
    public long discardedClusterLoops() {
        return discardedClusterLoops;
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).omitNullValues().add("name", name).add("routerId", routerId)
                .add("clusterId", clusterId).add("peers", peers).add("prefixes", prefixes).add("paths", paths)
                .toString();
    }
}
