package org.p4vpn.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.PathAttributes;
import org.p4vpn.api.RibEntry;
import org.p4vpn.api.SpeakerState;
import org.p4vpn.api.VpnRoute;
import org.p4vpn.api.VrfKey;
import org.p4vpn.codec.VpnJson;

import java.util.Collection;

/**
 * JSON of the read-only views {@link VpnJson} does not cover yet: VRF keys, VPNv4 RIB entries,
 * speaker states and label allocations. Field names follow {@code VpnJson.encode(VrfRoute)}.
 * These belong in {@code VpnJson} once the app module takes them over.
 */
final class ViewJson {

    private ViewJson() {
    }

    static ObjectNode encode(VrfKey k) {
        ObjectNode o = VpnJson.mapper().createObjectNode();
        o.put("device", k.device().toString());
        o.put("vpn", k.vpn());
        return o;
    }

    static ObjectNode encode(RibEntry e) {
        ObjectNode o = encode(e.route());
        o.put("best", e.isBest());
        return o;
    }

    static ObjectNode encode(VpnRoute r) {
        ObjectNode o = VpnJson.mapper().createObjectNode();
        o.put("routeDistinguisher", r.prefix().routeDistinguisher().toString());
        o.put("prefix", r.prefix().prefix().toString());
        o.put("nextHop", r.nextHop().toString());
        o.put("vpnLabel", r.label());
        o.set("routeTargets", strings(r.routeTargets()));
        PathAttributes a = r.attributes();
        o.put("origin", a.origin().name());
        o.put("asPath", a.asPath().toString());
        a.med().ifPresent(m -> o.put("med", m));
        o.put("localPref", a.localPref());
        a.originatorId().ifPresent(id -> o.put("originatorId", id.toString()));
        o.set("clusterList", strings(a.clusterList()));
        ObjectNode from = o.putObject("source");
        from.put("type", r.source().type().name());
        if (r.source().type() != org.p4vpn.api.RouteSource.Type.LOCAL) {
            from.put("peerAddress", r.source().peerAddress().toString());
            from.put("peerRouterId", r.source().peerRouterId().toString());
        }
        return o;
    }

    static ObjectNode encode(SpeakerState s) {
        ObjectNode o = VpnJson.mapper().createObjectNode();
        o.put("name", s.name());
        o.put("routerId", s.routerId().toString());
        o.put("routeReflector", s.clusterId().isPresent());
        s.clusterId().ifPresent(c -> o.put("clusterId", c.toString()));
        o.put("clientToClientReflection", s.clientToClientReflection());
        ArrayNode peers = o.putArray("peers");
        s.peers().entrySet().stream()
                .sorted((x, y) -> Integer.compareUnsigned(x.getKey().toInt(), y.getKey().toInt()))
                .forEach(e -> peers.addObject().put("routerId", e.getKey().toString())
                        .put("relation", e.getValue().name()));
        o.put("prefixes", s.prefixes());
        o.put("paths", s.paths());
        o.put("discardedOriginatorLoops", s.discardedOriginatorLoops());
        o.put("discardedClusterLoops", s.discardedClusterLoops());
        return o;
    }

    static ObjectNode encode(LabelKey k, int label) {
        ObjectNode o = VpnJson.mapper().createObjectNode();
        o.put("device", k.device().toString());
        o.put("purpose", k.purpose().name());
        o.put("vpn", k.vpn());
        o.put("owner", k.owner());
        o.put("label", label);
        return o;
    }

    private static ArrayNode strings(Collection<?> items) {
        ArrayNode a = VpnJson.mapper().createArrayNode();
        items.forEach(i -> a.add(i.toString()));
        return a;
    }
}
