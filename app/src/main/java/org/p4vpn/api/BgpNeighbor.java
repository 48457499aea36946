package org.p4vpn.api;

import com.google.common.base.MoreObjects;
import org.onlab.packet.Ip4Address;

import java.util.Objects;

/**
 * A BGP neighbor of the controller's speaker (a router outside the controller): its address, its
 * AS, what it is to the speaker (route-reflector client, non-client, external) and whether the
 * speaker only waits for it to connect.
 */
public final class BgpNeighbor {

    private final Ip4Address address;
    private final long remoteAs;
    private final PeerRelation relation;
    private final boolean passive;

    /**
     * Creates a neighbor.
     *
     * @param address  its address
     * @param remoteAs its AS, 1..4294967295
     * @param relation client, non-client or external
     * @param passive  true to only accept its connections
     * @throws InvalidInputException on a missing field or an AS out of range
     */
    public BgpNeighbor(Ip4Address address, long remoteAs, PeerRelation relation, boolean passive) {
        this.address = Names.required("address", address);
        if (remoteAs < 1 || remoteAs > 0xFFFF_FFFFL) {
            throw new InvalidInputException("remoteAs", remoteAs, "an AS number is 1 to 4294967295");
        }
        this.remoteAs = remoteAs;
        this.relation = Names.required("relation", relation);
        this.passive = passive;
    }

    /**
     * Returns the neighbor's address.
     *
     * @return address
     */
    public Ip4Address address() {
        return address;
    }

    /**
     * Returns the neighbor's AS.
     *
     * @return AS number
     */
    public long remoteAs() {
        return remoteAs;
    }

    /**
     * Returns what the neighbor is to the speaker.
     *
     * @return relation
     */
    public PeerRelation relation() {
        return relation;
    }

    /**
     * Tells whether the speaker only accepts the neighbor's connections.
     *
     * @return true if passive
     */
    public boolean passive() {
        return passive;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BgpNeighbor)) {
            return false;
        }
        BgpNeighbor n = (BgpNeighbor) o;
        return address.equals(n.address) && remoteAs == n.remoteAs && relation == n.relation && passive == n.passive;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, remoteAs, relation, passive);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("address", address).add("as", remoteAs).add("relation", relation)
                .add("passive", passive).toString();
    }
}
