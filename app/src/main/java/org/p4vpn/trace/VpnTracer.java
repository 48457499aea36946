package org.p4vpn.trace;

import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.p4vpn.api.InvalidInputException;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.Lsp;
import org.p4vpn.api.LspHop;
import org.p4vpn.api.LspService;
import org.p4vpn.api.NetworkLink;
import org.p4vpn.api.NetworkStateService;
import org.p4vpn.api.NotFoundException;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.RouteDistinguisher;
import org.p4vpn.api.Site;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.api.VpnRouteService;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Predicts the path of a packet a site's CE sends into its VPN, from what the controller computed:
 * the ingress VRF's best route (longest match), the VPN label, the transport LSP to the egress PE
 * hop by hop, and the egress VRF's route to a CE. It reads the same state the translator turns into
 * table entries, so a trace shows what the switches were told to do.
 */
public final class VpnTracer {

    private final L3VpnService vpns;
    private final VpnRouteService routes;
    private final LspService lsps;
    private final NetworkStateService network;

    /**
     * Creates a tracer.
     *
     * @param vpns    configuration
     * @param routes  VRF tables
     * @param lsps    transport LSPs
     * @param network links, to name the port each hop receives on (may be null)
     */
    public VpnTracer(L3VpnService vpns, VpnRouteService routes, LspService lsps, NetworkStateService network) {
        this.vpns = vpns;
        this.routes = routes;
        this.lsps = lsps;
        this.network = network;
    }

    /**
     * Traces a packet.
     *
     * @param vpn         VPN instance
     * @param siteName    site whose CE sends it
     * @param destination destination address
     * @return the predicted path
     * @throws NotFoundException     if the VPN or the site does not exist
     * @throws InvalidInputException if the site is not in the VPN
     */
    public PacketTrace trace(String vpn, String siteName, Ip4Address destination) {
        vpns.getVpnInstance(vpn).orElseThrow(() -> new NotFoundException("vpn", vpn, "no VPN instance " + vpn));
        Site site = vpns.getSite(siteName)
                .orElseThrow(() -> new NotFoundException("site", siteName, "no site " + siteName));
        if (!site.vpn().equals(vpn)) {
            throw new InvalidInputException("site", siteName, "site " + siteName + " is in VPN " + site.vpn()
                    + ", not " + vpn);
        }
        DeviceId ingress = site.device();
        PortNumber inPort = site.port();
        boolean routerAddress = destination.equals(site.peAddress())
                || vpns.getSites().stream().anyMatch(s -> s.device().equals(ingress)
                        && s.peAddress().equals(destination)
                        && longestMatch(new VrfKey(ingress, vpn), destination)
                                .filter(r -> r.kind() == VrfRoute.Kind.LOCAL_CROSSING).isPresent());
        if (routerAddress) {
            return drop(vpn, site, destination, List.of(), ingress, inPort, "addressed to the PE's own interface "
                    + destination + ": the controller answers it (ARP, BGP), it is not forwarded");
        }
        Optional<VrfRoute> best = longestMatch(new VrfKey(ingress, vpn), destination);
        if (best.isEmpty()) {
            return drop(vpn, site, destination, List.of(), ingress, inPort,
                        "no route to " + destination + " in VRF " + vpn + " at " + ingress);
        }
        VrfRoute route = best.get();
        if (route.kind() != VrfRoute.Kind.REMOTE) {
            Site out = route.site().flatMap(vpns::getSite).orElse(null);
            if (out == null) {
                return drop(vpn, site, destination, List.of(), ingress, inPort,
                            "route " + route.prefix() + " at " + ingress + " names no existing site");
            }
            TraceHop hop = new TraceHop(ingress, inPort, out.port(), TraceHop.Action.LOCAL, List.of());
            return PacketTrace.delivered(vpn, siteName, destination, List.of(hop), out.name(), 0);
        }
        return remote(vpn, site, destination, route);
    }

