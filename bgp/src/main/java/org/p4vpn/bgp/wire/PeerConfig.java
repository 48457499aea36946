package org.p4vpn.bgp.wire;

import com.google.common.base.MoreObjects;
import org.onlab.packet.Ip4Address;
import org.p4vpn.api.InvalidInputException;

import org.p4vpn.api.PeerRelation;

import java.util.Objects;

/**
 * A configured BGP neighbor: its address, AS, what it is to this speaker (route-reflector client,
 * non-client, external) and whether this speaker only waits for it to connect.
 */
public final class PeerConfig {

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
     * @param passive  true to never connect, only accept
     * @throws InvalidInputException on a missing field or an AS out of range
     */
    public PeerConfig(Ip4Address address, long remoteAs, PeerRelation relation, boolean passive) {
        this.address = required("address", address);
        if (remoteAs < 1 || remoteAs > 0xFFFF_FFFFL) {
            throw new InvalidInputException("remoteAs", remoteAs, "an AS number is 1 to 4294967295");
        }
        this.remoteAs = remoteAs;
        this.relation = required("relation", relation);
        this.passive = passive;
    }

    /** @return the neighbor's address */
    public Ip4Address address() {
        return address;
    }

    /** @return the neighbor's AS */
    public long remoteAs() {
        return remoteAs;
    }

    /** @return what the neighbor is to this speaker */
    public PeerRelation relation() {
        return relation;
    }

    /** @return whether this speaker only accepts connections from it */
    public boolean passive() {
        return passive;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PeerConfig)) {
            return false;
        }
        PeerConfig p = (PeerConfig) o;
        return address.equals(p.address) && remoteAs == p.remoteAs && relation == p.relation && passive == p.passive;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, remoteAs, relation, passive);
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidInputException(field, null, field + " is required");
        }
        return value;
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("address", address).add("as", remoteAs).add("relation", relation)
                .add("passive", passive).toString();
    }
}
