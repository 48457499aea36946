package org.p4vpn.bgp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Cuts the TCP stream into BGP messages, checking each header (RFC 4271 section 6.1); a bad
 * header raises the {@link BgpError} the session answers with a NOTIFICATION.
 */
final class FrameDecoder extends ByteToMessageDecoder {

    /** One message: its type and its body after the header. */
    static final class Frame {
        final int type;
        final byte[] body;

        Frame(int type, byte[] body) {
            this.type = type;
            this.body = body;
        }
    }

    private final byte[] header = new byte[Bgp.HEADER_LENGTH];
    private boolean failed;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws BgpError {
        while (!failed && in.readableBytes() >= Bgp.HEADER_LENGTH) {
            in.getBytes(in.readerIndex(), header);
            try {
                Messages.checkHeader(header);
            } catch (BgpError e) {
                failed = true; // nothing after a broken header can be trusted
                in.skipBytes(in.readableBytes());
                throw e;
            }
            int len = (header[16] & 0xFF) << 8 | header[17] & 0xFF;
            if (in.readableBytes() < len) {
                return;
            }
            in.skipBytes(Bgp.HEADER_LENGTH);
            byte[] body = new byte[len - Bgp.HEADER_LENGTH];
            in.readBytes(body);
            out.add(new Frame(header[18] & 0xFF, body));
        }
    }
}
