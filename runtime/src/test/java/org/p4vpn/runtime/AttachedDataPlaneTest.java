package org.p4vpn.runtime;

import org.junit.jupiter.api.Test;
import org.p4vpn.p4rt.topo.NetworkFile;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attaching to switches someone else runs: found where the network file says, or a clear error. */
class AttachedDataPlaneTest {

    @Test
    void attachesToRunningSwitchesAndLeavesThemRunning() throws Exception {
        try (EmulatedDataPlane running = EmulatedDataPlane.start(seedFile(), true)) {
            AttachedDataPlane attached = AttachedDataPlane.attach(running.network(), Duration.ofSeconds(10));
            assertSame(running.network(), attached.network());
            running.network().devices().values().forEach(d ->
                    assertTrue(attached.describe().contains(d.name + "@127.0.0.1:" + d.grpcPort), attached.describe()));
            assertThrows(UnsupportedOperationException.class,
                         () -> attached.ping("red-1", "red-2", Duration.ofSeconds(1)));
            assertThrows(UnsupportedOperationException.class, () -> attached.setLinkUp("device:pe1", 10, false));
            attached.close();
            // The switches are not the attached data plane's to stop.
            assertTrue(AttachedDataPlane.attach(running.network(), Duration.ofSeconds(1)) != null);
        }
    }

    @Test
    void aSwitchThatDoesNotAnswerIsNamedWithItsAddress() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Map<String, Integer> ports = new HashMap<>();
        seedFile().devices().keySet().forEach(id -> ports.put(id, closed));
        NetworkFile nowhere = seedFile().withGrpcPorts(ports);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AttachedDataPlane.attach(nowhere, Duration.ofMillis(500)));
        assertTrue(e.getMessage().contains("device:pe1 at 127.0.0.1:" + closed), e.getMessage());
        assertTrue(e.getMessage().contains("device:p1"), e.getMessage());
    }

    private static NetworkFile seedFile() throws Exception {
        try (InputStream in = AttachedDataPlaneTest.class.getClassLoader()
                .getResourceAsStream("labs/seed-basic/network.json")) {
            return NetworkFile.read(in);
        }
    }
}
