package org.p4vpn.bgp.wire;

import org.onlab.packet.Ip4Address;
import org.p4vpn.api.AsPath;
import org.p4vpn.api.Origin;
import org.p4vpn.api.PathAttributes;
import org.p4vpn.api.RouteSource;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes an UPDATE body into VPN-IPv4 routes and withdrawals. Checks the message layout
 * (RFC 4271 section 6.3), leaves attribute errors to {@link AttributeDecoder} (RFC 7606) and
 * never lets anything but a {@link BgpError} out.
 */
public final class UpdateDecoder {

    /** Start of the message of a layout the checks missed (the fuzz test fails on it). */
    static final String UNFORESEEN = "UPDATE could not be parsed";

    private UpdateDecoder() {
    }

    /**
     * Decodes an UPDATE body.
     *
     * @param body  the message after the header
     * @param as4   whether 4-octet AS was negotiated
     * @param ebgp  whether the peer is external
     * @return the update
     * @throws BgpError when the session must be reset
     */
    public static UpdateMessage decode(byte[] body, boolean as4, boolean ebgp) throws BgpError {
        return decode(body, as4, ebgp, RouteSource.LOCAL);
    }

    /**
     * Decodes an UPDATE body into routes that carry the neighbor as their source.
     *
     * @param body   the message after the header
     * @param as4    whether 4-octet AS was negotiated
     * @param ebgp   whether the peer is external
     * @param source the neighbor, as the routes' source
     * @return the update
     * @throws BgpError when the session must be reset
     */
    public static UpdateMessage decode(byte[] body, boolean as4, boolean ebgp, RouteSource source) throws BgpError {
        try {
            return decodeChecked(ByteBuffer.wrap(body), as4, ebgp, source);
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            // A layout this decoder failed to foresee; still a clean protocol error, never a crash.
            throw new BgpError(Bgp.ERR_UPDATE, Bgp.UPD_MALFORMED_ATTRIBUTE_LIST,
                               UNFORESEEN + ": " + e);
        }
    }

    private static UpdateMessage decodeChecked(ByteBuffer b, boolean as4, boolean ebgp, RouteSource source)
            throws BgpError {
        if (b.remaining() < 4) {
            throw malformed("UPDATE shorter than 4 bytes");
        }
        int wlen = b.getShort() & 0xFFFF;
        if (wlen + 2 > b.remaining()) {
            throw malformed("withdrawn routes length " + wlen + " overruns the UPDATE");
        }
        ByteBuffer withdrawnV4 = sub(b, wlen);
        int alen = b.getShort() & 0xFFFF;
        if (alen > b.remaining()) {
            throw malformed("total path attribute length " + alen + " overruns the UPDATE");
        }
        ByteBuffer attrs = sub(b, alen);
        ByteBuffer nlriV4 = b;
        int v4 = countIpv4(withdrawnV4) + countIpv4(nlriV4);

        AttributeDecoder a = new AttributeDecoder(as4, ebgp);
        a.decode(attrs);

        List<VpnPrefix> withdrawn = new ArrayList<>();
        List<VpnRoute> announced = new ArrayList<>();
        AfiSafi eor = null;
        if (a.mpUnreach != null) {
            ByteBuffer u = a.mpUnreach;
            if (u.remaining() < 3) {
                throw new BgpError(Bgp.ERR_UPDATE, Bgp.UPD_OPTIONAL_ATTRIBUTE, "MP_UNREACH_NLRI shorter than 3");
            }
            AfiSafi f = AfiSafi.of(u.getShort() & 0xFFFF, u.get() & 0xFF);
            if (!u.hasRemaining() && alen == 3 + 3 && wlen == 0 && !nlriV4.hasRemaining()) {
                eor = f;
            } else if (f.equals(AfiSafi.VPNV4)) {
                VpnNlri.decode(u, (p, label) -> withdrawn.add(p));
            }
        }
        if (alen == 0 && wlen == 0 && !nlriV4.hasRemaining()) {
            eor = AfiSafi.IPV4_UNICAST;
        }
        if (a.mpReach != null) {
            reach(a, announced, source);
        }
        boolean hasNlri = !announced.isEmpty() || nlriV4.hasRemaining();
        if (hasNlri && (a.origin == null || a.asPath == null)) {
            a.withdrawAll("well-known mandatory attribute " + (a.origin == null ? "ORIGIN" : "AS_PATH")
                                  + " missing");
        }
        if (a.treatAsWithdraw) {
            for (VpnRoute r : announced) {
                withdrawn.add(r.prefix());
            }
            announced.clear();
        }
        return new UpdateMessage(announced, withdrawn, eor, v4, a.treatAsWithdraw, a.notes);
    }

