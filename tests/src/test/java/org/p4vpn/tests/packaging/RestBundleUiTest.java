package org.p4vpn.tests.packaging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The REST bundle the build just made (rest-api/target, the jar the .oar packs on install) carries
 * the web UI under ui/, so that inside ONOS the UI is at /onos/l3vpn/ui/ beside the API's
 * /onos/l3vpn/v1, and holds the same files as the web-ui module.
 */
class RestBundleUiTest {

    private static Path restJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../rest-api/target"))) {
            return files.filter(p -> p.getFileName().toString().matches("p4vpn-rest-api-[^/]*\\.jar")
                            && !p.getFileName().toString().contains("-tests")).findFirst()
                    .orElseThrow(() -> new AssertionError("no REST jar in rest-api/target: build rest-api first"));
        }
    }

    @Test
    void theRestBundleCarriesTheWebUiBesideTheApi() throws IOException {
        Path source = Path.of("../web-ui/src/main/webapp");
        Set<String> expected;
        try (Stream<Path> files = Files.walk(source)) {
            expected = files.filter(Files::isRegularFile)
                    .map(p -> "ui/" + source.relativize(p).toString().replace('\\', '/')).collect(Collectors.toSet());
        }
        assertTrue(expected.containsAll(List.of("ui/index.html", "ui/js/app.js", "ui/js/api.js")), expected.toString());
        try (JarFile jar = new JarFile(restJar().toFile())) {
            assertEquals("/onos/l3vpn", jar.getManifest().getMainAttributes().getValue("Web-ContextPath"));
            Set<String> inside = jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("ui/") && !n.endsWith("/"))
                    .collect(Collectors.toSet());
            assertEquals(expected, inside, "every file of the web UI, and nothing else, under ui/");
        }
    }
}
