package org.p4vpn.bgp.wire;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.onlab.packet.Ip4Address;
import org.p4vpn.api.BgpNeighbor;
import org.p4vpn.api.InvalidInputException;
import org.p4vpn.api.PeerRelation;
import org.p4vpn.api.RibEntry;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;
import org.p4vpn.bgp.BestChange;
import org.p4vpn.bgp.BgpSpeaker;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A BGP-4 speaker for VPN-IPv4 routes on the wire: it listens and connects on one Netty event
 * loop (sessions, timers and the RIB all on that one thread, so the RIB needs no locks), and
 * keeps its routes in a {@link BgpSpeaker}, whose best-path, loop-check and route-reflection
 * rules are the route engine's. With a cluster id it is a route reflector (RFC 4456) for the
 * neighbors configured as clients. Learned best paths are offered to listeners (the bridge to the
 * store); local routes enter by {@link #originate}.
 */
public final class WireSpeaker implements AutoCloseable {

    private final SpeakerConfig config;
    private final NioEventLoopGroup group;
    private final EventLoop loop;
    private final BgpSpeaker rib;
    private final Map<Ip4Address, Neighbor> neighbors = new LinkedHashMap<>();
    private final List<Consumer<BestChange>> listeners = new CopyOnWriteArrayList<>();
    private final Connections connections;
    private final Routing routing;
    private final Channel server;

    private WireSpeaker(SpeakerConfig config) throws InterruptedException {
        this.config = config;
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("bgp-" + config.routerId(), true));
        this.loop = group.next();
        this.rib = new BgpSpeaker("bgp " + config.routerId(), config.routerId(), config.localAs(),
                                  config.clusterId());
        this.connections = new Connections(config, group, neighbors);
        this.routing = new Routing(connections, rib, neighbors, listeners);
        connections.routing = routing;
        this.server = connections.listen();
    }

    /**
     * Starts a speaker: binds its listening socket.
     *
     * @param config settings
     * @return the running speaker
     * @throws InterruptedException if interrupted while binding
     */
    public static WireSpeaker start(SpeakerConfig config) throws InterruptedException {
        return new WireSpeaker(config);
    }

    /**
     * Returns the settings.
     *
     * @return settings
     */
    public SpeakerConfig config() {
        return config;
    }

    /**
     * Returns the port listened on.
     *
     * @return TCP port
     */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /**
     * Adds a neighbor; unless passive, the speaker connects to it on port 179.
     *
     * @param peer the neighbor
     * @throws InvalidInputException if the neighbor exists or is a client of a non-reflector
     */
    public void addPeer(BgpNeighbor peer) {
        call(() -> {
            if (neighbors.containsKey(peer.address())) {
                throw new InvalidInputException("address", peer.address(), "neighbor already configured");
            }
            if (peer.relation() == PeerRelation.CLIENT && config.clusterId() == null) {
                throw new InvalidInputException("relation", peer.relation(),
                        "only a route reflector (with a cluster id) has clients");
            }
            if (peer.relation() != PeerRelation.EBGP && peer.remoteAs() != config.localAs()) {
                throw new InvalidInputException("remoteAs", peer.remoteAs(),
                        "an internal neighbor has our AS " + config.localAs() + "; use relation EBGP otherwise");
            }
            Neighbor n = new Neighbor(peer);
            n.idleState = peer.passive() ? SessionState.ACTIVE : SessionState.IDLE;
            neighbors.put(peer.address(), n);
            if (!peer.passive()) {
                connections.connect(n);
            }
            return null;
        });
    }

    /**
     * Removes a neighbor: its session ends with a Cease and its routes are withdrawn.
     *
     * @param address neighbor address
     * @return true if it was configured
     */
    public boolean removePeer(Ip4Address address) {
        return call(() -> {
            Neighbor n = neighbors.remove(address);
            if (n == null) {
                return false;
            }
            n.removed = true;
            if (n.connectRetry != null) {
                n.connectRetry.cancel(false);
            }
            BgpError bye = new BgpError(Bgp.ERR_CEASE, Bgp.CEASE_PEER_DECONFIGURED, "neighbor removed");
            for (SessionHandler h : new ArrayList<>(n.connecting)) {
                h.fail(bye);
            }
            if (n.established != null) {
                n.established.fail(bye);
            }
            routing.dropPaths(n);
            return true;
        });
    }

    /**
     * Returns every neighbor's status.
     *
     * @return statuses in configuration order
     */
    public List<PeerStatus> peers() {
        return call(() -> neighbors.values().stream().map(PeerStatus::new).collect(Collectors.toList()));
    }

    /**
     * Returns one neighbor's status.
     *
     * @param address neighbor address
     * @return status, or null if not configured
     */
    public PeerStatus peer(Ip4Address address) {
        return call(() -> {
            Neighbor n = neighbors.get(address);
            return n == null ? null : new PeerStatus(n);
        });
    }

    /**
     * Returns the routes a neighbor sent that are kept (its Adj-RIB-In after loop checks).
     *
     * @param address neighbor address
     * @return routes ordered by prefix
     */
    public List<VpnRoute> adjRibIn(Ip4Address address) {
        return call(() -> routing.adjRibIn(address));
    }

    /**
     * Returns what this speaker sends a neighbor (its Adj-RIB-Out).
     *
     * @param address neighbor address
     * @return routes ordered by prefix, empty unless established
     */
    public List<VpnRoute> adjRibOut(Ip4Address address) {
        return call(() -> {
            Neighbor n = neighbors.get(address);
            return n == null || n.established == null ? List.<VpnRoute>of() : routing.adjRibOut(n);
        });
    }

    /**
     * Returns the Loc-RIB with every path, best flagged.
     *
     * @return entries ordered by prefix
     */
    public List<RibEntry> locRib() {
        return call(rib::ribEntries);
    }

    /**
     * Returns the number of prefixes in the Loc-RIB.
     *
     * @return prefixes
     */
    public int prefixCount() {
        return call(rib::prefixCount);
    }

    /**
     * Originates a route (a P4 PE's VRF route: RD, export RTs, VPN label, PE address as next hop).
     *
     * @param route route
     */
    public void originate(VpnRoute route) {
        call(() -> {
            routing.propagate(rib.originate(route));
            routing.scheduleFlush();
            return null;
        });
    }

    /**
     * Withdraws a route originated here.
     *
     * @param prefix prefix
     */
    public void withdrawLocal(VpnPrefix prefix) {
        call(() -> {
            routing.propagate(rib.withdrawLocal(prefix));
            routing.scheduleFlush();
            return null;
        });
    }

    /**
     * Asks a neighbor to send its routes again (ROUTE-REFRESH, RFC 2918).
     *
     * @param address neighbor
     * @return true if sent (established and the neighbor announced route refresh)
     */
    public boolean requestRefresh(Ip4Address address) {
        return call(() -> {
            Neighbor n = neighbors.get(address);
            if (n == null || n.established == null || !n.established.peerOpen().routeRefresh()) {
                return false;
            }
            n.established.send(Messages.routeRefresh(AfiSafi.VPNV4));
            return true;
        });
    }

    /**
     * Adds a listener for changes of best path (called on the speaker's thread; keep it short).
     *
     * @param listener listener
     */
    public void addListener(Consumer<BestChange> listener) {
        listeners.add(listener);
    }

    /**
     * Adds a listener for the routes neighbors send (called on the speaker's thread).
     *
     * @param listener listener
     */
    public void addAdjRibInListener(AdjRibInListener listener) {
        routing.addRibInListener(listener);
    }

    /**
     * Takes a VPN route of a P4 PE this controller reflects for (RD, export targets, VPN label, the
     * PE's address as next hop): it is reflected to neighbors as coming from that PE, a client, so
     * they see the PE as ORIGINATOR_ID and our cluster id in CLUSTER_LIST. A speaker that is not a
     * reflector originates it as its own.
     *
     * @param pe    the PE's router id
     * @param route the route
     * @throws InvalidInputException if the PE's address is a configured neighbor
     */
    public void advertiseFromPe(Ip4Address pe, VpnRoute route) {
        call(() -> {
            if (neighbors.containsKey(pe)) {
                throw new InvalidInputException("pe", pe, "a PE's router id must not be a neighbor's address");
            }
            if (config.clusterId() == null) {
                routing.propagate(rib.originate(route));
                routing.scheduleFlush();
            } else {
                routing.injectFrom(pe, route);
            }
            return null;
        });
    }

    /**
     * Withdraws a route given by {@link #advertiseFromPe}.
     *
     * @param pe     the PE's router id
     * @param prefix the prefix
     */
    public void withdrawFromPe(Ip4Address pe, VpnPrefix prefix) {
        call(() -> {
            if (config.clusterId() == null) {
                routing.propagate(rib.withdrawLocal(prefix));
                routing.scheduleFlush();
            } else if (!neighbors.containsKey(pe)) {
                routing.withdrawFrom(pe, prefix);
            }
            return null;
        });
    }

    @Override
    public void close() {
        if (group.isShuttingDown()) {
            return; // closed already
        }
        call(() -> {
            for (Neighbor n : neighbors.values()) {
                n.removed = true;
                BgpError bye = new BgpError(Bgp.ERR_CEASE, Bgp.CEASE_ADMIN_SHUTDOWN, "speaker stopping");
                if (n.established != null) {
                    n.established.fail(bye);
                }
                new ArrayList<>(n.connecting).forEach(h -> h.fail(bye));
            }
            return null;
        });
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private <T> T call(Callable<T> task) {
        try {
            if (loop.inEventLoop()) {
                return task.call();
            }
            return loop.submit(task).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
