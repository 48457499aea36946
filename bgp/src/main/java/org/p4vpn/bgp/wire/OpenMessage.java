package org.p4vpn.bgp.wire;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import org.onlab.packet.Ip4Address;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * An OPEN message (RFC 4271 section 4.2) with the capabilities this speaker understands:
 * multiprotocol (RFC 4760), route refresh (RFC 2918), graceful restart (RFC 4724) and 4-octet AS
 * (RFC 6793). Capabilities it does not know are skipped, as RFC 5492 says.
 */
public final class OpenMessage {

    private final long asNumber;
    private final int holdTime;
    private final Ip4Address bgpId;
    private final Set<AfiSafi> families;
    private final boolean as4;
    private final boolean routeRefresh;
    private final int restartTime;
    private final Map<AfiSafi, Boolean> restartFamilies;

    /**
     * Creates an OPEN.
     *
     * @param asNumber        own AS (4-octet)
     * @param holdTime        proposed hold time, 0 or 3..65535 seconds
     * @param bgpId           BGP identifier
     * @param families        multiprotocol families
     * @param as4             whether 4-octet AS is announced
     * @param routeRefresh    whether route refresh is announced
     * @param restartTime     graceful-restart time in seconds, or -1 for no graceful-restart capability
     * @param restartFamilies families whose forwarding state is kept across a restart (value: F bit)
     */
    public OpenMessage(long asNumber, int holdTime, Ip4Address bgpId, Set<AfiSafi> families, boolean as4,
                       boolean routeRefresh, int restartTime, Map<AfiSafi, Boolean> restartFamilies) {
        this.asNumber = asNumber;
        this.holdTime = holdTime;
        this.bgpId = bgpId;
        this.families = ImmutableSet.copyOf(families);
        this.as4 = as4;
        this.routeRefresh = routeRefresh;
        this.restartTime = restartTime;
        this.restartFamilies = ImmutableMap.copyOf(restartFamilies);
    }

    /** @return AS number (from the 4-octet AS capability if present) */
    public long asNumber() {
        return asNumber;
    }

    /** @return proposed hold time in seconds */
    public int holdTime() {
        return holdTime;
    }

    /** @return BGP identifier */
    public Ip4Address bgpId() {
        return bgpId;
    }

    /** @return families announced with the multiprotocol capability */
    public Set<AfiSafi> families() {
        return families;
    }

    /** @return whether the 4-octet AS capability was announced */
    public boolean as4() {
        return as4;
    }

    /** @return whether route refresh was announced */
    public boolean routeRefresh() {
        return routeRefresh;
    }

    /** @return graceful-restart time, -1 if the capability is absent */
    public int restartTime() {
        return restartTime;
    }

    /** @return families in the graceful-restart capability, with their forwarding-state bit */
    public Map<AfiSafi, Boolean> restartFamilies() {
        return restartFamilies;
    }

    /**
     * Encodes the whole message, header included.
     *
     * @return bytes
     */
    public byte[] encode() {
        ByteBuffer caps = ByteBuffer.allocate(256);
        for (AfiSafi f : families) {
            caps.put((byte) Bgp.CAP_MULTIPROTOCOL).put((byte) 4).putShort((short) f.afi()).put((byte) 0)
                    .put((byte) f.safi());
        }
        if (routeRefresh) {
            caps.put((byte) Bgp.CAP_ROUTE_REFRESH).put((byte) 0);
        }
        if (restartTime >= 0) {
            caps.put((byte) Bgp.CAP_GRACEFUL_RESTART).put((byte) (2 + 4 * restartFamilies.size()));
            caps.putShort((short) (restartTime & 0x0FFF));
            restartFamilies.forEach((f, fwd) -> caps.putShort((short) f.afi()).put((byte) f.safi())
                    .put((byte) (fwd ? 0x80 : 0)));
        }
        if (as4) {
            caps.put((byte) Bgp.CAP_AS4).put((byte) 4).putInt((int) asNumber);
        }
        caps.flip();
        ByteBuffer b = Messages.header(Bgp.OPEN, 10 + 2 + caps.remaining());
        b.put((byte) 4).putShort((short) (asNumber > 0xFFFF ? Bgp.AS_TRANS : asNumber)).putShort((short) holdTime)
                .put(bgpId.toOctets()).put((byte) (2 + caps.remaining()))
                .put((byte) 2).put((byte) caps.remaining()).put(caps);
        return b.array();
    }

