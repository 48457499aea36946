package org.p4vpn.tests.onos;

import org.p4vpn.p4rt.Poll;
import org.p4vpn.runtime.OnosController;
import org.p4vpn.runtime.RestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real ONOS 2.7 for the tests: found at {@code $ONOS_HOME} or {@code /opt/onos} (laid out as ONOS's
 * tarball: {@code bin/onos-service}, {@code apache-karaf-4.2.9/}), started in its own process group on
 * its JDK 11 (ONOS_HOME/onos.env, else {@code $JAVA11_HOME}), the application's {@code .oar}
 * installed over REST, commands run with Karaf's own client, stopped at the end. An ONOS that
 * already answers on :8181 is used as it is and left running.
 */
final class OnosInstance implements AutoCloseable {

    static final String URL = "http://127.0.0.1:8181";
    static final String USER = "onos";
    static final String PASSWORD = "rocks";
    static final String APP = "org.p4vpn.app";
    /** What the seed labs need: the bmv2 drivers, LLDP links, hosts from netcfg. */
    static final String APPS = "drivers.bmv2,hostprovider,lldpprovider,netcfghostprovider";

    private final Path home;
    private final Path karaf;
    private final Process process;
    private final long logStart;

    private OnosInstance(Path home, Process process, long logStart) {
        this.home = home;
        this.karaf = home.resolve("apache-karaf-4.2.9");
        this.process = process;
        this.logStart = logStart;
    }

    /** @return where ONOS is installed, if it is */
    static Optional<Path> home() {
        String env = System.getenv("ONOS_HOME");
        Path home = Path.of(env != null && !env.isEmpty() ? env : "/opt/onos");
        return Files.isExecutable(home.resolve("bin/onos-service")) ? Optional.of(home) : Optional.empty();
    }

    /** @return why the ONOS tests cannot run here, if they cannot */
    static Optional<String> unavailableReason() {
        if (home().isEmpty()) {
            return Optional.of("no ONOS 2.7 at $ONOS_HOME or /opt/onos (bin/onos-service); see README, 'Installing into ONOS'");
        }
        if (javaHome(home().get()).isEmpty()) {
            return Optional.of("no JDK 11 for ONOS: neither ONOS_HOME/onos.env nor $JAVA11_HOME names one");
        }
        return Optional.empty();
    }

