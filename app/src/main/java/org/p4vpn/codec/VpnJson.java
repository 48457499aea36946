package org.p4vpn.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.p4vpn.api.BgpNeighbor;
import org.p4vpn.api.InvalidInputException;
import org.p4vpn.api.LabelMode;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.PeerRelation;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.RouteDistinguisher;
import org.p4vpn.api.RouteReflectorConfig;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.Site;
import org.p4vpn.api.TransportPolicy;
import org.p4vpn.api.VpnId;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.api.VrfRoute;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

/** JSON encoding and decoding of VPN instances, sites and provider nodes. */
public final class VpnJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> VPN_FIELDS = Set.of("name", "routeDistinguisher", "importTargets",
            "exportTargets", "routeTargets", "labelMode", "vpnId", "description", "privateLsps", "qosClass");
    private static final Set<String> SITE_FIELDS = Set.of("name", "vpn", "device", "port", "vlan", "peInterface",
            "ceAddress", "ceMac", "staticRoutes", "description");
    private static final Set<String> NODE_FIELDS = Set.of("device", "role", "routerId", "routeReflector");
    private static final Set<String> NEIGHBOR_FIELDS = Set.of("address", "remoteAs", "relation", "passive");
    private static final Set<String> RR_FIELDS = Set.of("clusterId", "clients", "nonClients",
            "clientToClientReflection");

    private VpnJson() {
    }

    /**
     * Returns the shared object mapper.
     *
     * @return mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    // ------------------------------------------------------------------ VPN instances

    /**
     * Decodes a VPN instance. {@code routeTargets} sets import and export targets alike.
     *
     * @param json JSON object
     * @param path its path, for errors
     * @return VPN instance
     * @throws InvalidInputException naming the bad field
     */
    public static VpnInstance vpnInstance(JsonNode json, String path) {
        JsonFields f = JsonFields.of(json, path, VPN_FIELDS);
        VpnInstance.Builder b = VpnInstance.builder()
                .name(f.string("name"))
                .routeDistinguisher(f.parsed("routeDistinguisher", RouteDistinguisher::of))
                .labelMode(f.has("labelMode") ? f.parsed("labelMode", VpnJson::labelMode) : LabelMode.PER_VRF)
                .description(f.optString("description", ""));
        if (f.has("routeTargets")) {
            if (f.has("importTargets") || f.has("exportTargets")) {
                throw new InvalidInputException(f.field("routeTargets"), null,
                        "give either routeTargets or importTargets/exportTargets, not both");
            }
            b.routeTargets(f.list("routeTargets", RouteTarget::of));
        } else {
            b.importTargets(f.list("importTargets", RouteTarget::of));
            b.exportTargets(f.list("exportTargets", RouteTarget::of));
        }
        if (f.has("vpnId")) {
            b.vpnId(f.parsed("vpnId", VpnId::of));
        }
        b.transport(TransportPolicy.of(f.optBoolean("privateLsps", false),
                (int) f.optNumber("qosClass", 0, TransportPolicy.MAX_QOS_CLASS, 0)));
        return build(path, b::build);
    }

    private static LabelMode labelMode(String s) {
        try {
            return LabelMode.valueOf(s.toUpperCase().replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("labelMode", s, "labelMode is one of " + Arrays.toString(LabelMode.values()));
        }
    }

    /**
     * Encodes a VPN instance.
     *
     * @param v instance
     * @return JSON object
     */
    public static ObjectNode encode(VpnInstance v) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", v.name());
        o.put("routeDistinguisher", v.routeDistinguisher().toString());
        o.set("importTargets", strings(v.importTargets()));
        o.set("exportTargets", strings(v.exportTargets()));
        o.put("labelMode", v.labelMode().name());
        v.vpnId().ifPresent(id -> o.put("vpnId", id.toString()));
        o.put("privateLsps", v.transport().privateLsps());
        o.put("qosClass", v.transport().qosClass());
        o.put("description", v.description());
        return o;
    }

    // ------------------------------------------------------------------ sites

    /**
     * Decodes a site.
     *
     * @param json JSON object
     * @param path its path, for errors
     * @return site
     * @throws InvalidInputException naming the bad field
     */
    public static Site site(JsonNode json, String path) {
        JsonFields f = JsonFields.of(json, path, SITE_FIELDS);
        Site.Builder b = Site.builder()
                .name(f.string("name"))
                .vpn(f.string("vpn"))
                .device(f.parsed("device", DeviceId::deviceId))
                .port(PortNumber.portNumber(f.number("port", 1, 0xFFFFFF00L)))
                .vlan(f.has("vlan") ? VlanId.vlanId((short) f.number("vlan", 1, 4094)) : VlanId.NONE)
                .ceAddress(f.parsed("ceAddress", Ip4Address::valueOf))
                .staticRoutes(f.list("staticRoutes", Ip4Prefix::valueOf))
                .description(f.optString("description", ""));
        String cidr = f.string("peInterface");
        JsonFields.parse(f.field("peInterface"), cidr, c -> b.peInterface(c));
        if (f.has("ceMac")) {
            b.ceMac(f.parsed("ceMac", MacAddress::valueOf));
        }
        return build(path, b::build);
    }

    /**
     * Encodes a site.
     *
     * @param s site
     * @return JSON object
     */
    public static ObjectNode encode(Site s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", s.name());
        o.put("vpn", s.vpn());
        o.put("device", s.device().toString());
        o.put("port", s.port().toLong());
        if (!s.vlan().equals(VlanId.NONE)) {
            o.put("vlan", s.vlan().toShort());
        }
        o.put("peInterface", s.peAddress() + "/" + s.prefixLength());
        o.put("ceAddress", s.ceAddress().toString());
        s.ceMac().ifPresent(m -> o.put("ceMac", m.toString()));
        o.set("staticRoutes", strings(s.staticRoutes()));
        o.put("description", s.description());
        return o;
    }

    // ------------------------------------------------------------------ provider nodes

    /**
     * Decodes a provider node.
     *
     * @param json JSON object
     * @param path its path, for errors
     * @return node
     * @throws InvalidInputException naming the bad field
     */
    public static ProviderNode node(JsonNode json, String path) {
        JsonFields f = JsonFields.of(json, path, NODE_FIELDS);
        DeviceId device = f.parsed("device", DeviceId::deviceId);
        NodeRole role = f.parsed("role", r -> {
            try {
                return NodeRole.valueOf(r.toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("role", r, "role is one of " + Arrays.toString(NodeRole.values()));
            }
        });
        Ip4Address routerId = f.parsed("routerId", Ip4Address::valueOf);
        RouteReflectorConfig rr = null;
        if (f.has("routeReflector")) {
            String rrPath = f.field("routeReflector");
            JsonFields r = JsonFields.of(f.object("routeReflector"), rrPath, RR_FIELDS);
            rr = build(rrPath, () -> new RouteReflectorConfig(r.parsed("clusterId", Ip4Address::valueOf),
                    r.list("clients", Ip4Address::valueOf), r.list("nonClients", Ip4Address::valueOf),
                    r.optBoolean("clientToClientReflection", true)));
        }
        RouteReflectorConfig config = rr;
        return build(path, () -> new ProviderNode(device, role, routerId, config));
    }

    /**
     * Decodes a BGP neighbor: {@code {"address", "remoteAs", "relation": CLIENT|NON_CLIENT|EBGP,
     * "passive"}}.
     *
     * @param json JSON object
     * @param path its path for errors, "" at the top
     * @return neighbor
     * @throws InvalidInputException naming the field that is wrong
     */
    public static BgpNeighbor bgpNeighbor(JsonNode json, String path) {
        JsonFields f = JsonFields.of(json, path, NEIGHBOR_FIELDS);
        Ip4Address address = f.parsed("address", Ip4Address::valueOf);
        long as = f.number("remoteAs", 1, 0xFFFF_FFFFL);
        PeerRelation relation = f.parsed("relation", r -> {
            try {
                return PeerRelation.valueOf(r.toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("relation", r,
                        "relation is one of " + Arrays.toString(PeerRelation.values()));
            }
        });
        boolean passive = f.optBoolean("passive", false);
        return build(path, () -> new BgpNeighbor(address, as, relation, passive));
    }

    /**
     * Encodes a provider node.
     *
     * @param n node
     * @return JSON object
     */
    public static ObjectNode encode(ProviderNode n) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("device", n.deviceId().toString());
        o.put("role", n.role().name());
        o.put("routerId", n.routerId().toString());
        n.routeReflector().ifPresent(rr -> {
            ObjectNode r = o.putObject("routeReflector");
            r.put("clusterId", rr.clusterId().toString());
            r.set("clients", strings(rr.clients()));
            r.set("nonClients", strings(rr.nonClients()));
            r.put("clientToClientReflection", rr.clientToClientReflection());
        });
        return o;
    }

    // ------------------------------------------------------------------ VRF routes

    /**
     * Encodes a VRF table entry.
     *
     * @param r route
     * @return JSON object
     */
    public static ObjectNode encode(VrfRoute r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("prefix", r.prefix().toString());
        o.put("best", r.isBest());
        o.put("origin", r.kind().name());
        o.put("nextHop", r.nextHop().toString());
        r.site().ifPresent(s -> o.put("site", s));
        if (r.label() >= 0) {
            o.put("vpnLabel", r.label());
        }
        r.vpnRoute().ifPresent(v -> {
            o.put("routeDistinguisher", v.prefix().routeDistinguisher().toString());
            o.set("routeTargets", strings(v.routeTargets()));
            o.put("localPref", v.attributes().localPref());
            o.put("asPath", v.attributes().asPath().toString());
            v.attributes().originatorId().ifPresent(id -> o.put("originatorId", id.toString()));
            o.set("clusterList", strings(v.attributes().clusterList()));
        });
        return o;
    }

    private static ArrayNode strings(Collection<?> items) {
        ArrayNode a = MAPPER.createArrayNode();
        items.stream().map(Object::toString).forEach(a::add);
        return a;
    }

    /** Runs a model constructor, re-raising its field errors under the object's path. */
    private static <T> T build(String path, java.util.function.Supplier<T> ctor) {
        try {
            return ctor.get();
        } catch (InvalidInputException e) {
            String field = e.field() == null ? path : JsonFields.name(path, e.field());
            throw new InvalidInputException(field, e.value(), e.getMessage());
        }
    }
}
