package org.p4vpn.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.onlab.packet.Ip4Address;
import org.onosproject.net.DeviceId;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.NotFoundException;
import org.p4vpn.api.RibEntry;
import org.p4vpn.api.SpeakerState;
import org.p4vpn.api.VpnRouteService;
import org.p4vpn.api.VrfKey;
import org.p4vpn.codec.VpnJson;

import javax.inject.Inject;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the route engine computed: VRF tables, VPNv4 RIBs, reflector state, label allocations. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class RouteViewResource {

    @Inject
    private Services services;

    /**
     * Lists the VRFs (a VPN instance with a site on a PE).
     *
     * @return JSON array of {@code {device, vpn}}
     */
    @GET
    @Path("vrfs")
    public JsonNode vrfs() {
        List<VrfKey> keys = services.get(VpnRouteService.class).getVrfs().stream().sorted()
                .collect(Collectors.toList());
        return Params.array(keys, ViewJson::encode);
    }

    /**
     * Returns a VRF table: every candidate route by prefix, the best flagged.
     *
     * @param device PE device id
     * @param vpn    VPN instance
     * @return JSON array of VRF routes
     */
    @GET
    @Path("vrfs/{device}/{vpn}")
    public JsonNode vrfTable(@PathParam("device") String device, @PathParam("vpn") String vpn) {
        VrfKey key = new VrfKey(Params.parse("device", device, DeviceId::deviceId), vpn);
        VpnRouteService routes = services.get(VpnRouteService.class);
        if (!routes.getVrfs().contains(key)) {
            throw new NotFoundException("vrf", key.toString(), "no VRF of VPN '" + vpn + "' on " + device
                    + " (a VRF exists once the VPN has a site on that PE)");
        }
        return Params.array(routes.getVrfTable(key), VpnJson::encode);
    }

    /**
     * Returns a BGP speaker's VPNv4 RIB.
     *
     * @param routerId the speaker's router id
     * @return JSON array of paths, best first per prefix
     */
    @GET
    @Path("rib/{routerId}")
    public JsonNode rib(@PathParam("routerId") String routerId) {
        Ip4Address id = Params.parse("routerId", routerId, Ip4Address::valueOf);
        VpnRouteService routes = services.get(VpnRouteService.class);
        if (routes.getSpeakers().stream().noneMatch(s -> s.routerId().equals(id))) {
            throw new NotFoundException("routerId", routerId, "no BGP speaker with router id " + routerId);
        }
        List<RibEntry> rib = routes.getVpnRib(id);
        return Params.array(rib, ViewJson::encode);
    }

    /**
     * Returns the state of every BGP speaker: PEs and route reflectors with cluster ids and peers.
     *
     * @return JSON array
     */
    @GET
    @Path("route-reflectors")
    public JsonNode speakers() {
        List<SpeakerState> speakers = services.get(VpnRouteService.class).getSpeakers();
        return Params.array(speakers, ViewJson::encode);
    }

    /**
     * Returns every allocated label.
     *
     * @return JSON array ordered by device, purpose, VPN and owner
     */
    @GET
    @Path("labels")
    public JsonNode labels() {
        Map<LabelKey, Integer> labels = services.get(L3VpnService.class).getLabelAllocations();
        ArrayNode a = VpnJson.mapper().createArrayNode();
        labels.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<LabelKey, Integer> e) -> e.getKey().device().toString())
                        .thenComparing(e -> e.getKey().purpose())
                        .thenComparing(e -> e.getKey().vpn())
                        .thenComparing(e -> e.getKey().owner()))
                .forEach(e -> a.add(ViewJson.encode(e.getKey(), e.getValue())));
        return a;
    }
}
