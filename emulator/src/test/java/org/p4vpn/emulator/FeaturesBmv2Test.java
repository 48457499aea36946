package org.p4vpn.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p4vpn.p4rt.Bmv2Switch;

/**
 * features.p4 (odd widths, signed arithmetic, 128-bit fields, stacks, parser masks, lookahead,
 * verify, checksums, hash, counters, const entries, ternary/range/LPM) on the emulator and on
 * real BMv2 with random traffic: byte-identical outputs and counters. Skipped without BMv2.
 */
class FeaturesBmv2Test {

    static final Path DIR = Paths.get("src", "test", "resources", "programs");

    @Test
    void randomTrafficMatchesBmv2(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Bmv2Switch.unavailableReason().isEmpty(),
                () -> "BMv2 comparison skipped: " + Bmv2Switch.unavailableReason().orElse(""));
        try (Bmv2Pair p = new Bmv2Pair("emfeat", DIR.resolve("features.json"), DIR.resolve("features.p4info.txt"), 15, dir)) {
            FeaturesConfig.install(p::insert);
            p.setDefault(FeaturesConfig.TAGS, ActionCall.ofValues("I.to_port", 3));
            p.setDefault(FeaturesConfig.LPM, ActionCall.ofValues("I.to_port", 2));
            List<Bmv2Pair.In> in = new ArrayList<>();
            for (byte[] f : FeaturesConfig.traffic(FeaturesConfig.SEED, FeaturesConfig.FRAMES)) {
                in.add(new Bmv2Pair.In(1, f));
            }
            List<List<String>> r = p.run(in, 0);
            List<String> onlyBmv2 = new ArrayList<>(r.get(0));
            onlyBmv2.removeAll(r.get(1));
            List<String> onlyEmu = new ArrayList<>(r.get(1));
            onlyEmu.removeAll(r.get(0));
            assertTrue(r.get(0).equals(r.get(1)), () -> "only from BMv2:\n" + String.join("\n", onlyBmv2)
                    + "\nonly from the emulator:\n" + String.join("\n", onlyEmu));
            assertEquals(true, r.get(0).size() > 150, "most frames come out");
            List<String> golden = new ArrayList<>(r.get(0));
            long counted = 0;
            for (int i = 0; i < 16; i++) {
                CounterValue c = p.emu.readCounter("I.by_index", i);
                assertEquals(p.bmv2Counter("I.by_index", i), c, "by_index[" + i + "]");
                counted += c.packets();
                golden.add("by_index[" + i + "] " + c);
            }
            assertTrue(counted > 100, "hash-indexed counter counted " + counted);
            TableEntry tern = FeaturesConfig.entries().get(1);
            assertEquals(p.bmv2DirectCounter(tern), p.emu.readDirectCounter(tern));
            golden.add("t_tern[1] " + p.bmv2DirectCounter(tern));
            if (System.getenv("EMULATOR_WRITE_GOLDEN") != null) {
                // refresh after changing features.p4 or the traffic, with BMv2 installed:
                // EMULATOR_WRITE_GOLDEN=1 mvn -pl emulator test -Dtest=FeaturesBmv2Test
                java.nio.file.Files.write(DIR.resolve("features-golden.txt"), golden);
            }
        }
    }
}
