package org.p4vpn.bgp.wire;

import com.google.common.base.MoreObjects;
import org.onlab.packet.Ip4Address;

import org.p4vpn.api.BgpNeighbor;
/** A read-only view of one neighbor: configuration, state, negotiated values and counters. */
public final class PeerStatus {

    private final BgpNeighbor config;
    private final SessionState state;
    private final Ip4Address bgpId;
    private final int holdTime;
    private final long establishedForMillis;
    private final long messagesIn;
    private final long messagesOut;
    private final long updatesIn;
    private final long prefixesIn;
    private final long treatedAsWithdraw;
    private final long endOfRibIn;
    private final long refreshesIn;
    private final int staleRoutes;
    private final String lastError;

    PeerStatus(Neighbor n) {
        this.config = n.config;
        this.state = n.state();
        SessionHandler h = n.established;
        this.bgpId = h == null || h.peerOpen() == null ? null : h.peerOpen().bgpId();
        this.holdTime = h == null ? 0 : h.negotiatedHoldTime();
        this.establishedForMillis = h == null ? 0 : (System.nanoTime() - n.establishedAt) / 1_000_000;
        this.messagesIn = n.messagesIn;
        this.messagesOut = n.messagesOut;
        this.updatesIn = n.updatesIn;
        this.prefixesIn = n.prefixesIn;
        this.treatedAsWithdraw = n.treatedAsWithdraw;
        this.endOfRibIn = n.endOfRibIn;
        this.refreshesIn = n.refreshesIn;
        this.staleRoutes = n.stale == null ? 0 : n.stale.size();
        this.lastError = n.lastError;
    }

    /** @return the neighbor's configuration */
    public BgpNeighbor config() {
        return config;
    }

    /** @return the state of the finite state machine */
    public SessionState state() {
        return state;
    }

    /** @return the neighbor's BGP identifier while established, else null */
    public Ip4Address bgpId() {
        return bgpId;
    }

    /** @return the negotiated hold time, 0 when not established */
    public int holdTime() {
        return holdTime;
    }

    /** @return how long the session has been established, in milliseconds */
    public long establishedForMillis() {
        return establishedForMillis;
    }

    /** @return messages received */
    public long messagesIn() {
        return messagesIn;
    }

    /** @return messages sent */
    public long messagesOut() {
        return messagesOut;
    }

    /** @return UPDATEs received */
    public long updatesIn() {
        return updatesIn;
    }

    /** @return VPN-IPv4 routes received (announcements) */
    public long prefixesIn() {
        return prefixesIn;
    }

    /** @return UPDATEs whose routes were treated as withdrawn (RFC 7606) */
    public long treatedAsWithdraw() {
        return treatedAsWithdraw;
    }

    /** @return End-of-RIB markers received */
    public long endOfRibIn() {
        return endOfRibIn;
    }

    /** @return ROUTE-REFRESH requests received */
    public long refreshesIn() {
        return refreshesIn;
    }

    /** @return routes kept stale for a gracefully restarting neighbor */
    public int staleRoutes() {
        return staleRoutes;
    }

    /** @return the last error, or null */
    public String lastError() {
        return lastError;
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).omitNullValues().add("peer", config.address()).add("state", state)
                .add("bgpId", bgpId).add("prefixesIn", prefixesIn).add("lastError", lastError).toString();
    }
}
