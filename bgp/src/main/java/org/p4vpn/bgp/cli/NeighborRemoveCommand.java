package org.p4vpn.bgp.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosproject.cli.AbstractShellCommand;
import org.p4vpn.api.BgpNeighborService;
import org.p4vpn.api.L3VpnException;
import org.onlab.packet.Ip4Address;

/** Removes a BGP neighbor (its session is closed and its routes withdrawn). */
@Service
@Command(scope = "onos", name = "p4vpn-bgp-neighbor-remove", description = "Removes a BGP neighbor")
public class NeighborRemoveCommand extends AbstractShellCommand {

    @Argument(index = 0, name = "address", description = "the neighbor's IPv4 address", required = true)
    String address;

    @Override
    protected void doExecute() {
        try {
            Ip4Address a = NeighborText.address(address);
            get(BgpNeighborService.class).removeNeighbor(a);
            print("removed %s", a);
        } catch (L3VpnException e) {
            error("%s: %s", e.field(), e.getMessage());
        }
    }
}
