package org.p4vpn.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.p4vpn.api.Lsp;
import org.p4vpn.api.LspHop;
import org.p4vpn.api.NetworkLink;
import org.p4vpn.api.NetworkSwitch;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p4vpn.rest.ApiFixture.error;
import static org.p4vpn.rest.ApiFixture.j;
import static org.p4vpn.rest.ApiFixture.json;
import static org.p4vpn.rest.ApiFixture.ok;
import static org.p4vpn.rest.ApiFixture.site;
import static org.p4vpn.rest.ApiFixture.vpn;

/**
 * The topology view and the packet trace over HTTP, on the seed's chain PE1 (port 10) - (1) P (2) -
 * (10) PE2 with one VPN's sites on both PEs and an LSP PE1 to PE2 that P pops (PHP).
 */
class TopologyTraceTest {

    private static final DeviceId PE1 = DeviceId.deviceId("device:pe1");
    private static final DeviceId PE2 = DeviceId.deviceId("device:pe2");
    private static final DeviceId P1 = DeviceId.deviceId("device:p1");

    private ApiFixture api;

    @BeforeEach
    void setUp() {
        api = new ApiFixture();
        api.seedNodes();
        ok(api.post("/vpns", vpn("vpna", "65000:1")), 201);
        ok(api.post("/vpns", vpn("vpnb", "65000:2")), 201);
        ok(api.post("/sites", site("ce1", "vpna", "device:pe1", 1, "10.1.1", "192.168.1.0/24")), 201);
        ok(api.post("/sites", site("ce2", "vpna", "device:pe2", 2, "10.2.2", "192.168.2.0/24")), 201);
        ok(api.post("/sites", site("b2", "vpnb", "device:pe2", 3, "10.2.3")), 201);
        api.switches.addAll(List.of(new NetworkSwitch(PE1, "PE1", true), new NetworkSwitch(P1, "P", true),
                                    new NetworkSwitch(PE2, "PE2", false)));
        api.links.add(new NetworkLink(cp(PE1, 10), cp(P1, 1), 10, true));
        api.links.add(new NetworkLink(cp(P1, 2), cp(PE2, 10), 20, false));
        api.lsps.add(new Lsp(PE1, PE2, List.of(List.of(
                new LspHop(PE1, LspHop.NONE, PortNumber.portNumber(10), P1, 100),
                new LspHop(P1, 100, PortNumber.portNumber(2), PE2, LspHop.IMPLICIT_NULL),
                new LspHop(PE2, LspHop.IMPLICIT_NULL, null, null, LspHop.NONE))), List.of(), Lsp.State.UP));
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private static ConnectPoint cp(DeviceId d, long port) {
        return new ConnectPoint(d, PortNumber.portNumber(port));
    }

    @Test
    void topologyShowsRolesConnectionsLinkStatesAndSites() {
        JsonNode t = json(ok(api.get("/topology"), 200));
        assertEquals(3, t.path("devices").size(), t.toString());
        JsonNode pe2 = t.path("devices").get(2);
        assertEquals("device:pe2", pe2.path("id").asText());
        assertEquals("PE", pe2.path("role").asText());
        assertEquals("2.2.2.2", pe2.path("routerId").asText());
        assertFalse(pe2.path("connected").asBoolean());
        assertEquals("P", t.path("devices").get(0).path("role").asText());
        assertEquals(List.of("UP", "DOWN"), List.of(t.path("links").get(1).path("state").asText(),
                                                    t.path("links").get(0).path("state").asText()));
        assertEquals(20, t.path("links").get(0).path("metric").asInt());
        assertEquals(3, t.path("sites").size());
        assertEquals("b2", t.path("sites").get(0).path("name").asText());
        assertEquals(3, t.path("sites").get(0).path("port").asInt());
    }

    private int vpnLabelAtPe1(String prefix) {
        for (JsonNode r : json(ok(api.get("/vrfs/device:pe1/vpna"), 200))) {
            if (r.path("prefix").asText().equals(prefix) && r.path("best").asBoolean()) {
                return r.path("vpnLabel").asInt();
            }
        }
        throw new AssertionError("no best route " + prefix + " in VRF vpna at PE1");
    }

    @Test
    void remoteDestinationCrossesTheLspWithBothLabelsThenTheVpnLabel() {
        JsonNode t = json(ok(api.get("/trace?vpn=vpna&site=ce1&destination=192.168.2.7"), 200));
        assertTrue(t.path("delivered").asBoolean(), t.toString());
        assertEquals("ce2", t.path("egressSite").asText());
        int vpnLabel = vpnLabelAtPe1("192.168.2.0/24");
        assertTrue(vpnLabel >= 16, "VPN label " + vpnLabel);
        JsonNode hops = t.path("hops");
        assertEquals(3, hops.size(), t.toString());
        assertHop(hops.get(0), "device:pe1", 1, 10, "PUSH", List.of(100, vpnLabel));
        assertHop(hops.get(1), "device:p1", 1, 2, "POP", List.of(vpnLabel));
        assertHop(hops.get(2), "device:pe2", 10, 2, "ROUTE", List.of());
        assertEquals(1, t.path("equalCostPaths").asInt());
    }

    @Test
    void aVpnWithPrivateLspsIsTracedOverItsOwnLsp() {
        api.lsps.add(new Lsp(PE1, PE2, List.of(List.of(
                new LspHop(PE1, LspHop.NONE, PortNumber.portNumber(10), P1, 500),
                new LspHop(P1, 500, PortNumber.portNumber(2), PE2, LspHop.IMPLICIT_NULL),
                new LspHop(PE2, LspHop.IMPLICIT_NULL, null, null, LspHop.NONE))), List.of(), Lsp.State.UP, "vpna"));
        JsonNode shared = json(ok(api.get("/trace?vpn=vpna&site=ce1&destination=192.168.2.7"), 200));
        assertEquals(100, shared.path("hops").get(0).path("labels").get(0).asInt(), "not configured: shared LSP");
        ok(api.put("/vpns/vpna", j("{'routeDistinguisher':'65000:1','routeTargets':['65000:1'],"
                + "'privateLsps':true,'qosClass':5}")), 200);
        JsonNode own = json(ok(api.get("/trace?vpn=vpna&site=ce1&destination=192.168.2.7"), 200));
        assertEquals(500, own.path("hops").get(0).path("labels").get(0).asInt(), own.toString());
        JsonNode lsps = json(ok(api.get("/lsps?ingress=device:pe1"), 200));
        assertEquals("vpna", lsps.get(1).path("vpn").asText(), lsps.toString());
        assertTrue(lsps.get(0).path("vpn").isNull());
    }

    @Test
    void siteOnTheSamePeIsReachedWithoutLabels() {
        ok(api.post("/sites", site("ce3", "vpna", "device:pe1", 3, "10.1.3")), 201);
        JsonNode t = json(ok(api.get("/trace?vpn=vpna&site=ce1&destination=10.1.3.2"), 200));
        assertEquals("ce3", t.path("egressSite").asText(), t.toString());
        assertEquals(1, t.path("hops").size());
        assertHop(t.path("hops").get(0), "device:pe1", 1, 3, "LOCAL", List.of());
    }

    @Test
    void dropsSayWhy() {
        JsonNode noRoute = json(ok(api.get("/trace?vpn=vpna&site=ce1&destination=10.2.3.2"), 200));
        assertFalse(noRoute.path("delivered").asBoolean());
        assertTrue(noRoute.path("dropReason").asText().startsWith("no route to 10.2.3.2 in VRF vpna"), noRoute.toString());
        assertHop(noRoute.path("hops").get(0), "device:pe1", 1, -1, "DROP", List.of());
        api.lsps.clear();
        JsonNode noLsp = json(ok(api.get("/trace?vpn=vpna&site=ce1&destination=192.168.2.7"), 200));
        assertFalse(noLsp.path("delivered").asBoolean());
        assertTrue(noLsp.path("dropReason").asText().startsWith("no LSP from device:pe1 to device:pe2"), noLsp.toString());
    }

    @Test
    void badQueriesNameTheParameter() {
        error(api.get("/trace?vpn=vpna&site=ce1"), 400, "destination");
        error(api.get("/trace?vpn=vpna&site=ce1&destination=10.0.0.300"), 400, "destination");
        error(api.get("/trace?vpn=nope&site=ce1&destination=10.0.0.1"), 404, "vpn");
        error(api.get("/trace?vpn=vpna&site=nope&destination=10.0.0.1"), 404, "site");
        error(api.get("/trace?vpn=vpnb&site=ce1&destination=10.0.0.1"), 400, "site");
    }

    private static void assertHop(JsonNode h, String device, int in, int out, String action, List<Integer> labels) {
        assertEquals(device, h.path("device").asText(), h.toString());
        assertEquals(in, h.path("inPort").isNull() ? -1 : h.path("inPort").asInt(), h.toString());
        assertEquals(out, h.path("outPort").isNull() ? -1 : h.path("outPort").asInt(), h.toString());
        assertEquals(action, h.path("action").asText(), h.toString());
        List<Integer> got = new java.util.ArrayList<>();
        h.path("labels").forEach(l -> got.add(l.asInt()));
        assertEquals(labels, got, h.toString());
    }
}
