package org.p4vpn.runtime;

import org.p4vpn.api.L3VpnException;
import org.p4vpn.codec.Scenario;
import org.p4vpn.p4rt.Poll;
import org.p4vpn.p4rt.topo.NetworkFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

/**
 * The main job: brings up the seed's example network on the emulated data plane (switches behind
 * their own P4Runtime servers), starts the embedded runtime on it, provisions the scenario's VPNs
 * and sites, lets the controller program the switches, and checks with real pings which CEs reach
 * each other and which are isolated.
 */
public final class Main {

    private static final String LAB = "labs/seed-basic/";
    // Grizzly and Jersey log through java.util.logging: only their warnings reach the console.
    private static final java.util.logging.Logger GLASSFISH = java.util.logging.Logger.getLogger("org.glassfish");

    private Main() {
    }

    private static final class Options {
        private String network;
        private String scenario;
        private Path data = Paths.get("data");
        private boolean serve;
        private boolean bmv2;
        private boolean attach;
        private String listen = "127.0.0.1";
        private int restPort = 8181;
        private Path users;
        private String bgp;
        private String bgpListen;
        private Path bgpNeighbors;
        private int bgpPort = BgpEndpoint.defaultPort();
        private String onos;
        private String onosUser = "onos";
        private String onosPassword = "rocks";
    }

    /**
     * Runs the main job.
     *
     * @param args {@code [--network FILE] [--scenario FILE] [--data DIR | --in-memory] [--bmv2 | --attach] [--listen HOST]
     *             [--rest-port N] [--users FILE] [--serve] [--bgp ROUTER_ID,AS[,CLUSTER_ID] [--bgp-listen HOST]
     *             [--bgp-port N] [--bgp-neighbors FILE]] [--onos URL [--onos-user U] [--onos-password P]]}
     */
    public static void main(String[] args) {
        Options o = options(args);
        GLASSFISH.setLevel(java.util.logging.Level.WARNING);
        if (o.data != null) {
            // Before the first logger exists: logs go to the data directory, the console keeps the tables.
            o.data.toFile().mkdirs();
            System.setProperty("org.slf4j.simpleLogger.logFile", o.data.resolve("p4vpn.log").toString());
        }
        NetworkFile network = load(o.network, LAB + "network.json", "network", NetworkFile::read);
        Scenario scenario = load(o.scenario, LAB + "scenario.json", "scenario", Scenario::read);
        System.out.println("p4vpn: " + scenario.description());
        if (o.onos != null) {
            System.exit(runOnOnos(network, scenario, o) ? 0 : 1);
        }
        boolean ok;
        try (DataPlane lab = startDataPlane(network, o);
             EmbeddedRuntime runtime = EmbeddedRuntime.start(o.data)) {
            System.out.println("store: " + (o.data == null ? "in memory" : o.data.toAbsolutePath())
                    + (o.data == null ? "" : "   log: " + o.data.resolve("p4vpn.log")));
            try (EmbeddedProgrammer programmer = new EmbeddedProgrammer(runtime.vpnService(), runtime.routeService(),
                                                                         runtime.store(), lab.network());
                 BgpEndpoint bgp = o.bgp == null && network.bgp().isPresent()
                         ? startNetcfgBgp(runtime, network.bgp().get()) : startBgp(runtime, o);
                 RestEndpoint rest = startRest(runtime, programmer, bgp, o)) {
                programmer.start();
                step("connecting to " + network.devices().size() + " switches over P4Runtime");
                if (!Poll.until(Duration.ofSeconds(30), programmer::allConnected)) {
                    fail("the switches did not all connect within 30 s; see the log");
                }
                Scenario withNodes = NetworkNodes.withNodesOf(scenario, network);
                step("provisioning the scenario over the REST API");
                int changes;
                try {
                    changes = rest.provisioner().apply(withNodes, line -> System.out.println("  provisioned " + line));
                } catch (RestProvisioner.RefusedException e) {
                    fail("scenario rejected: " + e.getMessage());
                    return;
                }
                System.out.println(changes == 0 ? "scenario already provisioned" : changes + " changes provisioned");
                step("computing routes, labels and LSPs and programming the switches");
                if (!runtime.awaitSettled(30_000) || !programmer.awaitProgrammed(30_000)) {
                    fail("the controller did not settle within 30 s");
                }
                VrfTablePrinter.print(runtime.routeService(), System.out);
                if (o.attach) {
                    ok = true;
                    System.out.println("attached switches: reachability is checked by the lab that runs the CEs");
                } else {
                    step("checking reachability with pings between CEs");
                    ok = Verification.print(Verification.run(scenario.checks(), lab), System.out);
                }
                if (o.serve) {
                    System.out.println("serving; stop with Ctrl-C");
                    Poll.until(Duration.ofDays(3650), () -> false);
                }
            }
        } catch (L3VpnException e) {
            fail("scenario rejected: " + e.field() + " = " + e.value() + ": " + e.getMessage());
            return;
        }
        if (!ok) {
            System.exit(1);
        }
    }

