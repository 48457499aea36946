package org.p4vpn.bgp;

import org.onlab.packet.Ip4Address;
import org.p4vpn.api.PeerRelation;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * BGP speakers joined by in-memory iBGP/eBGP sessions: UPDATEs and withdrawals travel as queued
 * messages and are delivered in order until the network is quiet, as they would on the wire.
 * The route engine runs the controller's route reflector and its PEs' speakers here; tests build
 * the seed's reflection topologies with it. Not thread-safe.
 */
public final class SpeakerNetwork {

    private static final class Message {
        private final BgpSpeaker from;
        private final BgpSpeaker to;
        private final VpnPrefix prefix;
        private final VpnRoute route;

        Message(BgpSpeaker from, BgpSpeaker to, VpnPrefix prefix, VpnRoute route) {
            this.from = from;
            this.to = to;
            this.prefix = prefix;
            this.route = route;
        }
    }

    private final Map<Ip4Address, BgpSpeaker> speakers = new LinkedHashMap<>();
    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    private final List<BiConsumer<BgpSpeaker, BestChange>> listeners = new ArrayList<>();
    private long delivered;

    /**
     * Registers a listener of best-path changes at every speaker.
     *
     * @param listener called with the speaker and the change
     */
    public void addListener(BiConsumer<BgpSpeaker, BestChange> listener) {
        listeners.add(listener);
    }

    /**
     * Adds a speaker.
     *
     * @param speaker speaker
     * @return the speaker
     */
    public BgpSpeaker add(BgpSpeaker speaker) {
        if (speakers.putIfAbsent(speaker.routerId(), speaker) != null) {
            throw new IllegalArgumentException("router id " + speaker.routerId() + " is used twice");
        }
        return speaker;
    }

    /**
     * Returns a speaker.
     *
     * @param routerId router id
     * @return speaker or null
     */
    public BgpSpeaker speaker(Ip4Address routerId) {
        return speakers.get(routerId);
    }

    /**
     * Returns every speaker.
     *
     * @return speakers
     */
    public Collection<BgpSpeaker> speakers() {
        return speakers.values();
    }

    /**
     * Removes a speaker: its sessions go down first, so its peers withdraw what it sent them.
     *
     * @param routerId router id
     */
    public void remove(Ip4Address routerId) {
        BgpSpeaker s = speakers.get(routerId);
        if (s == null) {
            return;
        }
        for (BgpSpeaker.Peer p : new ArrayList<>(s.peers())) {
            disconnect(routerId, p.routerId());
        }
        speakers.remove(routerId);
    }

    /**
     * Opens a session. Each side's relation to the other follows its reflector settings: a
     * reflector that lists the other as a client treats it as one; otherwise the other is a
     * non-client; different ASes make it eBGP. Each side then sends its table to the other.
     *
     * @param a       one speaker
     * @param aSeesB  what b is to a (CLIENT, NON_CLIENT, or EBGP)
     * @param b       the other speaker
     * @param bSeesA  what a is to b
     */
    public void connect(Ip4Address a, PeerRelation aSeesB, Ip4Address b, PeerRelation bSeesA) {
        BgpSpeaker sa = speakers.get(a);
        BgpSpeaker sb = speakers.get(b);
        sa.addPeer(b, aSeesB, sb.localAs());
        sb.addPeer(a, bSeesA, sa.localAs());
        sendTable(sa, sa.peer(b));
        sendTable(sb, sb.peer(a));
    }

    /**
     * Gives a speaker a peer outside this network (e.g. a router on a wire session): routes from
     * it arrive by {@link #receive}, and nothing is sent to it from here.
     *
     * @param speaker  router id of the speaker
     * @param peer     router id of the outside peer
     * @param relation what the peer is to the speaker
     * @param asn      the peer's AS
     */
    public void attachExternalPeer(Ip4Address speaker, Ip4Address peer, PeerRelation relation, long asn) {
        BgpSpeaker s = speakers.get(speaker);
        if (s.peer(peer) == null) {
            s.addPeer(peer, relation, asn);
        }
    }

    /**
     * Removes an outside peer; what it sent is withdrawn.
     *
     * @param speaker router id of the speaker
     * @param peer    router id of the outside peer
     */
    public void detachExternalPeer(Ip4Address speaker, Ip4Address peer) {
        BgpSpeaker s = speakers.get(speaker);
        if (s != null && s.peer(peer) != null) {
            s.dropPeer(peer, this::propagate);
            s.removePeer(peer);
            run();
        }
    }

    /**
     * Tells whether a session exists.
     *
     * @param a one speaker
     * @param b the other
     * @return true if connected
     */
    public boolean connected(Ip4Address a, Ip4Address b) {
        BgpSpeaker sa = speakers.get(a);
        return sa != null && sa.peer(b) != null;
    }

    /**
     * Closes a session: each side drops the paths it learned from the other and tells its other
     * peers.
     *
     * @param a one speaker
     * @param b the other
     */
    public void disconnect(Ip4Address a, Ip4Address b) {
        BgpSpeaker sa = speakers.get(a);
        BgpSpeaker sb = speakers.get(b);
        if (sa == null || sb == null || sa.peer(b) == null) {
            return;
        }
        queue.removeIf(m -> m.from == sa && m.to == sb || m.from == sb && m.to == sa);
        sa.dropPeer(b, this::propagate);
        sb.dropPeer(a, this::propagate);
        sa.removePeer(b);
        sb.removePeer(a);
        run();
    }

