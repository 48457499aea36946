package org.p4vpn.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.p4vpn.api.InvalidInputException;
import org.p4vpn.api.L3VpnAdminService;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.LabelMode;
import org.p4vpn.api.NotFoundException;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.codec.VpnJson;

import javax.inject.Inject;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** VPN instances: {@code /vpns}. */
@Path("vpns")
@Produces(MediaType.APPLICATION_JSON)
public class VpnResource {

    @Inject
    private Services services;

    @Context
    private UriInfo uriInfo;

    /**
     * Lists VPN instances, optionally those with a route target (import or export) or label mode.
     *
     * @param routeTarget route target filter
     * @param labelMode   label mode filter
     * @return JSON array, ordered by name
     */
    @GET
    public JsonNode list(@QueryParam("routeTarget") String routeTarget, @QueryParam("labelMode") String labelMode) {
        RouteTarget rt = routeTarget == null ? null : Params.parse("routeTarget", routeTarget, RouteTarget::of);
        LabelMode mode = labelMode == null ? null : labelMode(labelMode);
        List<VpnInstance> vpns = services.get(L3VpnService.class).getVpnInstances().stream()
                .filter(v -> rt == null || v.importTargets().contains(rt) || v.exportTargets().contains(rt))
                .filter(v -> mode == null || v.labelMode() == mode)
                .sorted(Comparator.comparing(VpnInstance::name))
                .collect(Collectors.toList());
        return Params.array(vpns, VpnJson::encode);
    }

    /**
     * Returns a VPN instance.
     *
     * @param name name
     * @return JSON object
     */
    @GET
    @Path("{name}")
    public JsonNode get(@PathParam("name") String name) {
        return VpnJson.encode(find(name));
    }

    /**
     * Creates a VPN instance.
     *
     * @param body VPN instance JSON
     * @return 201 with its location and the stored instance
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonNode body) {
        VpnInstance created = services.get(L3VpnAdminService.class).createVpnInstance(VpnJson.vpnInstance(body, ""));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.name()).build())
                .entity(VpnJson.encode(created)).build();
    }

    /**
     * Updates a VPN instance's route targets, label mode, VPN id and description. The name comes
     * from the path; a body without a route distinguisher keeps the current one, a different one
     * is a conflict.
     *
     * @param name name
     * @param body VPN instance JSON
     * @return the stored instance
     */
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonNode update(@PathParam("name") String name, JsonNode body) {
        ObjectNode o = Params.withPathField(body, "name", name);
        if (!o.hasNonNull("routeDistinguisher")) {
            o.put("routeDistinguisher", find(name).routeDistinguisher().toString());
        }
        return VpnJson.encode(services.get(L3VpnAdminService.class).updateVpnInstance(VpnJson.vpnInstance(o, "")));
    }

    /**
     * Deletes a VPN instance with its sites.
     *
     * @param name name
     * @return 204
     */
    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        services.get(L3VpnAdminService.class).removeVpnInstance(name);
        return Response.noContent().build();
    }

    private VpnInstance find(String name) {
        return services.get(L3VpnService.class).getVpnInstance(name).orElseThrow(
                () -> new NotFoundException("name", name, "no VPN instance named '" + name + "'"));
    }

    private static LabelMode labelMode(String text) {
        try {
            return LabelMode.valueOf(text.toUpperCase().replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("labelMode", text, "labelMode is one of "
                    + Arrays.toString(LabelMode.values()));
        }
    }
}
