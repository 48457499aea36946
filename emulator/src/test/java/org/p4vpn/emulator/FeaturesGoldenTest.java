package org.p4vpn.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * features.p4 with the seeded random traffic against what real BMv2 produced for it
 * (features-golden.txt, recorded by {@link FeaturesBmv2Test}): runs without BMv2.
 */
class FeaturesGoldenTest {

    @Test
    void emulatorReproducesRecordedBmv2Outputs() throws Exception {
        List<String> golden = Files.readAllLines(FeaturesBmv2Test.DIR.resolve("features-golden.txt"));
        EmulatedSwitch sw = new EmulatedSwitch(Programs.load("features.json"));
        FeaturesConfig.install(sw::insertEntry);
        SwitchException constDefault = org.junit.jupiter.api.Assertions.assertThrows(SwitchException.class,
                () -> sw.setDefaultAction(FeaturesConfig.TAGS, ActionCall.ofValues("I.to_port", 3)));
        assertEquals(SwitchException.Code.PERMISSION_DENIED, constDefault.code());
        sw.setDefaultAction(FeaturesConfig.LPM, ActionCall.ofValues("I.to_port", 2));
        List<String> out = new ArrayList<>();
        for (byte[] f : FeaturesConfig.traffic(FeaturesConfig.SEED, FeaturesConfig.FRAMES)) {
            for (OutputPacket o : sw.process(1, f)) {
                byte[] b = o.bytes();
                out.add(o.port() + ":" + Bits.hex(Bmv2Pair.isTagged(b) ? Bmv2Pair.untag(b) : b));
            }
        }
        Collections.sort(out);
        for (int i = 0; i < 16; i++) {
            out.add("by_index[" + i + "] " + sw.readCounter("I.by_index", i));
        }
        out.add("t_tern[1] " + sw.readDirectCounter(FeaturesConfig.entries().get(1)));
        assertTrue(golden.size() > 150, "golden file has " + golden.size() + " lines");
        assertEquals(golden.size(), out.size());
        for (int i = 0; i < golden.size(); i++) {
            assertEquals(golden.get(i), out.get(i), "line " + (i + 1));
        }
    }
}
