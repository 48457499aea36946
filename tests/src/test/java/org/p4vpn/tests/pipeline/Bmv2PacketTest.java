package org.p4vpn.tests.pipeline;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.p4vpn.p4rt.Bmv2Switch;

import java.nio.file.Path;

/** The pipeline's packet tests on real BMv2; skipped with the reason where BMv2 cannot run. */
class Bmv2PacketTest extends PipelinePacketTests {

    @TempDir
    Path logs;

    @BeforeEach
    void needBmv2() {
        Assumptions.assumeTrue(Bmv2Switch.unavailableReason().isEmpty(),
                () -> "BMv2 run skipped: " + Bmv2Switch.unavailableReason().get());
    }

    @Override
    DataPlaneTarget start(int ports) {
        return new Bmv2Target("pkt", ports, logs);
    }
}
