package org.p4vpn.bgp;

import org.p4vpn.api.RibEntry;
import org.p4vpn.api.RouteSource;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A speaker's paths: for each VPN-IPv4 prefix the paths of every source (the Adj-RIBs-In after
 * the loop checks) and the best of them (the Loc-RIB), plus an index of best paths by route
 * target. Stored compactly because a reflector holds one per route: a lone path bare, several in
 * a small array. Not thread-safe.
 */
final class PathTable {

    private final PrefixMap rib = new PrefixMap();
    /** Prefixes whose best path carries each route target, so a filter change touches only those.
     * Built on the first {@link #prefixesWith} (a filter change), kept from then on; a reflector on
     * the wire never filters by target and so never pays for it (a set entry per route). */
    private Map<RouteTarget, Set<VpnPrefix>> bestByTarget;
    private int pathCount;

    /** Paths of one prefix when there are several; a single path is stored bare. */
    private static final class PathSet {
        private VpnRoute[] paths;
        private VpnRoute best;

        PathSet(VpnRoute a, VpnRoute b) {
            paths = new VpnRoute[] {a, b};
        }
    }

    /** Returns the prefix of a path set (for {@link PrefixMap}). */
    static VpnPrefix prefixOf(Object pathSet) {
        return ((PathSet) pathSet).paths[0].prefix();
    }

    /** Returns the prefixes for which a source has a path. */
    List<VpnPrefix> prefixesFrom(RouteSource src) {
        List<VpnPrefix> out = new ArrayList<>();
        rib.forEach((prefix, v) -> {
            if (holdsFrom(v, src)) {
                out.add(prefix);
            }
        });
        return out;
    }

    int pathCount() {
        return pathCount;
    }

    private static boolean holdsFrom(Object v, RouteSource src) {
        if (v instanceof VpnRoute) {
            return ((VpnRoute) v).source().equals(src);
        }
        for (VpnRoute r : ((PathSet) v).paths) {
            if (r.source().equals(src)) {
                return true;
            }
        }
        return false;
    }

    BestChange put(VpnRoute path) {
        return indexed(putPath(path));
    }

    private BestChange putPath(VpnRoute path) {
        VpnPrefix prefix = path.prefix();
        Object v = rib.get(prefix);
        if (v == null) {
            rib.put(prefix, path);
            pathCount++;
            return new BestChange(prefix, null, path);
        }
        if (v instanceof VpnRoute) {
            VpnRoute only = (VpnRoute) v;
            if (only.source().equals(path.source())) {
                rib.put(prefix, path);
                return only.equals(path) ? null : new BestChange(prefix, only, path);
            }
            PathSet set = new PathSet(only, path);
            pathCount++;
            set.best = BestPathSelector.select(Arrays.asList(set.paths));
            rib.put(prefix, set);
            return set.best == only ? null : new BestChange(prefix, only, set.best);
        }
        PathSet set = (PathSet) v;
        VpnRoute oldBest = set.best;
        int i = indexOf(set, path.source());
        if (i >= 0) {
            set.paths[i] = path;
        } else {
            set.paths = Arrays.copyOf(set.paths, set.paths.length + 1);
            set.paths[set.paths.length - 1] = path;
            pathCount++;
        }
        set.best = BestPathSelector.select(Arrays.asList(set.paths));
        return set.best.equals(oldBest) ? null : new BestChange(prefix, oldBest, set.best);
    }

    BestChange remove(VpnPrefix prefix, RouteSource source) {
        return indexed(removePath(prefix, source));
    }

    private BestChange removePath(VpnPrefix prefix, RouteSource source) {
        Object v = rib.get(prefix);
        if (v == null) {
            return null;
        }
        if (v instanceof VpnRoute) {
            VpnRoute only = (VpnRoute) v;
            if (!only.source().equals(source)) {
                return null;
            }
            rib.remove(prefix);
            pathCount--;
            return new BestChange(prefix, only, null);
        }
        PathSet set = (PathSet) v;
        int i = indexOf(set, source);
        if (i < 0) {
            return null;
        }
        VpnRoute oldBest = set.best;
        pathCount--;
        if (set.paths.length == 2) {
            VpnRoute left = set.paths[1 - i];
            rib.put(prefix, left);
            return left.equals(oldBest) ? null : new BestChange(prefix, oldBest, left);
        }
        VpnRoute[] rest = new VpnRoute[set.paths.length - 1];
        System.arraycopy(set.paths, 0, rest, 0, i);
        System.arraycopy(set.paths, i + 1, rest, i, rest.length - i);
        set.paths = rest;
        set.best = BestPathSelector.select(Arrays.asList(rest));
        return set.best.equals(oldBest) ? null : new BestChange(prefix, oldBest, set.best);
    }

