package org.p4vpn.emulator.net;

import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.p4vpn.emulator.server.P4RuntimeServer;
import org.p4vpn.p4rt.topo.NetworkFile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A network file brought up in the emulator: one emulated switch per device, each behind its own
 * P4Runtime server on the address the file gives (so a controller connects to it as to BMv2),
 * the links between them and the hosts on their ports. Switches forward nothing until a
 * controller pushes the pipeline.
 */
public final class EmulatedLab implements AutoCloseable {

    private final EmulatedNetwork network = new EmulatedNetwork();
    private final Map<String, P4RuntimeServer> servers = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    /**
     * Starts a lab.
     *
     * @param file    the network
     * @param cpuPort the pipeline's CPU port
     * @param anyPort listen on free ports instead of the file's (for tests running in parallel)
     * @return the running lab
     */
    public static EmulatedLab start(NetworkFile file, int cpuPort, boolean anyPort) {
        EmulatedLab lab = new EmulatedLab();
        try {
            for (NetworkFile.Device d : file.devices().values()) {
                P4RuntimeServer s = new P4RuntimeServer(d.name, d.deviceId, cpuPort);
                EmulatedNetwork.PortRef cpu = new EmulatedNetwork.PortRef(d.id, cpuPort);
                s.setCpuInjector(frame -> lab.network.inject(cpu, frame));
                lab.network.addSwitch(d.id, s, cpuPort, s::toController);
                lab.servers.put(d.id, s);
                lab.ports.put(d.id, s.start(anyPort ? 0 : d.grpcPort));
            }
            for (NetworkFile.Link l : file.links()) {
                lab.network.link(new EmulatedNetwork.PortRef(l.deviceA, l.portA),
                                 new EmulatedNetwork.PortRef(l.deviceB, l.portB));
            }
            for (NetworkFile.Host h : file.hosts()) {
                lab.network.attach(new EmulatedHost(h.name, MacAddress.valueOf(h.mac), Ip4Address.valueOf(h.ip),
                                                    h.prefixLength, Ip4Address.valueOf(h.gateway),
                                                    h.vlan == 0 ? VlanId.NONE : VlanId.vlanId((short) h.vlan)),
                                   new EmulatedNetwork.PortRef(h.device, h.port));
            }
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /**
     * Restarts a switch as a power cycle would: its server stops, and a new one with no pipeline
     * and no entries listens on the same port, on the same links.
     *
     * @param device device id
     * @param cpuPort the pipeline's CPU port
     */
    public synchronized void restart(String device, int cpuPort) {
        P4RuntimeServer old = servers.get(device);
        if (old == null) {
            throw new IllegalArgumentException("no switch " + device);
        }
        old.close();
        P4RuntimeServer s = new P4RuntimeServer(old.name(), old.deviceId(), cpuPort);
        EmulatedNetwork.PortRef cpu = new EmulatedNetwork.PortRef(device, cpuPort);
        s.setCpuInjector(frame -> network.inject(cpu, frame));
        network.addSwitch(device, s, cpuPort, s::toController);
        servers.put(device, s);
        s.start(ports.get(device));
    }

    /**
     * Returns the network (hosts, links, injection).
     *
     * @return network
     */
    public EmulatedNetwork network() {
        return network;
    }

    /**
     * Returns the P4Runtime port a device's server listens on (127.0.0.1).
     *
     * @param device device id
     * @return port
     */
    public int grpcPort(String device) {
        return ports.get(device);
    }

    /**
     * Returns a device's server.
     *
     * @param device device id
     * @return server
     */
    public P4RuntimeServer server(String device) {
        return servers.get(device);
    }

    @Override
    public void close() {
        servers.values().forEach(P4RuntimeServer::close);
    }
}
