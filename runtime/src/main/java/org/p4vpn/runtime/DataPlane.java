package org.p4vpn.runtime;

import org.p4vpn.p4rt.topo.NetworkFile;

import java.time.Duration;

/**
 * The switches and CE hosts a network file describes, running: on the emulator ({@link EmulatedDataPlane})
 * or on BMv2 with the CEs in network namespaces ({@link Bmv2DataPlane}).
 */
public interface DataPlane extends AutoCloseable {

    /**
     * Returns the network file with the P4Runtime addresses the switches really listen on.
     *
     * @return network
     */
    NetworkFile network();

    /**
     * Sends one ping from a CE host to another and waits for the answer.
     *
     * @param from    host name
     * @param to      host name
     * @param timeout how long to wait for the reply
     * @return true if the reply came
     * @throws IllegalArgumentException if the network file lacks either host
     */
    boolean ping(String from, String to, Duration timeout);

    /**
     * Cuts or restores the link at a switch port in both directions, as pulling or plugging its cable
     * would; the controller is not told (it must notice).
     *
     * @param device switch id
     * @param port   port number
     * @param up     whether the link carries traffic
     * @throws IllegalArgumentException if no link of the network file ends at that port
     */
    void setLinkUp(String device, int port, boolean up);

    /**
     * Power-cycles a switch: it comes back on the same P4Runtime address and ports with no pipeline
     * and no entries; the controller must notice and restore it.
     *
     * @param device switch id
     * @throws IllegalArgumentException if there is no such switch
     */
    void restartSwitch(String device);

    /**
     * Describes the data plane for the console ("emulator; pe1@127.0.0.1:50001 ...").
     *
     * @return text
     */
    String describe();

    @Override
    void close();

    /**
     * Describes the switches' P4Runtime addresses.
     *
     * @param network network
     * @return text
     */
    static String addresses(NetworkFile network) {
        StringBuilder sb = new StringBuilder();
        network.devices().values().forEach(d -> sb.append(' ').append(d.name).append('@').append(d.grpcHost)
                .append(':').append(d.grpcPort));
        return sb.toString();
    }
}
