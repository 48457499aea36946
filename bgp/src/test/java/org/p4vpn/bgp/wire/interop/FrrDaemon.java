package org.p4vpn.bgp.wire.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** FRR's bgpd (without zebra), read with vtysh 'show bgp ipv4 vpn rd RD PREFIX json'. */
final class FrrDaemon extends Daemon {

    static final String BGPD = "/usr/lib/frr/bgpd";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String rd;
    private final String prefix;
    private final int label;
    private final boolean gracefulRestart;

    FrrDaemon(String address, String routerId, String rrAddress, String rd, String prefix, int label)
            throws IOException {
        this(address, routerId, rrAddress, rd, prefix, label, false);
    }

    /** With {@code gracefulRestart}, FRR announces itself as a restarting speaker (RFC 4724). */
    FrrDaemon(String address, String routerId, String rrAddress, String rd, String prefix, int label,
              boolean gracefulRestart) throws IOException {
        super("frr", address, routerId, rrAddress);
        this.rd = rd;
        this.prefix = prefix;
        this.label = label;
        this.gracefulRestart = gracefulRestart;
    }

    @Override
    void start() throws IOException {
        write("bgpd.conf", String.join("\n",
                "hostname frr-" + routerId,
                "log stdout informational",
                "router bgp 65000",
                " bgp router-id " + routerId,
                gracefulRestart ? " bgp graceful-restart\n bgp graceful-restart preserve-fw-state" : "!",
                " no bgp default ipv4-unicast",
                " no bgp network import-check",
                " neighbor " + rrAddress + " remote-as 65000",
                " neighbor " + rrAddress + " update-source " + address,
                " neighbor " + rrAddress + " timers connect 1",
                " address-family ipv4 vpn",
                "  neighbor " + rrAddress + " activate",
                "  neighbor " + rrAddress + " route-map RT out",
                "  network " + prefix + " rd " + rd + " label " + label,
                " exit-address-family",
                "route-map RT permit 10",
                " set extcommunity rt " + rd,
                ""));
        run("mkdir", "-p", "/var/run/frr");
        run("chown", "-R", "frr:frr", "/var/run/frr", dir.toString());
        launch(BGPD, "-Z", "-f", dir.resolve("bgpd.conf").toString(), "-i", dir.resolve("bgpd.pid").toString(),
               "--vty_socket", dir.toString(), "-A", "127.0.0.1", "-P", "0", "-l", address, "-p", "179");
    }

    @Override
    String[] originated() {
        return new String[] {rd, prefix, Integer.toString(label), rd};
    }

    @Override
    Optional<SeenRoute> route(String rdText, String prefixText) {
        String out = run("vtysh", "--vty_socket", dir.toString(), "-c",
                         "show bgp ipv4 vpn rd " + rdText + " " + prefixText + " json");
        try {
            JsonNode paths = JSON.readTree(out.isEmpty() ? "{}" : out).path(rdText).path("paths");
            if (!paths.isArray() || paths.size() == 0) {
                return Optional.empty();
            }
            JsonNode p = paths.get(0);
            Set<String> rts = new LinkedHashSet<>();
            for (String t : p.path("extendedCommunity").path("string").asText("").split(" ")) {
                if (t.startsWith("RT:")) {
                    rts.add(t.substring(3));
                }
            }
            List<String> clusters = new ArrayList<>();
            p.path("clusterList").path("list").forEach(c -> clusters.add(c.asText()));
            return Optional.of(new SeenRoute(rdText, prefixText, p.path("remoteLabel").asInt(-1), rts,
                                             p.path("nexthops").path(0).path("ip").asText(null),
                                             p.path("originatorId").asText(null), clusters));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
