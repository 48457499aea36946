package org.p4vpn.runtime;

import org.p4vpn.emulator.net.EmulatedHost;
import org.p4vpn.emulator.net.EmulatedLab;
import org.p4vpn.emulator.net.EmulatedNetwork;
import org.p4vpn.p4rt.topo.NetworkFile;
import org.p4vpn.pipeconf.PipelineOutputs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The network on the emulator: switches behind their own P4Runtime servers, CEs as emulated hosts. */
public final class EmulatedDataPlane implements DataPlane {

    private final EmulatedLab lab;
    private final NetworkFile network;

    private EmulatedDataPlane(EmulatedLab lab, NetworkFile network) {
        this.lab = lab;
        this.network = network;
    }

    /**
     * Starts the switches and hosts.
     *
     * @param file    network file
     * @param anyPort listen on free ports instead of the file's
     * @return the data plane
     */
    public static EmulatedDataPlane start(NetworkFile file, boolean anyPort) {
        EmulatedLab lab = EmulatedLab.start(file, PipelineOutputs.cpuPort(), anyPort);
        Map<String, Integer> ports = new LinkedHashMap<>();
        file.devices().keySet().forEach(id -> ports.put(id, lab.grpcPort(id)));
        return new EmulatedDataPlane(lab, file.withGrpcPorts(ports));
    }

    /**
     * Returns the emulated lab (for tests that inject frames or cut links).
     *
     * @return lab
     */
    public EmulatedLab lab() {
        return lab;
    }

    @Override
    public NetworkFile network() {
        return network;
    }

    @Override
    public boolean ping(String from, String to, Duration timeout) {
        EmulatedHost dst = lab.network().host(to);
        if (lab.network().host(from) == null || dst == null) {
            throw new IllegalArgumentException("no host " + (dst == null ? to : from) + " in the network file");
        }
        return lab.network().ping(from, dst.ip(), timeout);
    }

    @Override
    public void setLinkUp(String device, int port, boolean up) {
        lab.network().setLinkUp(new EmulatedNetwork.PortRef(device, port), up);
    }

    @Override
    public void restartSwitch(String device) {
        if (!network.devices().containsKey(device)) {
            throw new IllegalArgumentException("no switch " + device);
        }
        lab.restart(device, PipelineOutputs.cpuPort());
    }

    @Override
    public String describe() {
        return "emulator;" + DataPlane.addresses(network);
    }

    @Override
    public void close() {
        lab.close();
    }
}