    /**
     * Sets the route targets a speaker's peer wants from it (route-target constraint): the speaker
     * sends what the new filter admits and the old did not, and withdraws the reverse.
     *
     * @param speaker the sending speaker
     * @param peer    the receiving peer
     * @param targets wanted targets, or null for all
     */
    public void setRtFilter(Ip4Address speaker, Ip4Address peer, Set<RouteTarget> targets) {
        BgpSpeaker s = speakers.get(speaker);
        BgpSpeaker.Peer p = s.peer(peer);
        Set<RouteTarget> old = p.rtFilter();
        if (old == null ? targets == null : old.equals(targets)) {
            return;
        }
        // Only prefixes whose best path carries a target that entered or left the filter can change.
        Collection<VpnPrefix> affected;
        if (old == null || targets == null) {
            List<VpnPrefix> all = new ArrayList<>();
            s.forEachBest((prefix, best) -> all.add(prefix));
            affected = all;
        } else {
            Set<RouteTarget> changed = new LinkedHashSet<>(old);
            changed.addAll(targets);
            Set<RouteTarget> both = new LinkedHashSet<>(old);
            both.retainAll(targets);
            changed.removeAll(both);
            affected = s.prefixesWith(changed);
        }
        Map<VpnPrefix, VpnRoute> before = new LinkedHashMap<>();
        for (VpnPrefix prefix : affected) {
            before.put(prefix, s.exportTo(p, s.best(prefix)));
        }
        s.setRtFilter(peer, targets);
        BgpSpeaker to = speakers.get(peer);
        before.forEach((prefix, was) -> {
            VpnRoute now = s.exportTo(p, s.best(prefix));
            if (now != null && !sameAdvertisement(was, now)) {
                queue.add(new Message(s, to, prefix, now));
            } else if (now == null && was != null) {
                queue.add(new Message(s, to, prefix, null));
            }
        });
        run();
    }

    /**
     * Originates a route at a speaker and delivers the consequences.
     *
     * @param speaker router id
     * @param route   route
     */
    public void originate(Ip4Address speaker, VpnRoute route) {
        BgpSpeaker s = speakers.get(speaker);
        propagate(s, s.originate(route));
        run();
    }

    /**
     * Withdraws a locally originated route and delivers the consequences.
     *
     * @param speaker router id
     * @param prefix  prefix
     */
    public void withdraw(Ip4Address speaker, VpnPrefix prefix) {
        BgpSpeaker s = speakers.get(speaker);
        propagate(s, s.withdrawLocal(prefix));
        run();
    }

    /**
     * Delivers a route (or withdrawal, route null) to a speaker as if received from a peer outside
     * this network (e.g. a wire session), and propagates the consequences.
     *
     * @param speaker router id of the receiving speaker
     * @param peer    router id of the sending peer (must be a peer of the speaker)
     * @param prefix  prefix
     * @param route   route, or null to withdraw
     */
    public void receive(Ip4Address speaker, Ip4Address peer, VpnPrefix prefix, VpnRoute route) {
        BgpSpeaker s = speakers.get(speaker);
        propagate(s, route == null ? s.withdraw(peer, prefix) : s.receive(peer, route));
        run();
    }

    /**
     * Returns how many messages were delivered since the network was made.
     *
     * @return message count
     */
    public long delivered() {
        return delivered;
    }

    private void sendTable(BgpSpeaker s, BgpSpeaker.Peer p) {
        BgpSpeaker to = speakers.get(p.routerId());
        s.forEachBest((prefix, best) -> {
            VpnRoute out = s.exportTo(p, best);
            if (out != null) {
                queue.add(new Message(s, to, prefix, out));
            }
        });
        run();
    }

    private void propagate(BgpSpeaker s, BestChange c) {
        if (c == null) {
            return;
        }
        for (BiConsumer<BgpSpeaker, BestChange> l : listeners) {
            l.accept(s, c);
        }
        Collection<BgpSpeaker.Peer> targets;
        if (c.oldBest() == null) {
            targets = s.peersFor(c.newBest());
        } else if (c.newBest() == null) {
            targets = s.peersFor(c.oldBest());
        } else {
            Set<BgpSpeaker.Peer> both = new LinkedHashSet<>(s.peersFor(c.oldBest()));
            both.addAll(s.peersFor(c.newBest()));
            targets = both;
        }
        for (BgpSpeaker.Peer p : targets) {
            VpnRoute before = c.oldBest() == null ? null : s.exportTo(p, c.oldBest());
            VpnRoute after = c.newBest() == null ? null : s.exportTo(p, c.newBest());
            if (after != null) {
                if (!sameAdvertisement(before, after)) {
                    queue.add(new Message(s, speakers.get(p.routerId()), c.prefix(), after));
                }
            } else if (before != null) {
                queue.add(new Message(s, speakers.get(p.routerId()), c.prefix(), null));
            }
        }
    }

    private static boolean sameAdvertisement(VpnRoute a, VpnRoute b) {
        return a != null && a.nextHop().equals(b.nextHop()) && a.label() == b.label()
                && a.attributes().equals(b.attributes());
    }

    /** Delivers queued messages until the network is quiet. */
    public void run() {
        Message m;
        while ((m = queue.poll()) != null) {
            delivered++;
            if (m.to == null || m.to.peer(m.from.routerId()) == null) {
                continue;
            }
            BestChange c = m.route == null ? m.to.withdraw(m.from.routerId(), m.prefix)
                    : m.to.receive(m.from.routerId(), m.route);
            propagate(m.to, c);
        }
    }
}
