package org.p4vpn.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.onlab.packet.Ip4Prefix;
import org.onosproject.net.DeviceId;
import org.p4vpn.api.InvalidInputException;
import org.p4vpn.api.L3VpnAdminService;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.NotFoundException;
import org.p4vpn.api.Site;
import org.p4vpn.codec.VpnJson;

import javax.inject.Inject;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Sites (attachment circuits) and their static routes: {@code /sites}. */
@Path("sites")
@Produces(MediaType.APPLICATION_JSON)
public class SiteResource {

    @Inject
    private Services services;

    @Context
    private UriInfo uriInfo;

    /**
     * Lists sites, optionally of one VPN instance or on one PE.
     *
     * @param vpn    VPN instance filter
     * @param device PE filter
     * @return JSON array, ordered by name
     */
    @GET
    public JsonNode list(@QueryParam("vpn") String vpn, @QueryParam("device") String device) {
        DeviceId pe = device == null ? null : Params.parse("device", device, DeviceId::deviceId);
        List<Site> sites = services.get(L3VpnService.class).getSites().stream()
                .filter(s -> vpn == null || s.vpn().equals(vpn))
                .filter(s -> pe == null || s.device().equals(pe))
                .sorted(Comparator.comparing(Site::name))
                .collect(Collectors.toList());
        return Params.array(sites, VpnJson::encode);
    }

    /**
     * Returns a site.
     *
     * @param name name
     * @return JSON object
     */
    @GET
    @Path("{name}")
    public JsonNode get(@PathParam("name") String name) {
        return VpnJson.encode(services.get(L3VpnService.class).getSite(name).orElseThrow(
                () -> new NotFoundException("name", name, "no site named '" + name + "'")));
    }

    /**
     * Attaches a site.
     *
     * @param body site JSON
     * @return 201 with its location and the stored site
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonNode body) {
        Site created = services.get(L3VpnAdminService.class).createSite(VpnJson.site(body, ""));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.name()).build())
                .entity(VpnJson.encode(created)).build();
    }

    /**
     * Detaches a site.
     *
     * @param name name
     * @return 204
     */
    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        services.get(L3VpnAdminService.class).removeSite(name);
        return Response.noContent().build();
    }

    /**
     * Adds a static route toward the site's CE; body {@code {"prefix": "192.168.1.0/24"}}.
     *
     * @param name site name
     * @param body route JSON
     * @return 201 with the site's location and the updated site
     */
    @POST
    @Path("{name}/routes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addRoute(@PathParam("name") String name, JsonNode body) {
        if (!body.isObject()) {
            throw new InvalidInputException("body", body.toString(), "the body must be a JSON object");
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!f.equals("prefix")) {
                throw new InvalidInputException(f, body.get(f).toString(),
                        "unknown field '" + f + "'; the fields are " + Set.of("prefix"));
            }
        });
        JsonNode p = body.get("prefix");
        if (p == null || !p.isTextual()) {
            throw new InvalidInputException("prefix", p == null ? null : p.toString(), "prefix must be a string");
        }
        Ip4Prefix prefix = Params.parse("prefix", p.asText(), Ip4Prefix::valueOf);
        Site site = services.get(L3VpnAdminService.class).addStaticRoute(name, prefix);
        // a route has no resource of its own; it is part of the site
        return Response.created(uriInfo.getBaseUriBuilder().path("sites").path(name).build())
                .entity(VpnJson.encode(site)).build();
    }

    /**
     * Removes a static route given as a query parameter ({@code ?prefix=192.168.1.0/24}).
     *
     * @param name   site name
     * @param prefix prefix
     * @return the updated site
     */
    @DELETE
    @Path("{name}/routes")
    public JsonNode removeRoute(@PathParam("name") String name, @QueryParam("prefix") String prefix) {
        Ip4Prefix p = Params.parse("prefix", prefix, Ip4Prefix::valueOf);
        return VpnJson.encode(services.get(L3VpnAdminService.class).removeStaticRoute(name, p));
    }

    /**
     * Removes a static route given in the path, its slash written as {@code %2F} or as is
     * ({@code /sites/ce1/routes/192.168.1.0/24}).
     *
     * @param name   site name
     * @param prefix prefix
     * @return the updated site
     */
    @DELETE
    @Path("{name}/routes/{prefix: .+}")
    public JsonNode removeRouteInPath(@PathParam("name") String name, @PathParam("prefix") String prefix) {
        return removeRoute(name, prefix);
    }
}
