package org.p4vpn.bench;

import org.p4vpn.codec.Scenario;
import org.p4vpn.codec.VpnJson;
import org.p4vpn.emulator.server.P4RuntimeServer;
import org.p4vpn.p4rt.Poll;
import org.p4vpn.p4rt.topo.NetworkFile;
import org.p4vpn.runtime.EmbeddedProgrammer;
import org.p4vpn.runtime.EmbeddedRuntime;
import org.p4vpn.runtime.EmulatedDataPlane;
import org.p4vpn.runtime.NetworkNodes;
import org.p4vpn.runtime.RestClient;
import org.p4vpn.runtime.RestEndpoint;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * REST benchmark on the embedded runtime and the emulated seed lab: the latency from a REST
 * create-site request to the site's entries reaching its PE over P4Runtime (p50/p99) with 1, 100
 * and 1,000 VPNs present (each with a site on PE1 and one on PE2), and the rate of authenticated
 * reads. Usage: {@code bench/run-rest-bench [samples] [readSeconds]}.
 */
public final class RestBench {

    private static final java.util.logging.Logger GLASSFISH = java.util.logging.Logger.getLogger("org.glassfish");
    private final RestClient client;

    private RestBench(int port, String password) {
        this.client = new RestClient("http://127.0.0.1:" + port + "/l3vpn/v1", RestEndpoint.FIRST_USER, password);
    }

    private void expect(int want, String method, String path, String body) {
        int got = client.exchange(method, path, body).statusCode();
        if (got != want) {
            throw new IllegalStateException(method + " " + path + " answered " + got + ", expected " + want);
        }
    }

    private static String vpn(int i) {
        String rt = "65001:" + i;
        return "{\"name\":\"b" + i + "\",\"routeDistinguisher\":\"" + rt + "\",\"importTargets\":[\"" + rt
                + "\"],\"exportTargets\":[\"" + rt + "\"]}";
    }

    private static String site(String name, int vpn, String device, int port, int vlan, int net) {
        String prefix = "10." + (100 + net / 256) + "." + (net % 256) + ".";
        return "{\"name\":\"" + name + "\",\"vpn\":\"b" + vpn + "\",\"device\":\"" + device + "\",\"port\":" + port
                + ",\"vlan\":" + vlan + ",\"peInterface\":\"" + prefix + "1/24\",\"ceAddress\":\"" + prefix + "2\"}";
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code [samples] [readSeconds]}
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        GLASSFISH.setLevel(java.util.logging.Level.WARNING);
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int readSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        NetworkFile file;
        try (InputStream in = RestBench.class.getClassLoader().getResourceAsStream("labs/seed-basic/network.json")) {
            file = NetworkFile.read(in);
        }
        System.out.printf("%-34s %-10s %s%n", "measure", "VPNs", "result");
        try (EmulatedDataPlane dp = EmulatedDataPlane.start(file, true);
             EmbeddedRuntime rt = EmbeddedRuntime.start(null);
             RestEndpoint rest = RestEndpoint.start(rt, "127.0.0.1", 0, null);
             EmbeddedProgrammer programmer = new EmbeddedProgrammer(rt.vpnService(), rt.routeService(), rt.store(),
                                                                    dp.network())) {
            programmer.start();
            if (!Poll.until(Duration.ofSeconds(30), programmer::allConnected)) {
                throw new IllegalStateException("switches did not connect");
            }
            Scenario empty = Scenario.parse(VpnJson.mapper().createObjectNode().put("description", "nodes"));
            rest.provisioner().apply(NetworkNodes.withNodesOf(empty, dp.network()), l -> { });
            RestBench b = new RestBench(rest.port(), rest.firstPassword());
            P4RuntimeServer pe1 = dp.lab().server("device:pe1");
            int present = 0;
            for (int target : new int[] {1, 100, 1000}) {
                for (; present < target; present++) {
                    b.expect(201, "POST", "/vpns", vpn(present));
                    b.expect(201, "POST", "/sites", site("x" + present, present, "device:pe1", 5, present + 1,
                                                         present));
                    b.expect(201, "POST", "/sites", site("y" + present, present, "device:pe2", 5, present + 1,
                                                         present));
                }
                if (!rt.awaitSettled(120_000) || !programmer.awaitProgrammed(120_000)) {
                    throw new IllegalStateException("did not settle with " + target + " VPNs");
                }
                List<Long> micros = new ArrayList<>();
                for (int k = 0; k < samples; k++) {
                    long before = pe1.updatesReceived();
                    long t0 = System.nanoTime();
                    b.expect(201, "POST", "/sites", site("probe", 0, "device:pe1", 6, 2 + k % 4000, 3000));
                    while (pe1.updatesReceived() == before) {
                        if (System.nanoTime() - t0 > 30_000_000_000L) {
                            throw new IllegalStateException("no entries reached PE1 within 30 s");
                        }
                        Thread.onSpinWait();
                    }
                    micros.add((System.nanoTime() - t0) / 1000);
                    programmer.awaitProgrammed(30_000);
                    b.expect(204, "DELETE", "/sites/probe", null);
                    rt.awaitSettled(30_000);
                    programmer.awaitProgrammed(30_000);
                }
                Collections.sort(micros);
                System.out.printf("%-34s %-10d p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples)%n",
                                  "create site -> entries at PE1", target, micros.get(micros.size() / 2) / 1000.0,
                                  micros.get(Math.min(micros.size() - 1, (int) Math.ceil(micros.size() * 0.99) - 1))
                                          / 1000.0, micros.get(micros.size() - 1) / 1000.0, micros.size());
            }
            for (String path : new String[] {"/vpns/b0", "/vrfs/device%3Ape1/b0"}) {
                AtomicLong done = new AtomicLong();
                long end = System.nanoTime() + readSeconds * 1_000_000_000L;
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    Thread th = new Thread(() -> {
                        try {
                            while (System.nanoTime() < end) {
                                b.expect(200, "GET", path, null);
                                done.incrementAndGet();
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    th.start();
                    threads.add(th);
                }
                for (Thread th : threads) {
                    th.join();
                }
                System.out.printf("%-34s %-10d %,.0f requests/s (2 client threads, %d s)%n", "GET " + path, 1000,
                                  done.get() / (double) readSeconds, readSeconds);
            }
        }
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                                   + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }
}
