package org.p4vpn.tests.ui;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.p4vpn.p4rt.Poll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
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
 * script {@code tests/browser/ui-checks.mjs}, one check per run), against the embedded runtime on
 * the emulated seed network with its scenario provisioned (and, for backup LSPs and re-routing, the
 * diamond network). Screenshots go to {@code target/ui-screenshots/}. Without chromium, node or the
 * npm install of {@code tests/browser} every test reports itself skipped with the reason (.ci/run
 * installs all three).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiBrowserTest {

    private static final Path BROWSER = Paths.get("browser").toAbsolutePath();
    private static final Path SCREENSHOTS = Paths.get("target", "ui-screenshots").toAbsolutePath();
    private static final String RED_TRACE = "/trace?vpn=red&site=red-1&destination=10.2.1.2";

    private final String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    /** Why the browser cannot run here, if it cannot. */
    private Optional<String> unavailable;
    private BrowserLab seed;

    @BeforeAll
    void startSeedLab() {
        unavailable = unavailableReason();
        // without a browser each test reports itself skipped (an assumption here would hide them)
        if (unavailable.isEmpty()) {
            seed = BrowserLab.start("labs/seed-basic/");
        }
    }

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

    @BeforeEach
    void needsTheBrowser() {
        assumeTrue(unavailable.isEmpty(), () -> unavailable.get());
    }

    @AfterAll
    void stop() {
        if (seed != null) {
            seed.close();
        }
    }

    @Test
    void topologyShowsEveryDeviceAndSite() {
        check(seed, "topology");
        assertTrue(Files.exists(SCREENSHOTS.resolve("topology.png")), "screenshot saved");
    }

    @Test
    void vpnAndSitesCreatedInTheBrowserAreHighlightedOnTheTopologyAndKeptLive() {
        check(seed, "vpn-and-site");
        assertTrue(seed.runtime.vpnService().getVpnInstance("green").isPresent(), "the VPN is in the store");
        assertEquals("green", seed.runtime.vpnService().getSite("green-1").orElseThrow().vpn());
        assertTrue(seed.runtime.vpnService().getSite("green-2").isPresent());
        assertTrue(seed.runtime.vpnService().getSite("green-3").isPresent(), "the site the script added over the API");
    }

    @Test
    void aVpnIsEditedAndDeletedThroughTheForms() {
        check(seed, "edit-delete");
        assertTrue(seed.runtime.vpnService().getVpnInstance("temp").isEmpty(), "deleted from the store");
    }

    @Test
    void badRouteDistinguisherShowsTheApiMessageNextToTheField() {
        int before = seed.runtime.vpnService().getVpnInstances().size();
        check(seed, "bad-rd");
        assertFalse(seed.runtime.vpnService().getVpnInstance("bad-rd").isPresent(), "nothing created");
        assertEquals(before, seed.runtime.vpnService().getVpnInstances().size());
    }

    @Test
    void traceDrawsThePathWithItsLabelStack() {
        check(seed, "trace");
    }

    @Test
    void aCutCoreLinkIsDrawnDown() {
        seed.dataPlane.setLinkUp("device:pe1", 10, false);
        try {
            assertTrue(Poll.until(BrowserLab.SETTLE, () -> seed.downLinks() > 0), "the runtime notices the cut link");
            check(seed, "link-down");
        } finally {
            seed.dataPlane.setLinkUp("device:pe1", 10, true);
            assertTrue(Poll.until(BrowserLab.SETTLE, () -> seed.downLinks() == 0), "the runtime notices the restored link");
            assertTrue(Poll.until(BrowserLab.SETTLE, () -> seed.get(RED_TRACE).path("delivered").asBoolean()),
                       "red delivered again");
        }
    }

    @Test
    void backupLspsAreDrawnAndACutLinkMovesTheTraceToTheOtherCore() {
        try (BrowserLab diamond = BrowserLab.start("labs/diamond/")) {
            assertEquals("device:p1", diamond.get(RED_TRACE).path("hops").get(1).path("device").asText());
            check(diamond, "backup");
            diamond.dataPlane.setLinkUp("device:pe1", 10, false);
            assertTrue(Poll.until(BrowserLab.SETTLE, () -> "device:p2".equals(
                    diamond.get(RED_TRACE).path("hops").get(1).path("device").asText())), "re-routed through P2");
            check(diamond, "reroute");
        }
    }

    /** Runs one check of ui-checks.mjs in a fresh chromium; fails with the script's output. */
    private void check(BrowserLab lab, String name) {
        Map<String, String> env = new HashMap<>(lab.scriptEnvironment());
        env.put("CHROMIUM", chromium);
        env.put("SCREENSHOTS", SCREENSHOTS.toString());
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
            // read while it runs (a full pipe would stall the script); the script ends itself after 110 s
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
