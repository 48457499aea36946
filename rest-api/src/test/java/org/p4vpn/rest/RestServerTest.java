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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded server: a free port when 0 is asked for, static files at "/" beside the API. */
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
}
