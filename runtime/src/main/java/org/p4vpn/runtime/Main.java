package org.p4vpn.runtime;

import org.p4vpn.api.L3VpnException;
import org.p4vpn.codec.Scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The main job: starts the embedded runtime, provisions a scenario (the seed's example network
 * by default) and prints the resulting VRF tables.
 */
public final class Main {

    private static final String DEFAULT_SCENARIO = "scenarios/seed-basic.json";

    private Main() {
    }

    /**
     * Runs the main job.
     *
     * @param args {@code [--scenario FILE] [--data DIR]}
     */
    public static void main(String[] args) {
        String scenarioFile = null;
        Path data = Paths.get("data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scenario":
                    scenarioFile = value(args, ++i);
                    break;
                case "--data":
                    data = Paths.get(value(args, ++i));
                    break;
                case "--in-memory":
                    data = null;
                    break;
                case "":
                    break;
                default:
                    fail("unknown argument " + args[i] + "\nusage: p4vpn [--scenario FILE] [--data DIR | --in-memory]");
            }
        }
        if (data != null) {
            // Before the first logger exists: logs go to the data directory, the console keeps the tables.
            data.toFile().mkdirs();
            System.setProperty("org.slf4j.simpleLogger.logFile", data.resolve("p4vpn.log").toString());
        }
        Scenario scenario = load(scenarioFile);
        System.out.println("p4vpn: " + scenario.description());
        try (EmbeddedRuntime runtime = EmbeddedRuntime.start(data)) {
            System.out.println("store: " + (data == null ? "in memory" : data.toAbsolutePath())
                    + (data == null ? "" : "   log: " + data.resolve("p4vpn.log")));
            int changes = ScenarioProvisioner.apply(scenario, runtime.vpnService(), runtime.adminService(),
                                                    line -> System.out.println("  provisioned " + line));
            System.out.println(changes == 0 ? "scenario already provisioned" : changes + " changes provisioned");
            if (!runtime.awaitSettled(30_000)) {
                fail("the route engine did not settle within 30 s");
            }
            VrfTablePrinter.print(runtime.routeService(), System.out);
        } catch (L3VpnException e) {
            fail("scenario rejected: " + e.field() + " = " + e.value() + ": " + e.getMessage());
        }
    }

    private static Scenario load(String file) {
        try (InputStream in = file == null ? Main.class.getClassLoader().getResourceAsStream(DEFAULT_SCENARIO)
                : Files.newInputStream(Paths.get(file))) {
            if (in == null) {
                fail("scenario " + DEFAULT_SCENARIO + " is missing from the build");
            }
            return Scenario.read(in);
        } catch (IOException e) {
            fail("cannot read scenario " + file + ": " + e.getMessage());
        } catch (L3VpnException e) {
            fail("scenario " + (file == null ? DEFAULT_SCENARIO : file) + ": " + e.field() + ": " + e.getMessage());
        }
        return null;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            fail(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("p4vpn: " + message);
        System.exit(2);
    }
}
