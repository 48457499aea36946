package org.p4vpn.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.onosproject.net.DeviceId;
import org.p4vpn.api.L3VpnAdminService;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.NotFoundException;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.codec.VpnJson;

import javax.inject.Inject;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Provider nodes (PE, P, route reflector) and their router ids: {@code /nodes}. */
@Path("nodes")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {

    @Inject
    private Services services;

    /**
     * Lists provider nodes with their roles.
     *
     * @return JSON array, ordered by device id
     */
    @GET
    public JsonNode list() {
        List<ProviderNode> nodes = services.get(L3VpnService.class).getNodes().stream()
                .sorted(Comparator.comparing(n -> n.deviceId().toString()))
                .collect(Collectors.toList());
        return Params.array(nodes, VpnJson::encode);
    }

    /**
     * Returns a provider node.
     *
     * @param deviceId device id
     * @return JSON object
     */
    @GET
    @Path("{deviceId}")
    public JsonNode get(@PathParam("deviceId") String deviceId) {
        DeviceId device = Params.parse("deviceId", deviceId, DeviceId::deviceId);
        return VpnJson.encode(services.get(L3VpnService.class).getNode(device).orElseThrow(
                () -> new NotFoundException("deviceId", deviceId, "no provider node '" + deviceId + "'")));
    }

    /**
     * Configures a provider node (adds it or replaces its settings); the device comes from the path.
     *
     * @param deviceId device id
     * @param body     node JSON
     * @return the stored node
     */
    @PUT
    @Path("{deviceId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonNode put(@PathParam("deviceId") String deviceId, JsonNode body) {
        ProviderNode node = VpnJson.node(Params.withPathField(body, "device", deviceId), "");
        return VpnJson.encode(services.get(L3VpnAdminService.class).setNode(node));
    }

    /**
     * Removes a provider node.
     *
     * @param deviceId device id
     * @return 204
     */
    @DELETE
    @Path("{deviceId}")
    public Response delete(@PathParam("deviceId") String deviceId) {
        services.get(L3VpnAdminService.class).removeNode(Params.parse("deviceId", deviceId, DeviceId::deviceId));
        return Response.noContent().build();
    }
}
