package org.p4vpn.lsp;

import org.onosproject.net.DeviceId;
import org.p4vpn.api.LabelAllocator;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.Lsp;
import org.p4vpn.api.LspHop;
import org.p4vpn.api.TunnelMode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Computes transport LSPs the way LDP over an IGP would: every switch gets one label per egress
 * PE (forwarding equivalence class) from its own label space, and forwards on all equal-cost
 * shortest paths toward that PE, swapping to the label each next hop expects. The tunnel ends by
 * the network's {@link TunnelMode}. For each pair of PEs it also precomputes a backup path that
 * avoids the primary paths' links where the topology allows, with labels of its own on every
 * transit switch, so that a failure can be bypassed by changing the ingress PE alone.
 * <p>
 * A VPN configured with private LSPs (RFC 2917 section 11) gets tunnels of its own between its
 * PEs, on the same shortest paths but with labels of its own on every switch they cross, so its
 * traffic is told apart in the core (and can be queued by its QoS class). They have no
 * precomputed backup: a failure under them waits for the recomputation, while the VPN's routes
 * fall back to the shared LSPs only if its private tunnel is gone.
 */
public final class TransportPlanner {

    /** Added to the weight of links the primaries use, so the backup avoids them if it can. */
    private static final long AVOID = 1L << 40;
    /** At most this many primary paths are listed per LSP (forwarding uses all of them). */
    private static final int MAX_LISTED_PATHS = 16;

    private final LabelAllocator labels;
    private final TunnelMode mode;
    private Set<LabelKey> used = new HashSet<>();

    /**
     * Creates a planner.
     *
     * @param labels allocator of transport labels (per switch)
     * @param mode   how tunnels end
     */
    public TransportPlanner(LabelAllocator labels, TunnelMode mode) {
        this.labels = labels;
        this.mode = mode;
    }

    private int label(LabelKey key) {
        used.add(key);
        return labels.allocate(key);
    }

    /**
     * Returns the label key of a switch's label for the tunnel to an egress PE.
     *
     * @param device switch
     * @param egress egress PE
     * @return key
     */
    public static LabelKey fecKey(DeviceId device, DeviceId egress) {
        return LabelKey.transport(device, "fec:" + egress);
    }

    /**
     * Returns the label key of a switch's label on the backup path of an LSP.
     *
     * @param device  switch
     * @param ingress ingress PE
     * @param egress  egress PE
     * @return key
     */
    public static LabelKey backupKey(DeviceId device, DeviceId ingress, DeviceId egress) {
        return LabelKey.transport(device, "bkp:" + ingress + ">" + egress);
    }

    /**
     * Returns the label key of a switch's label for a VPN's private tunnel to an egress PE.
     *
     * @param device switch
     * @param vpn    VPN instance
     * @param egress egress PE
     * @return key
     */
    public static LabelKey privateKey(DeviceId device, String vpn, DeviceId egress) {
        return LabelKey.transport(device, TransportPlan.privateFec(vpn, egress));
    }

    /**
     * Plans the transport state with shared LSPs only.
     *
     * @param topo topology (failed links left out)
     * @param pes  the PEs, ingresses and egresses of LSPs
     * @return plan
     */
    public TransportPlan plan(TransportTopology topo, Collection<DeviceId> pes) {
        return plan(topo, pes, Map.of());
    }

    /**
     * Plans the transport state.
     *
     * @param topo        topology (failed links left out)
     * @param pes         the PEs, ingresses and egresses of LSPs
     * @param privateVpns the VPNs with private LSPs, each with the PEs where it has sites
     * @return plan
     */
    public synchronized TransportPlan plan(TransportTopology topo, Collection<DeviceId> pes,
                                           Map<String, ? extends Collection<DeviceId>> privateVpns) {
        used = new HashSet<>();
        Map<DeviceId, List<TransportTopology.Link>> out = new HashMap<>();
        topo.links().forEach(l -> out.computeIfAbsent(l.src().deviceId(), k -> new ArrayList<>()).add(l));
        Map<DeviceId, Map<DeviceId, TransportPlan.Tunnel>> fecs = new HashMap<>();
        Map<DeviceId, Map<DeviceId, Long>> distTo = new HashMap<>();
        for (DeviceId egress : pes) {
            Map<DeviceId, Long> dist = distancesTo(egress, topo, Map.of());
            distTo.put(egress, dist);
            for (DeviceId n : dist.keySet()) {
                int in = label(fecKey(n, egress));
                List<TransportPlan.NextHop> hops = new ArrayList<>();
                if (!n.equals(egress)) {
                    for (TransportTopology.Link l : out.getOrDefault(n, List.of())) {
                        DeviceId m = l.dst().deviceId();
                        Long dm = dist.get(m);
                        if (dm != null && dist.get(n) == l.weight() + dm) {
                            hops.add(new TransportPlan.NextHop(l.src().port(), m, outLabel(m, egress, fecKey(m, egress))));
                        }
                    }
                }
                fecs.computeIfAbsent(n, k -> new LinkedHashMap<>()).put(egress, new TransportPlan.Tunnel(in, hops));
            }
        }
        Map<DeviceId, Map<String, TransportPlan.Tunnel>> backups = new HashMap<>();
        Map<String, Lsp> lsps = new LinkedHashMap<>();
        for (DeviceId ingress : pes) {
            for (DeviceId egress : pes) {
                if (ingress.equals(egress)) {
                    continue;
                }
                Lsp lsp = lsp(ingress, egress, topo, fecs, distTo.get(egress), backups);
                lsps.put(TransportPlan.lspKey(ingress, egress), lsp);
            }
        }
        Map<DeviceId, Map<String, TransportPlan.Tunnel>> privates = new HashMap<>();
        new java.util.TreeMap<>(privateVpns).forEach((vpn, vpnPes) -> {
            for (DeviceId egress : vpnPes) {
                if (distTo.containsKey(egress)) {
                    privateTunnels(vpn, egress, vpnPes, fecs, privates, lsps);
                }
            }
        });
        return new TransportPlan(mode, fecs, backups, privates, lsps, used);
    }

