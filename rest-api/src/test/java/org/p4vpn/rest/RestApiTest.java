package org.p4vpn.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p4vpn.rest.ApiFixture.error;
import static org.p4vpn.rest.ApiFixture.j;
import static org.p4vpn.rest.ApiFixture.json;
import static org.p4vpn.rest.ApiFixture.ok;
import static org.p4vpn.rest.ApiFixture.site;
import static org.p4vpn.rest.ApiFixture.vpn;

/** The API over HTTP against the real managers: status codes, bodies, and that rejected writes change nothing. */
class RestApiTest {

    private ApiFixture api;

    @BeforeEach
    void setUp() {
        api = new ApiFixture();
        api.seedNodes();
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private void provision() {
        ok(api.post("/vpns", vpn("vpna", "65000:1")), 201);
        ok(api.post("/sites", site("ce1", "vpna", "device:pe1", 1, "10.1.1", "192.168.1.0/24")), 201);
        ok(api.post("/sites", site("ce2", "vpna", "device:pe2", 2, "10.2.2", "192.168.2.0/24")), 201);
    }

    /** Everything a write could change, as the API shows it. */
    private List<String> snapshot() {
        return List.of(api.get("/vpns").body(), api.get("/sites").body(), api.get("/nodes").body(),
                api.get("/labels").body(), api.get("/vrfs").body());
    }

    private void unchangedBy(Supplier<HttpResponse<String>> write, int status, String field) {
        List<String> before = snapshot();
        error(write.get(), status, field);
        assertEquals(before, snapshot(), "a rejected write changes nothing");
    }

    @Test
    void createVpnGives201WithLocationAndGetReturnsIt() {
        HttpResponse<String> r = ok(api.post("/vpns", vpn("vpna", "65000:1")), 201);
        assertEquals(api.uri("/vpns/vpna").toString(), r.headers().firstValue("Location").orElseThrow());
        assertEquals("65000:1", json(r).get("routeDistinguisher").asText());
        JsonNode got = json(ok(api.get("/vpns/vpna"), 200));
        assertEquals("vpna", got.get("name").asText());
        assertEquals("[\"65000:1\"]", got.get("importTargets").toString());
        assertEquals("PER_VRF", got.get("labelMode").asText());
    }

    @Test
    void listFiltersByRouteTargetAndLabelMode() {
        ok(api.post("/vpns", vpn("vpna", "65000:1")), 201);
        ok(api.post("/vpns", j("{'name':'vpnb','routeDistinguisher':'65000:2','importTargets':['65000:9'],"
                + "'exportTargets':['65000:2'],'labelMode':'PER_CE'}")), 201);
        assertEquals(2, json(api.get("/vpns")).size());
        JsonNode byRt = json(ok(api.get("/vpns?routeTarget=65000:9"), 200));
        assertEquals(1, byRt.size());
        assertEquals("vpnb", byRt.get(0).get("name").asText());
        JsonNode byMode = json(ok(api.get("/vpns?labelMode=per-vrf"), 200));
        assertEquals(1, byMode.size());
        assertEquals("vpna", byMode.get(0).get("name").asText());
        assertEquals(0, json(api.get("/vpns?routeTarget=65000:1&labelMode=PER_CE")).size());
        error(api.get("/vpns?routeTarget=banana"), 400, "routeTarget");
        error(api.get("/vpns?labelMode=PER_SOMETHING"), 400, "labelMode");
    }

    @Test
    void badRouteDistinguisherGives400NamingIt() {
        unchangedBy(() -> api.post("/vpns", vpn("vpna", "65000:99999999999")), 400, "routeDistinguisher");
        unchangedBy(() -> api.post("/vpns", j("{'name':'vpna','routeDistinguisher':'nope'}")), 400,
                "routeDistinguisher");
    }

    @Test
    void duplicateRouteDistinguisherGives409() {
        ok(api.post("/vpns", vpn("vpna", "65000:1")), 201);
        unchangedBy(() -> api.post("/vpns", vpn("vpnb", "65000:1")), 409, "routeDistinguisher");
        unchangedBy(() -> api.post("/vpns", vpn("vpna", "65000:3")), 409, "name");
    }

    @Test
    void unknownItemsAndPathsGive404Json() {
        error(api.get("/vpns/nope"), 404, "name");
        error(api.get("/sites/nope"), 404, "name");
        error(api.get("/vrfs/device:pe1/nope"), 404, "vrf");
        error(api.get("/rib/9.9.9.9"), 404, "routerId");
        error(api.get("/no/such/thing"), 404, null);
        unchangedBy(() -> api.delete("/vpns/nope"), 404, "name");
    }

    @Test
    void putUpdatesTargetsButNotTheRouteDistinguisher() {
        ok(api.post("/vpns", vpn("vpna", "65000:1")), 201);
        JsonNode updated = json(ok(api.put("/vpns/vpna",
                j("{'routeTargets':['65000:1','65000:7'],'labelMode':'PER_CE','description':'blue'}")), 200));
        assertEquals(2, updated.get("exportTargets").size());
        assertEquals("PER_CE", json(api.get("/vpns/vpna")).get("labelMode").asText());
        assertEquals("blue", json(api.get("/vpns/vpna")).get("description").asText());
        unchangedBy(() -> api.put("/vpns/vpna", vpn("vpna", "65000:2")), 409, "routeDistinguisher");
        unchangedBy(() -> api.put("/vpns/vpna", vpn("other", "65000:1")), 400, "name");
        unchangedBy(() -> api.put("/vpns/nope", j("{'routeTargets':['65000:1']}")), 404, "name");
    }

    @Test
    void sitesAreCreatedListedAndDeleted() {
        provision();
        HttpResponse<String> r = ok(api.post("/sites", site("ce3", "vpna", "device:pe1", 3, "10.3.3")), 201);
        assertEquals(api.uri("/sites/ce3").toString(), r.headers().firstValue("Location").orElseThrow());
        assertEquals("device:pe1", json(ok(api.get("/sites/ce3"), 200)).get("device").asText());
        assertEquals(2, json(api.get("/sites?device=device:pe1")).size());
        assertEquals(3, json(api.get("/sites?vpn=vpna")).size());
        assertEquals(0, json(api.get("/sites?vpn=other")).size());
        unchangedBy(() -> api.post("/sites", site("ce4", "nope", "device:pe1", 4, "10.4.4")), 404, "vpn");
        unchangedBy(() -> api.post("/sites", site("ce4", "vpna", "device:pe1", 4, "10.1.1")), 409,
                "peInterface");
        ok(api.delete("/sites/ce3"), 204);
        error(api.get("/sites/ce3"), 404, "name");
        assertEquals(2, json(api.get("/sites")).size());
    }

    @Test
    void staticRoutesAreAddedAndRemoved() {
        provision();
        HttpResponse<String> r = ok(api.post("/sites/ce1/routes", j("{'prefix':'192.168.7.0/24'}")), 201);
        assertEquals(api.uri("/sites/ce1").toString(), r.headers().firstValue("Location").orElseThrow());
        assertTrue(json(api.get("/sites/ce1")).get("staticRoutes").toString().contains("192.168.7.0/24"));
        assertTrue(api.get("/vrfs/device:pe2/vpna").body().contains("192.168.7.0/24"), "remote PE learns it");
        unchangedBy(() -> api.post("/sites/ce1/routes", j("{'prefix':'192.168.7.0/24'}")), 409, "prefix");
        unchangedBy(() -> api.post("/sites/ce1/routes", j("{'prefix':'192.168.7.0/33'}")), 400, "prefix");
        unchangedBy(() -> api.post("/sites/ce1/routes", j("{'prefix':'192.168.8.0/24','x':1}")), 400, "x");
        unchangedBy(() -> api.post("/sites/nope/routes", j("{'prefix':'192.168.8.0/24'}")), 404, "name");
        ok(api.delete("/sites/ce1/routes?prefix=192.168.7.0/24"), 200);
        assertFalse(api.get("/vrfs/device:pe2/vpna").body().contains("192.168.7.0/24"));
        ok(api.post("/sites/ce1/routes", j("{'prefix':'192.168.9.0/24'}")), 201);
        HttpResponse<String> enc = api.delete("/sites/ce1/routes/192.168.9.0%2F24");
        assertEquals(200, enc.statusCode(), enc.headers() + enc.body());
        ok(api.post("/sites/ce1/routes", j("{'prefix':'192.168.9.0/24'}")), 201);
        ok(api.delete("/sites/ce1/routes/192.168.9.0/24"), 200);
        assertEquals("[\"192.168.1.0/24\"]", json(api.get("/sites/ce1")).get("staticRoutes").toString());
        unchangedBy(() -> api.delete("/sites/ce1/routes?prefix=192.168.9.0/24"), 404, "prefix");
        unchangedBy(() -> api.delete("/sites/ce1/routes"), 400, "prefix");
    }

    @Test
    void vrfTableShowsTheRemoteRouteWithItsLabel() {
        provision();
        JsonNode vrfs = json(ok(api.get("/vrfs"), 200));
        assertEquals(j("[{'device':'device:pe1','vpn':'vpna'},{'device':'device:pe2','vpn':'vpna'}]"),
                vrfs.toString());
        JsonNode labels = json(ok(api.get("/labels"), 200));
        int pe2Label = -1;
        for (JsonNode l : labels) {
            if (l.get("device").asText().equals("device:pe2") && l.get("purpose").asText().equals("VPN_PER_VRF")) {
                pe2Label = l.get("label").asInt();
            }
        }
        assertTrue(pe2Label >= 16, labels.toString());
        JsonNode remote = null;
        for (JsonNode r : json(ok(api.get("/vrfs/device:pe1/vpna"), 200))) {
            if (r.get("prefix").asText().equals("192.168.2.0/24")) {
                remote = r;
            }
        }
        assertTrue(remote != null, "PE1's VRF has the prefix behind PE2");
        assertEquals("REMOTE", remote.get("origin").asText());
        assertEquals("2.2.2.2", remote.get("nextHop").asText());
        assertEquals(pe2Label, remote.get("vpnLabel").asInt());
        assertTrue(remote.get("best").asBoolean());
        assertEquals("[\"65000:1\"]", remote.get("routeTargets").toString());
        // the speakers and PE1's RIB show the same route
        JsonNode speakers = json(ok(api.get("/route-reflectors"), 200));
        assertTrue(speakers.size() >= 3, speakers.toString());
        boolean reflector = false;
        for (JsonNode s : speakers) {
            reflector |= s.get("routeReflector").asBoolean() && s.has("clusterId") && s.get("peers").size() >= 2;
        }
        assertTrue(reflector, speakers.toString());
        String rib = ok(api.get("/rib/1.1.1.1"), 200).body();
        assertTrue(rib.contains("192.168.2.0/24"), rib);
        error(api.get("/rib/not-an-address"), 400, "routerId");
    }

    @Test
    void nodesAreListedAndRemoved() {
        JsonNode nodes = json(ok(api.get("/nodes"), 200));
        assertEquals(3, nodes.size());
        assertEquals("P", json(ok(api.get("/nodes/device:p1"), 200)).get("role").asText());
        provision();
        unchangedBy(() -> api.delete("/nodes/device:pe1"), 409, "device");
        unchangedBy(() -> api.put("/nodes/device:p2", j("{'role':'P','routerId':'1.1.1.1'}")), 409, "routerId");
        unchangedBy(() -> api.put("/nodes/device:p2", j("{'device':'device:p3','role':'P','routerId':'4.4.4.4'}")),
                400, "device");
        unchangedBy(() -> api.put("/nodes/device:p2", j("{'role':'Q','routerId':'4.4.4.4'}")), 400, "role");
        ok(api.delete("/nodes/device:p1"), 204);
        error(api.get("/nodes/device:p1"), 404, "deviceId");
        unchangedBy(() -> api.delete("/nodes/device:p1"), 404, "device");
    }

    @Test
    void malformedJsonGives400() {
        unchangedBy(() -> api.post("/vpns", "{\"name\": "), 400, "body");
        unchangedBy(() -> api.post("/vpns", ""), 400, "body");
        unchangedBy(() -> api.post("/vpns", "[1,2]"), 400, "body");
        unchangedBy(() -> api.post("/vpns", j("{'name':'vpna','routeDistinguisher':'65000:1','colour':'red'}")),
                400, "colour");
    }

    @Test
    void aViewerReadsButCannotWrite() {
        provision();
        List<String> before = snapshot();
        String viewer = ApiFixture.basic(ApiFixture.VIEWER, ApiFixture.PASSWORD);
        HttpResponse<String> read = api.send(api.anonymous("/vpns").header("Authorization", viewer).GET());
        assertEquals(200, read.statusCode(), read.body());
        error(api.send(api.anonymous("/vpns").header("Authorization", viewer).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(vpn("vpnz", "65000:9")))), 403, null);
        error(api.send(api.anonymous("/vpns/vpna").header("Authorization", viewer).DELETE()), 403, null);
        assertEquals(before, snapshot(), "nothing changed");
    }

