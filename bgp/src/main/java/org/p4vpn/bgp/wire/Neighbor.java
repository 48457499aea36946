package org.p4vpn.bgp.wire;

import io.netty.util.concurrent.ScheduledFuture;
import org.p4vpn.api.BgpNeighbor;
import org.p4vpn.api.VpnPrefix;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A configured neighbor's state on the speaker's event loop: its connections, the established
 * one, what waits to be sent to it (Adj-RIB-Out changes not yet written), graceful-restart
 * leftovers and counters. Touched only on the event loop.
 */
final class Neighbor {

    final BgpNeighbor config;
    final List<SessionHandler> connecting = new ArrayList<>(2);
    SessionHandler established;
    SessionState idleState = SessionState.IDLE;
    ScheduledFuture<?> connectRetry;
    /** Paths kept from a neighbor that restarts gracefully, until it sends them again or time runs out. */
    Set<VpnPrefix> stale;
    ScheduledFuture<?> restartTimer;
    long establishedAt;
    long messagesIn;
    long messagesOut;
    long updatesIn;
    long prefixesIn;
    long treatedAsWithdraw;
    long endOfRibIn;
    long refreshesIn;
    String lastError;
    boolean removed;

    Neighbor(BgpNeighbor config) {
        this.config = config;
    }

    SessionState state() {
        if (established != null) {
            return SessionState.ESTABLISHED;
        }
        SessionState best = idleState;
        for (SessionHandler h : connecting) {
            if (h.state().compareTo(best) > 0) {
                best = h.state();
            }
        }
        return best;
    }
}
