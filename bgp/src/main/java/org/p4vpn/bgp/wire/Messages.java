package org.p4vpn.bgp.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The small messages and the common header (RFC 4271 section 4): KEEPALIVE, NOTIFICATION,
 * ROUTE-REFRESH (RFC 2918) and End-of-RIB (RFC 4724 section 2).
 */
public final class Messages {

    private Messages() {
    }

    /**
     * Allocates a message of the given body length with its header written.
     *
     * @param type       message type
     * @param bodyLength length after the header
     * @return buffer positioned after the header
     */
    static ByteBuffer header(int type, int bodyLength) {
        ByteBuffer b = ByteBuffer.allocate(Bgp.HEADER_LENGTH + bodyLength);
        for (int i = 0; i < 16; i++) {
            b.put((byte) 0xFF);
        }
        return b.putShort((short) (Bgp.HEADER_LENGTH + bodyLength)).put((byte) type);
    }

    /**
     * Returns a KEEPALIVE.
     *
     * @return bytes
     */
    public static byte[] keepalive() {
        return header(Bgp.KEEPALIVE, 0).array();
    }

    /**
     * Returns a NOTIFICATION.
     *
     * @param error the error
     * @return bytes
     */
    public static byte[] notification(BgpError error) {
        byte[] data = error.data();
        int len = Math.min(data.length, Bgp.MAX_MESSAGE_LENGTH - Bgp.HEADER_LENGTH - 2);
        return header(Bgp.NOTIFICATION, 2 + len).put((byte) error.code()).put((byte) error.subcode())
                .put(data, 0, len).array();
    }

    /**
     * Decodes a NOTIFICATION body.
     *
     * @param body body
     * @return the error it reports
     */
    public static BgpError decodeNotification(byte[] body) {
        if (body.length < 2) {
            return new BgpError(Bgp.ERR_HEADER, Bgp.HDR_BAD_LENGTH, "NOTIFICATION shorter than 2 bytes");
        }
        int code = body[0] & 0xFF;
        int sub = body[1] & 0xFF;
        return new BgpError(code, sub, Arrays.copyOfRange(body, 2, body.length),
                            "peer sent NOTIFICATION " + code + "/" + sub);
    }

    /**
     * Returns a ROUTE-REFRESH for a family.
     *
     * @param family address family
     * @return bytes
     */
    public static byte[] routeRefresh(AfiSafi family) {
        return header(Bgp.ROUTE_REFRESH, 4).putShort((short) family.afi()).put((byte) 0)
                .put((byte) family.safi()).array();
    }

    /**
     * Decodes a ROUTE-REFRESH body.
     *
     * @param body body
     * @return the family asked for
     * @throws BgpError if the length is wrong (RFC 7313 section 5)
     */
    public static AfiSafi decodeRouteRefresh(byte[] body) throws BgpError {
        if (body.length != 4) {
            throw new BgpError(Bgp.ERR_ROUTE_REFRESH, 1, body,
                               "ROUTE-REFRESH of " + body.length + " bytes; it has 4");
        }
        return AfiSafi.of((body[0] & 0xFF) << 8 | body[1] & 0xFF, body[3] & 0xFF);
    }

    /**
     * Returns the End-of-RIB marker of a family: an empty UPDATE for IPv4 unicast, an UPDATE with
     * an empty MP_UNREACH_NLRI otherwise.
     *
     * @param family family
     * @return bytes
     */
    public static byte[] endOfRib(AfiSafi family) {
        if (family.equals(AfiSafi.IPV4_UNICAST)) {
            return header(Bgp.UPDATE, 4).putInt(0).array();
        }
        return header(Bgp.UPDATE, 4 + 6).putShort((short) 0).putShort((short) 6)
                .put((byte) Bgp.FLAG_OPTIONAL).put((byte) Bgp.ATTR_MP_UNREACH).put((byte) 3)
                .putShort((short) family.afi()).put((byte) family.safi()).array();
    }

    /**
     * Checks a message header: marker all ones, length within 19..4096 and the minimum of its
     * type, a known type (RFC 4271 section 6.1).
     *
     * @param header the first 19 bytes
     * @throws BgpError the Message Header Error to send
     */
    public static void checkHeader(byte[] header) throws BgpError {
        for (int i = 0; i < 16; i++) {
            if (header[i] != (byte) 0xFF) {
                throw new BgpError(Bgp.ERR_HEADER, Bgp.HDR_NOT_SYNCHRONIZED, "marker is not all ones");
            }
        }
        int len = (header[16] & 0xFF) << 8 | header[17] & 0xFF;
        int type = header[18] & 0xFF;
        byte[] lenData = {header[16], header[17]};
        if (len < Bgp.HEADER_LENGTH || len > Bgp.MAX_MESSAGE_LENGTH) {
            throw new BgpError(Bgp.ERR_HEADER, Bgp.HDR_BAD_LENGTH, lenData, "message length " + len);
        }
        int min;
        switch (type) {
            case Bgp.OPEN:
                min = 29;
                break;
            case Bgp.UPDATE:
                min = 23;
                break;
            case Bgp.NOTIFICATION:
                min = 21;
                break;
            case Bgp.KEEPALIVE:
                min = 19;
                break;
            case Bgp.ROUTE_REFRESH:
                min = 23;
                break;
            default:
                throw new BgpError(Bgp.ERR_HEADER, Bgp.HDR_BAD_TYPE, new byte[] {(byte) type},
                                   "message type " + type + " is not known");
        }
        if (len < min || type == Bgp.KEEPALIVE && len != 19) {
            throw new BgpError(Bgp.ERR_HEADER, Bgp.HDR_BAD_LENGTH, lenData,
                               "message type " + type + " with length " + len);
        }
    }
}
