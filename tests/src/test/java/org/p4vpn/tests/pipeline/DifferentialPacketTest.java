package org.p4vpn.tests.pipeline;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.p4vpn.p4rt.Bmv2Switch;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The differential comparison of the emulator against BMv2: runs every packet test on both and
 * compares, case by case, the frames that came out (port and bytes) and the packet-ins. Prints a
 * table of the cases. Run it alone with {@code tests/run-differential}. Skipped without BMv2.
 */
class DifferentialPacketTest {

    @Test
    void emulatorAgreesWithBmv2PacketForPacket() {
        Assumptions.assumeTrue(Bmv2Switch.unavailableReason().isEmpty(),
                () -> "BMv2 run skipped: " + Bmv2Switch.unavailableReason().get());
        PipelinePacketTests.RECORDED.clear();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Bmv2PacketTest.class), selectClass(EmulatorPacketTest.class)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(request, summary);
        Set<String> cases = new TreeSet<>();
        PipelinePacketTests.RECORDED.keySet().forEach(k -> cases.add(k.substring(k.indexOf('|') + 1)));
        int differ = 0;
        StringBuilder table = new StringBuilder(String.format("%n%-58s %-8s %-8s %s%n", "case", "bmv2", "emulator",
                                                              "same bytes"));
        for (String c : cases) {
            List<String> b = PipelinePacketTests.RECORDED.getOrDefault("bmv2|" + c, List.of());
            List<String> e = PipelinePacketTests.RECORDED.getOrDefault("emulator|" + c, List.of());
            boolean same = b.equals(e);
            differ += same ? 0 : 1;
            table.append(String.format("%-58s %-8d %-8d %s%n", c, b.size(), e.size(), same ? "yes" : "NO"));
        }
        table.append(String.format("%d cases, %d differ; tests: %d run, %d failed%n", cases.size(), differ,
                                   summary.getSummary().getTestsStartedCount(),
                                   summary.getSummary().getTotalFailureCount()));
        System.out.println(table);
        assertEquals(0, summary.getSummary().getTotalFailureCount(), "packet tests failed on a target");
        assertEquals(0, differ, "the emulator differs from BMv2:" + table);
        long perTarget = java.util.Arrays.stream(PipelinePacketTests.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(org.junit.jupiter.api.Test.class)).count();
        assertEquals(2 * perTarget, summary.getSummary().getTestsSucceededCount(), "every test ran on both targets");
    }
}
