package org.p4vpn.p4rt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A BMv2 {@code simple_switch_grpc} process: started with its ports bound to interfaces, its
 * P4Runtime server on a loopback port and the CPU port the pipeline expects; stopped on close.
 * BMv2 is in no package registry: it is looked up on PATH (e.g. {@code PATH=/opt/p4/bin:$PATH}).
 */
public final class Bmv2Switch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Bmv2Switch.class);
    /** The CPU port our pipeline uses (p4src/define.p4). */
    public static final int CPU_PORT = 255;

    private final String name;
    private final Process process;
    private final int grpcPort;
    private final List<String> command;
    private final Path logFile;

    private Bmv2Switch(String name, Process process, int grpcPort, List<String> command, Path logFile) {
        this.name = name;
        this.process = process;
        this.grpcPort = grpcPort;
        this.command = List.copyOf(command);
        this.logFile = logFile;
    }

    /**
     * Finds simple_switch_grpc.
     *
     * @return its path, empty if not installed
     */
    public static Optional<Path> binary() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            Path p = Paths.get(dir, "simple_switch_grpc");
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Tells why BMv2 tests cannot run here, if they cannot.
     *
     * @return the reason, empty if BMv2 can be started
     */
    public static Optional<String> unavailableReason() {
        if (binary().isEmpty()) {
            return Optional.of("simple_switch_grpc (BMv2) is not on PATH");
        }
        return VethPorts.unavailableReason();
    }

    /**
     * Starts a switch.
     *
     * @param name     name for logs
     * @param deviceId P4Runtime device id
     * @param ports    BMv2 port number to interface
     * @param logFile  where BMv2 writes its log (packet traces included)
     * @return the running switch, its P4Runtime server accepting connections
     */
    public static Bmv2Switch start(String name, long deviceId, Map<Integer, String> ports, Path logFile) {
        return start(name, deviceId, ports, logFile, true);
    }

    /**
     * Starts a switch, with or without BMv2's per-packet debug log (off for benchmarks).
     *
     * @param name     name for logs
     * @param deviceId P4Runtime device id
     * @param ports    BMv2 port number to interface
     * @param logFile  where BMv2 writes its output
     * @param debugLog whether BMv2 logs every packet
     * @return the running switch
     */
    public static Bmv2Switch start(String name, long deviceId, Map<Integer, String> ports, Path logFile,
                                   boolean debugLog) {
        Path bin = binary().orElseThrow(() -> new IllegalStateException(unavailableReason().orElse("")));
        int grpcPort = freePort();
        // Each instance needs its own Thrift port too (default 9090): BMv2 exits if it is taken.
        int thriftPort = freePort();
        List<String> cmd = new ArrayList<>(List.of(bin.toString(), "--device-id", String.valueOf(deviceId),
                                                   "--thrift-port", String.valueOf(thriftPort),
                                                   "--no-p4"));
        if (debugLog) {
            cmd.addAll(List.of("--log-console", "-L", "debug"));
        }
        ports.forEach((port, iface) -> {
            cmd.add("-i");
            cmd.add(port + "@" + iface);
        });
        cmd.addAll(List.of("--", "--grpc-server-addr", "127.0.0.1:" + grpcPort, "--cpu-port",
                           String.valueOf(CPU_PORT)));
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.deleteIfExists(logFile); // a restart appends to it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + logFile.getParent(), e);
        }
        Bmv2Switch sw = launch(name, cmd, grpcPort, logFile);
        LOG.info("BMv2 {} (device {}) up: P4Runtime 127.0.0.1:{}, ports {}", name, deviceId, grpcPort, ports);
        return sw;
    }

    private static Bmv2Switch launch(String name, List<String> cmd, int grpcPort, Path logFile) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            // Libraries built next to the binary (PI, BMv2) are found without a system-wide install.
            pb.environment().merge("LD_LIBRARY_PATH", Path.of(cmd.get(0)).getParent().resolveSibling("lib")
                    .toString(), (a, b) -> a + ":" + b);
            Process p = pb.start();
            Bmv2Switch sw = new Bmv2Switch(name, p, grpcPort, cmd, logFile);
            sw.awaitGrpc(logFile);
            return sw;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd.get(0), e);
        }
    }

    /**
     * Power-cycles the switch: the process is stopped and a new one started with the same ports
     * and P4Runtime address, with no pipeline and no entries, as after a reboot.
     *
     * @return the new switch (this one is closed)
     */
    public Bmv2Switch restart() {
        close();
        Bmv2Switch sw = launch(name, command, grpcPort, logFile);
        LOG.info("BMv2 {} restarted on 127.0.0.1:{}", name, grpcPort);
        return sw;
    }

    private void awaitGrpc(Path logFile) {
        boolean up = Poll.until(java.time.Duration.ofSeconds(20), () -> {
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
        if (!process.isAlive()) {
            throw new IllegalStateException("BMv2 " + name + " exited with " + process.exitValue() + "; see "
                    + logFile);
        }
        if (!up) {
            close();
            throw new IllegalStateException("BMv2 " + name + " did not open its P4Runtime port in 20 s; see "
                    + logFile);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the P4Runtime port on 127.0.0.1.
     *
     * @return port
     */
    public int grpcPort() {
        return grpcPort;
    }

    /**
     * Tells whether the process runs.
     *
     * @return true if alive
     */
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