    /**
     * A VPN's tunnels to one of its PEs: on every switch of the shared tunnels' equal-cost paths
     * from the VPN's other PEs, a label of the VPN's own with the same next hops.
     */
    private void privateTunnels(String vpn, DeviceId egress, Collection<DeviceId> vpnPes,
                                Map<DeviceId, Map<DeviceId, TransportPlan.Tunnel>> fecs,
                                Map<DeviceId, Map<String, TransportPlan.Tunnel>> privates, Map<String, Lsp> lsps) {
        String fec = TransportPlan.privateFec(vpn, egress);
        Set<DeviceId> onPaths = new java.util.TreeSet<>(java.util.Comparator.comparing(DeviceId::toString));
        java.util.Deque<DeviceId> todo = new java.util.ArrayDeque<>();
        vpnPes.stream().filter(pe -> !pe.equals(egress) && fecs.getOrDefault(pe, Map.of()).containsKey(egress))
                .forEach(todo::add);
        while (!todo.isEmpty()) {
            DeviceId n = todo.pop();
            if (onPaths.add(n)) {
                fecs.get(n).get(egress).nextHops().forEach(h -> todo.add(h.neighbour()));
            }
        }
        for (DeviceId n : onPaths) {
            List<TransportPlan.NextHop> hops = new ArrayList<>();
            for (TransportPlan.NextHop h : fecs.get(n).get(egress).nextHops()) {
                DeviceId m = h.neighbour();
                hops.add(new TransportPlan.NextHop(h.port(), m, outLabel(m, egress, privateKey(m, vpn, egress))));
            }
            int in = n.equals(egress) && mode != TunnelMode.UHP ? LspHop.NONE : label(privateKey(n, vpn, egress));
            if (in != LspHop.NONE) {
                privates.computeIfAbsent(n, k -> new LinkedHashMap<>()).put(fec, new TransportPlan.Tunnel(in, hops));
            }
        }
        for (DeviceId ingress : vpnPes) {
            if (ingress.equals(egress)) {
                continue;
            }
            List<List<LspHop>> primaries = new ArrayList<>();
            if (onPaths.contains(ingress)) {
                walk(ingress, egress, d -> privates.get(d).get(fec), LspHop.NONE, new ArrayList<>(), primaries);
            }
            lsps.put(TransportPlan.lspKey(ingress, egress) + "|" + vpn, new Lsp(ingress, egress, primaries, List.of(),
                    primaries.isEmpty() ? Lsp.State.DOWN : Lsp.State.UP, vpn));
        }
    }

    /**
     * The label a switch sends to neighbour m on a tunnel ending at egress: m's own label (key),
     * unless m is the egress and the tunnel mode has it receive implicit (PHP) or explicit null.
     */
    private int outLabel(DeviceId m, DeviceId egress, LabelKey mLabel) {
        if (m.equals(egress) && mode != TunnelMode.UHP) {
            return mode == TunnelMode.PHP ? LspHop.IMPLICIT_NULL : 0;
        }
        return label(mLabel);
    }

