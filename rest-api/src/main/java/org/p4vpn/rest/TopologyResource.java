package org.p4vpn.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosproject.net.DeviceId;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.NetworkLink;
import org.p4vpn.api.NetworkStateService;
import org.p4vpn.api.NetworkSwitch;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.Site;
import org.p4vpn.codec.VpnJson;

import javax.inject.Inject;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The provider network for the topology view: switches with their role and whether they are
 * connected, links with metric and state, and the CE sites attached to them.
 */
@Path("topology")
@Produces(MediaType.APPLICATION_JSON)
public class TopologyResource {

    @Inject
    private Services services;

    /**
     * Returns the topology.
     *
     * @return {@code {devices, links, sites}}
     */
    @GET
    public JsonNode topology() {
        L3VpnService vpns = services.get(L3VpnService.class);
        NetworkStateService network = services.get(NetworkStateService.class);
        Map<String, ObjectNode> devices = new TreeMap<>();
        for (NetworkSwitch s : network.getSwitches()) {
            ObjectNode d = device(s.id());
            d.put("name", s.name());
            d.put("connected", s.isConnected());
            devices.put(s.id().toString(), d);
        }
        for (ProviderNode n : vpns.getNodes()) {
            ObjectNode d = devices.computeIfAbsent(n.deviceId().toString(), k -> device(n.deviceId())
                    .put("name", k).put("connected", false));
            d.put("role", n.role().name());
            d.put("routerId", n.routerId().toString());
        }
        ObjectNode out = VpnJson.mapper().createObjectNode();
        ArrayNode devs = out.putArray("devices");
        devices.values().forEach(devs::add);
        ArrayNode links = out.putArray("links");
        network.getLinks().stream().sorted(Comparator.comparing((NetworkLink l) -> l.a().toString())
                .thenComparing(l -> l.b().toString())).forEach(l -> links.addObject()
                        .put("src", l.a().deviceId().toString()).put("srcPort", l.a().port().toLong())
                        .put("dst", l.b().deviceId().toString()).put("dstPort", l.b().port().toLong())
                        .put("metric", l.metric()).put("state", l.isUp() ? "UP" : "DOWN"));
        ArrayNode sites = out.putArray("sites");
        vpns.getSites().stream().sorted(Comparator.comparing(Site::name)).forEach(s -> sites.addObject()
                .put("name", s.name()).put("vpn", s.vpn()).put("device", s.device().toString())
                .put("port", s.port().toLong()).put("ceAddress", s.ceAddress().toString()));
        return out;
    }

    private static ObjectNode device(DeviceId id) {
        ObjectNode d = VpnJson.mapper().createObjectNode();
        d.put("id", id.toString());
        d.putNull("role");
        d.putNull("routerId");
        return d;
    }
}
