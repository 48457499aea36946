package org.p4vpn.bgp.wire.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** GoBGP's gobgpd, its route added with the gobgp CLI, read with 'gobgp global rib -a vpnv4 -j'. */
final class GoBgpDaemon extends Daemon {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final int apiPort;
    private final String rd;
    private final String prefix;
    private final int label;

    GoBgpDaemon(String address, String routerId, String rrAddress, int apiPort, String rd, String prefix, int label)
            throws IOException {
        super("gobgp", address, routerId, rrAddress);
        this.apiPort = apiPort;
        this.rd = rd;
        this.prefix = prefix;
        this.label = label;
    }

    @Override
    void start() throws IOException {
        write("gobgp.toml", String.join("\n",
                "[global.config]",
                "  as = 65000",
                "  router-id = \"" + routerId + "\"",
                "  port = 179",
                "  local-address-list = [\"" + address + "\"]",
                "[[neighbors]]",
                "  [neighbors.config]",
                "    neighbor-address = \"" + rrAddress + "\"",
                "    peer-as = 65000",
                "  [neighbors.transport.config]",
                "    local-address = \"" + address + "\"",
                "  [neighbors.timers.config]",
                "    connect-retry = 1",
                "  [[neighbors.afi-safis]]",
                "    [neighbors.afi-safis.config]",
                "      afi-safi-name = \"l3vpn-ipv4-unicast\"",
                ""));
        launch("gobgpd", "-f", dir.resolve("gobgp.toml").toString(), "-t", "toml", "-l", "info",
               "--api-hosts", "127.0.0.1:" + apiPort);
    }

    /** Adds the route through the API; false until gobgpd answers. */
    boolean addRoute() {
        return !run("gobgp", "-p", Integer.toString(apiPort), "global", "rib", "-a", "vpnv4", "add", prefix,
                    "label", Integer.toString(label), "rd", rd, "rt", rd, "nexthop", routerId).isEmpty()
                || route(rd, prefix).isPresent();
    }

    @Override
    String[] originated() {
        return new String[] {rd, prefix, Integer.toString(label), rd};
    }

    @Override
    Optional<SeenRoute> route(String rdText, String prefixText) {
        String out = run("gobgp", "-p", Integer.toString(apiPort), "global", "rib", "-a", "vpnv4", "-j");
        try {
            JsonNode paths = JSON.readTree(out.isEmpty() ? "{}" : out).path(rdText + ":" + prefixText);
            if (!paths.isArray() || paths.size() == 0) {
                return Optional.empty();
            }
            JsonNode p = paths.get(0);
            Set<String> rts = new LinkedHashSet<>();
            List<String> clusters = new ArrayList<>();
            String originator = null;
            String nextHop = null;
            for (JsonNode a : p.path("attrs")) {
                switch (a.path("type").asInt()) {
                    case 9:
                        originator = a.path("value").asText();
                        break;
                    case 10:
                        a.path("value").forEach(c -> clusters.add(c.asText()));
                        break;
                    case 14:
                        nextHop = a.path("nexthop").asText();
                        break;
                    case 16:
                        a.path("value").forEach(c -> {
                            if (c.path("subtype").asInt() == 2) {
                                rts.add(c.path("value").asText());
                            }
                        });
                        break;
                    default:
                        break;
                }
            }
            return Optional.of(new SeenRoute(rdText, prefixText, p.path("nlri").path("labels").path(0).asInt(-1), rts,
                                             nextHop, originator, clusters));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
