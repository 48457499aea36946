package org.p4vpn.bgp.wire.interop;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real BGP daemon (FRR, GoBGP or BIRD from Debian) started by a test as an iBGP client of our
 * reflector on a loopback address, originating one VPN-IPv4 route, and read back through its own
 * show command. Files live in a temporary directory named p4vbgp-*.
 */
abstract class Daemon implements AutoCloseable {

    final String name;
    final String address;
    final String routerId;
    final String rrAddress;
    final Path dir;
    Process process;

    Daemon(String name, String address, String routerId, String rrAddress) throws IOException {
        this.name = name;
        this.address = address;
        this.routerId = routerId;
        this.rrAddress = rrAddress;
        this.dir = Files.createTempDirectory("p4vbgp-" + name + "-");
        dir.toFile().setWritable(true, false);
        dir.toFile().setExecutable(true, false);
    }

    /** Skips the calling test, with the reason, unless the binaries exist and we may bind port 179. */
    static void assumeInstalled(String... binaries) {
        for (String b : binaries) {
            Assumptions.assumeTrue(new File(b).canExecute() || onPath(b), b + " is not installed (apt-get install "
                    + "frr gobgpd bird2)");
        }
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                               "BGP daemons need port 179, which needs root");
    }

    private static boolean onPath(String b) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(d, b).canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** Starts the daemon with its route. */
    abstract void start() throws IOException;

    /** Returns the daemon's view of one VPN-IPv4 route, if it holds it. */
    abstract Optional<SeenRoute> route(String rd, String prefix);

    /** The RD, prefix and label of the route the daemon originates, and its route target. */
    abstract String[] originated();

    void launch(String... command) throws IOException {
        process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("daemon.log").toFile())).start();
    }

    /** Kills the daemon without letting it say goodbye (no NOTIFICATION): a crash, for graceful restart. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Runs a command and returns its output, or "" if it fails. */
    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor(20, TimeUnit.SECONDS);
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    String log() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("daemon.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    void write(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text);
        dir.resolve(file).toFile().setReadable(true, false);
    }

    static List<String> list(String... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    @Override
    public void close() {
        stop();
        run("rm", "-rf", dir.toString());
    }
}
