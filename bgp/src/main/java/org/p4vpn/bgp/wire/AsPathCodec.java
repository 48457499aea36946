package org.p4vpn.bgp.wire;

import org.p4vpn.api.AsPath;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * AS_PATH and AS4_PATH in wire form (RFC 4271 section 4.3, RFC 6793): segments of 2- or 4-octet
 * AS numbers, and the merge of AS4_PATH into an AS_PATH received from a 2-octet speaker.
 */
final class AsPathCodec {

    private static final int SET = 1;
    private static final int SEQUENCE = 2;

    private AsPathCodec() {
    }

    /**
     * Decodes AS_PATH or AS4_PATH.
     *
     * @param b       the attribute value
     * @param asBytes 2 or 4
     * @return the path, or null if malformed (RFC 7606 section 7.2)
     */
    static AsPath decode(ByteBuffer b, int asBytes) {
        List<AsPath.Segment> segs = new ArrayList<>();
        while (b.hasRemaining()) {
            if (b.remaining() < 2) {
                return null;
            }
            int type = b.get() & 0xFF;
            int n = b.get() & 0xFF;
            if (n == 0 || (type != SET && type != SEQUENCE) || b.remaining() < n * asBytes) {
                return null;
            }
            long[] asns = new long[n];
            for (int i = 0; i < n; i++) {
                asns[i] = asBytes == 4 ? b.getInt() & 0xFFFF_FFFFL : b.getShort() & 0xFFFF;
            }
            segs.add(type == SET ? AsPath.Segment.set(asns) : AsPath.Segment.sequence(asns));
        }
        return segs.isEmpty() ? AsPath.EMPTY : AsPath.of(segs);
    }

    /**
     * Returns the encoded length of a path.
     *
     * @param path    path
     * @param asBytes 2 or 4
     * @return bytes
     */
    static int length(AsPath path, int asBytes) {
        int n = 0;
        for (AsPath.Segment s : path.segments()) {
            int count = s.asns().length;
            n += 2 * ((count + 254) / 255) + count * asBytes;
        }
        return n;
    }

    /**
     * Encodes a path; with 2-octet numbers, an AS above 65535 is written as AS_TRANS.
     *
     * @param b       buffer
     * @param path    path
     * @param asBytes 2 or 4
     */
    static void encode(ByteBuffer b, AsPath path, int asBytes) {
        for (AsPath.Segment s : path.segments()) {
            long[] asns = s.asns();
            for (int from = 0; from < asns.length; from += 255) {
                int n = Math.min(255, asns.length - from);
                b.put((byte) (s.isSet() ? SET : SEQUENCE)).put((byte) n);
                for (int i = from; i < from + n; i++) {
                    if (asBytes == 4) {
                        b.putInt((int) asns[i]);
                    } else {
                        b.putShort((short) (asns[i] > 0xFFFF ? Bgp.AS_TRANS : asns[i]));
                    }
                }
            }
        }
    }

    /**
     * Tells whether a path needs AS4_PATH beside it when sent to a 2-octet speaker.
     *
     * @param path path
     * @return true if an AS number does not fit in two octets
     */
    static boolean needsAs4(AsPath path) {
        for (AsPath.Segment s : path.segments()) {
            for (long a : s.asns()) {
                if (a > 0xFFFF) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Merges AS4_PATH into AS_PATH (RFC 6793 section 4.2.3): the leading ASes of AS_PATH that
     * AS4_PATH lacks, then AS4_PATH; AS4_PATH is ignored if it is longer than AS_PATH.
     *
     * @param asPath  AS_PATH as received
     * @param as4Path AS4_PATH as received
     * @return the path
     */
    static AsPath merge(AsPath asPath, AsPath as4Path) {
        int keep = asPath.length() - as4Path.length();
        if (keep < 0) {
            return asPath;
        }
        List<AsPath.Segment> out = new ArrayList<>();
        for (AsPath.Segment s : asPath.segments()) {
            if (keep <= 0) {
                break;
            }
            if (s.isSet()) {
                out.add(s);
                keep--;
            } else if (s.asns().length <= keep) {
                out.add(s);
                keep -= s.asns().length;
            } else {
                long[] head = new long[keep];
                System.arraycopy(s.asns(), 0, head, 0, keep);
                out.add(AsPath.Segment.sequence(head));
                keep = 0;
            }
        }
        out.addAll(as4Path.segments());
        return AsPath.of(out);
    }
}
