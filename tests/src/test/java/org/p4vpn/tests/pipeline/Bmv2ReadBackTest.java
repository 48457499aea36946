package org.p4vpn.tests.pipeline;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.p4vpn.p4rt.Bmv2Switch;

import java.nio.file.Path;

/** The same reads on BMv2; skipped with the reason without it. */
class Bmv2ReadBackTest extends ReadBackTests {

    @TempDir
    Path logs;

    @BeforeEach
    void needBmv2() {
        Assumptions.assumeTrue(Bmv2Switch.unavailableReason().isEmpty(),
                () -> "BMv2 run skipped: " + Bmv2Switch.unavailableReason().get());
    }

    @Override
    DataPlaneTarget start() {
        return new Bmv2Target("rdb", 3, logs);
    }
}
