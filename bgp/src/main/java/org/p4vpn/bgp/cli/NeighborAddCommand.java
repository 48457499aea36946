package org.p4vpn.bgp.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosproject.cli.AbstractShellCommand;
import org.p4vpn.api.BgpNeighbor;
import org.p4vpn.api.BgpNeighborService;
import org.p4vpn.api.L3VpnException;

/** Adds a BGP neighbor (kept in the cluster's store; the leader's speaker opens its session). */
@Service
@Command(scope = "onos", name = "p4vpn-bgp-neighbor-add", description = "Adds a BGP neighbor")
public class NeighborAddCommand extends AbstractShellCommand {

    @Argument(index = 0, name = "address", description = "the neighbor's IPv4 address", required = true)
    String address;

    @Argument(index = 1, name = "remoteAs", description = "its AS number", required = true)
    String remoteAs;

    @Argument(index = 2, name = "relation", description = "CLIENT, NON_CLIENT or EBGP", required = true)
    String relation;

    @Option(name = "--passive", description = "wait for the neighbor to connect")
    boolean passive;

    @Override
    protected void doExecute() {
        try {
            BgpNeighbor n = NeighborText.neighbor(address, remoteAs, relation, passive);
            get(BgpNeighborService.class).addNeighbor(n);
            print("added %s", n);
        } catch (L3VpnException e) {
            error("%s: %s", e.field(), e.getMessage());
        }
    }
}
