package org.p4vpn.bgp.wire;

import org.onlab.packet.Ip4Address;
import org.p4vpn.api.PeerRelation;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;
import org.p4vpn.bgp.BestChange;
import org.p4vpn.bgp.BgpSpeaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The speaker's routing on its event loop: routes from UPDATEs into the {@link BgpSpeaker} model,
 * each change of best path out to every established neighbor by the model's export and
 * reflection rules, batched per neighbor and written when the loop has drained what it read;
 * session down withdraws the neighbor's routes, or keeps them stale for a graceful restart
 * (RFC 4724 helper).
 */
final class Routing {

    private static final Logger log = LoggerFactory.getLogger(Routing.class);

    private final WireSpeaker speaker;
    private final BgpSpeaker rib;
    private final Map<Ip4Address, Neighbor> neighbors;
    private final List<Consumer<BestChange>> listeners;
    private final Set<Neighbor> dirty = new LinkedHashSet<>();
    private boolean flushScheduled;
    /** Per change: the route sent to each kind of neighbor, computed once (index = relation). */
    private final VpnRoute[] memo = new VpnRoute[PeerRelation.values().length];
    private final boolean[] memoSet = new boolean[PeerRelation.values().length];

    Routing(WireSpeaker speaker, BgpSpeaker rib, Map<Ip4Address, Neighbor> neighbors,
            List<Consumer<BestChange>> listeners) {
        this.speaker = speaker;
        this.rib = rib;
        this.neighbors = neighbors;
        this.listeners = listeners;
    }

    void established(Neighbor n, SessionHandler h) {
        OpenMessage open = h.peerOpen();
        rib.addPeer(n.config.address(), open.bgpId(), n.config.relation(), n.config.remoteAs());
        if (n.stale != null && !open.restartFamilies().containsKey(AfiSafi.VPNV4)) {
            dropStale(n); // restarted without keeping VPN-IPv4 state: nothing to wait for
        }
        log.info("{}: established, id {} hold {} s", n.config.address(), open.bgpId(), h.negotiatedHoldTime());
        sendTable(n, h);
    }

    /** Sends a neighbor everything it should have, then End-of-RIB (initial dump and route refresh). */
    void sendTable(Neighbor n, SessionHandler h) {
        BgpSpeaker.Peer peer = rib.peer(n.config.address());
        List<VpnRoute> out = h.vpnv4() ? adjRibOut(n) : List.of();
        n.pending.clear();
        h.encoder().announce(out, h::write);
        // End-of-RIB only for families the neighbor announced too (BIRD, for one, rejects others).
        Set<AfiSafi> theirs = h.peerOpen().families();
        if (theirs.contains(AfiSafi.VPNV4)) {
            h.write(Messages.endOfRib(AfiSafi.VPNV4));
        }
        if (theirs.isEmpty() || theirs.contains(AfiSafi.IPV4_UNICAST)) {
            h.write(Messages.endOfRib(AfiSafi.IPV4_UNICAST));
        }
        h.flush();
    }

    void received(Neighbor n, UpdateMessage u) {
        Ip4Address from = n.config.address();
        n.updatesIn++;
        if (u.treatedAsWithdraw()) {
            n.treatedAsWithdraw++;
        }
        if (!u.notes().isEmpty()) {
            log.info("{}: UPDATE error handling: {}", from, u.notes());
        }
        for (VpnPrefix p : u.withdrawn()) {
            propagate(rib.withdraw(from, p));
            if (n.stale != null) {
                n.stale.remove(p);
            }
        }
        for (VpnRoute r : u.announced()) {
            n.prefixesIn++;
            propagate(rib.receive(from, r));
            if (n.stale != null) {
                n.stale.remove(r.prefix());
            }
        }
        if (u.endOfRib() != null) {
            n.endOfRibIn++;
            if (u.endOfRib().equals(AfiSafi.VPNV4) && n.stale != null) {
                dropStale(n);
            }
        }
        scheduleFlush();
    }

    /** Queues what a change of best path means for each established neighbor. */
    void propagate(BestChange c) {
        if (c == null) {
            return;
        }
        for (Consumer<BestChange> l : listeners) {
            l.accept(c);
        }
        java.util.Arrays.fill(memoSet, false);
        java.util.Arrays.fill(memo, null);
        VpnRoute best = c.newBest();
        VpnRoute old = c.oldBest();
        for (Neighbor n : neighbors.values()) {
            if (n.established == null || !n.established.vpnv4()) {
                continue;
            }
            BgpSpeaker.Peer peer = rib.peer(n.config.address());
            VpnRoute out = best == null ? null : exported(peer, best);
            if (out != null) {
                n.pending.put(c.prefix(), out);
                dirty.add(n);
            } else if (old != null && rib.exportTo(peer, old) != null) {
                n.pending.put(c.prefix(), null);
                dirty.add(n);
            }
        }
    }

