package org.p4vpn.api;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import org.onlab.packet.Ip4Address;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Route-reflector settings of a speaker (RFC 4456, seed 000 "BGP Route Reflector"): its cluster id,
 * its clients and non-clients (by router id), and whether routes are reflected between clients.
 * Reflectors that back each other up share one cluster id; a reflector is made the client of
 * another by listing it among that one's clients (hierarchical reflection).
 */
public final class RouteReflectorConfig {

    private final Ip4Address clusterId;
    private final ImmutableSet<Ip4Address> clients;
    private final ImmutableSet<Ip4Address> nonClients;
    private final boolean clientToClientReflection;

    /**
     * Creates route-reflector settings.
     *
     * @param clusterId                cluster id
     * @param clients                  router ids of clients
     * @param nonClients               router ids of iBGP non-client peers
     * @param clientToClientReflection whether to reflect between clients (default on)
     * @throws InvalidInputException if a router id is both client and non-client
     */
    public RouteReflectorConfig(Ip4Address clusterId, Collection<Ip4Address> clients,
                                Collection<Ip4Address> nonClients, boolean clientToClientReflection) {
        this.clusterId = Names.required("clusterId", clusterId);
        this.clients = ImmutableSet.copyOf(clients);
        this.nonClients = ImmutableSet.copyOf(nonClients);
        Set<Ip4Address> both = Sets.intersection(this.clients, this.nonClients);
        if (!both.isEmpty()) {
            throw new InvalidInputException("nonClients", both.iterator().next(),
                    "a peer is either a client or a non-client of a reflector, not both");
        }
        this.clientToClientReflection = clientToClientReflection;
    }

    /**
     * Returns the cluster id.
     *
     * @return cluster id
     */
    public Ip4Address clusterId() {
        return clusterId;
    }

    /**
     * Returns the clients' router ids.
     *
     * @return clients
     */
    public Set<Ip4Address> clients() {
        return clients;
    }

    /**
     * Returns the non-clients' router ids.
     *
     * @return non-clients
     */
    public Set<Ip4Address> nonClients() {
        return nonClients;
    }

    /**
     * Tells whether routes are reflected from client to client.
     *
     * @return true if so
     */
    public boolean clientToClientReflection() {
        return clientToClientReflection;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RouteReflectorConfig)) {
            return false;
        }
        RouteReflectorConfig c = (RouteReflectorConfig) o;
        return clusterId.equals(c.clusterId) && clients.equals(c.clients) && nonClients.equals(c.nonClients)
                && clientToClientReflection == c.clientToClientReflection;
    }

    @Override
    public int hashCode() {
        return Objects.hash(clusterId, clients, nonClients, clientToClientReflection);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("clusterId", clusterId).add("clients", clients)
                .add("nonClients", nonClients).add("c2c", clientToClientReflection).toString();
    }
}
