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
import org.onlab.packet.Ip4Address;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The speaker's connections on its event loop: listening, connecting with retry, connection
 * collisions (RFC 4271 section 6.8), what a session's state changes mean for its neighbor, and
 * back-pressure. Sessions call in here; routes are {@link Routing}'s business.
 */
final class Connections {

    /** Outbound buffer marks of each connection (bytes) for back-pressure. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final SpeakerConfig config;
    private final NioEventLoopGroup group;
    private final EventLoop loop;
    private final Map<Ip4Address, Neighbor> neighbors;
    Routing routing;
    private boolean reading = true;

    Connections(SpeakerConfig config, NioEventLoopGroup group, Map<Ip4Address, Neighbor> neighbors) {
        this.config = config;
        this.group = group;
        this.loop = group.next();
        this.neighbors = neighbors;
    }

    SpeakerConfig config() {
        return config;
    }

    Channel listen() throws InterruptedException {
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
        return sb.bind(new InetSocketAddress(config.listenAddress().toInetAddress(), config.port())).sync().channel();
    }


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

    void connect(Neighbor n) {
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

    void closed(Neighbor n, SessionHandler h) {
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

    void writabilityChanged() {
        checkBackPressure();
    }

    EventLoop loop() {
        return loop;
    }
}
