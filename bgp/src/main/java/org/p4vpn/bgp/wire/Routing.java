package org.p4vpn.bgp.wire;

import org.onlab.packet.Ip4Address;
import org.p4vpn.api.PeerRelation;
import org.p4vpn.api.RouteSource;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;
import org.p4vpn.bgp.BestChange;
import org.p4vpn.bgp.BgpSpeaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
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

    private final Connections connections;
    private final BgpSpeaker rib;
    private final Map<Ip4Address, Neighbor> neighbors;
    private final List<Consumer<BestChange>> listeners;
    /** Changes of best path not yet sent: prefix to {best before, best now}, in the order they came. */
    private final Map<VpnPrefix, VpnRoute[]> changes = new LinkedHashMap<>();
    /** Neighbors that are the source of a queued change (they are sent theirs one by one). */
    private final Set<Ip4Address> changedSources = new HashSet<>();
    private boolean flushScheduled;

    private final List<AdjRibInListener> ribInListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    Routing(Connections connections, BgpSpeaker rib, Map<Ip4Address, Neighbor> neighbors,
            List<Consumer<BestChange>> listeners) {
        this.connections = connections;
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
            tellWithdrawn(from, p);
        }
        for (VpnRoute r : u.announced()) {
            n.prefixesIn++;
            propagate(rib.receive(from, r));
            if (n.stale != null) {
                n.stale.remove(r.prefix());
            }
            if (!ribInListeners.isEmpty()) {
                // the loop checks may have dropped it: tell what the table holds
                if (rib.paths(r.prefix()).stream().anyMatch(x -> x.source().peerAddress().equals(from))) {
                    ribInListeners.forEach(l -> l.learned(from, r));
                } else {
                    tellWithdrawn(from, r.prefix());
                }
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

    /** Queues a change of best path; what it means for each neighbor is worked out at the flush. */
    void propagate(BestChange c) {
        if (c == null) {
            return;
        }
        for (Consumer<BestChange> l : listeners) {
            l.accept(c);
        }
        VpnRoute[] e = changes.get(c.prefix());
        if (e == null) {
            changes.put(c.prefix(), new VpnRoute[] {c.oldBest(), c.newBest()});
        } else {
            e[1] = c.newBest();
        }
        noteSource(c.oldBest());
        noteSource(c.newBest());
    }

    private void noteSource(VpnRoute r) {
        if (r != null && r.source().type() != RouteSource.Type.LOCAL) {
            changedSources.add(r.source().peerAddress());
        }
    }

    void scheduleFlush() {
        if (!flushScheduled && !changes.isEmpty()) {
            flushScheduled = true;
            connections.loop().execute(this::flush);
        }
    }

    /** What neighbors of one kind get: same relation, same encoding, no route-target filter. */
    private static final class Kind {
        final PeerRelation relation;
        final boolean as4;

        Kind(Neighbor n) {
            this.relation = n.config.relation();
            this.as4 = n.established.peerOpen().as4();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Kind && ((Kind) o).relation == relation && ((Kind) o).as4 == as4;
        }

        @Override
        public int hashCode() {
            return relation.hashCode() * 2 + (as4 ? 1 : 0);
        }
    }

    /**
     * Writes the queued changes. Neighbors of one kind that are the source of none of the changes
     * get the same UPDATEs, so those are worked out and encoded once and shared; the others (the
     * neighbors the routes came from, split horizon) are done one by one.
     */
    private void flush() {
        flushScheduled = false;
        Map<Kind, List<Neighbor>> kinds = new LinkedHashMap<>();
        for (Neighbor n : neighbors.values()) {
            SessionHandler h = n.established;
            if (h == null || !h.vpnv4()) {
                continue;
            }
            if (changedSources.contains(n.config.address())) {
                write(h, encode(h, rib.peer(n.config.address())));
            } else {
                kinds.computeIfAbsent(new Kind(n), k -> new ArrayList<>()).add(n);
            }
        }
        kinds.forEach((kind, list) -> {
            SessionHandler first = list.get(0).established;
            List<byte[]> msgs = encode(first, rib.peer(list.get(0).config.address()));
            for (Neighbor n : list) {
                write(n.established, msgs);
            }
        });
        changes.clear();
        changedSources.clear();
        connections.checkBackPressure();
    }

    private List<byte[]> encode(SessionHandler h, BgpSpeaker.Peer peer) {
        List<VpnRoute> announce = new ArrayList<>();
        List<VpnPrefix> withdraw = new ArrayList<>();
        changes.forEach((prefix, e) -> {
            VpnRoute out = e[1] == null ? null : rib.exportTo(peer, e[1]);
            if (out != null) {
                announce.add(out);
            } else if (e[0] != null && rib.exportTo(peer, e[0]) != null) {
                withdraw.add(prefix);
            }
        });
        List<byte[]> msgs = new ArrayList<>();
        h.encoder().withdraw(withdraw, msgs::add);
        h.encoder().announce(announce, msgs::add);
        return msgs;
    }

    private static void write(SessionHandler h, List<byte[]> msgs) {
        if (msgs.isEmpty()) {
            return;
        }
        msgs.forEach(h::write);
        h.flush();
    }

    void sessionDown(Neighbor n, SessionHandler h) {
        Ip4Address addr = n.config.address();
        OpenMessage open = h.peerOpen();
        Integer restart = open == null ? null : open.restartTime();
        boolean graceful = !n.removed && !h.gotNotification() && restart != null && restart > 0
                && open.restartFamilies().containsKey(AfiSafi.VPNV4);
        if (graceful) {
            n.stale = new HashSet<>(rib.prefixesFrom(addr));
            log.info("{}: down; keeping {} routes stale for up to {} s (graceful restart)", addr,
                     n.stale.size(), restart);
            n.restartTimer = connections.loop().schedule(() -> {
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
        List<VpnPrefix> gone = ribInListeners.isEmpty() ? List.of() : rib.prefixesFrom(addr);
        rib.dropPeer(addr, (s, c) -> propagate(c));
        gone.forEach(p -> tellWithdrawn(addr, p));
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
            tellWithdrawn(n.config.address(), p);
        }
        scheduleFlush();
    }

    void addRibInListener(AdjRibInListener l) {
        ribInListeners.add(l);
    }

    private void tellWithdrawn(Ip4Address from, VpnPrefix p) {
        ribInListeners.forEach(l -> l.withdrawn(from, p));
    }

    /** A route of a P4 PE that this reflector serves, as if received from that PE (a client). */
    void injectFrom(Ip4Address pe, VpnRoute route) {
        if (rib.peer(pe) == null) {
            rib.addPeer(pe, pe, PeerRelation.CLIENT, connections.config().localAs());
        }
        propagate(rib.receive(pe, route.withSource(RouteSource.peer(RouteSource.Type.IBGP, pe, pe))));
        scheduleFlush();
    }

    void withdrawFrom(Ip4Address pe, VpnPrefix prefix) {
        propagate(rib.withdraw(pe, prefix));
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
