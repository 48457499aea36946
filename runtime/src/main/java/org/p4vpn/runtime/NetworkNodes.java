package org.p4vpn.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.onlab.packet.Ip4Address;
import org.onosproject.net.DeviceId;
import org.p4vpn.api.InvalidInputException;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.codec.Scenario;
import org.p4vpn.codec.VpnJson;
import org.p4vpn.p4rt.topo.NetworkFile;

import java.util.ArrayList;
import java.util.List;

/** The provider nodes a network file declares (its devices' "p4vpn" role and router id). */
public final class NetworkNodes {

    private NetworkNodes() {
    }

    /**
     * Returns the nodes of a network.
     *
     * @param file network
     * @return nodes
     * @throws InvalidInputException naming the device whose role or router id is bad
     */
    public static List<ProviderNode> of(NetworkFile file) {
        List<ProviderNode> out = new ArrayList<>();
        for (NetworkFile.Device d : file.devices().values()) {
            NodeRole role;
            try {
                role = NodeRole.valueOf(d.role.toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("devices." + d.id + ".p4vpn.role", d.role, "role is PE or P");
            }
            Ip4Address id;
            try {
                id = Ip4Address.valueOf(d.routerId);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("devices." + d.id + ".p4vpn.routerId", d.routerId,
                                                "not an IPv4 address");
            }
            out.add(ProviderNode.of(DeviceId.deviceId(d.id), role, id));
        }
        return out;
    }

    /**
     * Returns a scenario whose switch nodes are those of a network: a node the scenario lists for a
     * device of the network is replaced; the others (route reflectors, which have no switch) are kept.
     *
     * @param scenario scenario
     * @param file     network
     * @return the scenario with the network's nodes
     * @throws InvalidInputException naming the device whose role or router id is bad
     */
    public static Scenario withNodesOf(Scenario scenario, NetworkFile file) {
        ArrayNode nodes = VpnJson.mapper().createArrayNode();
        of(file).forEach(n -> nodes.add(VpnJson.encode(n)));
        scenario.nodes().stream().filter(n -> !file.devices().containsKey(n.deviceId().toString()))
                .forEach(n -> nodes.add(VpnJson.encode(n)));
        return Scenario.parse(scenario.toJson().set("nodes", nodes));
    }
}