    @Test
    void anonymousAndWrongPasswordGet401WithChallenge() {
        List<String> before = snapshot();
        HttpResponse<String> anonWrite = api.send(api.anonymous("/vpns").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(vpn("vpna", "65000:1"))));
        error(anonWrite, 401, null);
        assertTrue(anonWrite.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="));
        error(api.send(api.anonymous("/vpns").GET()), 401, null);
        error(api.send(api.anonymous("/no/such/thing").GET()), 401, null);
        HttpResponse<String> wrong = api.send(api.anonymous("/vpns")
                .header("Authorization", ApiFixture.basic(ApiFixture.USER, "wrong"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(vpn("vpna", "65000:1"))));
        error(wrong, 401, null);
        error(api.send(api.anonymous("/vpns").header("Authorization", ApiFixture.basic("eve", ApiFixture.PASSWORD))
                .GET()), 401, null);
        error(api.send(api.anonymous("/vpns").header("Authorization", "Basic !!!").GET()), 401, null);
        assertEquals(before, snapshot());
    }

    @Test
    void openApiDocumentIsServed() {
        HttpResponse<String> r = ok(api.get("/openapi.yaml"), 200);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
        assertTrue(r.body().startsWith("openapi: 3"));
    }

    @Test
    void lspsAreListedHopByHopAndFilteredByPe() {
        org.onosproject.net.DeviceId pe1 = org.onosproject.net.DeviceId.deviceId("device:pe1");
        org.onosproject.net.DeviceId p1 = org.onosproject.net.DeviceId.deviceId("device:p1");
        org.onosproject.net.DeviceId pe2 = org.onosproject.net.DeviceId.deviceId("device:pe2");
        org.onosproject.net.PortNumber port = org.onosproject.net.PortNumber.portNumber(10);
        api.lsps.add(new org.p4vpn.api.Lsp(pe1, pe2, java.util.List.of(java.util.List.of(
                new org.p4vpn.api.LspHop(pe1, org.p4vpn.api.LspHop.NONE, port, p1, 100),
                new org.p4vpn.api.LspHop(p1, 100, port, pe2, org.p4vpn.api.LspHop.IMPLICIT_NULL),
                new org.p4vpn.api.LspHop(pe2, org.p4vpn.api.LspHop.IMPLICIT_NULL, null, null,
                                         org.p4vpn.api.LspHop.NONE))),
                java.util.List.of(), org.p4vpn.api.Lsp.State.UP));
        JsonNode all = json(ok(api.get("/lsps"), 200));
        assertEquals(1, all.size());
        JsonNode l = all.get(0);
        assertEquals("device:pe1", l.path("ingress").asText());
        assertEquals("UP", l.path("state").asText());
        JsonNode hops = l.path("primaries").get(0);
        assertEquals(3, hops.size());
        assertEquals("device:p1", hops.get(1).path("device").asText());
        assertEquals(100, hops.get(1).path("inLabel").asInt());
        assertEquals(3, hops.get(1).path("outLabel").asInt(), "PHP: P pops");
        assertEquals(1, json(ok(api.get("/lsps?egress=device:pe2"), 200)).size());
        assertEquals(0, json(ok(api.get("/lsps?ingress=device:pe2"), 200)).size());
        error(api.get("/lsps?ingress=not%20a%20device"), 400, "ingress");
    }
}
