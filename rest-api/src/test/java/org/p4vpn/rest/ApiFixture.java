package org.p4vpn.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.util.concurrent.MoreExecutors;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.store.service.TestStorageService;
import org.p4vpn.api.L3VpnAdminService;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.VpnRouteService;
import org.p4vpn.codec.VpnJson;
import org.p4vpn.impl.L3VpnManager;
import org.p4vpn.impl.SyncEventDispatcher;
import org.p4vpn.impl.VpnRouteManager;
import org.p4vpn.store.DistributedVpnStore;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The real managers on ONOS's TestStorageService behind a RestServer on a free port, and an HTTP
 * client. The managers' {@code @Reference} fields are protected in other packages, hence the
 * reflection (until the app module publishes its test fixtures as a test-jar).
 */
final class ApiFixture implements AutoCloseable {

    static final String USER = "admin";
    static final String PASSWORD = "s3cret";
    /** A read-only user (same password). */
    static final String VIEWER = "viewer";

    final L3VpnManager vpns;
    final VpnRouteManager routes;
    final RestServer server;
    // HTTP/1.1: Grizzly does not take the JDK client's h2c upgrade on requests with a body
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The switches and links the network state service answers (tests set them). */
    final List<org.p4vpn.api.NetworkSwitch> switches = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<org.p4vpn.api.NetworkLink> links = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** What the LSP service answers (tests set it). */
    final List<org.p4vpn.api.Lsp> lsps = new java.util.concurrent.CopyOnWriteArrayList<>();

    ApiFixture() {
        DistributedVpnStore store = new DistributedVpnStore();
        set(store, "storageService", new TestStorageService());
        store.activate();
        SyncEventDispatcher dispatcher = new SyncEventDispatcher();
        vpns = new L3VpnManager();
        set(vpns, "store", store);
        set(vpns, "coreService", new CoreServiceAdapter());
        set(vpns, "eventDispatcher", dispatcher);
        vpns.activate();
        routes = new VpnRouteManager();
        set(routes, "vpnService", vpns);
        set(routes, "store", store);
        set(routes, "eventDispatcher", dispatcher);
        set(routes, "executor", MoreExecutors.directExecutor());
        routes.activate();
        Services services = Services.of(Map.of(L3VpnService.class, vpns, L3VpnAdminService.class, vpns,
                VpnRouteService.class, routes, org.p4vpn.api.LspService.class,
                (org.p4vpn.api.LspService) () -> List.copyOf(lsps), org.p4vpn.api.NetworkStateService.class,
                new org.p4vpn.api.NetworkStateService() {
                    @Override
                    public java.util.Collection<org.p4vpn.api.NetworkSwitch> getSwitches() {
                        return List.copyOf(switches);
                    }

                    @Override
                    public java.util.Collection<org.p4vpn.api.NetworkLink> getLinks() {
                        return List.copyOf(links);
                    }
                }));
        server = RestServer.start("127.0.0.1", 0, services, Users.empty().add(USER, PASSWORD)
                .add(VIEWER, PASSWORD, Users.Role.VIEWER));
    }

    private static void set(Object target, String name, Object value) {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                f.set(target, value);
                return;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(target.getClass() + " has no field " + name);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + RestApplication.BASE_PATH + path);
    }

    /** A request with the fixture user's credentials. */
    HttpRequest.Builder request(String path) {
        return anonymous(path).header("Authorization", basic(USER, PASSWORD));
    }

    HttpRequest.Builder anonymous(String path) {
        return HttpRequest.newBuilder(uri(path));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return VpnJson.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    /** JSON with single quotes, for readability. */
    static String j(String s) {
        return s.replace('\'', '"');
    }

    static HttpResponse<String> ok(HttpResponse<String> r, int status) {
        org.junit.jupiter.api.Assertions.assertEquals(status, r.statusCode(), r.body());
        return r;
    }

    static void error(HttpResponse<String> r, int status, String field) {
        org.junit.jupiter.api.Assertions.assertEquals(status, r.statusCode(), r.body());
        org.junit.jupiter.api.Assertions.assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers() + r.body());
        JsonNode e = json(r);
        org.junit.jupiter.api.Assertions.assertEquals(field, e.path("field").isNull() ? null : e.path("field").asText(), r.body());
        org.junit.jupiter.api.Assertions.assertFalse(e.path("message").asText().isEmpty(), r.body());
    }

    static String vpn(String name, String rd) {
        return j("{'name':'" + name + "','routeDistinguisher':'" + rd + "','routeTargets':['" + rd + "']}");
    }

    static String site(String name, String vpn, String pe, int port, String net, String... statics) {
        StringBuilder routes = new StringBuilder();
        for (String s : statics) {
            routes.append(routes.length() == 0 ? "" : ",").append("'").append(s).append("'");
        }
        return j("{'name':'" + name + "','vpn':'" + vpn + "','device':'" + pe + "','port':" + port + ",'peInterface':'"
                + net + ".1/24','ceAddress':'" + net + ".2','staticRoutes':[" + routes + "]}");
    }

    /** The seed's provider nodes: PE1 (1.1.1.1), PE2 (2.2.2.2) and P1 (3.3.3.3). */
    void seedNodes() {
        ok(put("/nodes/device:pe1", j("{'role':'PE','routerId':'1.1.1.1'}")), 200);
        ok(put("/nodes/device:pe2", j("{'role':'PE','routerId':'2.2.2.2'}")), 200);
        ok(put("/nodes/device:p1", j("{'role':'P','routerId':'3.3.3.3'}")), 200);
    }

    @Override
    public void close() {
        server.close();
        routes.deactivate();
        vpns.deactivate();
    }
}
