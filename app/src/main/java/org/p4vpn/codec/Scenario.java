package org.p4vpn.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.Site;
import org.p4vpn.api.VpnInstance;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A scenario file: the provider nodes with their roles, the VPN instances and the sites, in the
 * JSON forms of {@link VpnJson}. The main job and the labs provision from one; errors name the
 * entry and field, e.g. {@code sites[1].ceAddress}.
 */
public final class Scenario {

    private static final Set<String> FIELDS = Set.of("description", "nodes", "vpns", "sites", "checks");

    private final String description;
    private final List<ProviderNode> nodes;
    private final List<VpnInstance> vpns;
    private final List<Site> sites;
    private final JsonNode checks;

    private Scenario(String description, List<ProviderNode> nodes, List<VpnInstance> vpns, List<Site> sites,
                     JsonNode checks) {
        this.description = description;
        this.nodes = List.copyOf(nodes);
        this.vpns = List.copyOf(vpns);
        this.sites = List.copyOf(sites);
        this.checks = checks;
    }

    /**
     * Parses a scenario.
     *
     * @param json the document
     * @return scenario
     * @throws org.p4vpn.api.InvalidInputException naming the bad entry and field
     */
    public static Scenario parse(JsonNode json) {
        JsonFields f = JsonFields.of(json, "", FIELDS);
        List<ProviderNode> nodes = new ArrayList<>();
        List<JsonNode> n = f.objects("nodes");
        for (int i = 0; i < n.size(); i++) {
            nodes.add(VpnJson.node(n.get(i), "nodes[" + i + "]"));
        }
        List<VpnInstance> vpns = new ArrayList<>();
        List<JsonNode> v = f.objects("vpns");
        for (int i = 0; i < v.size(); i++) {
            vpns.add(VpnJson.vpnInstance(v.get(i), "vpns[" + i + "]"));
        }
        List<Site> sites = new ArrayList<>();
        List<JsonNode> s = f.objects("sites");
        for (int i = 0; i < s.size(); i++) {
            sites.add(VpnJson.site(s.get(i), "sites[" + i + "]"));
        }
        return new Scenario(f.optString("description", ""), nodes, vpns, sites, f.object("checks"));
    }

    /**
     * Reads and parses a scenario.
     *
     * @param in JSON text
     * @return scenario
     * @throws IOException if the text is not JSON
     */
    public static Scenario read(InputStream in) throws IOException {
        return parse(VpnJson.mapper().readTree(in));
    }

    /**
     * Encodes this scenario.
     *
     * @return JSON document
     */
    public ObjectNode toJson() {
        ObjectNode o = VpnJson.mapper().createObjectNode();
        o.put("description", description);
        ArrayNode n = o.putArray("nodes");
        nodes.forEach(x -> n.add(VpnJson.encode(x)));
        ArrayNode v = o.putArray("vpns");
        vpns.forEach(x -> v.add(VpnJson.encode(x)));
        ArrayNode s = o.putArray("sites");
        sites.forEach(x -> s.add(VpnJson.encode(x)));
        if (checks != null) {
            o.set("checks", checks.deepCopy());
        }
        return o;
    }

    /**
     * Returns the description.
     *
     * @return text
     */
    public String description() {
        return description;
    }

    /**
     * Returns the provider nodes.
     *
     * @return nodes
     */
    public List<ProviderNode> nodes() {
        return nodes;
    }

    /**
     * Returns the VPN instances.
     *
     * @return instances
     */
    public List<VpnInstance> vpns() {
        return vpns;
    }

    /**
     * Returns the sites.
     *
     * @return sites
     */
    public List<Site> sites() {
        return sites;
    }

    /**
     * Returns the expected reachability checks, as written in the file (used by labs and the main
     * job's verification table), or null.
     *
     * @return checks
     */
    public JsonNode checks() {
        return checks;
    }
}
