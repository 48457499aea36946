package org.p4vpn.lsp;

import com.google.common.collect.ImmutableMap;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.p4vpn.api.Lsp;
import org.p4vpn.api.LspHop;
import org.p4vpn.api.TunnelMode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The transport forwarding state of the network, as computed by {@link TransportPlanner}: for
 * every switch and every egress PE (forwarding equivalence class), the label the switch receives
 * and its equal-cost next hops with the labels they expect; the backup paths with their own
 * labels; and the LSPs between PE pairs for display. Immutable.
 */
public final class TransportPlan {

    /** A next hop toward an egress PE. */
    public static final class NextHop {
        private final PortNumber port;
        private final DeviceId neighbour;
        private final int outLabel;

        NextHop(PortNumber port, DeviceId neighbour, int outLabel) {
            this.port = port;
            this.neighbour = neighbour;
            this.outLabel = outLabel;
        }

        /**
         * Returns the egress port.
         *
         * @return port
         */
        public PortNumber port() {
            return port;
        }

        /**
         * Returns the neighbour.
         *
         * @return device
         */
        public DeviceId neighbour() {
            return neighbour;
        }

        /**
         * Returns the label to send, {@link LspHop#IMPLICIT_NULL} to pop.
         *
         * @return label
         */
        public int outLabel() {
            return outLabel;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NextHop && ((NextHop) o).port.equals(port) && ((NextHop) o).neighbour.equals(neighbour)
                    && ((NextHop) o).outLabel == outLabel;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(port, neighbour, outLabel);
        }

        @Override
        public String toString() {
            return neighbour + " via " + port + " label " + (outLabel == LspHop.IMPLICIT_NULL ? "pop" : outLabel);
        }
    }

    /** Label-switching state of one switch for one tunnel (an egress PE's FEC, or a backup path). */
    public static final class Tunnel {
        private final int inLabel;
        private final List<NextHop> nextHops;

        Tunnel(int inLabel, List<NextHop> nextHops) {
            this.inLabel = inLabel;
            this.nextHops = List.copyOf(nextHops);
        }

        /**
         * Returns the label this switch receives for the tunnel (also its next-hop group id).
         *
         * @return label
         */
        public int inLabel() {
            return inLabel;
        }

        /**
         * Returns the equal-cost next hops (empty at the tunnel's end).
         *
         * @return next hops
         */
        public List<NextHop> nextHops() {
            return nextHops;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tunnel && ((Tunnel) o).inLabel == inLabel && ((Tunnel) o).nextHops.equals(nextHops);
        }

        @Override
        public int hashCode() {
            return inLabel * 31 + nextHops.hashCode();
        }

        @Override
        public String toString() {
            return inLabel + "->" + nextHops;
        }
    }

    private final TunnelMode mode;
    private final ImmutableMap<DeviceId, Map<DeviceId, Tunnel>> fecs;
    private final ImmutableMap<DeviceId, Map<String, Tunnel>> backups;
    private final ImmutableMap<DeviceId, Map<String, Tunnel>> privates;
    private final ImmutableMap<String, Lsp> lsps;
    private final com.google.common.collect.ImmutableSet<org.p4vpn.api.LabelKey> labelKeys;

    TransportPlan(TunnelMode mode, Map<DeviceId, Map<DeviceId, Tunnel>> fecs,
                  Map<DeviceId, Map<String, Tunnel>> backups, Map<DeviceId, Map<String, Tunnel>> privates,
                  Map<String, Lsp> lsps, java.util.Set<org.p4vpn.api.LabelKey> labelKeys) {
        this.privates = ImmutableMap.copyOf(privates);
        this.mode = mode;
        this.fecs = ImmutableMap.copyOf(fecs);
        this.backups = ImmutableMap.copyOf(backups);
        this.lsps = ImmutableMap.copyOf(lsps);
        this.labelKeys = com.google.common.collect.ImmutableSet.copyOf(labelKeys);
    }

    /**
     * Returns the transport labels this plan uses (others can be released).
     *
     * @return label keys
     */
    public java.util.Set<org.p4vpn.api.LabelKey> labelKeys() {
        return labelKeys;
    }

    static String privateFec(String vpn, DeviceId egress) {
        return "vpn:" + vpn + ">" + egress;
    }

    /**
     * Returns a switch's state for a VPN's private tunnel to an egress PE.
     *
     * @param device switch
     * @param vpn    VPN instance
     * @param egress egress PE
     * @return tunnel state, empty if the VPN has none there
     */
    public Optional<Tunnel> privateTunnel(DeviceId device, String vpn, DeviceId egress) {
        return Optional.ofNullable(privates.getOrDefault(device, Map.of()).get(privateFec(vpn, egress)));
    }

    /**
     * Returns every private tunnel crossing or ending at a switch, by VPN and egress.
     *
     * @param device switch
     * @return tunnels
     */
    public Map<String, Tunnel> privateTunnels(DeviceId device) {
        return privates.getOrDefault(device, Map.of());
    }

