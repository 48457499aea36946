package org.p4vpn.tests.e2e;

import org.p4vpn.runtime.Bmv2DataPlane;
import org.p4vpn.runtime.DataPlane;
import org.p4vpn.runtime.EmbeddedProgrammer;
import org.p4vpn.runtime.EmbeddedRuntime;
import org.p4vpn.runtime.EmulatedDataPlane;
import org.p4vpn.runtime.NetworkNodes;
import org.p4vpn.runtime.RestClient;
import org.p4vpn.runtime.RestEndpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.p4vpn.codec.Scenario;
import org.p4vpn.codec.VpnJson;
import org.p4vpn.p4rt.P4RuntimeClient;
import org.p4vpn.p4rt.Poll;
import org.p4vpn.p4rt.topo.NetworkFile;
import p4.v1.P4RuntimeOuterClass.ActionProfileGroup;
import p4.v1.P4RuntimeOuterClass.ActionProfileMember;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.TableEntry;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * End to end over REST and P4Runtime on the seed lab: adding a VPN over REST makes its CEs reach
 * each other; deleting it over REST leaves every switch exactly as before it existed (entries,
 * members, groups read back over P4Runtime); a power-cycled core switch gets its pipeline and
 * exactly its old entries back; a runtime restart on the same store writes nothing to the
 * switches (emulator: its update counters) and traffic keeps flowing.
 */
class EndToEndTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);

    private static Scenario seed(NetworkFile net, boolean withBlue) throws Exception {
        try (InputStream in = EndToEndTest.class.getClassLoader()
                .getResourceAsStream("labs/seed-basic/scenario.json")) {
            ObjectNode json = NetworkNodes.withNodesOf(Scenario.read(in), net).toJson();
            if (!withBlue) {
                json.set("vpns", without(json.get("vpns"), "name"));
                json.set("sites", without(json.get("sites"), "vpn"));
                json.remove("checks");
            }
            return Scenario.parse(json);
        }
    }

    private static ArrayNode without(JsonNode items, String field) {
        ArrayNode out = VpnJson.mapper().createArrayNode();
        items.forEach(i -> {
            if (!i.path(field).asText().equals("blue")) {
                out.add(i);
            }
        });
        return out;
    }

    /** Everything the controller wrote on every switch, read back over P4Runtime. */
    private static Map<String, Set<Entity>> snapshot(NetworkFile net) {
        Map<String, Set<Entity>> out = new LinkedHashMap<>();
        for (NetworkFile.Device d : net.devices().values()) {
            try (P4RuntimeClient reader = P4RuntimeClient.connect(d.grpcHost, d.grpcPort, d.deviceId, 0)) {
                out.put(d.id, new HashSet<>(reader.read(List.of(
                        Entity.newBuilder().setTableEntry(TableEntry.getDefaultInstance()).build(),
                        Entity.newBuilder().setActionProfileMember(ActionProfileMember.getDefaultInstance()).build(),
                        Entity.newBuilder().setActionProfileGroup(ActionProfileGroup.getDefaultInstance()).build()))));
            }
        }
        return out;
    }

    private static int delete(RestEndpoint rest, String user, String password, String path) {
        return new RestClient("http://127.0.0.1:" + rest.port() + "/l3vpn/v1", user, password)
                .exchange("DELETE", path, null).statusCode();
    }

    private static long updates(DataPlane dp) {
        EmulatedDataPlane emu = (EmulatedDataPlane) dp;
        return dp.network().devices().keySet().stream().mapToLong(id -> emu.lab().server(id).updatesReceived()).sum();
    }

    /** The P switch loses its pipeline and entries (a power cycle); the controller restores them. */
    private void switchRestartIsReconciled(DataPlane dp, Path store, Path users,
                                           Map<String, Set<Entity>> before) {
        NetworkFile net = dp.network();
        try (EmbeddedRuntime rt = EmbeddedRuntime.start(store);
             RestEndpoint rest = RestEndpoint.start(rt, "127.0.0.1", 0, users);
             EmbeddedProgrammer p = new EmbeddedProgrammer(rt.vpnService(), rt.routeService(), rt.store(), net)) {
            p.start();
            assertTrue(Poll.until(SETTLE, p::allConnected), "switches connected");
            assertTrue(Poll.until(SETTLE, () -> dp.ping("red-1", "red-2", Duration.ofSeconds(1))));
            dp.restartSwitch("device:p1");
            assertFalse(dp.ping("red-1", "red-2", Duration.ofMillis(500)), "the core switch forwards nothing");
            assertTrue(Poll.until(SETTLE, () -> dp.ping("red-1", "red-2", Duration.ofSeconds(1))),
                       "reconnected, pipeline pushed, entries restored");
            assertTrue(Poll.until(SETTLE, () -> snapshot(net).equals(before)), "the same entries as before");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"emulator", "bmv2"})
    void vpnAddedAndDeletedOverRestAndARuntimeRestartTouchesNoSwitch(String target, @TempDir Path data)
            throws Exception {
        if (target.equals("bmv2")) {
            Optional<String> why = Bmv2DataPlane.unavailableReason();
            assumeTrue(why.isEmpty(), () -> "BMv2 data plane skipped: " + why.get());
        }
        NetworkFile file;
        try (InputStream in = EndToEndTest.class.getClassLoader().getResourceAsStream("labs/seed-basic/network.json")) {
            file = NetworkFile.read(in);
        }
        Path store = data.resolve("store");
        Path users = data.resolve("users.properties");
        try (DataPlane dp = target.equals("bmv2") ? Bmv2DataPlane.start(file, data.resolve("bmv2"))
                : EmulatedDataPlane.start(file, true)) {
            NetworkFile net = dp.network();
            Map<String, Set<Entity>> before;
            try (EmbeddedRuntime rt = EmbeddedRuntime.start(store);
                 RestEndpoint rest = RestEndpoint.start(rt, "127.0.0.1", 0, users);
                 EmbeddedProgrammer p = new EmbeddedProgrammer(rt.vpnService(), rt.routeService(), rt.store(), net)) {
                p.start();
                assertTrue(Poll.until(SETTLE, p::allConnected), "switches connected");
                assertEquals(12, rest.provisioner().apply(seed(net, false), l -> { }), "seed without blue");
                assertTrue(Poll.until(SETTLE, () -> dp.ping("red-1", "red-2", Duration.ofSeconds(1))));
                assertTrue(rt.awaitSettled(10_000) && p.awaitProgrammed(10_000));
                before = snapshot(net);
                assertFalse(dp.ping("blue-1", "blue-2", Duration.ofMillis(500)), "blue not provisioned yet");

                assertEquals(3, rest.provisioner().apply(seed(net, true), l -> { }), "blue and its two sites");
                assertTrue(Poll.until(SETTLE, () -> dp.ping("blue-1", "blue-2", Duration.ofSeconds(1))));
                assertNotEquals(before, snapshot(net));

                String admin = RestEndpoint.FIRST_USER;
                assertEquals(204, delete(rest, admin, rest.firstPassword(), "/sites/blue-1"));
                assertEquals(204, delete(rest, admin, rest.firstPassword(), "/vpns/blue"), "with its other site");
                assertTrue(rt.vpnService().getSite("blue-2").isEmpty(), "a VPN's deletion takes its sites");
                assertTrue(Poll.until(SETTLE, () -> snapshot(net).equals(before)),
                           "every switch as before blue existed");
                assertFalse(dp.ping("blue-1", "blue-2", Duration.ofMillis(500)));
                assertTrue(dp.ping("red-1", "red-2", Duration.ofSeconds(2)), "red untouched");
            }
            switchRestartIsReconciled(dp, store, users, before);
            long written = target.equals("emulator") ? updates(dp) : -1;
            try (EmbeddedRuntime rt = EmbeddedRuntime.start(store);
                 RestEndpoint rest = RestEndpoint.start(rt, "127.0.0.1", 0, users);
                 EmbeddedProgrammer p = new EmbeddedProgrammer(rt.vpnService(), rt.routeService(), rt.store(), net)) {
                p.start();
                assertTrue(Poll.until(SETTLE, p::allConnected), "switches reconnected");
                assertEquals(0, rest.provisioner().apply(seed(net, false), l -> { }), "the store kept everything");
                assertTrue(rt.awaitSettled(10_000) && p.awaitProgrammed(10_000));
                assertTrue(dp.ping("red-1", "red-2", Duration.ofSeconds(2)));
                assertTrue(dp.ping("a", "b", Duration.ofSeconds(2)));
                assertEquals(before, snapshot(net));
                if (written >= 0) {
                    assertEquals(written, updates(dp), "a restart writes nothing to the switches");
                }
            }
        }
    }
}