    private static void reach(AttributeDecoder a, List<VpnRoute> out, RouteSource source) throws BgpError {
        ByteBuffer r = a.mpReach;
        if (r.remaining() < 5) {
            throw new BgpError(Bgp.ERR_UPDATE, Bgp.UPD_OPTIONAL_ATTRIBUTE, "MP_REACH_NLRI shorter than 5");
        }
        AfiSafi f = AfiSafi.of(r.getShort() & 0xFFFF, r.get() & 0xFF);
        int nhLen = r.get() & 0xFF;
        if (nhLen + 1 > r.remaining()) {
            throw new BgpError(Bgp.ERR_UPDATE, Bgp.UPD_OPTIONAL_ATTRIBUTE, "MP_REACH_NLRI next hop overruns it");
        }
        ByteBuffer nh = sub(r, nhLen);
        r.get(); // reserved
        if (!f.equals(AfiSafi.VPNV4)) {
            return; // not negotiated for anything else; ignored
        }
        Ip4Address hop = null;
        if (nhLen == 12 && nh.getLong() == 0) {
            hop = Ip4Address.valueOf(nh.getInt());
        } else {
            a.withdrawAll("VPN-IPv4 next hop of " + nhLen + " bytes");
        }
        PathAttributes attrs = a.treatAsWithdraw || a.origin == null || a.asPath == null ? null : attributes(a);
        Ip4Address nextHop = hop == null ? Ip4Address.valueOf(0) : hop;
        VpnNlri.decode(r, (p, label) -> out.add(new VpnRoute(p, nextHop, label,
                attrs == null ? PLACEHOLDER : attrs, source)));
    }

    /** Attributes of routes that will be treated as withdrawn; never stored. */
    private static final PathAttributes PLACEHOLDER = PathAttributes.local(List.of());

    private static PathAttributes attributes(AttributeDecoder a) {
        AsPath path = a.as4Path != null ? AsPathCodec.merge(a.asPath, a.as4Path) : a.asPath;
        Origin origin = a.origin;
        PathAttributes p = PathAttributes.of(origin, path, a.med,
                                             a.localPref == null ? PathAttributes.DEFAULT_LOCAL_PREF : a.localPref,
                                             a.originatorId, a.clusterList, a.routeTargets);
        return a.other.size() == 0 ? p : p.withOtherAttributes(a.other.toByteArray());
    }

    private static int countIpv4(ByteBuffer b) throws BgpError {
        int n = 0;
        while (b.hasRemaining()) {
            int bits = b.get() & 0xFF;
            if (bits > 32 || b.remaining() < (bits + 7) / 8) {
                throw new BgpError(Bgp.ERR_UPDATE, Bgp.UPD_INVALID_NETWORK, "IPv4 prefix of " + bits + " bits");
            }
            b.position(b.position() + (bits + 7) / 8);
            n++;
        }
        return n;
    }

    private static ByteBuffer sub(ByteBuffer b, int len) {
        ByteBuffer s = b.slice();
        s.limit(len);
        b.position(b.position() + len);
        return s;
    }

    private static BgpError malformed(String why) {
        return new BgpError(Bgp.ERR_UPDATE, Bgp.UPD_MALFORMED_ATTRIBUTE_LIST, why);
    }
}