    /** The model's export, computed once per kind of neighbor; only the source itself differs. */
    private VpnRoute exported(BgpSpeaker.Peer peer, VpnRoute best) {
        if (best.source().peerAddress().equals(peer.address()) || peer.rtFilter() != null) {
            return rib.exportTo(peer, best);
        }
        int k = peer.relation().ordinal();
        if (!memoSet[k]) {
            memo[k] = rib.exportTo(peer, best);
            memoSet[k] = true;
        }
        return memo[k];
    }

    void scheduleFlush() {
        if (!flushScheduled && !dirty.isEmpty()) {
            flushScheduled = true;
            speaker.loop().execute(this::flush);
        }
    }

    /** Writes the queued changes: withdrawals, then announcements grouped by attributes. */
    private void flush() {
        flushScheduled = false;
        for (Neighbor n : dirty) {
            SessionHandler h = n.established;
            if (h == null) {
                n.pending.clear();
                continue;
            }
            List<VpnRoute> announce = new ArrayList<>(n.pending.size());
            List<VpnPrefix> withdraw = new ArrayList<>();
            n.pending.forEach((p, r) -> {
                if (r == null) {
                    withdraw.add(p);
                } else {
                    announce.add(r);
                }
            });
            n.pending.clear();
            h.encoder().withdraw(withdraw, h::write);
            h.encoder().announce(announce, h::write);
            h.flush();
        }
        dirty.clear();
    }

    void sessionDown(Neighbor n, SessionHandler h) {
        Ip4Address addr = n.config.address();
        OpenMessage open = h.peerOpen();
        Integer restart = open == null ? null : open.restartTime();
        boolean graceful = !n.removed && !h.gotNotification() && restart != null && restart > 0
                && open.restartFamilies().containsKey(AfiSafi.VPNV4);
        n.pending.clear();
        if (graceful) {
            n.stale = new HashSet<>(rib.prefixesFrom(addr));
            log.info("{}: down; keeping {} routes stale for up to {} s (graceful restart)", addr,
                     n.stale.size(), restart);
            n.restartTimer = speaker.loop().schedule(() -> {
                if (n.established == null) {
                    dropPaths(n);
                } else {
                    dropStale(n);
                }
            }, restart, TimeUnit.SECONDS);
            return;
        }
        log.info("{}: down; withdrawing its routes", addr);
        dropPaths(n);
    }

    /** Withdraws every path of a neighbor and forgets it in the model. */
    void dropPaths(Neighbor n) {
        Ip4Address addr = n.config.address();
        if (rib.peer(addr) == null) {
            return;
        }
        n.stale = null;
        if (n.restartTimer != null) {
            n.restartTimer.cancel(false);
        }
        rib.dropPeer(addr, (s, c) -> propagate(c));
        rib.removePeer(addr);
        scheduleFlush();
    }

    private void dropStale(Neighbor n) {
        Set<VpnPrefix> stale = n.stale;
        n.stale = null;
        if (n.restartTimer != null) {
            n.restartTimer.cancel(false);
        }
        for (VpnPrefix p : stale) {
            propagate(rib.withdraw(n.config.address(), p));
        }
        scheduleFlush();
    }

    List<VpnRoute> adjRibIn(Ip4Address address) {
        List<VpnRoute> out = new ArrayList<>();
        for (VpnPrefix p : rib.prefixesFrom(address)) {
            for (VpnRoute r : rib.paths(p)) {
                if (r.source().peerAddress().equals(address)) {
                    out.add(r);
                }
            }
        }
        out.sort(Comparator.comparing(VpnRoute::prefix));
        return out;
    }

    List<VpnRoute> adjRibOut(Neighbor n) {
        BgpSpeaker.Peer peer = rib.peer(n.config.address());
        List<VpnRoute> out = new ArrayList<>();
        rib.forEachBest((prefix, best) -> {
            VpnRoute r = rib.exportTo(peer, best);
            if (r != null) {
                out.add(r);
            }
        });
        out.sort(Comparator.comparing(VpnRoute::prefix));
        return out;
    }
}
