package org.p4vpn.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onlab.util.KryoNamespace;
import org.onosproject.store.serializers.KryoNamespaces;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.MapEvent;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.Versioned;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded store: consistent-map semantics, durability across restarts and kill -9. */
class EmbeddedStorageTest {

    private static final Serializer SER = Serializer.using(
            KryoNamespace.newBuilder().register(KryoNamespaces.BASIC).build());

    private static ConsistentMap<Integer, String> map(EmbeddedStorageService s) {
        return s.<Integer, String>consistentMapBuilder().withName("crash").withSerializer(SER).build();
    }

    @Test
    void conditionalWritesAndEventsInOrder(@TempDir Path dir) {
        try (EmbeddedStorageService s = EmbeddedStorageService.persistent(dir)) {
            ConsistentMap<Integer, String> m = map(s);
            List<MapEvent.Type> events = new ArrayList<>();
            m.addListener(e -> events.add(e.type()));
            assertNull(m.putIfAbsent(1, "a"));
            assertEquals("a", m.putIfAbsent(1, "b").value());
            long v = m.get(1).version();
            assertFalse(m.replace(1, v + 1, "c"));
            assertTrue(m.replace(1, v, "c"));
            assertFalse(m.remove(1, "a"));
            assertTrue(m.remove(1, "c"));
            assertNull(m.remove(1));
            assertEquals(List.of(MapEvent.Type.INSERT, MapEvent.Type.UPDATE, MapEvent.Type.REMOVE), events);
        }
    }

    @Test
    void everythingSurvivesARestart(@TempDir Path dir) {
        try (EmbeddedStorageService s = EmbeddedStorageService.persistent(dir)) {
            ConsistentMap<Integer, String> m = map(s);
            for (int i = 0; i < 100; i++) {
                m.put(i, "v" + i);
            }
            for (int i = 0; i < 100; i += 2) {
                m.remove(i);
            }
            m.put(1, "changed");
        }
        try (EmbeddedStorageService s = EmbeddedStorageService.persistent(dir)) {
            ConsistentMap<Integer, String> m = map(s);
            assertEquals(50, m.size());
            assertEquals("changed", m.get(1).value());
            assertNull(m.get(2));
            assertEquals("v99", m.get(99).value());
        }
    }

    @Test
    void aTornLastRecordIsDropped(@TempDir Path dir) throws Exception {
        try (EmbeddedStorageService s = EmbeddedStorageService.persistent(dir)) {
            map(s).put(1, "kept");
            map(s).put(2, "torn");
        }
        Path journal = dir.resolve(Journal.FILE);
        try (RandomAccessFile f = new RandomAccessFile(journal.toFile(), "rw")) {
            f.setLength(f.length() - 3);
        }
        try (EmbeddedStorageService s = EmbeddedStorageService.persistent(dir)) {
            assertEquals("kept", map(s).get(1).value());
            assertNull(map(s).get(2), "the cut record is not half-applied");
            map(s).put(3, "after");
        }
        try (EmbeddedStorageService s = EmbeddedStorageService.persistent(dir)) {
            assertEquals("after", map(s).get(3).value(), "writes after a recovery are kept");
        }
    }

    /** Kills a writing process at random moments; every write it acknowledged must be there. */
    @Test
    void killMinusNineLosesNoAcknowledgedWrite(@TempDir Path dir) throws Exception {
        Random rnd = new Random(7);
        List<Integer> acked = new ArrayList<>();
        java.util.Set<Integer> deleted = new java.util.HashSet<>();
        int next = 1;
        for (int round = 0; round < 3; round++) {
            Path err = dir.resolve("writer-" + round + ".err");
            Process p = new ProcessBuilder(javaCommand(dir, next)).redirectError(err.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            int stopAfter = 50 + rnd.nextInt(200);
            int last = -1;
            for (int i = 0; i < stopAfter; i++) {
                String line = out.readLine();
                if (line == null) {
                    break;
                }
                int n = Integer.parseInt(line.substring(4));
                if (line.startsWith("del ")) {
                    deleted.add(n);
                } else {
                    last = n;
                    acked.add(last);
                }
            }
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertTrue(last > 0, () -> "the writer printed nothing: " + readQuietly(err));
            next = last + 1000;
        }
        try (EmbeddedStorageService s = EmbeddedStorageService.persistent(dir)) {
            ConsistentMap<Integer, String> m = map(s);
            for (int i : acked) {
                Versioned<String> v = m.get(i);
                if (deleted.contains(i)) {
                    assertNull(v, i + " was removed by an acknowledged write");
                } else if ((i + 3) % 7 == 0) {
                    // Its removal is not acknowledged as read, but the writer runs ahead of the lines read
                    // (they wait in the pipe) and may have removed it before the kill: both are right.
                    assertTrue(v == null || v.value().equals("value-" + i), i + " holds something else");
                } else {
                    assertEquals("value-" + i, v == null ? null : v.value(), "acknowledged write " + i + " lost");
                }
            }
        }
        assertTrue(Files.size(dir.resolve(Journal.FILE)) > 0);
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static List<String> javaCommand(Path dir, int first) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String pkg : List.of("java.lang", "java.lang.invoke", "java.util", "java.util.concurrent.atomic",
                                  "java.net", "java.nio")) {
            cmd.add("--add-opens");
            cmd.add("java.base/" + pkg + "=ALL-UNNAMED");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(JournalWriter.class.getName());
        cmd.add(dir.toString());
        cmd.add(String.valueOf(first));
        return cmd;
    }
}
