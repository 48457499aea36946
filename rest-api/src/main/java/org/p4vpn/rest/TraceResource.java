package org.p4vpn.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onlab.packet.Ip4Address;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.LspService;
import org.p4vpn.api.NetworkStateService;
import org.p4vpn.api.VpnRouteService;
import org.p4vpn.codec.VpnJson;
import org.p4vpn.trace.PacketTrace;
import org.p4vpn.trace.TraceHop;
import org.p4vpn.trace.VpnTracer;

import javax.inject.Inject;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

/**
 * Trace: the predicted path of a packet from a site's CE to a destination address in its VPN, hop
 * by hop with the label stack, or the reason it is dropped.
 */
@Path("trace")
@Produces(MediaType.APPLICATION_JSON)
public class TraceResource {

    @Inject
    private Services services;

    /**
     * Traces a packet.
     *
     * @param vpn         VPN instance
     * @param site        source site
     * @param destination destination IPv4 address
     * @return the trace
     */
    @GET
    public JsonNode trace(@QueryParam("vpn") String vpn, @QueryParam("site") String site,
                          @QueryParam("destination") String destination) {
        Params.parse("vpn", vpn, v -> v);
        Params.parse("site", site, v -> v);
        Ip4Address dst = Params.parse("destination", destination, Ip4Address::valueOf);
        VpnTracer tracer = new VpnTracer(services.get(L3VpnService.class), services.get(VpnRouteService.class),
                                         services.get(LspService.class), services.get(NetworkStateService.class));
        return encode(tracer.trace(vpn, site, dst));
    }

    static ObjectNode encode(PacketTrace t) {
        ObjectNode o = VpnJson.mapper().createObjectNode();
        o.put("vpn", t.vpn());
        o.put("site", t.site());
        o.put("destination", t.destination().toString());
        o.put("delivered", t.isDelivered());
        o.put("egressSite", t.egressSite().orElse(null));
        o.put("dropReason", t.dropReason().orElse(null));
        o.put("equalCostPaths", t.equalCostPaths());
        ArrayNode hops = o.putArray("hops");
        for (TraceHop h : t.hops()) {
            ObjectNode j = hops.addObject();
            j.put("device", h.device().toString());
            j.put("inPort", h.inPort() == null ? null : h.inPort().toLong());
            j.put("outPort", h.outPort() == null ? null : h.outPort().toLong());
            j.put("action", h.action().name());
            ArrayNode labels = j.putArray("labels");
            h.labels().forEach(labels::add);
        }
        return o;
    }
}