    private PacketTrace remote(String vpn, Site site, Ip4Address destination, VrfRoute route) {
        DeviceId ingress = site.device();
        Optional<DeviceId> egress = vpns.getNodes().stream().filter(n -> n.routerId().equals(route.nextHop()))
                .map(ProviderNode::deviceId).findFirst();
        if (egress.isEmpty()) {
            return drop(vpn, site, destination, List.of(), ingress, site.port(),
                        "next hop " + route.nextHop() + " of " + route.prefix() + " is no known PE");
        }
        Optional<Lsp> lsp = lspTo(vpn, ingress, egress.get());
        List<LspHop> path = lsp.filter(l -> l.state() != Lsp.State.DOWN).map(VpnTracer::activePath).orElse(List.of());
        if (path.isEmpty()) {
            return drop(vpn, site, destination, List.of(), ingress, site.port(),
                        "no LSP from " + ingress + " to " + egress.get() + " (egress PE unreachable)");
        }
        int vpnLabel = route.label();
        java.util.Collection<NetworkLink> links = network == null ? List.of() : network.getLinks();
        List<TraceHop> hops = new ArrayList<>();
        PortNumber in = site.port();
        for (LspHop h : path) {
            if (h.device().equals(egress.get())) {
                break;
            }
            TraceHop.Action action = h.inLabel() == LspHop.NONE ? TraceHop.Action.PUSH
                    : h.outLabel() == LspHop.IMPLICIT_NULL ? TraceHop.Action.POP : TraceHop.Action.SWAP;
            List<Integer> stack = h.outLabel() == LspHop.IMPLICIT_NULL ? List.of(vpnLabel)
                    : List.of(h.outLabel(), vpnLabel);
            hops.add(new TraceHop(h.device(), in, h.outPort(), action, stack));
            in = receivingPort(links, h.device(), h.outPort());
        }
        Optional<Site> out = egressSite(route, egress.get(), destination);
        if (out.isEmpty()) {
            return drop(vpn, site, destination, hops, egress.get(), in, "VPN label " + vpnLabel + " at "
                    + egress.get() + " leads to no site for " + destination);
        }
        hops.add(new TraceHop(egress.get(), in, out.get().port(), TraceHop.Action.ROUTE, List.of()));
        int ecmp = lsp.get().state() == Lsp.State.UP ? lsp.get().primaries().size() : 1;
        return PacketTrace.delivered(vpn, site.name(), destination, hops, out.get().name(), ecmp);
    }

    /** The VPN's own LSP if it has private LSPs and that one is up (RFC 2917 s. 11), else the shared one. */
    private Optional<Lsp> lspTo(String vpn, DeviceId ingress, DeviceId egress) {
        boolean wantsPrivate = vpns.getVpnInstance(vpn).map(v -> v.transport().privateLsps()).orElse(false);
        Optional<Lsp> shared = Optional.empty();
        for (Lsp l : lsps.getLsps()) {
            if (!l.ingress().equals(ingress) || !l.egress().equals(egress)) {
                continue;
            }
            if (wantsPrivate && l.vpn().equals(Optional.of(vpn)) && l.state() != Lsp.State.DOWN) {
                return Optional.of(l);
            }
            if (l.vpn().isEmpty()) {
                shared = Optional.of(l);
            }
        }
        return shared;
    }

    private static List<LspHop> activePath(Lsp l) {
        if (l.state() == Lsp.State.ON_BACKUP || l.primaries().isEmpty()) {
            return l.backup().orElse(List.of());
        }
        return l.primaries().get(0);
    }

    /** The egress PE's VRF of the VPN that exported the route, and its local route to the destination. */
    private Optional<Site> egressSite(VrfRoute route, DeviceId egress, Ip4Address destination) {
        if (route.vpnRoute().isEmpty()) {
            return Optional.empty();
        }
        RouteDistinguisher rd = route.vpnRoute().get().prefix().routeDistinguisher();
        for (VpnInstance v : vpns.getVpnInstances()) {
            if (!v.routeDistinguisher().equals(rd)) {
                continue;
            }
            Optional<VrfRoute> local = longestMatch(new VrfKey(egress, v.name()), destination)
                    .filter(r -> r.kind() != VrfRoute.Kind.REMOTE);
            Optional<Site> s = local.flatMap(VrfRoute::site).flatMap(vpns::getSite);
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    private Optional<VrfRoute> longestMatch(VrfKey vrf, Ip4Address destination) {
        VrfRoute best = null;
        for (Map.Entry<Ip4Prefix, VrfRoute> e : routes.getBestRoutes(vrf).entrySet()) {
            if (e.getKey().contains(destination)
                    && (best == null || e.getKey().prefixLength() > best.prefix().prefixLength())) {
                best = e.getValue();
            }
        }
        return Optional.ofNullable(best);
    }

    private static PortNumber receivingPort(java.util.Collection<NetworkLink> links, DeviceId device,
                                            PortNumber outPort) {
        if (outPort == null) {
            return null;
        }
        ConnectPoint end = new ConnectPoint(device, outPort);
        for (NetworkLink l : links) {
            ConnectPoint peer = l.peerOf(end);
            if (peer != null) {
                return peer.port();
            }
        }
        return null;
    }

    private static PacketTrace drop(String vpn, Site site, Ip4Address destination, List<TraceHop> before,
                                    DeviceId at, PortNumber in, String reason) {
        List<TraceHop> hops = new ArrayList<>(before);
        hops.add(new TraceHop(at, in, null, TraceHop.Action.DROP, List.of()));
        return PacketTrace.dropped(vpn, site.name(), destination, hops, reason);
    }
}
