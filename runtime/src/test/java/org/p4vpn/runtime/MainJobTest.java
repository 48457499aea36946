package org.p4vpn.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onlab.packet.Ip4Prefix;
import org.onosproject.net.DeviceId;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;
import org.p4vpn.codec.Scenario;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed scenario through the embedded runtime, and a restart on the same data directory. */
class MainJobTest {

    private static Scenario seed() throws Exception {
        try (InputStream in = MainJobTest.class.getClassLoader().getResourceAsStream("scenarios/seed-basic.json")) {
            return Scenario.read(in);
        }
    }

    private static Map<VrfKey, List<VrfRoute>> tables(EmbeddedRuntime rt) {
        Map<VrfKey, List<VrfRoute>> out = new HashMap<>();
        rt.routeService().getVrfs().forEach(k -> out.put(k, rt.routeService().getVrfTable(k)));
        return out;
    }

    @Test
    void seedScenarioProvisionsAndSurvivesARestart(@TempDir Path data) throws Exception {
        Scenario s = seed();
        Map<VrfKey, List<VrfRoute>> first;
        try (EmbeddedRuntime rt = EmbeddedRuntime.start(data)) {
            assertEquals(15, ScenarioProvisioner.apply(s, rt.vpnService(), rt.adminService(), l -> { }));
            assertTrue(rt.awaitSettled(10_000));
            first = tables(rt);
            VrfKey b = new VrfKey(DeviceId.deviceId("device:pe2"), "site-b");
            assertTrue(rt.routeService().getBestRoute(b, Ip4Prefix.valueOf("172.16.1.0/24")).isPresent(), "B->A");
            assertTrue(rt.routeService().getBestRoute(b, Ip4Prefix.valueOf("172.16.3.0/24")).isEmpty(), "B-/->C");
        }
        assertEquals(7, first.size());
        try (EmbeddedRuntime rt = EmbeddedRuntime.start(data)) {
            assertTrue(rt.awaitSettled(10_000));
            assertEquals(0, ScenarioProvisioner.apply(s, rt.vpnService(), rt.adminService(), l -> { }),
                         "the store kept everything");
            assertTrue(rt.awaitSettled(10_000));
            assertEquals(first, tables(rt), "same tables and labels after a restart");
        }
    }
}