    /**
     * Decodes the body of an OPEN (after the header), checking what RFC 4271 section 6.2 asks.
     *
     * @param body message body
     * @return the OPEN
     * @throws BgpError with the OPEN error subcode to send back
     */
    public static OpenMessage decode(byte[] body) throws BgpError {
        try {
            ByteBuffer b = ByteBuffer.wrap(body);
            int version = b.get() & 0xFF;
            if (version != 4) {
                throw new BgpError(Bgp.ERR_OPEN, Bgp.OPEN_UNSUPPORTED_VERSION, new byte[] {0, 4},
                                   "BGP version " + version + " offered; only 4 is spoken");
            }
            long as = b.getShort() & 0xFFFF;
            int hold = b.getShort() & 0xFFFF;
            if (hold == 1 || hold == 2) {
                throw new BgpError(Bgp.ERR_OPEN, Bgp.OPEN_UNACCEPTABLE_HOLD_TIME,
                                   "hold time " + hold + " s: must be 0 or at least 3");
            }
            byte[] id = new byte[4];
            b.get(id);
            Ip4Address bgpId = Ip4Address.valueOf(id);
            int optLen = b.get() & 0xFF;
            if (optLen != b.remaining()) {
                throw new BgpError(Bgp.ERR_OPEN, 0, "optional parameters length " + optLen + " but "
                        + b.remaining() + " bytes follow");
            }
            Set<AfiSafi> families = new LinkedHashSet<>();
            Map<AfiSafi, Boolean> gr = new LinkedHashMap<>();
            boolean refresh = false;
            int restart = -1;
            Long as4 = null;
            while (b.hasRemaining()) {
                int type = b.get() & 0xFF;
                int len = b.get() & 0xFF;
                if (len > b.remaining()) {
                    throw new BgpError(Bgp.ERR_OPEN, 0, "optional parameter overruns the OPEN");
                }
                if (type != 2) {
                    throw new BgpError(Bgp.ERR_OPEN, Bgp.OPEN_UNSUPPORTED_PARAMETER,
                                       "optional parameter type " + type + " is not supported");
                }
                ByteBuffer c = slice(b, len);
                while (c.hasRemaining()) {
                    int code = c.get() & 0xFF;
                    int clen = c.get() & 0xFF;
                    if (clen > c.remaining()) {
                        throw new BgpError(Bgp.ERR_OPEN, 0, "capability " + code + " overruns its parameter");
                    }
                    ByteBuffer v = slice(c, clen);
                    if (code == Bgp.CAP_MULTIPROTOCOL && clen == 4) {
                        int afi = v.getShort() & 0xFFFF;
                        v.get();
                        families.add(AfiSafi.of(afi, v.get() & 0xFF));
                    } else if (code == Bgp.CAP_ROUTE_REFRESH && clen == 0) {
                        refresh = true;
                    } else if (code == Bgp.CAP_AS4 && clen == 4) {
                        as4 = v.getInt() & 0xFFFF_FFFFL;
                    } else if (code == Bgp.CAP_GRACEFUL_RESTART && clen >= 2 && (clen - 2) % 4 == 0) {
                        restart = v.getShort() & 0x0FFF;
                        while (v.hasRemaining()) {
                            int afi = v.getShort() & 0xFFFF;
                            int safi = v.get() & 0xFF;
                            gr.put(AfiSafi.of(afi, safi), (v.get() & 0x80) != 0);
                        }
                    }
                }
            }
            if (as4 != null) {
                if (as4 == 0) {
                    throw new BgpError(Bgp.ERR_OPEN, Bgp.OPEN_BAD_PEER_AS, "4-octet AS 0 is reserved");
                }
                as = as4;
            }
            if (as == 0) {
                throw new BgpError(Bgp.ERR_OPEN, Bgp.OPEN_BAD_PEER_AS, "AS 0 is reserved");
            }
            if (bgpId.toInt() == 0) {
                throw new BgpError(Bgp.ERR_OPEN, Bgp.OPEN_BAD_BGP_ID, "BGP identifier 0.0.0.0 is not valid");
            }
            return new OpenMessage(as, hold, bgpId, families, as4 != null, refresh, restart, gr);
        } catch (BufferUnderflowException e) {
            throw new BgpError(Bgp.ERR_HEADER, Bgp.HDR_BAD_LENGTH, "OPEN message is too short");
        }
    }

    private static ByteBuffer slice(ByteBuffer b, int len) {
        ByteBuffer s = b.slice();
        s.limit(len);
        b.position(b.position() + len);
        return s;
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("as", asNumber).add("hold", holdTime).add("id", bgpId)
                .add("families", families).add("as4", as4).add("refresh", routeRefresh)
                .add("restartTime", restartTime).toString();
    }
}