    private Lsp lsp(DeviceId ingress, DeviceId egress, TransportTopology topo,
                    Map<DeviceId, Map<DeviceId, TransportPlan.Tunnel>> fecs, Map<DeviceId, Long> dist,
                    Map<DeviceId, Map<String, TransportPlan.Tunnel>> backups) {
        if (!dist.containsKey(ingress)) {
            return new Lsp(ingress, egress, List.of(), List.of(), Lsp.State.DOWN);
        }
        List<List<LspHop>> primaries = new ArrayList<>();
        walk(ingress, egress, d -> fecs.get(d).get(egress), LspHop.NONE, new ArrayList<>(), primaries);
        Set<String> used = new HashSet<>();
        for (List<LspHop> p : primaries) {
            p.forEach(h -> used.add(h.device() + "/" + h.outPort()));
        }
        Map<String, Long> penalty = new HashMap<>();
        used.forEach(u -> penalty.put(u, AVOID));
        List<TransportTopology.Link> path = shortestPath(ingress, egress, topo, penalty);
        List<LspHop> backup = new ArrayList<>();
        if (path != null && !isPrimary(path, primaries)) {
            String key = TransportPlan.lspKey(ingress, egress);
            int in = LspHop.NONE;
            for (TransportTopology.Link l : path) {
                DeviceId d = l.src().deviceId();
                DeviceId m = l.dst().deviceId();
                int outLabel = outLabel(m, egress, m.equals(egress) ? fecKey(m, egress)
                        : backupKey(m, ingress, egress));
                backup.add(new LspHop(d, in, l.src().port(), m, outLabel));
                if (!d.equals(ingress)) {
                    backups.computeIfAbsent(d, k -> new LinkedHashMap<>()).put(key, new TransportPlan.Tunnel(in,
                            List.of(new TransportPlan.NextHop(l.src().port(), m, outLabel))));
                }
                in = outLabel;
            }
        }
        return new Lsp(ingress, egress, primaries, backup, Lsp.State.UP);
    }

    private static boolean isPrimary(List<TransportTopology.Link> path, List<List<LspHop>> primaries) {
        for (List<LspHop> p : primaries) {
            if (p.size() == path.size()) {
                boolean same = true;
                for (int i = 0; i < p.size() && same; i++) {
                    same = p.get(i).outPort().equals(path.get(i).src().port())
                            && p.get(i).device().equals(path.get(i).src().deviceId());
                }
                if (same) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Lists the equal-cost paths from a switch to the egress, depth first, up to a cap. */
    private static void walk(DeviceId at, DeviceId egress,
                             java.util.function.Function<DeviceId, TransportPlan.Tunnel> tunnelAt,
                             int inLabel, List<LspHop> sofar, List<List<LspHop>> out) {
        if (out.size() >= MAX_LISTED_PATHS) {
            return;
        }
        if (at.equals(egress)) {
            out.add(new ArrayList<>(sofar));
            return;
        }
        for (TransportPlan.NextHop h : tunnelAt.apply(at).nextHops()) {
            sofar.add(new LspHop(at, inLabel, h.port(), h.neighbour(), h.outLabel()));
            walk(h.neighbour(), egress, tunnelAt, h.outLabel(), sofar, out);
            sofar.remove(sofar.size() - 1);
        }
    }

    /** Dijkstra toward a destination over the reversed links: each switch's distance to it. */
    private static Map<DeviceId, Long> distancesTo(DeviceId dst, TransportTopology topo, Map<String, Long> penalty) {
        Map<DeviceId, List<TransportTopology.Link>> in = new HashMap<>();
        topo.links().forEach(l -> in.computeIfAbsent(l.dst().deviceId(), k -> new ArrayList<>()).add(l));
        Map<DeviceId, Long> dist = new HashMap<>();
        PriorityQueue<Object[]> q = new PriorityQueue<>((a, b) -> Long.compare((Long) a[1], (Long) b[1]));
        dist.put(dst, 0L);
        q.add(new Object[] {dst, 0L});
        while (!q.isEmpty()) {
            Object[] e = q.poll();
            DeviceId d = (DeviceId) e[0];
            long dd = (Long) e[1];
            if (dd > dist.get(d)) {
                continue;
            }
            for (TransportTopology.Link l : in.getOrDefault(d, List.of())) {
                DeviceId s = l.src().deviceId();
                long w = dd + l.weight() + penalty.getOrDefault(l.src().deviceId() + "/" + l.src().port(), 0L);
                if (w < dist.getOrDefault(s, Long.MAX_VALUE)) {
                    dist.put(s, w);
                    q.add(new Object[] {s, w});
                }
            }
        }
        return dist;
    }

    /** One shortest path under the penalties, or null if unreachable. */
    private static List<TransportTopology.Link> shortestPath(DeviceId src, DeviceId dst, TransportTopology topo,
                                                            Map<String, Long> penalty) {
        Map<DeviceId, Long> dist = distancesTo(dst, topo, penalty);
        if (!dist.containsKey(src)) {
            return null;
        }
        List<TransportTopology.Link> path = new ArrayList<>();
        DeviceId at = src;
        while (!at.equals(dst)) {
            TransportTopology.Link next = null;
            for (TransportTopology.Link l : topo.links()) {
                if (l.src().deviceId().equals(at) && dist.containsKey(l.dst().deviceId())) {
                    long w = l.weight() + penalty.getOrDefault(at + "/" + l.src().port(), 0L);
                    if (dist.get(at) == w + dist.get(l.dst().deviceId())
                            && (next == null || l.src().port().toLong() < next.src().port().toLong())) {
                        next = l;
                    }
                }
            }
            path.add(next);
            at = next.dst().deviceId();
        }
        return path;
    }
}
