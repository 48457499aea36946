package org.p4vpn.bgp.wire;

import org.onlab.packet.Ip4Address;
import org.p4vpn.api.AsPath;
import org.p4vpn.api.Origin;
import org.p4vpn.api.RouteTarget;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Decodes the path attributes of an UPDATE with the error handling of RFC 7606: a malformed
 * attribute either makes the UPDATE's routes withdrawn ("treat-as-withdraw"), is dropped
 * ("attribute discard"), or, only where the NLRI can no longer be found (MP_REACH_NLRI,
 * MP_UNREACH_NLRI, an attribute list that cannot be walked), ends the session.
 * One instance per UPDATE; not thread-safe.
 */
final class AttributeDecoder {

    final boolean as4;
    final boolean ebgp;
    Origin origin;
    AsPath asPath;
    AsPath as4Path;
    Ip4Address nextHop;
    Long med;
    Long localPref;
    Ip4Address originatorId;
    final List<Ip4Address> clusterList = new ArrayList<>();
    final List<RouteTarget> routeTargets = new ArrayList<>();
    /** Attributes carried through unchanged (communities, other extended communities, unknown transitive). */
    final ByteArrayOutputStream other = new ByteArrayOutputStream();
    ByteBuffer mpReach;
    ByteBuffer mpUnreach;
    boolean treatAsWithdraw;
    final List<String> notes = new ArrayList<>();
    private final ByteArrayOutputStream otherExtended = new ByteArrayOutputStream();
    private final BitSet seen = new BitSet(256);

    AttributeDecoder(boolean as4, boolean ebgp) {
        this.as4 = as4;
        this.ebgp = ebgp;
    }

    /**
     * Walks the attribute list.
     *
     * @param b the attributes, exactly
     * @throws BgpError where RFC 7606 keeps a session reset
     */
    void decode(ByteBuffer b) throws BgpError {
        while (b.hasRemaining()) {
            if (b.remaining() < 3) {
                withdrawAll("attribute header cut short");
                return;
            }
            int flags = b.get() & 0xFF;
            int type = b.get() & 0xFF;
            boolean ext = (flags & Bgp.FLAG_EXTENDED) != 0;
            if (ext && b.remaining() < 2) {
                withdrawAll("attribute " + type + " length cut short");
                return;
            }
            int len = ext ? b.getShort() & 0xFFFF : b.get() & 0xFF;
            if (len > b.remaining()) {
                // RFC 7606 section 4: the rest of the list cannot be trusted.
                withdrawAll("attribute " + type + " of " + len + " bytes overruns the attribute list");
                return;
            }
            ByteBuffer v = b.slice();
            v.limit(len);
            b.position(b.position() + len);
            if (seen.get(type)) {
                if (type == Bgp.ATTR_MP_REACH || type == Bgp.ATTR_MP_UNREACH) {
                    throw new BgpError(Bgp.ERR_UPDATE, Bgp.UPD_MALFORMED_ATTRIBUTE_LIST,
                                       "attribute " + type + " appears twice");
                }
                notes.add("duplicate attribute " + type + " discarded");
                continue;
            }
            seen.set(type);
            one(flags, type, len, v);
        }
        if (otherExtended.size() > 0) {
            writeOther(Bgp.FLAG_OPTIONAL | Bgp.FLAG_TRANSITIVE, Bgp.ATTR_EXTENDED_COMMUNITIES,
                       otherExtended.toByteArray());
        }
    }

