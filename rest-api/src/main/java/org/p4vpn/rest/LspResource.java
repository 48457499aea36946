package org.p4vpn.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosproject.net.DeviceId;
import org.p4vpn.api.Lsp;
import org.p4vpn.api.LspHop;
import org.p4vpn.api.LspService;
import org.p4vpn.codec.VpnJson;

import javax.inject.Inject;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Transport LSPs as the programmer last computed them: {@code /lsps}, optionally filtered by
 * ingress and egress PE. Each LSP lists its equal-cost primary paths and its backup hop by hop with
 * the label it arrives with and the label it leaves with (3 is implicit null: popped; -1: none).
 */
@Path("lsps")
@Produces(MediaType.APPLICATION_JSON)
public class LspResource {

    @Inject
    private Services services;

    /**
     * Lists LSPs.
     *
     * @param ingress only LSPs from this PE (optional)
     * @param egress  only LSPs to this PE (optional)
     * @return JSON array ordered by ingress, then egress
     */
    @GET
    public JsonNode list(@QueryParam("ingress") String ingress, @QueryParam("egress") String egress) {
        DeviceId in = ingress == null ? null : Params.parse("ingress", ingress, DeviceId::deviceId);
        DeviceId out = egress == null ? null : Params.parse("egress", egress, DeviceId::deviceId);
        List<Lsp> lsps = services.get(LspService.class).getLsps().stream()
                .filter(l -> in == null || l.ingress().equals(in))
                .filter(l -> out == null || l.egress().equals(out))
                .sorted(Comparator.comparing((Lsp l) -> l.ingress().toString())
                                .thenComparing(l -> l.egress().toString()).thenComparing(l -> l.vpn().orElse("")))
                .collect(Collectors.toList());
        return Params.array(lsps, LspResource::encode);
    }

    static ObjectNode encode(Lsp l) {
        ObjectNode o = VpnJson.mapper().createObjectNode();
        o.put("ingress", l.ingress().toString());
        o.put("egress", l.egress().toString());
        o.put("state", l.state().name());
        o.put("vpn", l.vpn().orElse(null));
        ArrayNode primaries = o.putArray("primaries");
        l.primaries().forEach(p -> primaries.add(hops(p)));
        l.backup().ifPresent(b -> o.set("backup", hops(b)));
        return o;
    }

    private static ArrayNode hops(List<LspHop> hops) {
        ArrayNode a = VpnJson.mapper().createArrayNode();
        for (LspHop h : hops) {
            ObjectNode o = a.addObject();
            o.put("device", h.device().toString());
            o.put("inLabel", h.inLabel());
            o.put("outPort", h.outPort() == null ? null : h.outPort().toString());
            o.put("next", h.next() == null ? null : h.next().toString());
            o.put("outLabel", h.outLabel());
        }
        return a;
    }
}
