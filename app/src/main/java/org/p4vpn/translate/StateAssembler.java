package org.p4vpn.translate;

import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.p4vpn.api.LabelAllocator;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.Site;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;
import org.p4vpn.lsp.TransportPlan;
import org.p4vpn.lsp.TransportTopology;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Gathers the forwarding state from the application's parts: provider nodes and their router
 * MACs, links, sites and CE MACs, the route engine's best routes and VPN labels, the transport
 * plan; and allocates the ids the pipeline needs (a VRF id per VPN instance, a next-hop group id
 * per CE) from the label store, so that they are stable across restarts and the same on every
 * instance.
 */
public final class StateAssembler {

    private StateAssembler() {
    }

    /**
     * Returns the VPNs with private LSPs and, for each, the PEs where it has sites: what the
     * transport planner needs for them.
     *
     * @param vpns  VPN instances
     * @param sites sites
     * @return PEs by VPN, only for VPNs with private LSPs
     */
    public static Map<String, Set<DeviceId>> privateLspPes(Collection<VpnInstance> vpns, Collection<Site> sites) {
        Map<String, Set<DeviceId>> out = new java.util.TreeMap<>();
        for (VpnInstance v : vpns) {
            if (v.transport().privateLsps()) {
                Set<DeviceId> pes = new java.util.TreeSet<>(java.util.Comparator.comparing(DeviceId::toString));
                sites.stream().filter(s -> s.vpn().equals(v.name())).forEach(s -> pes.add(s.device()));
                out.put(v.name(), pes);
            }
        }
        return out;
    }

    /**
     * Assembles the state.
     *
     * @param nodes         provider nodes (PE and P switches; RR nodes are left out)
     * @param routerMacs    router MAC by switch
     * @param links         links that are up
     * @param sites         sites
     * @param ceMacs        CE MAC by site, where known
     * @param vpns          VPN instances
     * @param vrfs          the VRFs that exist
     * @param bestRoutes    best routes of a VRF
     * @param vpnLabels     VPN labels in use, by key
     * @param plan          transport plan
     * @param ids           allocator of VRF and next-hop ids (the label store)
     * @param puntDiscovery whether the pipeline punts ARP, LLDP and BDDP itself
     * @return forwarding state
     */
    public static ForwardingState assemble(Collection<ProviderNode> nodes, Map<DeviceId, MacAddress> routerMacs,
                                           Collection<TransportTopology.Link> links, Collection<Site> sites,
                                           Map<String, MacAddress> ceMacs, Collection<VpnInstance> vpns,
                                           Set<VrfKey> vrfs, Function<VrfKey, Map<Ip4Prefix, VrfRoute>> bestRoutes,
                                           Map<LabelKey, Integer> vpnLabels, TransportPlan plan, LabelAllocator ids,
                                           boolean puntDiscovery) {
        Map<DeviceId, ForwardingState.Switch> switches = new LinkedHashMap<>();
        for (ProviderNode n : nodes) {
            MacAddress mac = routerMacs.get(n.deviceId());
            if (n.role() != NodeRole.RR && mac != null) {
                switches.put(n.deviceId(), new ForwardingState.Switch(n.deviceId(), n.role(), n.routerId(), mac));
            }
        }
        Map<String, Integer> vrfIds = new HashMap<>();
        Map<String, org.p4vpn.api.TransportPolicy> transport = new HashMap<>();
        for (VpnInstance v : vpns) {
            vrfIds.put(v.name(), ids.allocate(LabelKey.vrfId(v.name())));
            transport.put(v.name(), v.transport());
        }
        Map<String, Integer> nextIds = new HashMap<>();
        for (Site s : sites) {
            nextIds.put(s.name(), PipelineTranslator.CE_NEXT_BASE + ids.allocate(LabelKey.nextHop(s.device(), s.name())));
        }
        Map<VrfKey, Map<Ip4Prefix, VrfRoute>> routes = new HashMap<>();
        vrfs.forEach(k -> routes.put(k, bestRoutes.apply(k)));
        Map<LabelKey, Integer> labels = new HashMap<>();
        vpnLabels.forEach((k, v) -> {
            if (k.isVpnLabel()) {
                labels.put(k, v);
            }
        });
        return new ForwardingState(switches, links, sites, ceMacs, vrfIds, routes, labels, plan, nextIds,
                                   puntDiscovery, transport);
    }
}
