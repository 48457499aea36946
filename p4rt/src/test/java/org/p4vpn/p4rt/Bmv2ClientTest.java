package org.p4vpn.p4rt;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client against real BMv2: primary election by election id. Skipped without BMv2. */
class Bmv2ClientTest {

    @Test
    void higherElectionIdIsPrimary(@TempDir Path dir) {
        Assumptions.assumeTrue(Bmv2Switch.unavailableReason().isEmpty(),
                () -> "BMv2 run skipped: " + Bmv2Switch.unavailableReason().get());
        try (VethPorts ports = VethPorts.create("cltst", 2);
             Bmv2Switch sw = Bmv2Switch.start("s1", 1, Map.of(1, ports.switchIface(1), 2, ports.switchIface(2)),
                                              dir.resolve("bmv2.log"));
             P4RuntimeClient low = P4RuntimeClient.connect("127.0.0.1", sw.grpcPort(), 1, 5)) {
            assertTrue(low.isPrimary(), "the only client is primary");
            try (P4RuntimeClient high = P4RuntimeClient.connect("127.0.0.1", sw.grpcPort(), 1, 10)) {
                assertTrue(high.isPrimary());
                assertTrue(Poll.until(java.time.Duration.ofSeconds(5), () -> !low.isPrimary()),
                           "the lower election id lost primary");
            }
        }
    }
}
