package org.p4vpn.rest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded server: a free port when 0 is asked for, static files at "/" beside the API, the web
 * UI from the class path at /ui/ with "/" redirecting there.
 */
class RestServerTest {

    @Test
    void servesStaticFilesBesideTheApi(@TempDir Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("index.html"), "<html>p4vpn</html>");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (RestServer server = RestServer.start("127.0.0.1", 0, Services.of(Map.of()),
                Users.empty().add("u", "p"), dir)) {
            assertTrue(server.port() > 0);
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/index.html")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertEquals("<html>p4vpn</html>", page.body());
            HttpResponse<String> api = client.send(HttpRequest.newBuilder(URI.create(base + "/l3vpn/v1/vpns"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, api.statusCode(), "the API still wants credentials");
        }
    }

    @Test
    void servesTheUiFromTheClassPathAndRedirectsTheRoot() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (RestServer server = RestServer.startWithUi("127.0.0.1", 0, Services.of(Map.of()),
                Users.empty().add("u", "p"), getClass().getClassLoader(), "test-ui/")) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> root = client.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(302, root.statusCode());
            assertTrue(root.headers().firstValue("Location").orElse("").endsWith("/ui/"), root.headers().toString());
            HttpResponse<String> bare = client.send(HttpRequest.newBuilder(URI.create(base + "/ui")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(302, bare.statusCode());
            assertTrue(bare.headers().firstValue("Location").orElse("").endsWith("/ui/"), bare.headers().toString());
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/ui/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertEquals("<html>ui</html>", page.body().trim());
            HttpResponse<String> js = client.send(HttpRequest.newBuilder(URI.create(base + "/ui/js/x.js")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, js.statusCode());
            // browsers run ES modules only when served with a JavaScript media type
            assertTrue(js.headers().firstValue("Content-Type").orElse("").contains("javascript"), js.headers().toString());
            assertEquals(404, client.send(HttpRequest.newBuilder(URI.create(base + "/ui/nothing.js")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(404, client.send(HttpRequest.newBuilder(URI.create(base + "/elsewhere")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());

            HttpResponse<String> browser = client.send(HttpRequest.newBuilder(URI.create(base + "/l3vpn/v1/vpns"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, browser.statusCode());
            assertTrue(browser.headers().firstValue("WWW-Authenticate").isPresent(), "a plain client is challenged");
            HttpResponse<String> xhr = client.send(HttpRequest.newBuilder(URI.create(base + "/l3vpn/v1/vpns"))
                    .header("X-Requested-With", "XMLHttpRequest").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, xhr.statusCode());
            assertTrue(xhr.headers().firstValue("WWW-Authenticate").isEmpty(), "the UI gets no browser dialog");
        }
    }

    @Test
    void refusesAUiFolderWithoutIndex() {
        assertThrows(IllegalArgumentException.class, () -> RestServer.startWithUi("127.0.0.1", 0,
                Services.of(Map.of()), Users.empty(), getClass().getClassLoader(), "no-such-ui/"));
    }
}
