package org.p4vpn.runtime;

import org.p4vpn.codec.Scenario;
import org.p4vpn.p4rt.Poll;
import org.p4vpn.p4rt.topo.NetworkFile;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The main job with ONOS as the controller instead of the embedded runtime: the switches (emulated,
 * BMv2 or attached) are handed to a running ONOS that has the application installed, through its
 * network configuration; the scenario is provisioned through the application's API inside ONOS
 * ({@code /onos/l3vpn/v1}); then the same pings as the embedded job.
 */
public final class OnosJob {

    private static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration PROGRAMMED_TIMEOUT = Duration.ofSeconds(90);

    private OnosJob() {
    }

    /**
     * Runs the job.
     *
     * @param onos     the ONOS to use
     * @param scenario scenario
     * @param lab      the running data plane (its network file has the real P4Runtime ports)
     * @param out      where the steps and the table go
     * @return the checks' rows (empty for attached switches, whose CEs the lab pings)
     * @throws IllegalStateException if ONOS refuses or does not come to the network in time
     * @throws RestProvisioner.RefusedException if the application's API refuses the scenario
     */
    public static List<Verification.Row> run(OnosController onos, Scenario scenario, DataPlane lab,
                                             PrintStream out) {
        NetworkFile network = lab.network();
        out.println("... pushing the network configuration to ONOS (" + network.devices().size() + " devices, "
                            + network.links().size() + " links, " + network.hosts().size() + " hosts)");
        onos.push(network);
        out.println("... waiting for ONOS: devices with pipeconf " + OnosController.PIPECONF
                            + ", links from LLDP, hosts from the netcfg");
        long t0 = System.nanoTime();
        onos.awaitNetwork(network, NETWORK_TIMEOUT);
        out.println("ONOS has the network after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        out.println("... provisioning the scenario over " + onos.apiBase());
        int changes = onos.provisioner().apply(NetworkNodes.withNodesOf(scenario, network),
                                               line -> out.println("  provisioned " + line));
        out.println(changes == 0 ? "scenario already provisioned" : changes + " changes provisioned");
        if (lab instanceof AttachedDataPlane) {
            out.println("attached switches: reachability is checked by the lab that runs the CEs");
            return List.of();
        }
        out.println("... waiting until ONOS has programmed the switches (the reachable pairs answer)");
        t0 = System.nanoTime();
        List<String[]> reachable = Verification.pairs(scenario.checks(), "reachable");
        boolean programmed = Poll.until(PROGRAMMED_TIMEOUT, () -> reachable.stream()
                .allMatch(p -> lab.ping(p[0], p[1], Duration.ofMillis(500))));
        out.println(programmed ? "programmed after " + (System.nanoTime() - t0) / 1_000_000 + " ms"
                            : "not every reachable pair answered within " + PROGRAMMED_TIMEOUT.toSeconds() + " s");
        out.println("... checking reachability with pings between CEs");
        return Verification.run(scenario.checks(), lab);
    }
}