    static String lspKey(DeviceId ingress, DeviceId egress) {
        return ingress + ">" + egress;
    }

    /**
     * Returns how tunnels end.
     *
     * @return mode
     */
    public TunnelMode mode() {
        return mode;
    }

    /**
     * Returns a switch's state for the tunnel to an egress PE.
     *
     * @param device switch
     * @param egress egress PE
     * @return tunnel state, empty if the egress cannot be reached from the switch
     */
    public Optional<Tunnel> tunnel(DeviceId device, DeviceId egress) {
        return Optional.ofNullable(fecs.getOrDefault(device, Map.of()).get(egress));
    }

    /**
     * Returns every tunnel of a switch by egress PE.
     *
     * @param device switch
     * @return tunnels
     */
    public Map<DeviceId, Tunnel> tunnels(DeviceId device) {
        return fecs.getOrDefault(device, Map.of());
    }

    /**
     * Returns a switch's state for the backup paths crossing it, by LSP ("ingress>egress").
     *
     * @param device switch
     * @return backup tunnels
     */
    public Map<String, Tunnel> backupTunnels(DeviceId device) {
        return backups.getOrDefault(device, Map.of());
    }

    /**
     * Returns the LSPs between PE pairs.
     *
     * @return LSPs
     */
    public Collection<Lsp> lsps() {
        return lsps.values();
    }

    /**
     * Returns the LSP from one PE to another.
     *
     * @param ingress ingress PE
     * @param egress  egress PE
     * @return LSP
     */
    public Optional<Lsp> lsp(DeviceId ingress, DeviceId egress) {
        return Optional.ofNullable(lsps.get(lspKey(ingress, egress)));
    }

    /**
     * Returns the plan after a link failure, before any recomputation: every LSP whose primary
     * paths use the link and whose backup does not is switched to its backup at the ingress PE
     * (its tunnel there now leads into the backup path). Everything else is unchanged, so the
     * switchover touches only the ingress PEs' next-hop groups.
     *
     * @param end   one end of the failed link
     * @param other its other end
     * @return the plan on backups
     */
    public TransportPlan onLinkFailure(ConnectPoint end, ConnectPoint other) {
        Map<DeviceId, Map<DeviceId, Tunnel>> f = new HashMap<>();
        fecs.forEach((d, m) -> f.put(d, new LinkedHashMap<>(m)));
        Map<String, Lsp> l = new LinkedHashMap<>(lsps);
        Map<DeviceId, Map<String, Tunnel>> p = new HashMap<>();
        privates.forEach((d, m) -> p.put(d, new LinkedHashMap<>(m)));
        for (Map.Entry<String, Lsp> e : lsps.entrySet()) {
            Lsp lsp = e.getValue();
            boolean hit = lsp.primaries().stream().anyMatch(path -> uses(path, end, other));
            if (!hit) {
                continue;
            }
            if (lsp.vpn().isPresent()) {
                // No backup of its own: the VPN's routes fall back to the shared LSP (and its backup).
                p.get(lsp.ingress()).remove(privateFec(lsp.vpn().get(), lsp.egress()));
                l.put(e.getKey(), lsp.withState(Lsp.State.DOWN));
                continue;
            }
            Optional<List<LspHop>> backup = lsp.backup();
            if (backup.isEmpty() || uses(backup.get(), end, other)) {
                l.put(lspKey(lsp.ingress(), lsp.egress()), lsp.withState(Lsp.State.DOWN));
                continue;
            }
            LspHop first = backup.get().get(0);
            Tunnel old = f.get(lsp.ingress()).get(lsp.egress());
            List<NextHop> survivors = new ArrayList<>();
            for (NextHop h : old.nextHops()) {
                if (!leadsThrough(lsp, h, end, other)) {
                    survivors.add(h);
                }
            }
            // Equal-cost siblings that avoid the link keep carrying traffic; otherwise the backup.
            List<NextHop> now = survivors.isEmpty()
                    ? List.of(new NextHop(first.outPort(), first.next(), first.outLabel())) : survivors;
            f.get(lsp.ingress()).put(lsp.egress(), new Tunnel(old.inLabel(), now));
            l.put(lspKey(lsp.ingress(), lsp.egress()), lsp.withState(Lsp.State.ON_BACKUP));
        }
        return new TransportPlan(mode, f, backups, p, l, labelKeys);
    }

    /** Whether every primary path starting with this next hop crosses the failed link. */
    private static boolean leadsThrough(Lsp lsp, NextHop first, ConnectPoint end, ConnectPoint other) {
        return lsp.primaries().stream().filter(p -> p.get(0).outPort().equals(first.port()))
                .allMatch(p -> uses(p, end, other));
    }

    /** Whether a path sends out of either end of the link. */
    private static boolean uses(List<LspHop> path, ConnectPoint end, ConnectPoint other) {
        for (LspHop h : path) {
            ConnectPoint out = new ConnectPoint(h.device(), h.outPort());
            if (out.equals(end) || out.equals(other)) {
                return true;
            }
        }
        return false;
    }
}
