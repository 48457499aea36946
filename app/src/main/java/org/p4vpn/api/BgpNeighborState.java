package org.p4vpn.api;

import com.google.common.base.MoreObjects;
import org.onlab.packet.Ip4Address;

import java.util.Optional;

/** A read-only view of a BGP neighbor's session: state, the neighbor's identifier, counters. */
public final class BgpNeighborState {

    private final BgpNeighbor neighbor;
    private final String state;
    private final Ip4Address bgpId;
    private final long establishedSeconds;
    private final long updatesIn;
    private final long prefixesIn;
    private final long treatedAsWithdraw;
    private final String lastError;

    /**
     * Creates a view.
     *
     * @param neighbor           the configured neighbor
     * @param state              FSM state (IDLE, CONNECT, ACTIVE, OPEN_SENT, OPEN_CONFIRM, ESTABLISHED)
     * @param bgpId              the neighbor's BGP identifier while established, else null
     * @param establishedSeconds how long the session has been established
     * @param updatesIn          UPDATEs received
     * @param prefixesIn         VPN-IPv4 routes received
     * @param treatedAsWithdraw  UPDATEs whose routes were treated as withdrawn (RFC 7606)
     * @param lastError          the last error, or null
     */
    public BgpNeighborState(BgpNeighbor neighbor, String state, Ip4Address bgpId, long establishedSeconds,
                            long updatesIn, long prefixesIn, long treatedAsWithdraw, String lastError) {
        this.neighbor = Names.required("neighbor", neighbor);
        this.state = Names.required("state", state);
        this.bgpId = bgpId;
        this.establishedSeconds = establishedSeconds;
        this.updatesIn = updatesIn;
        this.prefixesIn = prefixesIn;
        this.treatedAsWithdraw = treatedAsWithdraw;
        this.lastError = lastError;
    }

    /**
     * Returns the configured neighbor.
     *
     * @return neighbor
     */
    public BgpNeighbor neighbor() {
        return neighbor;
    }

    /**
     * Returns the state of the finite state machine.
     *
     * @return state name
     */
    public String state() {
        return state;
    }

    /**
     * Returns the neighbor's BGP identifier while established.
     *
     * @return identifier
     */
    public Optional<Ip4Address> bgpId() {
        return Optional.ofNullable(bgpId);
    }

    /**
     * Returns how long the session has been established.
     *
     * @return seconds, 0 when not established
     */
    public long establishedSeconds() {
        return establishedSeconds;
    }

    /**
     * Returns the UPDATEs received.
     *
     * @return count
     */
    public long updatesIn() {
        return updatesIn;
    }

    /**
     * Returns the VPN-IPv4 routes received.
     *
     * @return count
     */
    public long prefixesIn() {
        return prefixesIn;
    }

    /**
     * Returns the UPDATEs whose routes were treated as withdrawn.
     *
     * @return count
     */
    public long treatedAsWithdraw() {
        return treatedAsWithdraw;
    }

    /**
     * Returns the last error.
     *
     * @return error text
     */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).omitNullValues().add("neighbor", neighbor.address())
                .add("state", state).add("bgpId", bgpId).add("prefixesIn", prefixesIn).toString();
    }
}
