package org.p4vpn.routing;

import org.onlab.packet.Ip4Prefix;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.Site;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.api.VpnRoute;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;
import org.p4vpn.api.VrfRouteEvent;
import org.p4vpn.bgp.BestPathSelector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One VRF's table: the candidate routes of each prefix (local routes of its sites, routes crossed
 * from other VRFs of the same PE, remote routes imported from other PEs) and the best of each. A
 * candidate is identified by where it came from, so that a source replaces or withdraws only its
 * own candidate. Reports each change of a best route.
 */
final class Vrf {

    /** A candidate and the identity of its source (a site for local kinds, a VPN-IPv4 prefix otherwise). */
    private static final class Candidate {
        private final Object source;
        private final VrfRoute route;

        Candidate(Object source, VrfRoute route) {
            this.source = source;
            this.route = route;
        }
    }

    private final VrfKey key;
    private final VpnInstance instance;
    private final Map<Ip4Prefix, Object> table = new HashMap<>();
    private final Map<Ip4Prefix, VrfRoute> best = new HashMap<>();
    private final Consumer<VrfRouteEvent> events;
    /** Sites of this VRF, by name. */
    final Map<String, Site> sites = new TreeMap<>();
    /** What this VRF exports: prefix to the originated VPNv4 route and its label's key. */
    final Map<Ip4Prefix, Export> exported = new HashMap<>();

    /** A VPNv4 route this VRF originated and what its label was allocated for. */
    static final class Export {
        private final VpnRoute route;
        private final LabelKey key;

        Export(VpnRoute route, LabelKey key) {
            this.route = route;
            this.key = key;
        }

        VpnRoute route() {
            return route;
        }

        LabelKey key() {
            return key;
        }
    }

    Vrf(VrfKey key, VpnInstance instance, Consumer<VrfRouteEvent> events) {
        this.key = key;
        this.instance = instance;
        this.events = events;
    }

    VrfKey key() {
        return key;
    }

    VpnInstance instance() {
        return instance;
    }

    boolean imports(Set<RouteTarget> targets) {
        for (RouteTarget rt : targets) {
            if (instance.importTargets().contains(rt)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds or replaces the candidate of a source.
     */
    void put(Object source, VrfRoute route) {
        Ip4Prefix prefix = route.prefix();
        Object v = table.get(prefix);
        Candidate c = new Candidate(source, route);
        if (v == null) {
            table.put(prefix, c);
        } else if (v instanceof Candidate && ((Candidate) v).source.equals(source)) {
            table.put(prefix, c);
        } else {
            List<Candidate> list = toList(v);
            list.removeIf(x -> x.source.equals(source));
            list.add(c);
            table.put(prefix, list);
        }
        reselect(prefix);
    }

    /**
     * Removes the candidate of a source, if any.
     */
    void remove(Ip4Prefix prefix, Object source) {
        Object v = table.get(prefix);
        if (v == null) {
            return;
        }
        if (v instanceof Candidate) {
            if (!((Candidate) v).source.equals(source)) {
                return;
            }
            table.remove(prefix);
        } else {
            List<Candidate> list = toList(v);
            if (!list.removeIf(x -> x.source.equals(source))) {
                return;
            }
            table.put(prefix, list.size() == 1 ? list.get(0) : list);
        }
        reselect(prefix);
    }

    /**
     * Returns the candidate of a source.
     */
    VrfRoute get(Ip4Prefix prefix, Object source) {
        for (Candidate c : candidates(prefix)) {
            if (c.source.equals(source)) {
                return c.route;
            }
        }
        return null;
    }

    /**
     * Sets the label this PE advertises on the local candidates of a prefix (shown in the table).
     */
    void labelLocal(Ip4Prefix prefix, int label) {
        for (Candidate c : candidates(prefix)) {
            if (c.route.site().isPresent() && c.route.vpnRoute().isEmpty() && c.route.label() != label) {
                VrfRoute r = c.route;
                put(c.source, new VrfRoute(r.prefix(), r.kind(), r.nextHop(), r.site().get(), null, label, false));
            }
        }
    }

    /** Removes every candidate (the VRF goes away), reporting the removals. */
    void clear() {
        for (Ip4Prefix p : new ArrayList<>(table.keySet())) {
            table.remove(p);
            reselect(p);
        }
    }

    VrfRoute best(Ip4Prefix prefix) {
        return best.get(prefix);
    }

    Map<Ip4Prefix, VrfRoute> bestRoutes() {
        return best;
    }

    /** Returns every candidate, best flagged, ordered by prefix then preference. */
    List<VrfRoute> table() {
        List<Ip4Prefix> prefixes = new ArrayList<>(table.keySet());
        prefixes.sort(Site.PREFIX_ORDER);
        List<VrfRoute> out = new ArrayList<>();
        for (Ip4Prefix p : prefixes) {
            VrfRoute b = best.get(p);
            out.add(b.withBest(true));
            for (Candidate c : candidates(p)) {
                if (!c.route.withBest(true).equals(b)) {
                    out.add(c.route.withBest(false));
                }
            }
        }
        return out;
    }

    int size() {
        return table.size();
    }

    private List<Candidate> candidates(Ip4Prefix prefix) {
        Object v = table.get(prefix);
        return v == null ? List.of() : v instanceof Candidate ? List.of((Candidate) v) : toList(v);
    }

    @SuppressWarnings("unchecked")
    private static List<Candidate> toList(Object v) {
        if (v instanceof Candidate) {
            List<Candidate> l = new ArrayList<>(2);
            l.add((Candidate) v);
            return l;
        }
        return (List<Candidate>) v;
    }

    private void reselect(Ip4Prefix prefix) {
        VrfRoute old = best.get(prefix);
        VrfRoute now = select(candidates(prefix));
        if (Objects.equals(old, now)) {
            return;
        }
        if (now == null) {
            best.remove(prefix);
            events.accept(new VrfRouteEvent(VrfRouteEvent.Type.ROUTE_REMOVED, key, prefix, null, old));
        } else {
            best.put(prefix, now);
            events.accept(new VrfRouteEvent(old == null ? VrfRouteEvent.Type.ROUTE_ADDED
                                                    : VrfRouteEvent.Type.ROUTE_UPDATED, key, prefix, now, old));
        }
    }

    /**
     * Picks the best candidate: by kind (connected, static, crossed, remote), between local routes
     * of the same kind by site name, between remote routes by BGP best-path selection.
     */
    private static VrfRoute select(List<Candidate> cs) {
        if (cs.isEmpty()) {
            return null;
        }
        if (cs.size() == 1) {
            return cs.get(0).route.withBest(true);
        }
        VrfRoute.Kind kind = null;
        for (Candidate c : cs) {
            if (kind == null || c.route.kind().ordinal() < kind.ordinal()) {
                kind = c.route.kind();
            }
        }
        List<VpnRoute> bgp = new ArrayList<>();
        VrfRoute pick = null;
        for (Candidate c : cs) {
            VrfRoute r = c.route;
            if (r.kind() != kind) {
                continue;
            }
            if (r.vpnRoute().isPresent()) {
                bgp.add(r.vpnRoute().get());
            } else if (pick == null || r.site().orElse("").compareTo(pick.site().orElse("")) < 0) {
                pick = r;
            }
        }
        if (!bgp.isEmpty()) {
            VpnRoute b = BestPathSelector.select(bgp);
            for (Candidate c : cs) {
                if (c.route.kind() == kind && c.route.vpnRoute().orElse(null) == b) {
                    pick = c.route;
                }
            }
        }
        return pick.withBest(true);
    }
}