    /** The job with a running ONOS as the controller (--onos URL) instead of the embedded runtime. */
    private static boolean runOnOnos(NetworkFile network, Scenario scenario, Options o) {
        OnosController onos = new OnosController(o.onos, o.onosUser, o.onosPassword);
        System.out.println("controller: ONOS at " + o.onos + "   (the application's API: " + onos.apiBase() + ")");
        try (DataPlane lab = startDataPlane(network, o)) {
            List<Verification.Row> rows = OnosJob.run(onos, scenario, lab, System.out);
            boolean ok = o.attach || Verification.print(rows, System.out);
            if (o.serve) {
                System.out.println("serving the switches to ONOS; stop with Ctrl-C");
                Poll.until(Duration.ofDays(3650), () -> false);
            }
            return ok;
        } catch (RestProvisioner.RefusedException e) {
            fail("scenario rejected by the application in ONOS: " + e.getMessage());
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            fail("ONOS at " + o.onos + ": " + e.getMessage());
        }
        return false;
    }

    private static BgpEndpoint startBgp(EmbeddedRuntime runtime, Options o) {
        if (o.bgp == null) {
            return null;
        }
        String listen = o.bgpListen != null ? o.bgpListen : o.listen;
        try {
            BgpEndpoint bgp = BgpEndpoint.start(runtime, BgpEndpoint.config(o.bgp, listen, o.bgpPort));
            System.out.println("BGP speaker: " + listen + ":" + bgp.port() + "   (neighbors: /l3vpn/v1/bgp/neighbors)");
            if (o.bgpNeighbors != null) {
                try {
                    System.out.println("  " + bgp.addNeighbors(o.bgpNeighbors) + " neighbors from " + o.bgpNeighbors);
                } catch (IOException | L3VpnException e) {
                    bgp.close();
                    fail("--bgp-neighbors " + o.bgpNeighbors + ": " + (e instanceof L3VpnException
                            ? ((L3VpnException) e).field() + ": " : "") + e.getMessage());
                }
            }
            return bgp;
        } catch (L3VpnException e) {
            fail("--bgp: " + e.value() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        } catch (RuntimeException e) {
            fail("cannot start the BGP speaker on " + listen + ":" + o.bgpPort + ": " + e.getMessage());
        }
        return null;
    }

    /** The speaker as the network file's {@code apps / org.p4vpn.app / bgp} section sets it (as ONOS netcfg). */
    private static BgpEndpoint startNetcfgBgp(EmbeddedRuntime runtime, com.fasterxml.jackson.databind.JsonNode section) {
        try {
            org.p4vpn.bgp.onos.BgpConfig cfg = BgpEndpoint.netcfg(section);
            java.util.List<org.p4vpn.api.BgpNeighbor> neighbors = cfg.neighbors();
            BgpEndpoint bgp = BgpEndpoint.start(runtime, cfg.speaker());
            System.out.println("BGP speaker (network file): " + cfg.speaker().listenAddress() + ":" + bgp.port()
                    + "   " + bgp.keep(neighbors) + " neighbors   (/l3vpn/v1/bgp/neighbors)");
            return bgp;
        } catch (L3VpnException e) {
            fail("network file, apps.org.p4vpn.app." + e.field() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        } catch (RuntimeException e) {
            fail("cannot start the BGP speaker of the network file: " + e.getMessage());
        }
        return null;
    }

    private static RestEndpoint startRest(EmbeddedRuntime runtime, EmbeddedProgrammer programmer, BgpEndpoint bgp,
                                          Options o) {
        Path users = o.users != null ? o.users : o.data != null ? o.data.resolve("users.properties") : null;
        RestEndpoint rest;
        try {
            rest = RestEndpoint.start(runtime, o.listen, o.restPort, users, programmer, programmer.networkState(),
                                      bgp == null ? null : bgp.neighbors());
        } catch (IllegalArgumentException e) {
            fail("users file " + users + ": " + e.getMessage());
            return null;
        } catch (RuntimeException e) {
            fail("cannot serve the REST API on " + o.listen + ":" + o.restPort + ": " + e.getMessage());
            return null;
        }
        System.out.println("REST API: http://" + o.listen + ":" + rest.port() + "/l3vpn/v1   (OpenAPI: /l3vpn/v1/openapi.yaml)");
        rest.uiUrl().ifPresent(url -> System.out.println("Web UI:   " + url + "   (same users as the API)"));
        if (rest.firstPassword() != null) {
            System.out.println("  user " + RestEndpoint.FIRST_USER + ", password " + rest.firstPassword()
                    + (users == null ? " (in memory only)" : " (shown once; its hash is in " + users + ")"));
        } else {
            System.out.println("  users from " + users);
        }
        return rest;
    }

    private static DataPlane startDataPlane(NetworkFile network, Options o) {
        DataPlane dp;
        if (o.attach) {
            step("attaching to " + network.devices().size() + " running switches");
            try {
                dp = AttachedDataPlane.attach(network, Duration.ofSeconds(30));
            } catch (IllegalStateException e) {
                fail("--attach: " + e.getMessage());
                return null;
            }
        } else if (o.bmv2) {
            Bmv2DataPlane.unavailableReason().ifPresent(r -> fail("--bmv2: " + r));
            Path logs = o.data != null ? o.data : Paths.get(System.getProperty("java.io.tmpdir"), "p4vpn-bmv2");
            step("starting " + network.devices().size() + " BMv2 switches and " + network.hosts().size()
                         + " CE namespaces (logs in " + logs.toAbsolutePath() + ")");
            try {
                dp = Bmv2DataPlane.start(network, logs);
            } catch (RuntimeException e) {
                fail("cannot start the BMv2 network: " + e.getMessage());
                return null;
            }
        } else {
            try {
                dp = EmulatedDataPlane.start(network, false);
            } catch (java.io.UncheckedIOException e) {
                // Usually a P4Runtime port of the network file taken by another run or a lab.
                fail("cannot start the emulated network: " + e.getMessage()
                        + (e.getCause() == null ? "" : " (" + rootMessage(e) + ")")
                        + "; is another p4vpn or lab running? The ports are in the network file.");
                return null;
            }
        }
        System.out.println("data plane: " + dp.describe());
        return dp;
    }

    private static Options options(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--network":
                    o.network = value(args, ++i);
                    break;
                case "--scenario":
                    o.scenario = value(args, ++i);
                    break;
                case "--data":
                    o.data = Paths.get(value(args, ++i));
                    break;
                case "--in-memory":
                    o.data = null;
                    break;
                case "--serve":
                    o.serve = true;
                    break;
                case "--bmv2":
                    o.bmv2 = true;
                    break;
                case "--attach":
                    o.attach = true;
                    break;
                case "--listen":
                    o.listen = value(args, ++i);
                    break;
                case "--rest-port":
                    o.restPort = port("--rest-port", value(args, ++i));
                    break;
                case "--users":
                    o.users = Paths.get(value(args, ++i));
                    break;
                case "--bgp":
                    o.bgp = value(args, ++i);
                    break;
                case "--bgp-neighbors":
                    o.bgpNeighbors = Paths.get(value(args, ++i));
                    break;
                case "--bgp-listen":
                    o.bgpListen = value(args, ++i);
                    break;
                case "--bgp-port":
                    o.bgpPort = port("--bgp-port", value(args, ++i));
                    break;
                case "--onos":
                    o.onos = value(args, ++i);
                    break;
                case "--onos-user":
                    o.onosUser = value(args, ++i);
                    break;
                case "--onos-password":
                    o.onosPassword = value(args, ++i);
                    break;
                default:
                    fail("unknown argument " + args[i] + "\nusage: p4vpn [--network FILE] [--scenario FILE]"
                                 + " [--data DIR | --in-memory] [--bmv2 | --attach] [--listen HOST] [--rest-port N] [--users FILE] [--serve]"
                                 + " [--bgp ROUTER_ID,AS[,CLUSTER_ID] [--bgp-listen HOST] [--bgp-port N] [--bgp-neighbors FILE]]"
                                 + " [--onos URL [--onos-user U] [--onos-password P]]");
            }
        }
        if ((o.bgpNeighbors != null || o.bgpListen != null) && o.bgp == null) {
            fail("--bgp-neighbors and --bgp-listen go with --bgp ROUTER_ID,AS[,CLUSTER_ID]");
        }
        if (o.onos != null && o.bgp != null) {
            fail("--bgp runs the embedded runtime's speaker; with --onos the speaker is ONOS's (netcfg apps.org.p4vpn.app.bgp)");
        }
        if (o.bmv2 && o.attach) {
            fail("--bmv2 starts switches and --attach uses running ones: give one of them");
        }
        return o;
    }

    private interface Reader<T> {
        T read(InputStream in) throws IOException;
    }

    private static <T> T load(String file, String resource, String what, Reader<T> reader) {
        try (InputStream in = file == null ? Main.class.getClassLoader().getResourceAsStream(resource)
                : Files.newInputStream(Paths.get(file))) {
            if (in == null) {
                fail(what + " " + resource + " is missing from the build");
            }
            return reader.read(in);
        } catch (IOException e) {
            fail("cannot read " + what + " " + file + ": " + e.getMessage());
        } catch (L3VpnException e) {
            fail(what + " " + (file == null ? resource : file) + ": " + e.field() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            fail(what + " " + (file == null ? resource : file) + ": " + e.getMessage());
        }
        return null;
    }

    private static int port(String option, String text) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        fail(option + ": " + text + " is not a port number (0-65535; 0 picks a free one)");
        return 0;
    }

    private static void step(String what) {
        System.out.println("... " + what);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            fail(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null) {
            r = r.getCause();
        }
        return r.getMessage();
    }

    private static void fail(String message) {
        System.err.println("p4vpn: " + message);
        System.exit(2);
    }
}
