package org.p4vpn.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onlab.packet.Ip4Address;
import org.p4vpn.api.BgpNeighbor;
import org.p4vpn.api.BgpNeighborService;
import org.p4vpn.api.BgpNeighborState;
import org.p4vpn.api.NotFoundException;
import org.p4vpn.codec.VpnJson;

import javax.inject.Inject;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * The controller's BGP neighbors: {@code /bgp/neighbors} (configuration and session state) and,
 * per neighbor, the routes received ({@code adj-rib-in}) and sent ({@code adj-rib-out}).
 */
@Path("bgp/neighbors")
@Produces(MediaType.APPLICATION_JSON)
public class BgpNeighborResource {

    @Inject
    private Services services;

    private BgpNeighborService bgp() {
        try {
            return services.get(BgpNeighborService.class);
        } catch (IllegalStateException e) {
            throw new NotFoundException("bgp", null, "no BGP speaker runs in this controller");
        }
    }

    /**
     * Lists the neighbors with their session state.
     *
     * @return JSON array in configuration order
     */
    @GET
    public JsonNode list() {
        return Params.array(bgp().getNeighbors(), BgpNeighborResource::encode);
    }

    /**
     * Adds a neighbor.
     *
     * @param body {@code {"address", "remoteAs", "relation": CLIENT|NON_CLIENT|EBGP, "passive"}}
     * @return 201 with the neighbor's state
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(JsonNode body) {
        BgpNeighbor n = VpnJson.bgpNeighbor(body, "");
        bgp().addNeighbor(n);
        return Response.status(Response.Status.CREATED).entity(encode(bgp().getNeighbor(n.address()).orElseThrow()))
                .build();
    }

    /**
     * Returns a neighbor's state.
     *
     * @param address neighbor address
     * @return JSON object
     */
    @GET
    @Path("{address}")
    public JsonNode get(@PathParam("address") String address) {
        Ip4Address a = address(address);
        return encode(bgp().getNeighbor(a).orElseThrow(
                () -> new NotFoundException("address", address, "no BGP neighbor " + address)));
    }

    /**
     * Removes a neighbor (its session ends, its routes are withdrawn).
     *
     * @param address neighbor address
     * @return 204
     */
    @DELETE
    @Path("{address}")
    public Response delete(@PathParam("address") String address) {
        bgp().removeNeighbor(address(address));
        return Response.noContent().build();
    }

    /**
     * Returns the routes the neighbor sent that are kept.
     *
     * @param address neighbor address
     * @return JSON array of routes
     */
    @GET
    @Path("{address}/adj-rib-in")
    public JsonNode adjRibIn(@PathParam("address") String address) {
        return Params.array(bgp().getAdjRibIn(address(address)), ViewJson::encode);
    }

    /**
     * Returns the routes sent to the neighbor.
     *
     * @param address neighbor address
     * @return JSON array of routes
     */
    @GET
    @Path("{address}/adj-rib-out")
    public JsonNode adjRibOut(@PathParam("address") String address) {
        return Params.array(bgp().getAdjRibOut(address(address)), ViewJson::encode);
    }

    private static Ip4Address address(String text) {
        return Params.parse("address", text, Ip4Address::valueOf);
    }

    static ObjectNode encode(BgpNeighborState s) {
        ObjectNode o = VpnJson.mapper().createObjectNode();
        BgpNeighbor n = s.neighbor();
        o.put("address", n.address().toString());
        o.put("remoteAs", n.remoteAs());
        o.put("relation", n.relation().name());
        o.put("passive", n.passive());
        o.put("state", s.state());
        s.bgpId().ifPresent(id -> o.put("bgpId", id.toString()));
        o.put("establishedSeconds", s.establishedSeconds());
        o.put("updatesIn", s.updatesIn());
        o.put("prefixesIn", s.prefixesIn());
        o.put("treatedAsWithdraw", s.treatedAsWithdraw());
        s.lastError().ifPresent(e -> o.put("lastError", e));
        return o;
    }
}
