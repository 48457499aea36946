package org.p4vpn.runtime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.onlab.packet.Ip4Prefix;
import org.onosproject.net.DeviceId;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;
import org.p4vpn.codec.Scenario;
import org.p4vpn.p4rt.Poll;
import org.p4vpn.p4rt.topo.NetworkFile;
import org.p4vpn.pipeconf.PipelineOutputs;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The main job's pieces end to end on the emulator and on BMv2: the seed lab provisioned over the
 * REST API, programmed over P4Runtime by the embedded programmer, checked with pings; and
 * a restart on the same data directory that finds everything as it was.
 */
class MainJobTest {

    private static InputStream resource(String name) {
        return MainJobTest.class.getClassLoader().getResourceAsStream("labs/seed-basic/" + name);
    }

    private static Scenario scenario(NetworkFile net) throws Exception {
        try (InputStream in = resource("scenario.json")) {
            return NetworkNodes.withNodesOf(Scenario.read(in), net);
        }
    }

    private static Map<VrfKey, List<VrfRoute>> tables(EmbeddedRuntime rt) {
        Map<VrfKey, List<VrfRoute>> out = new HashMap<>();
        rt.routeService().getVrfs().forEach(k -> out.put(k, rt.routeService().getVrfTable(k)));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"emulator", "bmv2"})
    void seedLabIsProgrammedAndItsChecksPassAndARestartKeepsEverything(String target, @TempDir Path data)
            throws Exception {
        if (target.equals("bmv2")) {
            Optional<String> why = Bmv2DataPlane.unavailableReason();
            assumeTrue(why.isEmpty(), () -> "BMv2 data plane skipped: " + why.get());
        }
        NetworkFile file;
        try (InputStream in = resource("network.json")) {
            file = NetworkFile.read(in);
        }
        Map<VrfKey, List<VrfRoute>> first;
        try (DataPlane lab = target.equals("bmv2") ? Bmv2DataPlane.start(file, data.resolve("bmv2"))
                : EmulatedDataPlane.start(file, true)) {
            NetworkFile net = lab.network();
            Scenario s = scenario(net);
            try (EmbeddedRuntime rt = EmbeddedRuntime.start(data.resolve("store"));
                 RestEndpoint rest = RestEndpoint.start(rt, "127.0.0.1", 0, data.resolve("users.properties"));
                 EmbeddedProgrammer p = new EmbeddedProgrammer(rt.vpnService(), rt.routeService(), rt.store(), net)) {
                p.start();
                assertTrue(Poll.until(Duration.ofSeconds(20), p::allConnected), "switches connected");
                assertEquals(15, rest.provisioner().apply(s, l -> { }), "provisioned over REST");
                assertTrue(rt.awaitSettled(10_000) && p.awaitProgrammed(10_000));
                VrfKey b = new VrfKey(DeviceId.deviceId("device:pe2"), "site-b");
                assertTrue(rt.routeService().getBestRoute(b, Ip4Prefix.valueOf("172.16.1.0/24")).isPresent());
                List<Verification.Row> rows = Verification.run(s.checks(), lab);
                assertEquals(14, rows.size());
                for (Verification.Row r : rows) {
                    assertTrue(r.passed(), r.from + " -> " + r.to + " expected "
                            + (r.expectReachable ? "reachable" : "isolated"));
                }
                first = tables(rt);
            }
        }
        assertEquals(7, first.size());
        try (EmbeddedRuntime rt = EmbeddedRuntime.start(data.resolve("store"));
             RestEndpoint rest = RestEndpoint.start(rt, "127.0.0.1", 0, data.resolve("users.properties"))) {
            assertTrue(rt.awaitSettled(10_000));
            NetworkFile net = file;
            assertEquals(0, rest.provisioner().apply(scenario(net), l -> { }),
                         "the store kept everything");
            assertTrue(rt.awaitSettled(10_000));
            assertEquals(first, tables(rt), "same tables and labels after a restart");
        }
    }
}
