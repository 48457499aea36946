package org.p4vpn.bgp.wire;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.onlab.packet.Ip4Address;
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
import java.util.Set;
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
    private final Routing routing;
    private final Channel server;
    private boolean reading = true;
    /** Outbound buffer marks of each connection (bytes) for back-pressure. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private WireSpeaker(SpeakerConfig config) throws InterruptedException {
        this.config = config;
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("bgp-" + config.routerId(), true));
        this.loop = group.next();
        this.rib = new BgpSpeaker("bgp " + config.routerId(), config.routerId(), config.localAs(),
                                  config.clusterId());
        this.routing = new Routing(this, rib, neighbors, listeners);
        ServerBootstrap sb = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accept(ch);
                    }
                });
        this.server = sb.bind(new InetSocketAddress(config.listenAddress().toInetAddress(), config.port()))
                .sync().channel();
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
    public void addPeer(PeerConfig peer) {
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
                connect(n);
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

    @Override
    public void close() {
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

    // ---- on the event loop, from the sessions ----

    OpenMessage openMessage() {
        return new OpenMessage(config.localAs(), config.holdTime(), config.routerId(),
                               Set.of(AfiSafi.VPNV4, AfiSafi.IPV4_UNICAST), true, true, config.restartTime(),
                               Map.of());
    }

    private void accept(SocketChannel ch) {
        Ip4Address from = Ip4Address.valueOf(ch.remoteAddress().getAddress());
        Neighbor n = neighbors.get(from);
        if (n == null) {
            ch.close(); // RFC 4271 section 8: connections from unconfigured addresses are refused
            return;
        }
        SessionHandler h = new SessionHandler(this, n, false);
        n.connecting.add(h);
        ch.pipeline().addLast(new FrameDecoder(), h);
    }

    private void connect(Neighbor n) {
        if (n.removed || n.established != null) {
            return;
        }
        n.idleState = SessionState.CONNECT;
        SessionHandler h = new SessionHandler(this, n, true);
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000 * config.connectRetrySeconds())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new FrameDecoder(), h);
                    }
                })
                .connect(new InetSocketAddress(n.config.address().toInetAddress(), Bgp.PORT),
                         new InetSocketAddress(config.listenAddress().toInetAddress(), 0))
                .addListener(f -> {
                    if (f.isSuccess()) {
                        n.connecting.add(h);
                    } else {
                        n.idleState = SessionState.ACTIVE;
                        n.lastError = "connect failed: " + f.cause().getMessage();
                        retryLater(n);
                    }
                });
    }

    private void retryLater(Neighbor n) {
        if (n.removed || n.config.passive() || n.connectRetry != null && !n.connectRetry.isDone()) {
            return;
        }
        n.connectRetry = loop.schedule(() -> {
            if (n.established == null && n.connecting.isEmpty()) {
                connect(n);
            }
        }, config.connectRetrySeconds(), TimeUnit.SECONDS);
    }

    /**
     * Connection collision detection (RFC 4271 section 6.8) when a connection reaches OPEN_CONFIRM.
     *
     * @return false if this connection was closed
     */
    boolean resolveCollision(Neighbor n, SessionHandler h) {
        if (n.established != null) {
            h.fail(new BgpError(Bgp.ERR_CEASE, Bgp.CEASE_COLLISION, "a session is already established"));
            return false;
        }
        for (SessionHandler other : new ArrayList<>(n.connecting)) {
            if (other == h || other.state() != SessionState.OPEN_CONFIRM) {
                continue;
            }
            // The higher BGP identifier's connection survives: ours if our id is higher.
            boolean keepOutgoing = Integer.toUnsignedLong(config.routerId().toInt())
                    > Integer.toUnsignedLong(h.peerOpen().bgpId().toInt());
            SessionHandler loser = h.outgoing() == keepOutgoing ? other : h;
            loser.fail(new BgpError(Bgp.ERR_CEASE, Bgp.CEASE_COLLISION, "connection collision"));
            if (loser == h) {
                return false;
            }
        }
        return true;
    }

    void established(Neighbor n, SessionHandler h) {
        n.connecting.remove(h);
        n.established = h;
        n.establishedAt = System.nanoTime();
        n.lastError = null;
        if (n.connectRetry != null) {
            n.connectRetry.cancel(false);
        }
        routing.established(n, h);
        h.setReading(reading);
    }

    void received(Neighbor n, UpdateMessage u) {
        routing.received(n, u);
    }

    void refreshRequested(Neighbor n) {
        n.refreshesIn++;
        routing.sendTable(n, n.established);
    }

    void closed(Neighbor n, SessionHandler h, SessionState was) {
        n.connecting.remove(h);
        if (n.established == h) {
            n.established = null;
            routing.sessionDown(n, h);
        }
        n.idleState = n.config.passive() ? SessionState.ACTIVE : SessionState.IDLE;
        if (n.established == null && n.connecting.isEmpty()) {
            retryLater(n);
        }
    }

    /**
     * Back-pressure: while a neighbor cannot take more (its outbound buffer is over the high-water
     * mark), stop reading UPDATEs from everyone, so that routes wait in the senders' TCP buffers
     * rather than in this process's memory.
     */
    void checkBackPressure() {
        boolean allWritable = true;
        for (Neighbor n : neighbors.values()) {
            if (n.established != null && !n.established.writable()) {
                allWritable = false;
                break;
            }
        }
        if (allWritable == reading) {
            return;
        }
        reading = allWritable;
        for (Neighbor n : neighbors.values()) {
            if (n.established != null) {
                n.established.setReading(reading);
            }
        }
    }

    void writabilityChanged(boolean writable) {
        checkBackPressure();
    }

    EventLoop loop() {
        return loop;
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
