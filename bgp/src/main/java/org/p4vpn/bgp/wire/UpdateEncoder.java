package org.p4vpn.bgp.wire;

import org.onlab.packet.Ip4Address;
import org.p4vpn.api.AsPath;
import org.p4vpn.api.PathAttributes;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Packs VPN-IPv4 routes into UPDATEs for one peer: routes sharing attributes and next hop go into
 * one MP_REACH_NLRI until the 4,096-byte limit, withdrawals into MP_UNREACH_NLRI. Attributes are
 * written in ascending type order (RFC 4271 section 5); AS_PATH is written with the AS width
 * negotiated with the peer, with AS4_PATH beside it when needed (RFC 6793).
 */
public final class UpdateEncoder {

    private static final int MP_REACH_FIXED = 4 + 2 + 1 + 1 + 12 + 1;
    private static final int MP_UNREACH_FIXED = 4 + 2 + 1;
    private static final int BODY_FIXED = Bgp.HEADER_LENGTH + 4;

    private final boolean as4;
    private final boolean ebgp;

    /**
     * Creates an encoder for a peer.
     *
     * @param as4  whether 4-octet AS was negotiated
     * @param ebgp whether the peer is external (no LOCAL_PREF then)
     */
    public UpdateEncoder(boolean as4, boolean ebgp) {
        this.as4 = as4;
        this.ebgp = ebgp;
    }

    /** Routes of one UPDATE group: same attributes, same next hop. */
    private static final class Group {
        final PathAttributes attrs;
        final Ip4Address nextHop;

        Group(PathAttributes attrs, Ip4Address nextHop) {
            this.attrs = attrs;
            this.nextHop = nextHop;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Group && ((Group) o).attrs == attrs && ((Group) o).nextHop.equals(nextHop);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(attrs) * 31 + nextHop.hashCode();
        }
    }

    /**
     * Encodes announcements, each group of equal attributes packed together.
     *
     * @param routes routes to announce
     * @param out    receives each message
     */
    public void announce(List<VpnRoute> routes, Consumer<byte[]> out) {
        Map<Group, List<VpnRoute>> groups = new LinkedHashMap<>();
        for (VpnRoute r : routes) {
            groups.computeIfAbsent(new Group(r.attributes(), r.nextHop()), g -> new ArrayList<>()).add(r);
        }
        groups.forEach((g, list) -> announceGroup(g, list, out));
    }

    private void announceGroup(Group g, List<VpnRoute> routes, Consumer<byte[]> out) {
        byte[][] around = attributes(g.attrs);
        int fixed = BODY_FIXED + around[0].length + around[1].length + MP_REACH_FIXED;
        int i = 0;
        while (i < routes.size()) {
            int room = Bgp.MAX_MESSAGE_LENGTH - fixed;
            int j = i;
            int nlri = 0;
            while (j < routes.size() && nlri + VpnNlri.length(routes.get(j).prefix().prefixLength()) <= room) {
                nlri += VpnNlri.length(routes.get(j).prefix().prefixLength());
                j++;
            }
            int mpLen = MP_REACH_FIXED - 4 + nlri;
            int attrLen = around[0].length + 4 + mpLen + around[1].length;
            ByteBuffer b = Messages.header(Bgp.UPDATE, 4 + attrLen);
            b.putShort((short) 0).putShort((short) attrLen).put(around[0]);
            b.put((byte) (Bgp.FLAG_OPTIONAL | Bgp.FLAG_EXTENDED)).put((byte) Bgp.ATTR_MP_REACH)
                    .putShort((short) mpLen).putShort((short) Bgp.AFI_IPV4).put((byte) Bgp.SAFI_VPN).put((byte) 12)
                    .putLong(0).put(g.nextHop.toOctets()).put((byte) 0);
            for (int k = i; k < j; k++) {
                VpnRoute r = routes.get(k);
                VpnNlri.encode(b, r.prefix(), r.label());
            }
            b.put(around[1]);
            out.accept(b.array());
            i = j;
        }
    }

    /**
     * Encodes withdrawals.
     *
     * @param prefixes prefixes to withdraw
     * @param out      receives each message
     */
    public void withdraw(List<VpnPrefix> prefixes, Consumer<byte[]> out) {
        int i = 0;
        while (i < prefixes.size()) {
            int room = Bgp.MAX_MESSAGE_LENGTH - BODY_FIXED - MP_UNREACH_FIXED;
            int j = i;
            int nlri = 0;
            while (j < prefixes.size() && nlri + VpnNlri.length(prefixes.get(j).prefixLength()) <= room) {
                nlri += VpnNlri.length(prefixes.get(j).prefixLength());
                j++;
            }
            int mpLen = 3 + nlri;
            ByteBuffer b = Messages.header(Bgp.UPDATE, 4 + 4 + mpLen);
            b.putShort((short) 0).putShort((short) (4 + mpLen))
                    .put((byte) (Bgp.FLAG_OPTIONAL | Bgp.FLAG_EXTENDED)).put((byte) Bgp.ATTR_MP_UNREACH)
                    .putShort((short) mpLen).putShort((short) Bgp.AFI_IPV4).put((byte) Bgp.SAFI_VPN);
            for (int k = i; k < j; k++) {
                VpnNlri.encode(b, prefixes.get(k), -1);
            }
            out.accept(b.array());
            i = j;
        }
    }

