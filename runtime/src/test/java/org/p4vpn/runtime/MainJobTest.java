package org.p4vpn.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onlab.packet.Ip4Prefix;
import org.onosproject.net.DeviceId;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;
import org.p4vpn.codec.Scenario;
import org.p4vpn.codec.VpnJson;
import org.p4vpn.emulator.net.EmulatedLab;
import org.p4vpn.p4rt.Poll;
import org.p4vpn.p4rt.topo.NetworkFile;
import org.p4vpn.pipeconf.PipelineOutputs;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main job's pieces end to end on the emulated data plane: the seed lab provisioned through
 * the admin service, programmed over P4Runtime by the embedded programmer, checked with pings; and
 * a restart on the same data directory that finds everything as it was.
 */
class MainJobTest {

    private static InputStream resource(String name) {
        return MainJobTest.class.getClassLoader().getResourceAsStream("labs/seed-basic/" + name);
    }

    private static Scenario scenario(NetworkFile net) throws Exception {
        try (InputStream in = resource("scenario.json")) {
            Scenario s = Scenario.read(in);
            ArrayNode nodes = VpnJson.mapper().createArrayNode();
            NetworkNodes.of(net).forEach(n -> nodes.add(VpnJson.encode(n)));
            return Scenario.parse(s.toJson().set("nodes", nodes));
        }
    }

    private static Map<VrfKey, List<VrfRoute>> tables(EmbeddedRuntime rt) {
        Map<VrfKey, List<VrfRoute>> out = new HashMap<>();
        rt.routeService().getVrfs().forEach(k -> out.put(k, rt.routeService().getVrfTable(k)));
        return out;
    }

    @Test
    void seedLabIsProgrammedAndItsChecksPassAndARestartKeepsEverything(@TempDir Path data) throws Exception {
        NetworkFile file;
        try (InputStream in = resource("network.json")) {
            file = NetworkFile.read(in);
        }
        Map<VrfKey, List<VrfRoute>> first;
        try (EmulatedLab lab = EmulatedLab.start(file, PipelineOutputs.cpuPort(), true)) {
            Map<String, Integer> ports = new HashMap<>();
            file.devices().keySet().forEach(d -> ports.put(d, lab.grpcPort(d)));
            NetworkFile net = file.withGrpcPorts(ports);
            Scenario s = scenario(net);
            try (EmbeddedRuntime rt = EmbeddedRuntime.start(data);
                 EmbeddedProgrammer p = new EmbeddedProgrammer(rt.vpnService(), rt.routeService(), rt.store(), net)) {
                p.start();
                assertTrue(Poll.until(Duration.ofSeconds(20), p::allConnected), "switches connected");
                assertEquals(15, ScenarioProvisioner.apply(s, rt.vpnService(), rt.adminService(), l -> { }));
                assertTrue(rt.awaitSettled(10_000) && p.awaitProgrammed(10_000));
                VrfKey b = new VrfKey(DeviceId.deviceId("device:pe2"), "site-b");
                assertTrue(rt.routeService().getBestRoute(b, Ip4Prefix.valueOf("172.16.1.0/24")).isPresent());
                List<Verification.Row> rows = Verification.run(s.checks(), lab.network());
                assertEquals(14, rows.size());
                for (Verification.Row r : rows) {
                    assertTrue(r.passed(), r.from + " -> " + r.to + " expected "
                            + (r.expectReachable ? "reachable" : "isolated"));
                }
                first = tables(rt);
            }
        }
        assertEquals(7, first.size());
        try (EmbeddedRuntime rt = EmbeddedRuntime.start(data)) {
            assertTrue(rt.awaitSettled(10_000));
            NetworkFile net = file;
            assertEquals(0, ScenarioProvisioner.apply(scenario(net), rt.vpnService(), rt.adminService(), l -> { }),
                         "the store kept everything");
            assertTrue(rt.awaitSettled(10_000));
            assertEquals(first, tables(rt), "same tables and labels after a restart");
        }
    }
}
