package org.p4vpn.bgp.wire;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.ScheduledFuture;
import org.p4vpn.api.PeerRelation;
import org.p4vpn.api.RouteSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * One TCP connection's side of the finite state machine (RFC 4271 section 8): OPEN_SENT,
 * OPEN_CONFIRM, ESTABLISHED, with the hold and keepalive timers. It runs on the speaker's event
 * loop; routes and collisions are the speaker's business.
 */
final class SessionHandler extends SimpleChannelInboundHandler<FrameDecoder.Frame> {

    private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);
    /** Hold time while waiting for the OPEN (RFC 4271 section 8: "large value", 4 minutes suggested). */
    private static final int OPEN_HOLD_SECONDS = 240;

    private final Connections connections;
    private final Neighbor neighbor;
    private final boolean outgoing;
    private ChannelHandlerContext ctx;
    private SessionState state = SessionState.OPEN_SENT;
    private OpenMessage peerOpen;
    private int holdTime = OPEN_HOLD_SECONDS;
    private long lastReceived = System.nanoTime();
    private ScheduledFuture<?> holdTimer;
    private ScheduledFuture<?> keepaliveTimer;
    private boolean as4;
    private UpdateEncoder encoder;
    private boolean gotNotification;
    private RouteSource source;

    SessionHandler(Connections connections, Neighbor neighbor, boolean outgoing) {
        this.connections = connections;
        this.neighbor = neighbor;
        this.outgoing = outgoing;
    }

    private boolean ebgp() {
        return neighbor.config.relation() == PeerRelation.EBGP;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext c) {
        connections.writabilityChanged();
        c.fireChannelWritabilityChanged();
    }

    /** Stops or resumes reading from this connection (back-pressure from slow neighbors). */
    void setReading(boolean on) {
        ctx.channel().config().setAutoRead(on);
    }

    boolean writable() {
        return ctx.channel().isWritable();
    }

    SessionState state() {
        return state;
    }

    OpenMessage peerOpen() {
        return peerOpen;
    }

    boolean outgoing() {
        return outgoing;
    }

    boolean gotNotification() {
        return gotNotification;
    }

    UpdateEncoder encoder() {
        return encoder;
    }

    /** Tells whether both sides announced VPN-IPv4 (only then are VPN routes sent). */
    boolean vpnv4() {
        return peerOpen != null && peerOpen.families().contains(AfiSafi.VPNV4);
    }

    int negotiatedHoldTime() {
        return holdTime;
    }

    @Override
    public void channelActive(ChannelHandlerContext c) {
        this.ctx = c;
        send(connections.openMessage().encode());
        scheduleHold();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext c, FrameDecoder.Frame f) throws BgpError {
        lastReceived = System.nanoTime();
        neighbor.messagesIn++;
        switch (f.type) {
            case Bgp.OPEN:
                onOpen(OpenMessage.decode(f.body));
                break;
            case Bgp.KEEPALIVE:
                if (state == SessionState.OPEN_CONFIRM) {
                    state = SessionState.ESTABLISHED;
                    connections.established(neighbor, this);
                } else if (state != SessionState.ESTABLISHED) {
                    throw fsmError("KEEPALIVE");
                }
                break;
            case Bgp.UPDATE:
                if (state != SessionState.ESTABLISHED) {
                    throw fsmError("UPDATE");
                }
                connections.received(neighbor, UpdateDecoder.decode(f.body, as4, ebgp(), source));
                break;
            case Bgp.ROUTE_REFRESH:
                if (state != SessionState.ESTABLISHED) {
                    throw fsmError("ROUTE-REFRESH");
                }
                AfiSafi family = Messages.decodeRouteRefresh(f.body);
                if (family.equals(AfiSafi.VPNV4)) {
                    connections.refreshRequested(neighbor);
                }
                break;
            case Bgp.NOTIFICATION:
                BgpError e = Messages.decodeNotification(f.body);
                gotNotification = true;
                neighbor.lastError = "received NOTIFICATION " + e.code() + "/" + e.subcode();
                log.info("{}: {}", neighbor.config.address(), neighbor.lastError);
                c.close();
                break;
            default:
                throw new BgpError(Bgp.ERR_HEADER, Bgp.HDR_BAD_TYPE, "type " + f.type);
        }
    }

    private void onOpen(OpenMessage open) throws BgpError {
        if (state != SessionState.OPEN_SENT) {
            throw fsmError("OPEN");
        }
        if (open.asNumber() != neighbor.config.remoteAs()) {
            throw new BgpError(Bgp.ERR_OPEN, Bgp.OPEN_BAD_PEER_AS, "neighbor " + neighbor.config.address()
                    + " is configured with AS " + neighbor.config.remoteAs() + " but sent " + open.asNumber());
        }
        if (open.bgpId().equals(connections.config().routerId())
                && neighbor.config.relation() != PeerRelation.EBGP) {
            throw new BgpError(Bgp.ERR_OPEN, Bgp.OPEN_BAD_BGP_ID, "neighbor uses our BGP identifier");
        }
        peerOpen = open;
        as4 = open.as4();
        source = RouteSource.peer(ebgp() ? RouteSource.Type.EBGP : RouteSource.Type.IBGP, neighbor.config.address(),
                                  open.bgpId());
        encoder = new UpdateEncoder(as4, neighbor.config.relation() == PeerRelation.EBGP);
        int ours = connections.config().holdTime();
        holdTime = Math.min(ours, open.holdTime());
        state = SessionState.OPEN_CONFIRM;
        if (!connections.resolveCollision(neighbor, this)) {
            return;
        }
        send(Messages.keepalive());
        if (holdTime > 0) {
            long every = Math.max(1, holdTime / 3);
            keepaliveTimer = ctx.executor().scheduleAtFixedRate(() -> send(Messages.keepalive()), every, every,
                                                                TimeUnit.SECONDS);
        }
        scheduleHold();
    }

    private void scheduleHold() {
        if (holdTimer != null) {
            holdTimer.cancel(false);
            holdTimer = null;
        }
        if (holdTime == 0) {
            return;
        }
        long due = lastReceived + TimeUnit.SECONDS.toNanos(holdTime) - System.nanoTime();
        holdTimer = ctx.executor().schedule(() -> {
            if (!ctx.channel().config().isAutoRead()) {
                lastReceived = System.nanoTime(); // we stopped reading (back-pressure), not the neighbor sending
            }
            if (System.nanoTime() - lastReceived >= TimeUnit.SECONDS.toNanos(holdTime)) {
                fail(new BgpError(Bgp.ERR_HOLD_TIMER, 0, "no message from the neighbor for " + holdTime + " s"));
            } else {
                scheduleHold();
            }
        }, Math.max(due, 0), TimeUnit.NANOSECONDS);
    }

    private BgpError fsmError(String what) {
        return new BgpError(Bgp.ERR_FSM, 0, what + " received in state " + state);
    }

    /** Sends a message (from the event loop). */
    void send(byte[] message) {
        neighbor.messagesOut++;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(message), ctx.voidPromise());
    }

    /** Queues a message without flushing. */
    void write(byte[] message) {
        neighbor.messagesOut++;
        ctx.write(Unpooled.wrappedBuffer(message), ctx.voidPromise());
    }

    void flush() {
        ctx.flush();
    }

    /** Ends the session with a NOTIFICATION. */
    void fail(BgpError e) {
        neighbor.lastError = "sent NOTIFICATION " + e.code() + "/" + e.subcode() + ": " + e.getMessage();
        log.info("{}: {}", neighbor.config.address(), neighbor.lastError);
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(Messages.notification(e)))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        Throwable t = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (t instanceof BgpError) {
            fail((BgpError) t);
        } else {
            neighbor.lastError = "connection error: " + t;
            log.debug("{}: {}", neighbor.config.address(), t.toString());
            c.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) {
        if (holdTimer != null) {
            holdTimer.cancel(false);
        }
        if (keepaliveTimer != null) {
            keepaliveTimer.cancel(false);
        }
        state = SessionState.IDLE;
        connections.closed(neighbor, this);
    }
}