    /** Returns the attributes that go before MP_REACH_NLRI (types below 14) and after it. */
    private byte[][] attributes(PathAttributes a) {
        TreeMap<Integer, byte[]> byType = new TreeMap<>();
        byType.put(Bgp.ATTR_ORIGIN, attr(Bgp.FLAG_TRANSITIVE, Bgp.ATTR_ORIGIN,
                                         new byte[] {(byte) a.origin().ordinal()}));
        AsPath path = a.asPath();
        ByteBuffer p = ByteBuffer.allocate(AsPathCodec.length(path, as4 ? 4 : 2));
        AsPathCodec.encode(p, path, as4 ? 4 : 2);
        byType.put(Bgp.ATTR_AS_PATH, attr(Bgp.FLAG_TRANSITIVE, Bgp.ATTR_AS_PATH, p.array()));
        if (!as4 && AsPathCodec.needsAs4(path)) {
            ByteBuffer p4 = ByteBuffer.allocate(AsPathCodec.length(path, 4));
            AsPathCodec.encode(p4, path, 4);
            byType.put(Bgp.ATTR_AS4_PATH, attr(Bgp.FLAG_OPTIONAL | Bgp.FLAG_TRANSITIVE, Bgp.ATTR_AS4_PATH,
                                                p4.array()));
        }
        if (a.med().isPresent()) {
            byType.put(Bgp.ATTR_MED, attr(Bgp.FLAG_OPTIONAL, Bgp.ATTR_MED, int32(a.med().getAsLong())));
        }
        if (!ebgp) {
            byType.put(Bgp.ATTR_LOCAL_PREF, attr(Bgp.FLAG_TRANSITIVE, Bgp.ATTR_LOCAL_PREF, int32(a.localPref())));
            if (a.originatorId().isPresent()) {
                byType.put(Bgp.ATTR_ORIGINATOR_ID, attr(Bgp.FLAG_OPTIONAL, Bgp.ATTR_ORIGINATOR_ID,
                                                        a.originatorId().get().toOctets()));
            }
            if (!a.clusterList().isEmpty()) {
                ByteBuffer c = ByteBuffer.allocate(4 * a.clusterList().size());
                a.clusterList().forEach(id -> c.put(id.toOctets()));
                byType.put(Bgp.ATTR_CLUSTER_LIST, attr(Bgp.FLAG_OPTIONAL, Bgp.ATTR_CLUSTER_LIST, c.array()));
            }
        }
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        for (RouteTarget rt : a.routeTargets()) {
            ext.write(rt.encode(), 0, 8);
        }
        ByteBuffer o = ByteBuffer.wrap(a.otherAttributes());
        while (o.remaining() >= 3) {
            int flags = o.get() & 0xFF;
            int type = o.get() & 0xFF;
            int len = (flags & Bgp.FLAG_EXTENDED) != 0 ? o.getShort() & 0xFFFF : o.get() & 0xFF;
            byte[] v = new byte[len];
            o.get(v);
            if (type == Bgp.ATTR_EXTENDED_COMMUNITIES) {
                ext.write(v, 0, v.length);
            } else {
                byType.putIfAbsent(type, attr(flags, type, v));
            }
        }
        if (ext.size() > 0) {
            byType.put(Bgp.ATTR_EXTENDED_COMMUNITIES, attr(Bgp.FLAG_OPTIONAL | Bgp.FLAG_TRANSITIVE,
                                                           Bgp.ATTR_EXTENDED_COMMUNITIES, ext.toByteArray()));
        }
        return new byte[][] {concat(byType.headMap(Bgp.ATTR_MP_REACH).values()),
                             concat(byType.tailMap(Bgp.ATTR_MP_REACH).values())};
    }

    private static byte[] concat(Iterable<byte[]> parts) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        parts.forEach(x -> s.write(x, 0, x.length));
        return s.toByteArray();
    }

    private static byte[] int32(long v) {
        return ByteBuffer.allocate(4).putInt((int) v).array();
    }

    static byte[] attr(int flags, int type, byte[] value) {
        boolean ext = value.length > 255;
        ByteBuffer b = ByteBuffer.allocate(value.length + (ext ? 4 : 3));
        b.put((byte) ((flags & ~Bgp.FLAG_EXTENDED) | (ext ? Bgp.FLAG_EXTENDED : 0))).put((byte) type);
        if (ext) {
            b.putShort((short) value.length);
        } else {
            b.put((byte) value.length);
        }
        return b.put(value).array();
    }
}
