package org.p4vpn.bgp;

import org.p4vpn.api.RouteSource;
import org.p4vpn.api.VpnRoute;

import java.util.List;

/**
 * BGP best-path selection among the paths of one prefix, deterministic and independent of the
 * order the paths arrived in. The steps, each keeping only the paths that are best by it:
 * <ol>
 * <li>a locally originated path (what vendors call weight);</li>
 * <li>highest LOCAL_PREF;</li>
 * <li>shortest AS_PATH;</li>
 * <li>lowest ORIGIN (IGP, EGP, INCOMPLETE);</li>
 * <li>lowest MED, compared only between paths from the same neighbour AS (a missing MED is 0);</li>
 * <li>eBGP over iBGP;</li>
 * <li>lowest ORIGINATOR_ID, or the peer's router id when there is none (RFC 4456 section 9);</li>
 * <li>shortest CLUSTER_LIST;</li>
 * <li>lowest peer address.</li>
 * </ol>
 * MED is not a total order across neighbour ASes, so the steps eliminate rather than sort, as
 * RFC 4271 section 9.1.2.2 describes.
 */
public final class BestPathSelector {

    private BestPathSelector() {
    }

    /**
     * Returns the best of the given paths.
     *
     * @param paths candidate paths of one prefix, at most one per source
     * @return the best path, null if there are none
     */
    public static VpnRoute select(List<VpnRoute> paths) {
        int n = paths.size();
        if (n <= 1) {
            return n == 0 ? null : paths.get(0);
        }
        boolean[] out = new boolean[n];
        keepMax(paths, out, r -> r.source().type() == RouteSource.Type.LOCAL ? 1 : 0);
        keepMax(paths, out, r -> r.attributes().localPref());
        keepMax(paths, out, r -> -r.attributes().asPath().length());
        keepMax(paths, out, r -> -r.attributes().origin().ordinal());
        eliminateByMed(paths, out);
        keepMax(paths, out, r -> r.source().type() == RouteSource.Type.EBGP ? 1 : 0);
        keepMax(paths, out, r -> -unsigned(r.attributes().originatorId()
                .orElse(r.source().peerRouterId()).toInt()));
        keepMax(paths, out, r -> -r.attributes().clusterList().size());
        keepMax(paths, out, r -> -unsigned(r.source().peerAddress().toInt()));
        for (int i = 0; i < n; i++) {
            if (!out[i]) {
                return paths.get(i);
            }
        }
        throw new IllegalStateException("best-path selection eliminated every path");
    }

    private interface Score {
        long of(VpnRoute r);
    }

    private static void keepMax(List<VpnRoute> paths, boolean[] out, Score score) {
        long max = Long.MIN_VALUE;
        for (int i = 0; i < out.length; i++) {
            if (!out[i]) {
                max = Math.max(max, score.of(paths.get(i)));
            }
        }
        for (int i = 0; i < out.length; i++) {
            if (!out[i] && score.of(paths.get(i)) < max) {
                out[i] = true;
            }
        }
    }

    private static void eliminateByMed(List<VpnRoute> paths, boolean[] out) {
        int n = out.length;
        boolean[] worse = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (out[i]) {
                continue;
            }
            VpnRoute a = paths.get(i);
            for (int j = 0; j < n; j++) {
                if (j == i || out[j]) {
                    continue;
                }
                VpnRoute b = paths.get(j);
                if (a.attributes().asPath().neighbourAs() == b.attributes().asPath().neighbourAs()
                        && med(b) < med(a)) {
                    worse[i] = true;
                    break;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            out[i] |= worse[i];
        }
    }

    private static long med(VpnRoute r) {
        return r.attributes().med().orElse(0);
    }

    private static long unsigned(int v) {
        return v & 0xFFFFFFFFL;
    }
}
