package org.p4vpn.bgp.wire.interop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BIRD 2 with a vpn4 table, its route from a static protocol, read with 'birdc show route all'.
 * BIRD 2.0 sends its own locally attached routes with label 3 (implicit null) whatever the
 * static route says, so the label we check for its route is the one it shows it sent.
 */
final class BirdDaemon extends Daemon {

    private static final Pattern RT = Pattern.compile("\\(rt, (\\d+), (\\d+)\\)");
    private final String rd;
    private final String prefix;

    BirdDaemon(String address, String routerId, String rrAddress, String rd, String prefix) throws IOException {
        super("bird", address, routerId, rrAddress);
        this.rd = rd;
        this.prefix = prefix;
    }

    @Override
    void start() throws IOException {
        String[] rt = rd.split(":");
        write("bird.conf", String.join("\n",
                "router id " + routerId + ";",
                "log stderr all;",
                "vpn4 table vpntab;",
                "protocol device {}",
                "protocol static { ipv4; route 10.0.0.0/8 unreachable; }",
                "protocol static vpnroutes {",
                "  vpn4 { table vpntab; };",
                "  route " + rd + " " + prefix + " via \"lo\";",
                "}",
                "protocol bgp toRR {",
                "  local " + address + " as 65000;",
                "  strict bind yes;",
                "  neighbor " + rrAddress + " as 65000;",
                "  connect retry time 1;",
                "  vpn4 mpls { table vpntab; import all; igp table master4; gateway recursive; next hop self;",
                "    export filter { bgp_ext_community.add((rt, " + rt[0] + ", " + rt[1] + ")); accept; }; };",
                "}",
                ""));
        launch("bird", "-f", "-c", dir.resolve("bird.conf").toString(), "-s", dir.resolve("bird.ctl").toString());
    }

    @Override
    String[] originated() {
        return new String[] {rd, prefix, "3", rd};
    }

    @Override
    Optional<SeenRoute> route(String rdText, String prefixText) {
        String out = run("birdc", "-s", dir.resolve("bird.ctl").toString(), "show", "route", "all", "table",
                         "vpntab", rdText + " " + prefixText);
        int at = out.indexOf(rdText + " " + prefixText);
        if (at < 0 || !out.contains("BGP.")) {
            return Optional.empty();
        }
        String block = out.substring(at);
        Set<String> rts = new LinkedHashSet<>();
        Matcher m = RT.matcher(field(block, "BGP.ext_community"));
        while (m.find()) {
            rts.add(m.group(1) + ":" + m.group(2));
        }
        List<String> clusters = new ArrayList<>();
        for (String c : field(block, "BGP.cluster_list").trim().split("\\s+")) {
            if (!c.isEmpty()) {
                clusters.add(c);
            }
        }
        String label = field(block, "BGP.mpls_label_stack").trim();
        String originator = field(block, "BGP.originator_id").trim();
        return Optional.of(new SeenRoute(rdText, prefixText, label.isEmpty() ? -1 : Integer.parseInt(label.split(" ")[0]),
                                         rts, field(block, "BGP.next_hop").trim(),
                                         originator.isEmpty() ? null : originator, clusters));
    }

    private static String field(String block, String name) {
        int i = block.indexOf(name + ":");
        if (i < 0) {
            return "";
        }
        int end = block.indexOf('\n', i);
        return block.substring(i + name.length() + 1, end < 0 ? block.length() : end);
    }
}
