package org.p4vpn.emulator.net;

import org.onlab.packet.Ip4Address;
import org.p4vpn.emulator.OutputPacket;
import org.p4vpn.p4rt.Poll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Switches, links and hosts in one JVM. A frame injected anywhere is carried hop by hop (switch
 * output to the link's far port, or to the attached host, whose replies go back in) until the
 * network is quiet; frames a switch sends to its CPU port go to that switch's controller sink
 * (its P4Runtime server). Links can be failed and restored. One frame is processed at a time.
 */
public final class EmulatedNetwork {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatedNetwork.class);
    /** Deliveries one injection may cause before the network calls it a loop. */
    private static final int MAX_DELIVERIES = 10_000;

    /** A switch port. */
    public static final class PortRef {
        private final String device;
        private final int port;

        /**
         * Creates a port reference.
         *
         * @param device switch name
         * @param port   port number
         */
        public PortRef(String device, int port) {
            this.device = device;
            this.port = port;
        }

        /**
         * Returns the switch.
         *
         * @return name
         */
        public String device() {
            return device;
        }

        /**
         * Returns the port.
         *
         * @return number
         */
        public int port() {
            return port;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PortRef && ((PortRef) o).device.equals(device) && ((PortRef) o).port == port;
        }

        @Override
        public int hashCode() {
            return Objects.hash(device, port);
        }

        @Override
        public String toString() {
            return device + "/" + port;
        }
    }

    private static final class Switch {
        private final SwitchDataPlane dataPlane;
        private final int cpuPort;
        private final Consumer<byte[]> controller;

        Switch(SwitchDataPlane dataPlane, int cpuPort, Consumer<byte[]> controller) {
            this.dataPlane = dataPlane;
            this.cpuPort = cpuPort;
            this.controller = controller;
        }
    }

    private static final class Delivery {
        private final PortRef to;
        private final byte[] frame;

        Delivery(PortRef to, byte[] frame) {
            this.to = to;
            this.frame = frame;
        }
    }

    private final Map<String, Switch> switches = new LinkedHashMap<>();
    private final Map<PortRef, PortRef> links = new HashMap<>();
    private final Set<PortRef> downPorts = new HashSet<>();
    private final Map<PortRef, EmulatedHost> hosts = new LinkedHashMap<>();
    private final Map<String, PortRef> hostPorts = new HashMap<>();
    private long delivered;
    private long dropped;

    /**
     * Adds a switch.
     *
     * @param name       name (the device id)
     * @param dataPlane  its data plane
     * @param cpuPort    the port that leads to the controller
     * @param controller receives frames sent to the CPU port (with the controller header)
     */
    public synchronized void addSwitch(String name, SwitchDataPlane dataPlane, int cpuPort,
                                       Consumer<byte[]> controller) {
        switches.put(name, new Switch(dataPlane, cpuPort, controller));
    }

    /**
     * Connects two switch ports.
     *
     * @param a one end
     * @param b the other
     */
    public synchronized void link(PortRef a, PortRef b) {
        links.put(a, b);
        links.put(b, a);
    }

    /**
     * Attaches a host to a switch port.
     *
     * @param host host
     * @param at   port
     */
    public synchronized void attach(EmulatedHost host, PortRef at) {
        hosts.put(at, host);
        hostPorts.put(host.name(), at);
    }

    /**
     * Returns a host.
     *
     * @param name name
     * @return host, or null
     */
    public synchronized EmulatedHost host(String name) {
        PortRef p = hostPorts.get(name);
        return p == null ? null : hosts.get(p);
    }

    /**
     * Returns every host.
     *
     * @return hosts
     */
    public synchronized Collection<EmulatedHost> hosts() {
        return List.copyOf(hosts.values());
    }

    /**
     * Returns every link once, as pairs of ports.
     *
     * @return links
     */
    public synchronized Map<PortRef, PortRef> links() {
        Map<PortRef, PortRef> out = new LinkedHashMap<>();
        links.forEach((a, b) -> {
            if (!out.containsKey(b)) {
                out.put(a, b);
            }
        });
        return out;
    }

    /**
     * Fails or restores a link (both directions).
     *
     * @param a  one end
     * @param up whether the link is up
     */
    public synchronized void setLinkUp(PortRef a, boolean up) {
        PortRef b = links.get(a);
        if (b == null) {
            throw new IllegalArgumentException("no link at " + a);
        }
        if (up) {
            downPorts.remove(a);
            downPorts.remove(b);
        } else {
            downPorts.add(a);
            downPorts.add(b);
        }
    }

    /**
     * Tells whether a port's link is up.
     *
     * @param p port
     * @return true if up (ports without a link count as up)
     */
    public synchronized boolean isUp(PortRef p) {
        return !downPorts.contains(p);
    }

    /**
     * Sends a frame from a host into its switch port.
     *
     * @param host  host name
     * @param frame frame
     */
    public synchronized void sendFromHost(String host, byte[] frame) {
        PortRef at = hostPorts.get(host);
        if (at == null) {
            throw new IllegalArgumentException("no host " + host);
        }
        carry(new Delivery(at, frame));
    }

    /**
     * Injects a frame into a switch port (e.g. the CPU port, for a packet-out).
     *
     * @param at    switch port
     * @param frame frame
     */
    public synchronized void inject(PortRef at, byte[] frame) {
        carry(new Delivery(at, frame));
    }

    private void carry(Delivery first) {
        ArrayDeque<Delivery> queue = new ArrayDeque<>();
        queue.add(first);
        int n = 0;
        Delivery d;
        while ((d = queue.poll()) != null) {
            if (++n > MAX_DELIVERIES) {
                LOG.warn("more than {} deliveries from one frame: a forwarding loop; dropping the rest",
                         MAX_DELIVERIES);
                dropped += queue.size();
                return;
            }
            delivered++;
            Switch sw = switches.get(d.to.device);
            if (sw == null) {
                dropped++;
                continue;
            }
            for (OutputPacket o : sw.dataPlane.process(d.to.port, d.frame)) {
                PortRef out = new PortRef(d.to.device, o.port());
                if (o.port() == sw.cpuPort) {
                    sw.controller.accept(o.bytes());
                    continue;
                }
                if (downPorts.contains(out)) {
                    dropped++;
                    continue;
                }
                PortRef peer = links.get(out);
                if (peer != null) {
                    queue.add(new Delivery(peer, o.bytes()));
                    continue;
                }
                EmulatedHost h = hosts.get(out);
                if (h == null) {
                    dropped++;
                    continue;
                }
                for (byte[] reply : h.receive(o.bytes())) {
                    queue.add(new Delivery(out, reply));
                }
            }
        }
    }

    /**
     * Pings from a host: resolves the next hop by ARP if needed (the controller answers for PE
     * interface addresses), sends an echo request and waits for the reply.
     *
     * @param from    host name
     * @param dst     destination
     * @param timeout how long to wait for the ARP answer and the reply
     * @return true if an echo reply came from {@code dst}
     */
    public boolean ping(String from, Ip4Address dst, Duration timeout) {
        EmulatedHost h = host(from);
        h.takeEchoReplies();
        byte[] request = h.echoRequest(dst, 64, (short) 1);
        if (request == null) {
            Ip4Address nextHop = h.gateway();
            sendFromHost(from, h.arpRequest(nextHop));
            if (!Poll.until(timeout, () -> h.arp(nextHop) != null)) {
                return false;
            }
            request = h.echoRequest(dst, 64, (short) 1);
        }
        sendFromHost(from, request);
        return Poll.until(timeout, () -> h.takeEchoReplies().contains(dst));
    }

    /**
     * Returns how many frames were delivered to switch ports so far.
     *
     * @return count
     */
    public synchronized long delivered() {
        return delivered;
    }

    /**
     * Returns how many frames left a port with nothing behind it (or a failed link).
     *
     * @return count
     */
    public synchronized long dropped() {
        return dropped;
    }
}
