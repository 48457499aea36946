package org.p4vpn.translate;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.Site;
import org.p4vpn.api.TransportPolicy;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;
import org.p4vpn.lsp.TransportPlan;
import org.p4vpn.lsp.TransportTopology;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Everything the translator needs, as plain values: the switches (role, router MAC), the links
 * that are up, the sites with their CE MACs, VRF ids, the best route of every prefix of every
 * VRF, the VPN labels each PE allocated, the transport plan, and the next-hop ids of CEs.
 */
public final class ForwardingState {

    /** A switch as the translator sees it. */
    public static final class Switch {
        private final DeviceId id;
        private final NodeRole role;
        private final Ip4Address routerId;
        private final MacAddress routerMac;

        /**
         * Creates a switch.
         *
         * @param id        device id
         * @param role      PE or P
         * @param routerId  router id (BGP next hop of a PE's routes)
         * @param routerMac the MAC its interfaces use
         */
        public Switch(DeviceId id, NodeRole role, Ip4Address routerId, MacAddress routerMac) {
            this.id = id;
            this.role = role;
            this.routerId = routerId;
            this.routerMac = routerMac;
        }

        /**
         * Returns the device id.
         *
         * @return id
         */
        public DeviceId id() {
            return id;
        }

        /**
         * Returns the role.
         *
         * @return role
         */
        public NodeRole role() {
            return role;
        }

        /**
         * Returns the router id.
         *
         * @return router id
         */
        public Ip4Address routerId() {
            return routerId;
        }

        /**
         * Returns the router MAC.
         *
         * @return MAC
         */
        public MacAddress routerMac() {
            return routerMac;
        }
    }

    final ImmutableMap<DeviceId, Switch> switches;
    final ImmutableList<TransportTopology.Link> links;
    final ImmutableList<Site> sites;
    final ImmutableMap<String, MacAddress> ceMacs;
    final ImmutableMap<String, Integer> vrfIds;
    final ImmutableMap<VrfKey, Map<Ip4Prefix, VrfRoute>> routes;
    final ImmutableMap<LabelKey, Integer> vpnLabels;
    final TransportPlan plan;
    final ImmutableMap<String, Integer> ceNextIds;
    final boolean puntDiscovery;
    final ImmutableMap<String, TransportPolicy> transport;

    /**
     * Creates the state.
     *
     * @param switches      switches by id
     * @param links         directed links that are up
     * @param sites         sites
     * @param ceMacs        CE MAC by site (configured or learned); a site without one gets no next hop yet
     * @param vrfIds        VRF id by VPN instance
     * @param routes        best route by prefix, by VRF
     * @param vpnLabels     VPN labels by key
     * @param plan          transport LSPs
     * @param ceNextIds     next-hop id by site
     * @param puntDiscovery whether to punt ARP, LLDP and BDDP (the embedded runtime; in ONOS the
     *                      discovery apps ask for those punts themselves)
     * @param transport     transport policy by VPN instance (absent: shared, best effort)
     */
    public ForwardingState(Map<DeviceId, Switch> switches, Collection<TransportTopology.Link> links,
                           Collection<Site> sites, Map<String, MacAddress> ceMacs, Map<String, Integer> vrfIds,
                           Map<VrfKey, Map<Ip4Prefix, VrfRoute>> routes, Map<LabelKey, Integer> vpnLabels,
                           TransportPlan plan, Map<String, Integer> ceNextIds, boolean puntDiscovery,
                           Map<String, TransportPolicy> transport) {
        this.transport = ImmutableMap.copyOf(transport);
        this.switches = ImmutableMap.copyOf(switches);
        this.links = ImmutableList.copyOf(links);
        this.sites = ImmutableList.copyOf(sites);
        this.ceMacs = ImmutableMap.copyOf(ceMacs);
        this.vrfIds = ImmutableMap.copyOf(vrfIds);
        this.routes = ImmutableMap.copyOf(routes);
        this.vpnLabels = ImmutableMap.copyOf(vpnLabels);
        this.plan = plan;
        this.ceNextIds = ImmutableMap.copyOf(ceNextIds);
        this.puntDiscovery = puntDiscovery;
    }

    /**
     * Returns the switches.
     *
     * @return switches by id
     */
    public Map<DeviceId, Switch> switches() {
        return switches;
    }

    /**
     * Returns this state with another transport plan (e.g. switched to backups after a failure).
     *
     * @param newPlan plan
     * @return state
     */
    public ForwardingState withPlan(TransportPlan newPlan) {
        return new ForwardingState(switches, links, sites, ceMacs, vrfIds, routes, vpnLabels, newPlan, ceNextIds,
                                   puntDiscovery, transport);
    }

    /**
     * Returns the sites.
     *
     * @return sites
     */
    public List<Site> sites() {
        return sites;
    }
}
