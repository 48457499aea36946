package org.p4vpn.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.Ip4Address;
import org.p4vpn.api.BgpNeighborService;
import org.p4vpn.bgp.bridge.WireNeighborService;
import org.p4vpn.bgp.wire.SpeakerConfig;
import org.p4vpn.bgp.wire.WireSpeaker;
import org.p4vpn.codec.VpnJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /bgp/neighbors} on a real wire speaker (listening on a free port, neighbors passive so
 * nothing dials out): add, read, refuse bad or conflicting input with the field named and nothing
 * changed, views of the Adj-RIBs, remove; and 404 where no speaker runs.
 */
class BgpNeighborResourceTest {

    private static final String USER = "admin";
    private static final String PASSWORD = "s3cret";
    private WireSpeaker speaker;
    private RestServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void setUp() throws InterruptedException {
        speaker = WireSpeaker.start(new SpeakerConfig(Ip4Address.valueOf("10.77.11.1"), 65000,
                Ip4Address.valueOf("9.9.9.9"), Ip4Address.valueOf("127.0.0.1"), 0, 90, 5, 0));
        server = RestServer.start("127.0.0.1", 0,
                Services.of(Map.of(BgpNeighborService.class, new WireNeighborService(speaker))),
                Users.empty().add(USER, PASSWORD));
    }

    @AfterEach
    void tearDown() {
        server.close();
        speaker.close();
    }

    private HttpResponse<String> send(RestServer s, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
                + RestApplication.BASE_PATH + path)).header("Authorization", ApiFixture.basic(USER, PASSWORD))
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return send(server, method, path, body);
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return VpnJson.mapper().readTree(r.body());
    }

    private void refused(String body, int status, String field) throws IOException {
        HttpResponse<String> r = send("POST", "/bgp/neighbors", body);
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(field, json(r).path("field").asText(), r.body());
    }

    @Test
    void neighborsAreAddedReadRefusedAndRemoved() throws IOException {
        HttpResponse<String> added = send("POST", "/bgp/neighbors",
                "{\"address\":\"192.0.2.1\",\"remoteAs\":65000,\"relation\":\"CLIENT\",\"passive\":true}");
        assertEquals(201, added.statusCode(), added.body());
        assertEquals("ACTIVE", json(added).path("state").asText(), "passive: waiting for the neighbor");
        assertEquals("CLIENT", json(added).path("relation").asText());

        refused("{\"address\":\"192.0.2.1\",\"remoteAs\":65000,\"relation\":\"CLIENT\"}", 409, "address");
        refused("{\"address\":\"300.0.2.2\",\"remoteAs\":65000,\"relation\":\"CLIENT\"}", 400, "address");
        refused("{\"address\":\"192.0.2.2\",\"remoteAs\":\"x\",\"relation\":\"CLIENT\"}", 400, "remoteAs");
        refused("{\"address\":\"192.0.2.2\",\"remoteAs\":0,\"relation\":\"CLIENT\"}", 400, "remoteAs");
        refused("{\"address\":\"192.0.2.2\",\"remoteAs\":65000,\"relation\":\"FRIEND\"}", 400, "relation");
        refused("{\"address\":\"192.0.2.2\",\"remoteAs\":65001,\"relation\":\"CLIENT\"}", 400, "remoteAs");
        refused("{\"address\":\"192.0.2.2\",\"remoteAs\":65000,\"relation\":\"CLIENT\",\"holdTime\":3}", 400,
                "holdTime");
        refused("[1]", 400, "body");

        JsonNode list = json(send("GET", "/bgp/neighbors", null));
        assertEquals(1, list.size(), "refused requests changed nothing: " + list);
        assertEquals("192.0.2.1", list.get(0).path("address").asText());
        assertEquals(200, send("GET", "/bgp/neighbors/192.0.2.1", null).statusCode());
        assertEquals("[]", send("GET", "/bgp/neighbors/192.0.2.1/adj-rib-in", null).body());
        assertEquals("[]", send("GET", "/bgp/neighbors/192.0.2.1/adj-rib-out", null).body());
        assertEquals(404, send("GET", "/bgp/neighbors/192.0.2.9/adj-rib-in", null).statusCode());
        assertEquals(400, send("GET", "/bgp/neighbors/not-an-address", null).statusCode());

        assertEquals(204, send("DELETE", "/bgp/neighbors/192.0.2.1", null).statusCode());
        assertEquals(404, send("DELETE", "/bgp/neighbors/192.0.2.1", null).statusCode());
        assertTrue(speaker.peers().isEmpty());
    }

    @Test
    void withoutASpeakerTheNeighborsAreNotFound() throws IOException {
        try (RestServer bare = RestServer.start("127.0.0.1", 0, Services.of(Map.of()),
                                                Users.empty().add(USER, PASSWORD))) {
            HttpResponse<String> r = send(bare, "GET", "/bgp/neighbors", null);
            assertEquals(404, r.statusCode(), r.body());
            assertTrue(json(r).path("message").asText().contains("no BGP speaker"), r.body());
        }
    }
}
