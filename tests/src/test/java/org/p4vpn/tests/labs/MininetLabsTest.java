package org.p4vpn.tests.labs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.Site;
import org.p4vpn.codec.Scenario;
import org.p4vpn.p4rt.topo.NetworkFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Mininet labs without Mininet or BMv2: every topology's network file and scenario are read
 * with the product's own parsers, the scenario names only devices, ports and hosts the network
 * has, and the Python topology (dumped by {@code topo.py --dump}) has exactly the network file's
 * switches, links and hosts.
 */
class MininetLabsTest {

    private static final Path LABS = Paths.get("..", "mininet-topologies");
    private static final Path PYTHON = Paths.get("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> topologies() throws IOException {
        try (Stream<Path> dirs = Files.list(LABS)) {
            List<String> names = dirs.filter(d -> Files.exists(d.resolve("topo.py"))).map(d -> d.getFileName().toString())
                    .sorted().collect(Collectors.toList());
            assertTrue(names.size() >= 5, "expected the five labs, found " + names);
            return names.stream();
        }
    }

    private static NetworkFile network(String lab) throws IOException {
        try (InputStream in = Files.newInputStream(LABS.resolve(lab).resolve("network.json"))) {
            return NetworkFile.read(in);
        }
    }

    private static Scenario scenario(String lab) throws IOException {
        try (InputStream in = Files.newInputStream(LABS.resolve(lab).resolve("scenario.json"))) {
            return Scenario.read(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topologies")
    void scenarioNamesOnlyDevicesPortsAndHostsOfTheNetwork(String lab) throws IOException {
        NetworkFile net = network(lab);
        Scenario sc = scenario(lab);
        Map<String, NetworkFile.Host> hosts = new HashMap<>();
        net.hosts().forEach(h -> assertEquals(null, hosts.put(h.name, h), lab + ": host " + h.name + " twice"));
        Set<String> corePorts = new HashSet<>();
        net.links().forEach(l -> {
            corePorts.add(l.deviceA + "/" + l.portA);
            corePorts.add(l.deviceB + "/" + l.portB);
        });
        for (Site s : sc.sites()) {
            String where = lab + " site " + s.name();
            NetworkFile.Device d = net.devices().get(s.device().toString());
            assertNotNull(d, where + ": no device " + s.device() + " in network.json");
            assertEquals("PE", d.role, where + ": sites attach to PEs");
            assertFalse(corePorts.contains(s.device() + "/" + s.port().toLong()), where + ": on a core link's port");
            NetworkFile.Host h = hosts.get(s.name());
            assertNotNull(h, where + ": no CE host of that name in network.json");
            assertEquals(s.device().toString() + "/" + s.port().toLong(), h.device + "/" + h.port, where + ": location");
            assertEquals(s.ceAddress().toString(), h.ip, where + ": CE address");
            assertEquals(s.peAddress().toString(), h.gateway, where + ": the CE's gateway is the PE interface");
            assertEquals(s.prefixLength(), h.prefixLength, where + ": prefix length");
            assertTrue(sc.vpns().stream().anyMatch(v -> v.name().equals(s.vpn())), where + ": no VPN " + s.vpn());
        }
        for (ProviderNode n : sc.nodes()) {
            // Reflectors are controller-side speakers; every other node is a switch of the network.
            assertTrue(n.role() == NodeRole.RR || net.devices().containsKey(n.deviceId().toString()),
                       lab + ": node " + n.deviceId() + " is no device of network.json");
        }
        Set<String> siteNames = sc.sites().stream().map(Site::name).collect(Collectors.toSet());
        JsonNode checks = sc.checks();
        assertNotNull(checks, lab + ": the scenario declares no checks");
        int pairs = 0;
        for (String kind : List.of("reachable", "isolated")) {
            for (JsonNode pair : checks.path(kind)) {
                assertEquals(2, pair.size(), lab + ": a check is a pair of sites: " + pair);
                pair.forEach(p -> assertTrue(siteNames.contains(p.asText()), lab + ": check names no site " + p));
                pairs++;
            }
        }
        assertTrue(checks.path("reachable").size() > 0 && checks.path("isolated").size() > 0,
                   lab + ": a lab checks both reachable and isolated pairs");
        assertTrue(pairs > 0);
        reflectionChecksNameKnownRouters(lab, net, sc);
    }

    /** The "routes" and "clusterLoopsDiscarded" checks name PEs and reflectors the lab has. */
    private static void reflectionChecksNameKnownRouters(String lab, NetworkFile net, Scenario sc) {
        Set<String> peIds = net.devices().values().stream().filter(d -> d.role.equals("PE")).map(d -> d.routerId)
                .collect(Collectors.toSet());
        Set<String> rrIds = sc.nodes().stream().filter(n -> n.role() == NodeRole.RR)
                .map(n -> n.routerId().toString()).collect(Collectors.toSet());
        Set<String> rrNames = sc.nodes().stream().filter(n -> n.role() == NodeRole.RR)
                .map(n -> n.deviceId().toString()).collect(Collectors.toSet());
        for (JsonNode r : sc.checks().path("routes")) {
            assertTrue(peIds.contains(r.path("router").asText()), lab + ": routes check at no PE: " + r);
            assertTrue(r.path("from").size() > 0, lab + ": routes check names no sender: " + r);
            r.path("from").forEach(f -> assertTrue(rrIds.contains(f.asText()) || peIds.contains(f.asText()),
                                                   lab + ": routes check from no reflector or PE: " + f));
            assertTrue(r.path("prefix").isTextual() && r.path("routeDistinguisher").isTextual()
                       && r.path("originatorId").isTextual() && r.path("clusterList").isArray(),
                       lab + ": a routes check has prefix, routeDistinguisher, originatorId, clusterList: " + r);
        }
        sc.checks().path("clusterLoopsDiscarded").forEach(n -> assertTrue(rrNames.contains(n.asText()),
                lab + ": clusterLoopsDiscarded names no reflector: " + n));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topologies")
    void pythonTopologyHasTheNetworkFilesSwitchesLinksAndHosts(String lab) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is not installed");
        Process p = new ProcessBuilder(PYTHON.toString(), LABS.resolve(lab).resolve("topo.py").toString(), "--dump")
                .redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "topo.py --dump did not finish");
        assumeTrue(p.exitValue() != 3, () -> "Mininet's Python module is missing: " + err.trim());
        assertEquals(0, p.exitValue(), lab + "/topo.py --dump failed: " + err);
        JsonNode dump = JSON.readTree(out);
        NetworkFile net = network(lab);

        Set<String> switches = new TreeSet<>();
        dump.path("switches").forEach(s -> switches.add(s.path("device").asText() + " id " + s.path("p4DeviceId").asLong()
                + " grpc " + s.path("grpcPort").asInt()));
        Set<String> devices = new TreeSet<>();
        net.devices().values().forEach(d -> devices.add(d.id + " id " + d.deviceId + " grpc " + d.grpcPort));
        assertEquals(devices, switches, lab + ": switches");

        Set<String> links = new TreeSet<>();
        dump.path("links").forEach(l -> links.add(link(l.path("a").asText(), l.path("portA").asInt(), l.path("b").asText(),
                                                       l.path("portB").asInt(), l.path("metric").asLong())));
        Set<String> fileLinks = new TreeSet<>();
        net.links().forEach(l -> fileLinks.add(link(l.deviceA, l.portA, l.deviceB, l.portB, l.metric)));
        assertEquals(fileLinks, links, lab + ": links");

        Set<String> hosts = new TreeSet<>();
        dump.path("hosts").forEach(h -> hosts.add(h.path("name").asText() + " " + h.path("mac").asText() + " "
                + h.path("ip").asText() + "/" + h.path("prefixLength").asInt() + " gw " + h.path("gateway").asText()
                + " at " + h.path("device").asText() + "/" + h.path("port").asInt()));
        Set<String> fileHosts = new TreeSet<>();
        net.hosts().forEach(h -> fileHosts.add(h.name + " " + h.mac + " " + h.ip + "/" + h.prefixLength + " gw "
                + h.gateway + " at " + h.device + "/" + h.port));
        assertEquals(fileHosts, hosts, lab + ": hosts");

        JsonNode failover = dump.path("failover");
        if (!failover.isNull() && !failover.isMissingNode()) {
            String a = failover.get(0).asText();
            String b = failover.get(1).asText();
            assertTrue(net.links().stream().anyMatch(l -> Set.of(l.deviceA, l.deviceB).equals(Set.of(a, b))),
                       lab + ": the link the lab check fails is not in network.json");
            assertTrue(connectedWithout(net, a, b), lab + ": failing " + a + "-" + b + " cuts the network in two;"
                    + " there is nothing to re-route over");
        }
    }

    private static String link(String a, int pa, String b, int pb, long metric) {
        String x = a + "/" + pa;
        String y = b + "/" + pb;
        return (x.compareTo(y) < 0 ? x + "-" + y : y + "-" + x) + " metric " + metric;
    }

    private static boolean connectedWithout(NetworkFile net, String a, String b) {
        Map<String, List<String>> adj = new HashMap<>();
        net.devices().keySet().forEach(d -> adj.put(d, new ArrayList<>()));
        net.links().stream().filter(l -> !Set.of(l.deviceA, l.deviceB).equals(Set.of(a, b))).forEach(l -> {
            adj.get(l.deviceA).add(l.deviceB);
            adj.get(l.deviceB).add(l.deviceA);
        });
        Set<String> seen = new HashSet<>(List.of(a));
        Deque<String> todo = new ArrayDeque<>(List.of(a));
        while (!todo.isEmpty()) {
            adj.get(todo.pop()).stream().filter(seen::add).forEach(todo::push);
        }
        return seen.size() == net.devices().size();
    }
}
