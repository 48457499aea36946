package org.p4vpn.tests.packaging;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a real ONOS 2.7.0 (Karaf 4.2.9, Felix) needs of the bundles in the {@code .oar}, checked without
 * ONOS: each of these failed the first install into a real ONOS.
 * <ul>
 *   <li>no {@code java.*} in Import-Package (Karaf refuses the bundle);</li>
 *   <li>every non-optional import is exported by ONOS 2.7.0 (the list in
 *       {@code packaging/onos-2.7.0-exports.txt}, read off a running one) or by another bundle of the
 *       archive, in the version range asked for (javax.annotation was asked as [3,4), ONOS has 1.3);</li>
 *   <li>no package is exported by two bundles, and no component is declared in two (PipeconfLoader was);</li>
 *   <li>a component's reference to the GUI's service is optional (ONOS may run without its GUI).</li>
 * </ul>
 */
class OsgiManifestTest {

    private static final Pattern VERSION_RANGE =
            Pattern.compile("version=\"?([\\[(])?([0-9.]+)(?:,([0-9.]+)([\\])]))?\"?");
    private static final Pattern REFERENCE = Pattern.compile("<reference ([^>]*)/>");
    private static final Pattern IMPLEMENTATION = Pattern.compile("<implementation class=\"([^\"]+)\"");

    private static final Map<String, Attributes> MANIFESTS = new LinkedHashMap<>();
    private static final Map<String, List<String>> DESCRIPTORS = new LinkedHashMap<>();
    private static final Map<String, List<String>> ONOS_EXPORTS = new HashMap<>();

    @BeforeAll
    static void readArchive() throws IOException {
        Path oar;
        try (Stream<Path> files = Files.list(Path.of("../oar/target"))) {
            oar = files.filter(p -> p.toString().endsWith(".oar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .oar in oar/target: build the oar module first"));
        }
        try (ZipFile zip = new ZipFile(oar.toFile())) {
            for (ZipEntry e : zip.stream().filter(x -> x.getName().endsWith(".jar")).toArray(ZipEntry[]::new)) {
                String name = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                List<String> descriptors = new ArrayList<>();
                try (InputStream in = zip.getInputStream(e);
                     JarInputStream jar = new JarInputStream(new ByteArrayInputStream(in.readAllBytes()))) {
                    MANIFESTS.put(name, jar.getManifest().getMainAttributes());
                    for (var j = jar.getNextJarEntry(); j != null; j = jar.getNextJarEntry()) {
                        if (j.getName().startsWith("OSGI-INF/") && j.getName().endsWith(".xml")) {
                            descriptors.add(new String(jar.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
                DESCRIPTORS.put(name, descriptors);
            }
        }
        try (InputStream in = OsgiManifestTest.class.getResourceAsStream("/packaging/onos-2.7.0-exports.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.trim().split(" ");
                    ONOS_EXPORTS.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[1]);
                }
            }
        }
        assertEquals(5, MANIFESTS.size(), "bundles in the .oar: " + MANIFESTS.keySet());
    }

    /** Splits an OSGi header at the commas that are not inside quotes. */
    static List<String> clauses(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString().trim());
        }
        return out;
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < 3; i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    /** Whether {@code version} lies in the import clause's range (no range: any version). */
    static boolean inRange(String clause, String version) {
        Matcher m = VERSION_RANGE.matcher(clause);
        if (!m.find()) {
            return true;
        }
        String floor = m.group(2);
        if (m.group(3) == null) {
            return compare(version, floor) >= 0;
        }
        int lo = compare(version, floor);
        int hi = compare(version, m.group(3));
        return (m.group(1).equals("[") ? lo >= 0 : lo > 0) && (m.group(4).equals("]") ? hi <= 0 : hi < 0);
    }

    private static Map<String, String> archiveExports() {
        Map<String, String> exports = new HashMap<>();
        MANIFESTS.forEach((bundle, m) -> {
            for (String clause : clauses(m.getValue("Export-Package"))) {
                String pkg = clause.split(";")[0];
                String previous = exports.put(pkg, bundle);
                assertTrue(previous == null, pkg + " exported by both " + previous + " and " + bundle);
            }
        });
        return exports;
    }

    @Test
    void noBundleImportsJavaPackages() {
        MANIFESTS.forEach((bundle, m) -> clauses(m.getValue("Import-Package")).forEach(
                c -> assertFalse(c.startsWith("java."), bundle + " imports " + c + ": Karaf 4.2.9 refuses it")));
    }

    @Test
    void everyImportIsExportedByOnosOrTheArchiveInTheRangeAsked() {
        Map<String, String> ours = archiveExports();
        MANIFESTS.forEach((bundle, m) -> {
            for (String clause : clauses(m.getValue("Import-Package"))) {
                String pkg = clause.split(";")[0];
                if (clause.contains("resolution:=optional") || ours.containsKey(pkg)) {
                    continue;
                }
                List<String> versions = ONOS_EXPORTS.get(pkg);
                assertTrue(versions != null, bundle + " imports " + pkg + ", which ONOS 2.7.0 does not export");
                assertTrue(versions.stream().anyMatch(v -> inRange(clause, v)),
                           bundle + " imports " + clause + " but ONOS 2.7.0 exports " + pkg + " " + versions);
            }
        });
    }

    @Test
    void eachComponentIsDeclaredInOneBundle() {
        Map<String, String> seen = new HashMap<>();
        DESCRIPTORS.forEach((bundle, xmls) -> xmls.forEach(xml -> {
            Matcher m = IMPLEMENTATION.matcher(xml);
            assertTrue(m.find(), "descriptor without implementation in " + bundle);
            String previous = seen.put(m.group(1), bundle);
            assertTrue(previous == null, m.group(1) + " declared in " + previous + " and " + bundle);
        }));
        assertTrue(seen.containsKey("org.p4vpn.pipeconf.PipeconfLoader"), seen.keySet().toString());
        assertTrue(seen.containsKey("org.p4vpn.gui.VpnGuiComponent"), seen.keySet().toString());
    }

    @Test
    void theGuiIsAnOptionalServiceForEveryComponent() {
        int guiReferences = 0;
        for (var e : DESCRIPTORS.entrySet()) {
            for (String xml : e.getValue()) {
                Matcher m = REFERENCE.matcher(xml);
                while (m.find()) {
                    String ref = m.group(1);
                    if (ref.contains("interface=\"org.onosproject.ui.")) {
                        guiReferences++;
                        assertTrue(ref.contains("cardinality=\"0..1\"") && ref.contains("policy=\"dynamic\""),
                                   "a mandatory GUI reference blocks the component without ONOS's GUI: " + ref);
                    }
                }
            }
        }
        assertEquals(1, guiReferences, "the GUI component's one reference to the GUI");
    }

    @Test
    void theRangeCheckItselfTellsInFromOut() {
        assertTrue(inRange("javax.annotation;version=\"[1.2,2)\"", "1.3.0"));
        assertFalse(inRange("javax.annotation;version=\"[3.0,4)\"", "1.3.0"));
        assertTrue(inRange("io.netty.channel;version=\"[4.1,5)\"", "4.1.35"));
        assertFalse(inRange("x;version=\"(4.1,5)\"", "4.1"));
        assertTrue(inRange("x;version=\"4.1\"", "4.2.9"));
        assertEquals(List.of("a;version=\"[1,2)\"", "b"), clauses("a;version=\"[1,2)\",b"));
    }
}
