package org.p4vpn.bgp.cli;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosproject.cli.AbstractShellCommand;
import org.p4vpn.api.BgpNeighborService;

/** Lists the BGP neighbors with their session state. */
@Service
@Command(scope = "onos", name = "p4vpn-bgp-neighbors", description = "Lists the BGP neighbors and their sessions")
public class NeighborsCommand extends AbstractShellCommand {

    @Override
    protected void doExecute() {
        NeighborText.table(get(BgpNeighborService.class).getNeighbors()).forEach(line -> print("%s", line));
    }
}