    private BestChange indexed(BestChange c) {
        if (c == null || bestByTarget == null) {
            return c;
        }
        Set<RouteTarget> was = c.oldBest() == null ? Set.of() : c.oldBest().routeTargets();
        Set<RouteTarget> now = c.newBest() == null ? Set.of() : c.newBest().routeTargets();
        if (!was.equals(now)) {
            for (RouteTarget rt : was) {
                if (!now.contains(rt)) {
                    Set<VpnPrefix> ps = bestByTarget.get(rt);
                    ps.remove(c.prefix());
                    if (ps.isEmpty()) {
                        bestByTarget.remove(rt);
                    }
                }
            }
            for (RouteTarget rt : now) {
                if (!was.contains(rt)) {
                    bestByTarget.computeIfAbsent(rt, k -> new java.util.HashSet<>()).add(c.prefix());
                }
            }
        }
        return c;
    }

    /**
     * Returns the prefixes whose best path carries one of the given route targets.
     *
     * @param targets route targets
     * @return prefixes, each once
     */
    Set<VpnPrefix> prefixesWith(Collection<RouteTarget> targets) {
        if (bestByTarget == null) {
            bestByTarget = new HashMap<>();
            forEachBest((prefix, best) -> {
                for (RouteTarget rt : best.routeTargets()) {
                    bestByTarget.computeIfAbsent(rt, k -> new java.util.HashSet<>()).add(prefix);
                }
            });
        }
        Set<VpnPrefix> out = new LinkedHashSet<>();
        for (RouteTarget rt : targets) {
            out.addAll(bestByTarget.getOrDefault(rt, Set.of()));
        }
        return out;
    }

    private static int indexOf(PathSet set, RouteSource source) {
        for (int i = 0; i < set.paths.length; i++) {
            if (set.paths[i].source().equals(source)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Returns the best path of a prefix.
     *
     * @param prefix prefix
     * @return best path or null
     */
    VpnRoute best(VpnPrefix prefix) {
        Object v = rib.get(prefix);
        return v == null ? null : v instanceof VpnRoute ? (VpnRoute) v : ((PathSet) v).best;
    }

    /**
     * Returns every path of a prefix.
     *
     * @param prefix prefix
     * @return paths, empty if none
     */
    List<VpnRoute> paths(VpnPrefix prefix) {
        Object v = rib.get(prefix);
        if (v == null) {
            return List.of();
        }
        return v instanceof VpnRoute ? List.of((VpnRoute) v) : List.of(((PathSet) v).paths);
    }

    /**
     * Calls the consumer with every prefix and its best path.
     *
     * @param consumer consumer
     */
    void forEachBest(BiConsumer<VpnPrefix, VpnRoute> consumer) {
        rib.forEach((p, v) -> consumer.accept(p, v instanceof VpnRoute ? (VpnRoute) v : ((PathSet) v).best));
    }

    /**
     * Returns the whole RIB, best paths flagged, ordered by prefix.
     *
     * @return entries
     */
    List<RibEntry> ribEntries() {
        List<VpnPrefix> prefixes = rib.keys();
        prefixes.sort(null);
        List<RibEntry> out = new ArrayList<>();
        for (VpnPrefix p : prefixes) {
            VpnRoute best = best(p);
            out.add(new RibEntry(best, true));
            for (VpnRoute r : paths(p)) {
                if (r != best) {
                    out.add(new RibEntry(r, false));
                }
            }
        }
        return out;
    }

    /**
     * Returns the number of prefixes held.
     *
     * @return prefixes
     */
    int size() {
        return rib.size();
    }
}
