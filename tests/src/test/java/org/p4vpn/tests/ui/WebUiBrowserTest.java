package org.p4vpn.tests.ui;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import com.fasterxml.jackson.databind.JsonNode;
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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web UI in a real browser: Debian's chromium, headless, driven by playwright-core (the node
 * script {@code tests/browser/ui-checks.mjs}), against the embedded runtime on the emulated seed
 * network with its scenario provisioned. Screenshots go to {@code target/ui-screenshots/}.
 * Without chromium, node or the npm install of {@code tests/browser} the tests report themselves
 * skipped with the reason (.ci/run installs all three).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiBrowserTest {

    private static final Path BROWSER = Paths.get("browser").toAbsolutePath();
    private static final Path SCREENSHOTS = Paths.get("target", "ui-screenshots").toAbsolutePath();
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final List<AutoCloseable> running = new ArrayList<>();
    private EmulatedDataPlane lab;
    private EmbeddedRuntime runtime;
    private RestEndpoint rest;
    private NetworkFile network;
    private Scenario scenario;
    private String chromium;

    /** Why the browser cannot run here, if it cannot. */
    private Optional<String> unavailable;

    private Optional<String> unavailableReason() {
        if (!Files.isExecutable(Paths.get(chromium))) {
            return Optional.of("browser tests skipped: no chromium at " + chromium + " (apt-get install chromium)");
        }
        if (run(List.of("node", "--version"), Map.of(), 30).filter(r -> r.code == 0).isEmpty()) {
            return Optional.of("browser tests skipped: node is not on PATH (apt-get install nodejs npm)");
        }
        if (!Files.isRegularFile(BROWSER.resolve("node_modules/playwright-core/package.json"))) {
            return Optional.of("browser tests skipped: playwright-core is not installed (npm ci --prefix " + BROWSER + ")");
        }
        return Optional.empty();
    }

    @BeforeAll
    void startRuntime() throws Exception {
        chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        unavailable = unavailableReason();
        if (unavailable.isPresent()) {
            // each test reports itself skipped with the reason (an assumption here would hide them)
            return;
        }
        NetworkFile file;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("labs/seed-basic/network.json")) {
            file = NetworkFile.read(in);
        }
        lab = keep(EmulatedDataPlane.start(file, true));
        network = lab.network();
        runtime = keep(EmbeddedRuntime.start(null));
        EmbeddedProgrammer programmer = keep(new EmbeddedProgrammer(runtime.vpnService(), runtime.routeService(),
                                                                    runtime.store(), network));
        rest = keep(RestEndpoint.start(runtime, "127.0.0.1", 0, null, programmer, programmer.networkState()));
        programmer.start();
        assertTrue(Poll.until(SETTLE, programmer::allConnected), "switches connected");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("labs/seed-basic/scenario.json")) {
            scenario = NetworkNodes.withNodesOf(Scenario.read(in), network);
        }
        assertTrue(rest.provisioner().apply(scenario, l -> { }) > 0, "scenario provisioned");
        assertTrue(runtime.awaitSettled(30_000) && programmer.awaitProgrammed(30_000), "programmed");
        assertTrue(rest.uiUrl().isPresent(), "the runtime serves the UI");
    }

    @BeforeEach
    void needsTheBrowser() {
        assumeTrue(unavailable.isEmpty(), () -> unavailable.get());
    }

    private <T extends AutoCloseable> T keep(T c) {
        running.add(0, c);
        return c;
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : running) {
            c.close();
        }
    }

    @Test
    void topologyShowsEveryDeviceAndSite() {
        check("topology");
        assertTrue(Files.exists(SCREENSHOTS.resolve("topology.png")), "screenshot saved");
    }

    @Test
    void vpnAndSitesCreatedInTheBrowserAreHighlightedOnTheTopologyAndKeptLive() {
        check("vpn-and-site");
        assertTrue(runtime.vpnService().getVpnInstance("green").isPresent(), "the VPN is in the store");
        assertEquals("green", runtime.vpnService().getSite("green-1").orElseThrow().vpn());
        assertTrue(runtime.vpnService().getSite("green-2").isPresent());
        assertTrue(runtime.vpnService().getSite("green-3").isPresent(), "the site the script added over the API");
    }

    @Test
    void aVpnIsEditedAndDeletedThroughTheForms() {
        check("edit-delete");
        assertTrue(runtime.vpnService().getVpnInstance("temp").isEmpty(), "deleted from the store");
    }

    @Test
    void badRouteDistinguisherShowsTheApiMessageNextToTheField() {
        int before = runtime.vpnService().getVpnInstances().size();
        check("bad-rd");
        assertFalse(runtime.vpnService().getVpnInstance("bad-rd").isPresent(), "nothing created");
        assertEquals(before, runtime.vpnService().getVpnInstances().size());
    }

    @Test
    void traceDrawsThePathWithItsLabelStack() {
        check("trace");
    }

    @Test
    void aCutCoreLinkIsDrawnDown() {
        lab.setLinkUp("device:pe1", 10, false);
        try {
            assertTrue(Poll.until(SETTLE, () -> downLinks() > 0), "the runtime notices the cut link");
            check("link-down");
        } finally {
            lab.setLinkUp("device:pe1", 10, true);
            assertTrue(Poll.until(SETTLE, () -> downLinks() == 0), "the runtime notices the restored link");
            assertTrue(Poll.until(SETTLE, () -> api().exchange("GET", "/trace?vpn=red&site=red-1&destination=10.2.1.2",
                    null).body().contains("\"delivered\":true")), "red delivered again");
        }
    }

    private long downLinks() {
        try {
            JsonNode topo = VpnJson.mapper().readTree(api().exchange("GET", "/topology", null).body());
            return java.util.stream.StreamSupport.stream(topo.path("links").spliterator(), false)
                    .filter(l -> "DOWN".equals(l.path("state").asText())).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RestClient api() {
        return new RestClient("http://127.0.0.1:" + rest.port() + "/l3vpn/v1", RestEndpoint.FIRST_USER,
                              rest.firstPassword());
    }

    /** Runs one check of ui-checks.mjs in a fresh chromium; fails with the script's output. */
    private void check(String name) {
        Map<String, String> env = Map.of(
                "P4VPN_URL", "http://127.0.0.1:" + rest.port(),
                "P4VPN_USER", RestEndpoint.FIRST_USER,
                "P4VPN_PASSWORD", rest.firstPassword(),
                "P4VPN_DEVICES", String.valueOf(network.devices().size()),
                "P4VPN_SITES", String.valueOf(runtime.vpnService().getSites().size()),
                "CHROMIUM", chromium,
                "SCREENSHOTS", SCREENSHOTS.toString());
        Result r = run(List.of("node", "ui-checks.mjs", name), env, 120)
                .orElseThrow(() -> new AssertionError("cannot run node"));
        System.out.println(r.output);
        assertEquals(0, r.code, () -> "check " + name + " failed:\n" + r.output);
        assertTrue(r.output.contains("check " + name + ": passed"), r.output);
    }

    private static final class Result {
        final int code;
        final String output;

        Result(int code, String output) {
            this.code = code;
            this.output = output;
        }
    }

    private static Optional<Result> run(List<String> command, Map<String, String> env, int seconds) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(BROWSER.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            // read while it runs: a full pipe would stall the script
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of(new Result(-1, new String(out, StandardCharsets.UTF_8) + "\n(timed out)"));
            }
            return Optional.of(new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            p.destroyForcibly();
            return Optional.of(new Result(-1, "cannot read the output: " + e.getMessage()));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.of(new Result(-1, "interrupted"));
        }
    }
}
