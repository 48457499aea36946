package org.p4vpn.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runtime's REST endpoint: no anonymous access, a first user made once, kept across restarts. */
class RestEndpointTest {

    private static HttpResponse<String> send(int port, String method, String path, String body, String password) {
        return new RestClient("http://127.0.0.1:" + port + "/l3vpn/v1", password == null ? null : "admin", password)
                .exchange(method, path, body);
    }

    @Test
    void firstStartMakesAUserWhoseHashIsKeptAndAnonymousWritesAreRefused(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users.properties");
        String vpn = "{\"name\":\"green\",\"routeDistinguisher\":\"65000:7\",\"importTargets\":[\"65000:7\"],"
                + "\"exportTargets\":[\"65000:7\"]}";
        String password;
        try (EmbeddedRuntime rt = EmbeddedRuntime.start(dir.resolve("store"));
             RestEndpoint rest = RestEndpoint.start(rt, "127.0.0.1", 0, users)) {
            password = rest.firstPassword();
            assertNotNull(password);
            assertTrue(Files.readString(users).contains("admin=pbkdf2"), "a hash, never the password");
            assertTrue(!Files.readString(users).contains(password));
            assertEquals(401, send(rest.port(), "POST", "/vpns", vpn, null).statusCode());
            assertEquals(401, send(rest.port(), "POST", "/vpns", vpn, password + "x").statusCode());
            assertTrue(rt.vpnService().getVpnInstances().isEmpty(), "refused writes changed nothing");
            assertEquals(201, send(rest.port(), "POST", "/vpns", vpn, password).statusCode());
        }
        try (EmbeddedRuntime rt = EmbeddedRuntime.start(dir.resolve("store"));
             RestEndpoint rest = RestEndpoint.start(rt, "127.0.0.1", 0, users)) {
            assertNull(rest.firstPassword(), "the users file is used as it is");
            HttpResponse<String> r = send(rest.port(), "GET", "/vpns/green", null, password);
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("65000:7"));
        }
    }

    @Test
    void aScenarioTheApiRefusesStopsWithTheApisErrorAndNothingAfterIt(@TempDir Path dir) throws Exception {
        String json = "{\"description\":\"bad\",\"vpns\":[{\"name\":\"v\",\"routeDistinguisher\":\"65000:1\","
                + "\"importTargets\":[\"65000:1\"],\"exportTargets\":[\"65000:1\"]},"
                + "{\"name\":\"w\",\"routeDistinguisher\":\"65000:1\",\"importTargets\":[\"65000:1\"],"
                + "\"exportTargets\":[\"65000:1\"]},"
                + "{\"name\":\"x\",\"routeDistinguisher\":\"65000:3\",\"importTargets\":[\"65000:3\"],"
                + "\"exportTargets\":[\"65000:3\"]}]}";
        org.p4vpn.codec.Scenario bad = org.p4vpn.codec.Scenario.read(
                new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        try (EmbeddedRuntime rt = EmbeddedRuntime.start(null);
             RestEndpoint rest = RestEndpoint.start(rt, "127.0.0.1", 0, null)) {
            RestProvisioner.RefusedException e = org.junit.jupiter.api.Assertions.assertThrows(
                    RestProvisioner.RefusedException.class, () -> rest.provisioner().apply(bad, l -> { }));
            assertTrue(e.getMessage().contains("409") && e.getMessage().contains("routeDistinguisher"),
                       e.getMessage());
            assertEquals(java.util.Set.of("v"), rt.vpnService().getVpnInstances().stream()
                    .map(org.p4vpn.api.VpnInstance::name).collect(java.util.stream.Collectors.toSet()));
        }
    }
}
