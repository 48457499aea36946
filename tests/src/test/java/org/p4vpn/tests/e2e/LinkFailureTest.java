package org.p4vpn.tests.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.p4vpn.codec.Scenario;
import org.p4vpn.codec.VpnJson;
import org.p4vpn.p4rt.Poll;
import org.p4vpn.p4rt.topo.NetworkFile;
import org.p4vpn.runtime.Bmv2DataPlane;
import org.p4vpn.runtime.DataPlane;
import org.p4vpn.runtime.EmbeddedProgrammer;
import org.p4vpn.runtime.EmbeddedRuntime;
import org.p4vpn.runtime.EmulatedDataPlane;
import org.p4vpn.runtime.NetworkNodes;
import org.p4vpn.runtime.RestClient;
import org.p4vpn.runtime.RestEndpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A core link failure on the diamond (PE1-P1-PE2 primary, PE1-P2-PE2 backup): the link is cut in
 * the data plane only; the runtime notices by its LLDP probes, shows the link down, moves the LSP
 * and the traffic to P2, and moves them back when the link returns. The trace and the LSP view
 * follow. Runs on the emulator, and on BMv2 when installed (there the link is a veth pair set down).
 */
class LinkFailureTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    private static <T> T resource(String name, IoParser<T> parser) {
        try (InputStream in = LinkFailureTest.class.getClassLoader().getResourceAsStream("labs/diamond/" + name)) {
            return parser.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface IoParser<T> {
        T parse(InputStream in) throws IOException;
    }

    private static JsonNode get(RestClient rest, String path) {
        try {
            return VpnJson.mapper().readTree(rest.exchange("GET", path, null).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String linkState(RestClient rest, String src) {
        for (JsonNode l : get(rest, "/topology").path("links")) {
            if ((l.path("src").asText() + "/" + l.path("srcPort").asInt()).equals(src)) {
                return l.path("state").asText();
            }
        }
        throw new AssertionError("no link from " + src);
    }

    /** The core switch the trace from red-1 to red-2 crosses. */
    private static String coreOfTrace(RestClient rest) {
        JsonNode t = get(rest, "/trace?vpn=red&site=red-1&destination=10.2.1.2");
        return t.path("delivered").asBoolean() && t.path("hops").size() == 3
                ? t.path("hops").get(1).path("device").asText() : "none: " + t;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"emulator", "bmv2"})
    void coreLinkFailureMovesTrafficToTheBackupAndBack(String target, @TempDir Path data) {
        if (target.equals("bmv2")) {
            Optional<String> why = Bmv2DataPlane.unavailableReason().or(Bmv2DataPlane::linkCutUnavailableReason);
            assumeTrue(why.isEmpty(), () -> "BMv2 data plane skipped: " + why.get());
        }
        NetworkFile file = resource("network.json", NetworkFile::read);
        try (DataPlane dp = target.equals("bmv2") ? Bmv2DataPlane.start(file, data)
                : EmulatedDataPlane.start(file, true);
             EmbeddedRuntime rt = EmbeddedRuntime.start(null);
             EmbeddedProgrammer p = new EmbeddedProgrammer(rt.vpnService(), rt.routeService(), rt.store(),
                                                           dp.network());
             RestEndpoint endpoint = RestEndpoint.start(rt, "127.0.0.1", 0, null, p, p.networkState())) {
            p.start();
            assertTrue(Poll.until(SETTLE, p::allConnected), "switches connected");
            Scenario scenario = NetworkNodes.withNodesOf(resource("scenario.json", Scenario::read), dp.network());
            assertEquals(7, endpoint.provisioner().apply(scenario, l -> { }), "4 nodes, 1 VPN, 2 sites");
            RestClient rest = new RestClient("http://127.0.0.1:" + endpoint.port() + "/l3vpn/v1",
                                             RestEndpoint.FIRST_USER, endpoint.firstPassword());
            assertTrue(Poll.until(SETTLE, () -> dp.ping("red-1", "red-2", Duration.ofSeconds(1))), "red-1 reaches red-2");
            assertEquals("device:p1", coreOfTrace(rest), "the primary path crosses P1");
            assertEquals("UP", linkState(rest, "device:pe1/10"));

            long cut = System.nanoTime();
            dp.setLinkUp("device:pe1", 10, false);
            assertTrue(Poll.until(SETTLE, () -> "DOWN".equals(linkState(rest, "device:pe1/10"))),
                       "the runtime notices the cut link");
            assertTrue(Poll.until(SETTLE, () -> dp.ping("red-1", "red-2", Duration.ofSeconds(1))),
                       "traffic re-routed through P2");
            System.out.printf("%s: link cut to traffic re-routed in %d ms%n", target,
                              (System.nanoTime() - cut) / 1_000_000);
            assertEquals("device:p2", coreOfTrace(rest), "the trace crosses P2");
            JsonNode lsp = get(rest, "/lsps?ingress=device:pe1&egress=device:pe2").get(0);
            assertEquals("device:p2", lsp.path("primaries").get(0).get(1).path("device").asText(), lsp.toString());

            dp.setLinkUp("device:pe1", 10, true);
            assertTrue(Poll.until(SETTLE, () -> "UP".equals(linkState(rest, "device:pe1/10"))),
                       "the runtime notices the restored link");
            assertTrue(Poll.until(SETTLE, () -> "device:p1".equals(coreOfTrace(rest))), "back on P1");
            assertTrue(Poll.until(SETTLE, () -> dp.ping("red-1", "red-2", Duration.ofSeconds(1))));
        }
    }
}
