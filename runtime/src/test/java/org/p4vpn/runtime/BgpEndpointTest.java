package org.p4vpn.runtime;

import org.junit.jupiter.api.Test;
import org.p4vpn.api.BgpNeighbor;
import org.p4vpn.api.InvalidInputException;
import org.p4vpn.api.PeerRelation;
import org.p4vpn.bgp.wire.SpeakerConfig;
import org.p4vpn.codec.VpnJson;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main job's BGP speaker: {@code --bgp} parsed with clear errors, the speaker started on the
 * runtime and its neighbors served at {@code /bgp/neighbors} beside the rest of the API.
 */
class BgpEndpointTest {

    @Test
    void optionIsParsedAndBadValuesNamed() {
        SpeakerConfig c = BgpEndpoint.config("10.0.0.100,65000,10.0.0.100", "127.0.0.1", 0);
        assertEquals(65000, c.localAs());
        assertEquals("10.0.0.100", c.clusterId().toString());
        assertNull(BgpEndpoint.config("10.0.0.100, 65000", "127.0.0.1", 0).clusterId());
        assertTrue(assertThrows(InvalidInputException.class, () -> BgpEndpoint.config("10.0.0.100", "127.0.0.1", 0))
                           .getMessage().contains("ROUTER_ID,AS"));
        assertEquals("x", assertThrows(InvalidInputException.class,
                () -> BgpEndpoint.config("10.0.0.100,x", "127.0.0.1", 0)).value());
        assertEquals("10.0.0.300", assertThrows(InvalidInputException.class,
                () -> BgpEndpoint.config("10.0.0.300,65000", "127.0.0.1", 0)).value());
    }

    @Test
    void neighborsAreServedOverRest() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (EmbeddedRuntime rt = EmbeddedRuntime.start(null);
             BgpEndpoint bgp = BgpEndpoint.start(rt, BgpEndpoint.config("10.0.0.100,65000,10.0.0.100", "127.0.0.1",
                                                                        0));
             RestEndpoint rest = RestEndpoint.start(rt, "127.0.0.1", 0, null, java.util.List::of,
                                                    RestEndpoint.NO_NETWORK, bgp.neighbors())) {
            bgp.neighbors().addNeighbor(new BgpNeighbor(org.onlab.packet.Ip4Address.valueOf("192.0.2.7"), 65000,
                                                        PeerRelation.CLIENT, true));
            String auth = "Basic " + Base64.getEncoder().encodeToString((RestEndpoint.FIRST_USER + ":" + rest.firstPassword())
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rest.port()
                    + "/l3vpn/v1/bgp/neighbors")).header("Authorization", auth).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"address\":\"192.0.2.7\""), r.body());
        }
    }

    @Test
    void neighborsFileIsCheckedWholeBeforeAnyIsAdded(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path good = dir.resolve("good.json");
        java.nio.file.Files.writeString(good, "[{\"address\":\"192.0.2.1\",\"remoteAs\":65000,\"relation\":\"CLIENT\","
                + "\"passive\":true},{\"address\":\"192.0.2.2\",\"remoteAs\":65001,\"relation\":\"EBGP\","
                + "\"passive\":true}]");
        java.nio.file.Path bad = dir.resolve("bad.json");
        java.nio.file.Files.writeString(bad, "[{\"address\":\"192.0.2.3\",\"remoteAs\":65000,\"relation\":\"CLIENT\","
                + "\"passive\":true},{\"address\":\"192.0.2.4\",\"remoteAs\":65000,\"relation\":\"PAL\"}]");
        try (EmbeddedRuntime rt = EmbeddedRuntime.start(null);
             BgpEndpoint bgp = BgpEndpoint.start(rt, BgpEndpoint.config("10.0.0.100,65000,10.0.0.100", "127.0.0.1",
                                                                        0))) {
            assertEquals(2, bgp.addNeighbors(good));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> bgp.addNeighbors(bad));
            assertEquals("neighbors[1].relation", e.field(), e.getMessage());
            assertEquals(2, bgp.neighbors().getNeighbors().size(), "the bad file added nothing");
            // read again (as at each start): the kept neighbors take the file's settings, none is doubled
            assertEquals(2, bgp.addNeighbors(good));
            assertEquals(2, bgp.neighbors().getNeighbors().size());
            java.nio.file.Path twice = dir.resolve("twice.json");
            java.nio.file.Files.writeString(twice, "[{\"address\":\"192.0.2.5\",\"remoteAs\":1,\"relation\":\"EBGP\"},"
                    + "{\"address\":\"192.0.2.5\",\"remoteAs\":2,\"relation\":\"EBGP\"}]");
            assertEquals("neighbors[1].address", assertThrows(InvalidInputException.class,
                    () -> bgp.addNeighbors(twice)).field(), "given twice");
        }
    }

    @Test
    void neighborsAddedOverRestAreBackAfterARestart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        BgpNeighbor n = new BgpNeighbor(org.onlab.packet.Ip4Address.valueOf("192.0.2.9"), 65009, PeerRelation.EBGP,
                                        true);
        SpeakerConfig c = BgpEndpoint.config("10.0.0.100,65000", "127.0.0.1", 0);
        try (EmbeddedRuntime rt = EmbeddedRuntime.start(dir);
             BgpEndpoint bgp = BgpEndpoint.start(rt, c)) {
            bgp.neighbors().addNeighbor(n);
        }
        try (EmbeddedRuntime rt = EmbeddedRuntime.start(dir);
             BgpEndpoint bgp = BgpEndpoint.start(rt, c)) {
            assertEquals(n, bgp.neighbors().getNeighbor(n.address()).orElseThrow().neighbor());
            assertEquals("ACTIVE", bgp.neighbors().getNeighbor(n.address()).orElseThrow().state(),
                         "the restarted speaker has the neighbor, passive, waiting for it");
        }
    }

    @Test
    void theNetworkFilesBgpSectionStartsTheSpeakerAsInOnos() throws Exception {
        org.p4vpn.p4rt.topo.NetworkFile file = org.p4vpn.p4rt.topo.NetworkFile.parse(VpnJson.mapper().readTree(
                "{\"apps\": {\"org.p4vpn.app\": {\"p4vpn\": {\"asNumber\": 65000}, \"bgp\": {\"routerId\":"
                + " \"10.0.0.100\", \"asNumber\": 65000, \"listenAddress\": \"127.0.0.1\", \"port\": 0,"
                + " \"neighbors\": [{\"address\": \"192.0.2.31\", \"remoteAs\": 65031, \"relation\": \"EBGP\","
                + " \"passive\": true}]}}}}"));
        org.p4vpn.bgp.onos.BgpConfig cfg = BgpEndpoint.netcfg(file.bgp().orElseThrow());
        try (EmbeddedRuntime rt = EmbeddedRuntime.start(null);
             BgpEndpoint bgp = BgpEndpoint.start(rt, cfg.speaker())) {
            assertEquals(1, bgp.keep(cfg.neighbors()));
            assertEquals(65031, bgp.neighbors().getNeighbor(org.onlab.packet.Ip4Address.valueOf("192.0.2.31"))
                    .orElseThrow().neighbor().remoteAs());
            assertTrue(bgp.port() > 0);
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> BgpEndpoint.netcfg(
                VpnJson.mapper().readTree("{\"routerId\": \"10.0.0.100\", \"asNumber\": -1}")).speaker());
        assertEquals("bgp.asNumber", e.field(), e.getMessage());
        assertTrue(org.p4vpn.p4rt.topo.NetworkFile.parse(VpnJson.mapper().readTree("{}")).bgp().isEmpty());
    }
}