    private static Optional<String> javaHome(Path home) {
        Path env = home.resolve("onos.env");
        try {
            if (Files.exists(env)) {
                for (String line : Files.readAllLines(env)) {
                    if (line.startsWith("JAVA_HOME=")) {
                        return Optional.of(line.substring("JAVA_HOME=".length()).trim());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.ofNullable(System.getenv("JAVA11_HOME"));
    }

    static boolean answering() {
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(URL + "/onos/v1/applications"))
                    .header("Authorization", auth()).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String auth() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Starts ONOS (or takes the one running) with the seed labs' apps, and waits until it is ready.
     *
     * @return the instance
     */
    static OnosInstance start() throws IOException {
        Path home = home().orElseThrow();
        Path karaf = home.resolve("apache-karaf-4.2.9");
        Path log = karaf.resolve("data/log/karaf.log");
        long start = Files.exists(log) ? Files.size(log) : 0;
        if (answering()) {
            return new OnosInstance(home, null, start);
        }
        // A cold start: Karaf's framework cache emptied, so ONOS installs the apps' features in order.
        for (String dir : List.of("cache", "generated-bundles", "tmp", "kar", "port")) {
            deleteTree(karaf.resolve("data").resolve(dir));
        }
        StringBuilder opens = new StringBuilder();
        for (String p : List.of("java.lang", "java.util", "java.util.concurrent", "java.util.concurrent.atomic",
                                "java.util.concurrent.locks", "java.net", "java.nio", "sun.nio.ch", "java.time",
                                "java.lang.invoke", "java.lang.reflect", "java.io", "java.text", "java.math",
                                "jdk.internal.misc", "java.security", "sun.security.x509", "java.util.regex")) {
            opens.append(" --add-opens=java.base/").append(p).append("=ALL-UNNAMED");
        }
        ProcessBuilder pb = new ProcessBuilder("setsid", home.resolve("bin/onos-service").toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("onos-test.out").toFile());
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", javaHome(home).orElseThrow());
        env.put("ONOS_APPS", APPS);
        env.put("EXTRA_JAVA_OPTS", opens + " -Dio.netty.tryReflectionSetAccessible=true");
        OnosInstance onos = new OnosInstance(home, pb.start(), start);
        onos.awaitReady(List.of("org.onosproject.drivers.bmv2", "org.onosproject.hostprovider",
                                "org.onosproject.lldpprovider", "org.onosproject.netcfghostprovider"),
                        Duration.ofMinutes(5));
        return onos;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted((a, b) -> b.compareTo(a)).collect(Collectors.toList())) {
                    Files.delete(p);
                }
            }
        }
    }

    OnosController controller() {
        return new OnosController(URL, USER, PASSWORD);
    }

    RestClient onosApi() {
        return new RestClient(URL + "/onos/v1", USER, PASSWORD);
    }

    /** Waits until ONOS's own health check says each app is ready (all bundles there, all components ACTIVE). */
    void awaitReady(List<String> apps, Duration timeout) {
        if (!Poll.until(timeout, () -> answering() && apps.stream().allMatch(this::ready))) {
            throw new IllegalStateException("ONOS apps not ready within " + timeout.toSeconds() + " s: "
                    + apps.stream().filter(a -> !ready(a)).collect(Collectors.toList()) + "; see " + karafLog());
        }
    }

    boolean ready(String app) {
        try {
            HttpResponse<String> r = onosApi().exchange("GET", "/applications/" + app + "/health", null);
            return r.statusCode() == 200 && r.body().contains("\"ready\"");
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** Installs (again) and activates the application's archive, and waits for its health to say ready. */
    String install(Path oar) throws IOException, InterruptedException {
        // Devices on the pipeconf go first: once the pipeconf is gone ONOS 2.7 can no longer encode them
        // ("pipeconf-merged driver was not found"), and 'devices' fails until each is removed by hand.
        for (String line : cli("devices").split("\n")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=(\\S+), .*driver=\\S+:"
                    + java.util.regex.Pattern.quote(OnosController.PIPECONF)).matcher(line);
            if (m.find()) {
                cli("device-remove " + m.group(1));
            }
        }
        onosApi().exchange("DELETE", "/applications/" + APP, null);
        HttpRequest req = HttpRequest.newBuilder(URI.create(URL + "/onos/v1/applications?activate=true"))
                .header("Authorization", auth()).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(oar)).timeout(Duration.ofSeconds(60)).build();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("install answered " + r.statusCode() + ": " + r.body());
            }
            awaitReady(List.of(APP), Duration.ofSeconds(60));
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs one ONOS CLI command with Karaf's client (batch mode); returns what it printed. */
    String cli(String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(karaf.resolve("bin/client").toString(), "-h", "localhost", "-a", "8101",
                                               "-u", USER, "-p", PASSWORD, "-r", "5", "-d", "2", "-b")
                .redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", javaHome(home).orElseThrow());
        Process p = pb.start();
        p.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("ONOS CLI: '" + command + "' did not end within 60 s");
        }
        return out.replaceAll("\u001B\\[[0-9;]*m", "");
    }

    Path karafLog() {
        return karaf.resolve("data/log/karaf.log");
    }

    /** @return the karaf.log lines written since this instance was taken, at level ERROR */
    List<String> errorsSinceStart() throws IOException {
        byte[] all = Files.readAllBytes(karafLog());
        String since = new String(all, (int) Math.min(logStart, all.length), (int) Math.max(0, all.length - logStart),
                                  StandardCharsets.UTF_8);
        List<String> errors = new ArrayList<>();
        for (String line : since.split("\n")) {
            if (line.contains("| ERROR |")) {
                errors.add(line);
            }
        }
        return errors;
    }

    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        ProcessHandle h = process.toHandle();
        List<ProcessHandle> all = new ArrayList<>(h.descendants().collect(Collectors.toList()));
        all.add(h);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                break; // killed below
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
