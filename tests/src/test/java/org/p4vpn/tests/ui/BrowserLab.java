package org.p4vpn.tests.ui;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A network for the browser to look at: the emulated data plane of a lab's network file, the
 * embedded runtime (in memory) with its programmer and REST endpoint (and so the web UI), and the
 * lab's scenario provisioned over the API.
 */
final class BrowserLab implements AutoCloseable {

    static final Duration SETTLE = Duration.ofSeconds(30);

    private final List<AutoCloseable> running = new ArrayList<>();
    final EmulatedDataPlane dataPlane;
    final EmbeddedRuntime runtime;
    final RestEndpoint rest;

    private BrowserLab(String lab) {
        try {
            dataPlane = keep(EmulatedDataPlane.start(read(lab + "network.json", NetworkFile::read), true));
            runtime = keep(EmbeddedRuntime.start(null));
            EmbeddedProgrammer programmer = keep(new EmbeddedProgrammer(runtime.vpnService(), runtime.routeService(),
                                                                        runtime.store(), dataPlane.network()));
            rest = keep(RestEndpoint.start(runtime, "127.0.0.1", 0, null, programmer, programmer.networkState()));
            programmer.start();
            assertTrue(Poll.until(SETTLE, programmer::allConnected), "switches connected");
            Scenario scenario = NetworkNodes.withNodesOf(read(lab + "scenario.json", Scenario::read),
                                                         dataPlane.network());
            assertTrue(rest.provisioner().apply(scenario, l -> { }) > 0, "scenario provisioned");
            assertTrue(runtime.awaitSettled(30_000) && programmer.awaitProgrammed(30_000), "programmed");
            assertTrue(rest.uiUrl().isPresent(), "the runtime serves the UI");
        } catch (RuntimeException | AssertionError e) {
            close();
            throw e;
        }
    }

    /**
     * Starts a lab from the class path.
     *
     * @param lab resource folder with network.json and scenario.json, e.g. {@code labs/seed-basic/}
     * @return the running lab
     */
    static BrowserLab start(String lab) {
        return new BrowserLab(lab);
    }

    private <T extends AutoCloseable> T keep(T c) {
        running.add(0, c);
        return c;
    }

    private interface Parser<T> {
        T parse(InputStream in) throws IOException;
    }

    private static <T> T read(String resource, Parser<T> parser) {
        try (InputStream in = BrowserLab.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return parser.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The API as the lab's first user. */
    RestClient api() {
        return new RestClient("http://127.0.0.1:" + rest.port() + "/l3vpn/v1", RestEndpoint.FIRST_USER,
                              rest.firstPassword());
    }

    /** GET a path of the API as JSON. */
    JsonNode get(String path) {
        try {
            return VpnJson.mapper().readTree(api().exchange("GET", path, null).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many link ends GET /topology reports DOWN. */
    long downLinks() {
        return StreamSupport.stream(get("/topology").path("links").spliterator(), false)
                .filter(l -> "DOWN".equals(l.path("state").asText())).count();
    }

    /** What ui-checks.mjs needs to know of this lab. */
    Map<String, String> scriptEnvironment() {
        return Map.of("P4VPN_URL", "http://127.0.0.1:" + rest.port(),
                      "P4VPN_USER", RestEndpoint.FIRST_USER,
                      "P4VPN_PASSWORD", rest.firstPassword(),
                      "P4VPN_DEVICES", String.valueOf(dataPlane.network().devices().size()),
                      "P4VPN_SITES", String.valueOf(runtime.vpnService().getSites().size()));
    }

    @Override
    public void close() {
        for (AutoCloseable c : running) {
            try {
                c.close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        running.clear();
    }
}
