package org.p4vpn.tests.labs;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.p4vpn.codec.Scenario;
import org.p4vpn.codec.VpnJson;
import org.p4vpn.p4rt.Poll;
import org.p4vpn.p4rt.topo.NetworkFile;
import org.p4vpn.runtime.EmbeddedProgrammer;
import org.p4vpn.runtime.EmbeddedRuntime;
import org.p4vpn.runtime.EmulatedDataPlane;
import org.p4vpn.runtime.NetworkNodes;
import org.p4vpn.runtime.RestClient;
import org.p4vpn.runtime.RestEndpoint;
import org.p4vpn.runtime.Verification;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Mininet lab run as the lab check runs it, on the emulated data plane instead of BMv2 (so in
 * CI): the scenario provisioned over REST, the controller's reflected routes as the scenario's
 * "routes" check says, and every reachable and isolated pair checked with pings.
 */
class MininetLabsOnEmulatorTest {

    private static final Path LABS = Paths.get("..", "mininet-topologies");

    static Stream<String> topologies() throws Exception {
        return MininetLabsTest.topologies();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topologies")
    void labProvisionsAndItsChecksPassOnTheEmulator(String lab, @TempDir Path data) throws Exception {
        NetworkFile file;
        Scenario scenario;
        try (InputStream n = Files.newInputStream(LABS.resolve(lab).resolve("network.json"));
             InputStream s = Files.newInputStream(LABS.resolve(lab).resolve("scenario.json"))) {
            file = NetworkFile.read(n);
            scenario = Scenario.read(s);
        }
        try (EmulatedDataPlane dp = EmulatedDataPlane.start(file, true);
             EmbeddedRuntime rt = EmbeddedRuntime.start(null);
             RestEndpoint rest = RestEndpoint.start(rt, "127.0.0.1", 0, data.resolve("users.properties"));
             EmbeddedProgrammer p = new EmbeddedProgrammer(rt.vpnService(), rt.routeService(), rt.store(),
                                                           dp.network())) {
            p.start();
            assertTrue(Poll.until(Duration.ofSeconds(30), p::allConnected), lab + ": switches connected");
            Scenario withNodes = NetworkNodes.withNodesOf(scenario, dp.network());
            assertTrue(rest.provisioner().apply(withNodes, l -> { }) > 0, lab + ": provisioned over REST");
            assertTrue(rt.awaitSettled(30_000) && p.awaitProgrammed(30_000), lab + ": settled and programmed");

            RestClient client = new RestClient("http://127.0.0.1:" + rest.port() + "/l3vpn/v1", RestEndpoint.FIRST_USER,
                                               rest.firstPassword());
            for (JsonNode want : scenario.checks().path("routes")) {
                assertReflected(lab, client, want);
            }
            List<Verification.Row> rows = Verification.run(scenario.checks(), dp);
            int pairs = scenario.checks().path("reachable").size() + scenario.checks().path("isolated").size();
            assertEquals(2 * pairs, rows.size(), lab + ": both directions of every pair");
            List<String> failed = new ArrayList<>();
            rows.stream().filter(r -> !r.passed()).forEach(r -> failed.add(r.from + " -> " + r.to + " expected "
                    + (r.expectReachable ? "reachable" : "isolated")));
            assertEquals(List.of(), failed, lab + ": pings");
        }
    }

    /** The PE holds the route from exactly the expected senders, with the expected reflection attributes. */
    private static void assertReflected(String lab, RestClient client, JsonNode want) throws Exception {
        String body = client.exchange("GET", "/rib/" + URLEncoder.encode(want.path("router").asText(),
                                                                         StandardCharsets.UTF_8), null).body();
        TreeSet<String> senders = new TreeSet<>();
        TreeSet<String> attributes = new TreeSet<>();
        for (JsonNode r : VpnJson.mapper().readTree(body)) {
            if (r.path("routeDistinguisher").equals(want.path("routeDistinguisher"))
                    && r.path("prefix").equals(want.path("prefix"))) {
                senders.add(r.path("source").path("peerRouterId").asText());
                attributes.add(r.path("originatorId").asText() + " " + r.path("clusterList"));
            }
        }
        String where = lab + ": " + want.path("prefix").asText() + " at " + want.path("router").asText();
        TreeSet<String> from = new TreeSet<>();
        want.path("from").forEach(f -> from.add(f.asText()));
        assertEquals(from, senders, where + ": sent by");
        assertEquals(new TreeSet<>(List.of(want.path("originatorId").asText() + " " + want.path("clusterList"))),
                     attributes, where + ": ORIGINATOR_ID and CLUSTER_LIST");
    }
}
