package org.p4vpn.runtime;

import org.p4vpn.p4rt.Poll;
import org.p4vpn.p4rt.topo.NetworkFile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Switches someone else runs (a Mininet lab, a rack of BMv2 or hardware targets): the runtime only
 * connects to the P4Runtime address each device has in the network file. It starts, stops and
 * pings nothing; the CE hosts belong to whoever runs the switches, so reachability is checked
 * there (e.g. by {@code mininet-topologies/labcheck}).
 */
public final class AttachedDataPlane implements DataPlane {

    private final NetworkFile network;

    private AttachedDataPlane(NetworkFile network) {
        this.network = network;
    }

    /**
     * Waits until every device of the file accepts TCP connections on its P4Runtime address.
     *
     * @param file    network file
     * @param timeout how long to wait for all of them
     * @return the data plane
     * @throws IllegalStateException naming every device whose address did not answer in time
     */
    public static AttachedDataPlane attach(NetworkFile file, Duration timeout) {
        List<NetworkFile.Device> silent = new ArrayList<>(file.devices().values());
        Poll.until(timeout, () -> {
            silent.removeIf(AttachedDataPlane::listening);
            return silent.isEmpty();
        });
        if (!silent.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            silent.forEach(d -> sb.append(sb.length() == 0 ? "" : ", ").append(d.id).append(" at ")
                    .append(d.grpcHost).append(':').append(d.grpcPort));
            throw new IllegalStateException("no P4Runtime server answers for " + sb + " (waited "
                    + timeout.toSeconds() + " s; are the switches running, with the ports of the network file?)");
        }
        return new AttachedDataPlane(file);
    }

    private static boolean listening(NetworkFile.Device d) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(d.grpcHost, d.grpcPort), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public NetworkFile network() {
        return network;
    }

    /**
     * Not available: the hosts belong to whoever runs the switches.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean ping(String from, String to, Duration timeout) {
        throw new UnsupportedOperationException("attached switches: the CE hosts are not the runtime's to ping from;"
                + " the lab that runs them checks reachability");
    }

    /**
     * Not available: the links belong to whoever runs the switches (in a Mininet lab, its own commands).
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void setLinkUp(String device, int port, boolean up) {
        throw new UnsupportedOperationException("attached switches: cut links in the lab that runs them");
    }

    /**
     * Not here: the switches belong to the lab that started them.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void restartSwitch(String device) {
        throw new UnsupportedOperationException("attached switches: restart them in the lab that runs them");
    }

    @Override
    public String describe() {
        return "attached to running switches;" + DataPlane.addresses(network);
    }

    @Override
    public void close() {
        // Nothing here is ours to stop.
    }
}
