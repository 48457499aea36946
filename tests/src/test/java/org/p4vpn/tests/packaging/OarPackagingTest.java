package org.p4vpn.tests.packaging;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ONOS application archive the build makes (oar/target/*.oar): app.xml and the Karaf feature
 * name the pipeconf, app, REST, BGP and GUI bundles, all five are inside, the REST bundle is a web
 * bundle at /onos/l3vpn with its web.xml, and the BGP bundle declares its component and commands
 * and imports Netty (which ONOS provides) rather than carrying it.
 */
class OarPackagingTest {

    private static final String[] BUNDLES = {"p4vpn-pipeconf", "p4vpn-app", "p4vpn-rest-api", "p4vpn-bgp", "p4vpn-gui"};

    private static Path oar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../oar/target"))) {
            return files.filter(p -> p.toString().endsWith(".oar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .oar in oar/target: build the oar module first"));
        }
    }

    private static String text(ZipFile zip, String suffix) throws IOException {
        ZipEntry e = zip.stream().filter(x -> x.getName().endsWith(suffix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + suffix + " in the .oar"));
        try (InputStream in = zip.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theArchiveCarriesTheFiveBundlesAndNamesThem() throws IOException {
        try (ZipFile zip = new ZipFile(oar().toFile())) {
            String app = text(zip, "app.xml");
            String features = text(zip, "-features.xml");
            assertTrue(app.contains("name=\"org.p4vpn.app\""), app);
            for (String b : BUNDLES) {
                assertTrue(app.contains("mvn:org.p4vpn/" + b + "/"), b + " in app.xml");
                assertTrue(features.contains("<bundle>mvn:org.p4vpn/" + b + "/"), b + " in the feature");
                assertTrue(zip.stream().anyMatch(e -> e.getName().matches("m2/org/p4vpn/" + b + "/.*/" + b
                        + "-[^/]*\\.jar")), b + " jar inside");
            }
        }
    }

    private static byte[] bundle(ZipFile zip, String name) throws IOException {
        ZipEntry jar = zip.stream().filter(e -> e.getName().matches(".*/" + name + "-[^/]*\\.jar"))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " jar in the .oar"));
        try (InputStream in = zip.getInputStream(jar)) {
            return in.readAllBytes();
        }
    }

    @Test
    void theBgpBundleDeclaresItsComponentAndCommandsAndImportsNetty() throws IOException {
        try (ZipFile zip = new ZipFile(oar().toFile());
             JarInputStream j = new JarInputStream(new ByteArrayInputStream(bundle(zip, "p4vpn-bgp")))) {
            var main = j.getManifest().getMainAttributes();
            assertEquals("org.p4vpn.bgp", main.getValue("Bundle-SymbolicName"));
            assertEquals("org.p4vpn.bgp.cli", main.getValue("Karaf-Commands"));
            assertTrue(main.getValue("Service-Component").contains("org.p4vpn.bgp.onos.BgpSpeakerComponent"),
                       main.getValue("Service-Component"));
            assertTrue(main.getValue("Import-Package").contains("io.netty.channel;version=\"[4.1,5)\""),
                       "Netty 4.1 imported, so ONOS 2.7's netty 4.1 bundles serve it");
            boolean component = false;
            for (var e = j.getNextJarEntry(); e != null; e = j.getNextJarEntry()) {
                assertTrue(!e.getName().startsWith("io/netty/"), "Netty must not be embedded: " + e.getName());
                component |= e.getName().equals("OSGI-INF/org.p4vpn.bgp.onos.BgpSpeakerComponent.xml");
            }
            assertTrue(component, "the component's descriptor in the bundle");
        }
    }

    @Test
    void theRestBundleIsAWebBundleAtOnosL3vpn() throws IOException {
        try (ZipFile zip = new ZipFile(oar().toFile())) {
            byte[] bytes = bundle(zip, "p4vpn-rest-api");
            try (JarInputStream j = new JarInputStream(new ByteArrayInputStream(bytes))) {
                Manifest m = j.getManifest();
                assertNotNull(m);
                assertEquals("/onos/l3vpn", m.getMainAttributes().getValue("Web-ContextPath"));
                boolean webXml = false;
                for (var e = j.getNextJarEntry(); e != null; e = j.getNextJarEntry()) {
                    webXml |= e.getName().equals("WEB-INF/web.xml");
                }
                assertTrue(webXml, "WEB-INF/web.xml in the REST bundle");
            }
        }
    }
}
