package org.p4vpn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import org.onlab.packet.Ip4Address;
import org.p4vpn.api.BgpNeighbor;
import org.p4vpn.api.BgpNeighborService;
import org.p4vpn.api.InvalidInputException;
import org.p4vpn.bgp.bridge.NeighborStore;
import org.p4vpn.bgp.bridge.StoredNeighborService;
import org.p4vpn.bgp.bridge.VpnBgpBridge;
import org.p4vpn.bgp.onos.BgpConfig;
import org.p4vpn.bgp.wire.Bgp;
import org.p4vpn.bgp.wire.SpeakerConfig;
import org.p4vpn.bgp.wire.WireSpeaker;
import org.p4vpn.codec.VpnJson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The controller's BGP speaker in the embedded runtime (main job option {@code --bgp}): a wire
 * speaker joined to the runtime's store and route engine by a {@link VpnBgpBridge}; its neighbors
 * are configured over REST ({@code /bgp/neighbors}) and from a file, and kept in the runtime's
 * store, so with a data directory they are back after a restart.
 */
final class BgpEndpoint implements AutoCloseable {

    private final WireSpeaker speaker;
    private final VpnBgpBridge bridge;
    private final StoredNeighborService neighbors;

    private BgpEndpoint(WireSpeaker speaker, VpnBgpBridge bridge, StoredNeighborService neighbors) {
        this.speaker = speaker;
        this.bridge = bridge;
        this.neighbors = neighbors;
        neighbors.attach(speaker);
    }

    /**
     * Parses {@code ROUTER_ID,AS[,CLUSTER_ID]}.
     *
     * @param spec   the option's value
     * @param listen address to listen on and connect from
     * @param port   TCP port (179; 0 for any free one)
     * @return settings
     * @throws InvalidInputException with the part that is wrong
     */
    static SpeakerConfig config(String spec, String listen, int port) {
        String[] p = spec.split(",");
        if (p.length < 2 || p.length > 3) {
            throw new InvalidInputException("bgp", spec, "--bgp takes ROUTER_ID,AS[,CLUSTER_ID], e.g. 10.0.0.100,65000,"
                    + "10.0.0.100");
        }
        long as;
        try {
            as = Long.parseLong(p[1].trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("bgp", p[1], "'" + p[1] + "' is not an AS number");
        }
        return new SpeakerConfig(address(p[0]), as, p.length == 3 ? address(p[2]) : null, address(listen), port, 90, 5,
                                 120);
    }

    private static Ip4Address address(String text) {
        try {
            return Ip4Address.valueOf(text.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("bgp", text, "'" + text + "' is not an IPv4 address");
        }
    }

    /**
     * Starts the speaker and its bridge.
     *
     * @param runtime the runtime
     * @param config  speaker settings
     * @return the endpoint
     * @throws InterruptedException if interrupted while binding
     */
    static BgpEndpoint start(EmbeddedRuntime runtime, SpeakerConfig config) throws InterruptedException {
        WireSpeaker s = WireSpeaker.start(config);
        return new BgpEndpoint(s, new VpnBgpBridge(s, runtime.adminService(), runtime.routeService()),
                               new StoredNeighborService(new NeighborStore(runtime.storageService())));
    }

    /**
     * Adds the neighbors of a file: a JSON array of {@code {"address", "remoteAs", "relation",
     * "passive"}}, as {@code POST /bgp/neighbors} takes them. All are checked before any is added.
     * A kept neighbor of the same address (from an earlier start, or REST) takes the file's settings.
     *
     * @param file the file
     * @return the number added
     * @throws IOException if it cannot be read or is not JSON
     * @throws InvalidInputException naming the entry and field that is wrong
     */
    int addNeighbors(Path file) throws IOException {
        JsonNode list = VpnJson.mapper().readTree(file.toFile());
        if (list == null || !list.isArray()) {
            throw new InvalidInputException("neighbors", file.toString(), "the neighbors file holds a JSON array");
        }
        List<BgpNeighbor> all = new ArrayList<>();
        Set<Ip4Address> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            BgpNeighbor n = VpnJson.bgpNeighbor(list.get(i), "neighbors[" + i + "]");
            if (!seen.add(n.address())) {
                throw new InvalidInputException("neighbors[" + i + "].address", n.address(),
                                                "neighbor " + n.address() + " is given twice");
            }
            all.add(n);
        }
        return keep(all);
    }

    /**
     * Keeps checked neighbors: a kept neighbor of the same address takes the new settings.
     *
     * @param all the neighbors
     * @return how many
     */
    int keep(List<BgpNeighbor> all) {
        all.forEach(neighbors.store()::put);
        neighbors.attach(speaker); // the store's events need not come back on this thread
        return all.size();
    }

    /**
     * Reads the network file's {@code apps / org.p4vpn.app / bgp} section with the same checks as
     * inside ONOS.
     *
     * @param section the section
     * @return the config; its {@code speaker()} and {@code neighbors()} throw naming the field
     */
    static BgpConfig netcfg(JsonNode section) {
        BgpConfig c = new BgpConfig();
        c.init(new org.onosproject.core.DefaultApplicationId(0, "org.p4vpn.app"), BgpConfig.KEY, section,
               VpnJson.mapper(), null);
        return c;
    }

    BgpNeighborService neighbors() {
        return neighbors;
    }

    int port() {
        return speaker.port();
    }

    /** The well-known port, for the usage text. */
    static int defaultPort() {
        return Bgp.PORT;
    }

    @Override
    public void close() {
        neighbors.attach(null);
        neighbors.close();
        bridge.close();
        speaker.close();
    }
}
