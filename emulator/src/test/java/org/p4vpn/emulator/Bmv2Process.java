package org.p4vpn.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.p4vpn.p4rt.Bmv2Switch;
import org.p4vpn.p4rt.Poll;

/**
 * simple_switch_grpc for the comparison tests, like p4rt's {@link Bmv2Switch} but with its own
 * free Thrift port, so that it can run while other BMv2 instances hold the default 9090.
 */
final class Bmv2Process implements AutoCloseable {

    private final Process process;
    final int grpcPort;

    Bmv2Process(Map<Integer, String> ports, Path log) {
        Path bin = Bmv2Switch.binary().orElseThrow();
        grpcPort = freePort();
        List<String> cmd = new ArrayList<>(List.of(bin.toString(), "--device-id", "1", "--no-p4",
                "--thrift-port", String.valueOf(freePort()), "--log-console", "-L", "debug"));
        ports.forEach((port, iface) -> cmd.addAll(List.of("-i", port + "@" + iface)));
        cmd.addAll(List.of("--", "--grpc-server-addr", "127.0.0.1:" + grpcPort, "--cpu-port",
                String.valueOf(Bmv2Switch.CPU_PORT)));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().merge("LD_LIBRARY_PATH", bin.getParent().resolveSibling("lib").toString(),
                    (a, b) -> a + ":" + b);
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean up = Poll.until(Duration.ofSeconds(20), () -> {
            if (!process.isAlive()) {
                return true;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", grpcPort), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        if (!up || !process.isAlive()) {
            close();
            throw new IllegalStateException("simple_switch_grpc did not start, see " + log);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
