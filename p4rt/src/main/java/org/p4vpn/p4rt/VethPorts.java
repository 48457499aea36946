package org.p4vpn.p4rt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Test ports for a software switch: veth pairs whose switch ends stay in the host namespace (for
 * BMv2 to bind) and whose far ends live in a network namespace made for the test, where a packet
 * agent sends and captures raw frames. IPv6 is off on both ends so the kernel adds no traffic.
 * {@link #close()} removes the namespace and every interface, also when the test failed.
 */
public final class VethPorts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VethPorts.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A frame captured on a port. */
    public static final class Frame {
        private final int port;
        private final byte[] bytes;

        Frame(int port, byte[] bytes) {
            this.port = port;
            this.bytes = bytes;
        }

        /**
         * Returns the switch port the frame came out of.
         *
         * @return port number
         */
        public int port() {
            return port;
        }

        /**
         * Returns the frame.
         *
         * @return bytes
         */
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    private final String prefix;
    private final String netns;
    private final int count;
    private final Process agent;
    private final Writer agentIn;
    private final LinkedBlockingQueue<Frame> received = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> acks = new LinkedBlockingQueue<>();

    private VethPorts(String prefix, int count) throws IOException {
        this.prefix = prefix;
        this.netns = "p4vpn-" + prefix;
        this.count = count;
        cleanup(prefix, count);
        run("ip", "netns", "add", netns);
        List<String> far = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String sw = switchIface(i);
            String peer = prefix + i + "h";
            run("ip", "link", "add", sw, "type", "veth", "peer", "name", peer);
            run("ip", "link", "set", peer, "netns", netns);
            run("sysctl", "-q", "-w", "net.ipv6.conf." + sw + ".disable_ipv6=1");
            run("ip", "netns", "exec", netns, "sysctl", "-q", "-w", "net.ipv6.conf." + peer + ".disable_ipv6=1");
            run("ip", "link", "set", sw, "up");
            run("ip", "netns", "exec", netns, "ip", "link", "set", peer, "up");
            far.add(peer);
        }
        Path script = Files.createTempFile("p4vpn-packet-agent", ".py");
        try (InputStream in = VethPorts.class.getResourceAsStream("packet_agent.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", netns, "/usr/bin/python3",
                                                   script.toString()));
        cmd.addAll(far);
        agent = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        agentIn = new OutputStreamWriter(agent.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader out = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
        String ready = out.readLine();
        if (ready == null || !ready.contains("ready")) {
            close();
            throw new IOException("packet agent did not start");
        }
        Thread reader = new Thread(() -> readAgent(out), "packet-agent-" + prefix);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Tells why veth test ports cannot be made here, if they cannot.
     *
     * @return the reason, empty if they can
     */
    public static Optional<String> unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("making network namespaces and veth pairs needs root");
        }
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return Optional.of("/usr/bin/python3 (for the packet agent) is missing");
        }
        try {
            Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                return Optional.of("'ip netns' does not work here");
            }
        } catch (IOException | InterruptedException e) {
            return Optional.of("iproute2 ('ip') is not installed");
        }
        return Optional.empty();
    }

    /**
     * Creates veth pairs 1..count in a fresh namespace.
     *
     * @param prefix short name (at most 8 characters), unique among concurrent tests
     * @param count  number of ports
     * @return the ports
     */
    public static VethPorts create(String prefix, int count) {
        try {
            return new VethPorts(prefix, count);
        } catch (IOException e) {
            cleanup(prefix, count);
            throw new UncheckedIOException("cannot make test ports " + prefix + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the switch-side interface of a port.
     *
     * @param port 1..count
     * @return interface name
     */
    public String switchIface(int port) {
        return prefix + port + "s";
    }

    /**
     * Sends a frame into the switch on a port.
     *
     * @param port  port
     * @param frame frame
     */
    public synchronized void send(int port, byte[] frame) {
        try {
            agentIn.write(JSON.writeValueAsString(JSON.createObjectNode().set("send", JSON.createObjectNode()
                    .put("iface", prefix + port + "h").put("hex", hex(frame)))) + "\n");
            agentIn.flush();
            if (acks.poll(5, TimeUnit.SECONDS) == null) {
                throw new IllegalStateException("packet agent did not confirm the send");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends the same frame many times as fast as the port takes it (for benchmarks).
     *
     * @param port  port
     * @param frame frame
     * @param count how many times
     */
    public synchronized void burst(int port, byte[] frame, int count) {
        try {
            agentIn.write(JSON.writeValueAsString(JSON.createObjectNode().set("burst", JSON.createObjectNode()
                    .put("iface", prefix + port + "h").put("hex", hex(frame)).put("count", count))) + "\n");
            agentIn.flush();
            if (acks.poll(120, TimeUnit.SECONDS) == null) {
                throw new IllegalStateException("packet agent did not finish the burst");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Collects frames the switch sends until none has come for {@code quietMillis}.
     *
     * @param quietMillis how long without a frame ends the collection
     * @return frames in order of arrival
     */
    public List<Frame> collect(long quietMillis) {
        List<Frame> out = new ArrayList<>();
        try {
            Frame f;
            while ((f = received.poll(quietMillis, TimeUnit.MILLISECONDS)) != null) {
                out.add(f);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    /**
     * Waits until {@code count} frames have come out (or the time is up) and returns them.
     *
     * @param count   frames to wait for
     * @param timeout how long at most
     * @return the frames that came, at most {@code count}
     */
    public List<Frame> await(int count, java.time.Duration timeout) {
        List<Frame> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (out.size() < count) {
                Frame f = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (f == null) {
                    break;
                }
                out.add(f);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private void readAgent(BufferedReader out) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                JsonNode n = JSON.readTree(line);
                if (n.has("rx")) {
                    String iface = n.get("rx").get("iface").asText();
                    int port = Integer.parseInt(iface.substring(prefix.length(), iface.length() - 1));
                    received.add(new Frame(port, unhex(n.get("rx").get("hex").asText())));
                } else if (n.has("sent")) {
                    acks.add(n.get("sent").asText());
                }
            }
        } catch (IOException e) {
            LOG.debug("packet agent output ended: {}", e.getMessage());
        }
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }

    static byte[] unhex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    private static void run(String... cmd) throws IOException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", cmd) + ": " + out.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void cleanup(String prefix, int count) {
        for (int i = 1; i <= count + 8; i++) {
            quiet("ip", "link", "del", prefix + i + "s");
        }
        quiet("ip", "netns", "del", "p4vpn-" + prefix);
    }

    private static void quiet(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
        } catch (IOException | InterruptedException e) {
            LOG.debug("{}: {}", String.join(" ", cmd), e.getMessage());
        }
    }

    @Override
    public void close() {
        if (agent != null) {
            agent.destroyForcibly();
        }
        cleanup(prefix, count);
    }
}