    private void one(int flags, int type, int len, ByteBuffer v) throws BgpError {
        int ot = flags & (Bgp.FLAG_OPTIONAL | Bgp.FLAG_TRANSITIVE);
        switch (type) {
            case Bgp.ATTR_ORIGIN:
                if (!flagsOk(ot, Bgp.FLAG_TRANSITIVE, type) || !lengthOk(len == 1, type, len)) {
                    return;
                }
                int o = v.get() & 0xFF;
                if (o > 2) {
                    withdrawAll("ORIGIN value " + o);
                } else {
                    origin = Origin.values()[o];
                }
                return;
            case Bgp.ATTR_AS_PATH:
                if (flagsOk(ot, Bgp.FLAG_TRANSITIVE, type)) {
                    asPath = AsPathCodec.decode(v, as4 ? 4 : 2);
                    if (asPath == null) {
                        withdrawAll("malformed AS_PATH");
                    }
                }
                return;
            case Bgp.ATTR_NEXT_HOP:
                if (flagsOk(ot, Bgp.FLAG_TRANSITIVE, type) && lengthOk(len == 4, type, len)) {
                    nextHop = Ip4Address.valueOf(v.getInt());
                }
                return;
            case Bgp.ATTR_MED:
                if (flagsOk(ot, Bgp.FLAG_OPTIONAL, type) && lengthOk(len == 4, type, len)) {
                    med = v.getInt() & 0xFFFF_FFFFL;
                }
                return;
            case Bgp.ATTR_LOCAL_PREF:
                if (ebgp) {
                    notes.add("LOCAL_PREF from an external peer discarded");
                } else if (flagsOk(ot, Bgp.FLAG_TRANSITIVE, type) && lengthOk(len == 4, type, len)) {
                    localPref = v.getInt() & 0xFFFF_FFFFL;
                }
                return;
            case Bgp.ATTR_ATOMIC_AGGREGATE:
            case Bgp.ATTR_AGGREGATOR:
            case Bgp.ATTR_AS4_AGGREGATOR:
                int want = type == Bgp.ATTR_ATOMIC_AGGREGATE ? 0
                        : type == Bgp.ATTR_AS4_AGGREGATOR || as4 ? 8 : 6;
                if (len != want) {
                    notes.add("attribute " + type + " of length " + len + " discarded");
                } else {
                    writeOther(flags, type, bytes(v));
                }
                return;
            case Bgp.ATTR_COMMUNITIES:
                if (flagsOk(ot, Bgp.FLAG_OPTIONAL | Bgp.FLAG_TRANSITIVE, type) && lengthOk(len % 4 == 0, type, len)
                        && len > 0) {
                    writeOther(flags, type, bytes(v));
                }
                return;
            case Bgp.ATTR_ORIGINATOR_ID:
                if (ebgp) {
                    notes.add("ORIGINATOR_ID from an external peer discarded");
                } else if (flagsOk(ot, Bgp.FLAG_OPTIONAL, type) && lengthOk(len == 4, type, len)) {
                    originatorId = Ip4Address.valueOf(v.getInt());
                }
                return;
            case Bgp.ATTR_CLUSTER_LIST:
                if (ebgp) {
                    notes.add("CLUSTER_LIST from an external peer discarded");
                } else if (flagsOk(ot, Bgp.FLAG_OPTIONAL, type) && lengthOk(len % 4 == 0, type, len)) {
                    while (v.hasRemaining()) {
                        clusterList.add(Ip4Address.valueOf(v.getInt()));
                    }
                }
                return;
            case Bgp.ATTR_MP_REACH:
            case Bgp.ATTR_MP_UNREACH:
                if (ot != Bgp.FLAG_OPTIONAL) {
                    throw new BgpError(Bgp.ERR_UPDATE, Bgp.UPD_ATTRIBUTE_FLAGS, "attribute " + type
                            + " with flags 0x" + Integer.toHexString(flags));
                }
                if (type == Bgp.ATTR_MP_REACH) {
                    mpReach = v;
                } else {
                    mpUnreach = v;
                }
                return;
            case Bgp.ATTR_EXTENDED_COMMUNITIES:
                if (flagsOk(ot, Bgp.FLAG_OPTIONAL | Bgp.FLAG_TRANSITIVE, type)
                        && lengthOk(len % 8 == 0, type, len)) {
                    while (v.hasRemaining()) {
                        long c = v.getLong();
                        if (RouteTarget.isRouteTarget(c)) {
                            routeTargets.add(RouteTarget.ofLong(c));
                        } else {
                            for (int i = 56; i >= 0; i -= 8) {
                                otherExtended.write((int) (c >>> i));
                            }
                        }
                    }
                }
                return;
            case Bgp.ATTR_AS4_PATH:
                if (as4) {
                    notes.add("AS4_PATH from a 4-octet speaker discarded");
                } else {
                    as4Path = AsPathCodec.decode(v, 4);
                    if (as4Path == null) {
                        notes.add("malformed AS4_PATH discarded");
                    }
                }
                return;
            default:
                if ((flags & Bgp.FLAG_OPTIONAL) == 0) {
                    throw new BgpError(Bgp.ERR_UPDATE, 2, new byte[] {(byte) flags, (byte) type},
                                       "unrecognized well-known attribute " + type);
                }
                if ((flags & Bgp.FLAG_TRANSITIVE) != 0) {
                    writeOther(flags | Bgp.FLAG_PARTIAL, type, bytes(v));
                }
        }
    }

    private boolean flagsOk(int optionalTransitive, int want, int type) {
        if (optionalTransitive != want) {
            withdrawAll("attribute " + type + " with wrong flags");
            return false;
        }
        return true;
    }

    private boolean lengthOk(boolean ok, int type, int len) {
        if (!ok) {
            withdrawAll("attribute " + type + " with length " + len);
        }
        return ok;
    }

    void withdrawAll(String why) {
        treatAsWithdraw = true;
        notes.add(why + ": routes treated as withdrawn");
    }

    private static byte[] bytes(ByteBuffer v) {
        byte[] out = new byte[v.remaining()];
        v.get(out);
        return out;
    }

    private void writeOther(int flags, int type, byte[] value) {
        boolean ext = value.length > 255;
        other.write((flags & ~Bgp.FLAG_EXTENDED) | (ext ? Bgp.FLAG_EXTENDED : 0));
        other.write(type);
        if (ext) {
            other.write(value.length >>> 8);
        }
        other.write(value.length);
        other.write(value, 0, value.length);
    }
}
