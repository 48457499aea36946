package org.p4vpn.runtime;

import org.onlab.packet.ChassisId;
import org.onlab.packet.Ethernet;
import org.onlab.packet.MacAddress;
import org.onlab.packet.ONOSLLDP;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.p4vpn.api.NetworkLink;
import org.p4vpn.api.NetworkStateService;
import org.p4vpn.api.NetworkSwitch;
import org.p4vpn.p4rt.topo.NetworkFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Link discovery for the embedded runtime, as ONOS's LLDP provider does it: every probe round
 * sends an ONOS LLDP frame out of each linked port of each connected switch; the pipeline punts
 * LLDP, so the neighbour's packet-in names the sending port. A link is up while both directions
 * have been heard within the dead interval; it goes down when either direction falls silent, or
 * when a switch at either end has been disconnected for that long.
 */
public final class LinkMonitor implements NetworkStateService {

    /** A link missing this many probe rounds in either direction is down. */
    static final int DEAD_ROUNDS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(LinkMonitor.class);

    /** A cabled link of the network file. */
    private static final class Cable {
        final ConnectPoint a;
        final ConnectPoint b;
        final long metric;
        volatile boolean up = true;

        Cable(ConnectPoint a, ConnectPoint b, long metric) {
            this.a = a;
            this.b = b;
            this.metric = metric;
        }
    }

    private final NetworkFile network;
    private final Predicate<DeviceId> connected;
    private final List<Cable> cables = new ArrayList<>();
    // Last round in which a probe sent from the key's port arrived at its neighbour.
    private final Map<ConnectPoint, Long> heard = new ConcurrentHashMap<>();
    // Last round in which each switch was connected.
    private final Map<DeviceId, Long> lastConnected = new ConcurrentHashMap<>();
    // First round in which each switch was connected: links are judged only once both ends were.
    private final Map<DeviceId, Long> firstConnected = new ConcurrentHashMap<>();
    private volatile long round;

    /**
     * Creates a monitor (all links up until probes say otherwise).
     *
     * @param network   switches and links
     * @param connected whether the controller holds a session with a switch and has programmed it
     */
    public LinkMonitor(NetworkFile network, Predicate<DeviceId> connected) {
        this.network = network;
        this.connected = connected;
        for (NetworkFile.Link l : network.links()) {
            cables.add(new Cable(cp(l.deviceA, l.portA), cp(l.deviceB, l.portB), l.metric));
        }
    }

    private static ConnectPoint cp(String device, long port) {
        return new ConnectPoint(DeviceId.deviceId(device), PortNumber.portNumber(port));
    }

    /**
     * Builds the probe a port sends: an ONOS LLDP frame naming the device and the port.
     *
     * @param from sending port
     * @return frame
     */
    static byte[] probe(ConnectPoint from) {
        ONOSLLDP lldp = ONOSLLDP.onosLLDP(from.deviceId().toString(), new ChassisId(0), (int) from.port().toLong());
        Ethernet eth = new Ethernet();
        eth.setEtherType(Ethernet.TYPE_LLDP).setDestinationMACAddress(MacAddress.ONOS_LLDP)
                .setSourceMACAddress(MacAddress.ONOS).setPayload(lldp);
        return eth.serialize();
    }

    /**
     * Starts a probe round: evaluates the last rounds, then sends one probe out of each linked port of
     * every connected switch.
     *
     * @param sender sends a frame out of a port (device, port number, frame)
     * @return true if a link changed state
     */
    public boolean probeRound(ProbeSender sender) {
        long now = ++round;
        for (NetworkFile.Device d : network.devices().values()) {
            DeviceId id = DeviceId.deviceId(d.id);
            if (connected.test(id)) {
                lastConnected.put(id, now);
                firstConnected.putIfAbsent(id, now);
            }
        }
        boolean changed = evaluate(now);
        for (Cable c : cables) {
            for (ConnectPoint end : List.of(c.a, c.b)) {
                if (connected.test(end.deviceId())) {
                    sender.send(end.deviceId(), end.port().toLong(), probe(end));
                }
            }
        }
        return changed;
    }

    private boolean evaluate(long now) {
        boolean changed = false;
        for (Cable c : cables) {
            Long sinceA = firstConnected.get(c.a.deviceId());
            Long sinceB = firstConnected.get(c.b.deviceId());
            if (sinceA == null || sinceB == null) {
                continue; // never seen both ends: nothing to judge yet
            }
            long since = Math.max(sinceA, sinceB);
            boolean disconnected = now - lastConnected.get(c.a.deviceId()) > DEAD_ROUNDS
                    || now - lastConnected.get(c.b.deviceId()) > DEAD_ROUNDS;
            // Probes go out every round; a direction unheard for more than DEAD_ROUNDS rounds is dead.
            boolean silent = now - heard.getOrDefault(c.a, since) > DEAD_ROUNDS
                    || now - heard.getOrDefault(c.b, since) > DEAD_ROUNDS;
            boolean up = !disconnected && !silent;
            if (up != c.up) {
                c.up = up;
                changed = true;
                LOG.warn("link {} - {} is {}", c.a, c.b, up ? "up" : disconnected ? "DOWN (switch disconnected)"
                        : "DOWN (no LLDP for " + DEAD_ROUNDS + " rounds)");
            }
        }
        return changed;
    }

    /**
     * Takes a packet-in: if it is one of our probes, notes that its sender's port reaches here.
     *
     * @param device receiving switch
     * @param port   receiving port
     * @param eth    frame
     * @return true if it was a probe
     */
    public boolean received(DeviceId device, long port, Ethernet eth) {
        if (eth.getEtherType() != Ethernet.TYPE_LLDP) {
            return false;
        }
        ONOSLLDP lldp = ONOSLLDP.parseONOSLLDP(eth);
        if (lldp == null || lldp.getDeviceString() == null || lldp.getPort() == null) {
            return false;
        }
        ConnectPoint from = cp(lldp.getDeviceString(), lldp.getPort());
        ConnectPoint at = cp(device.toString(), port);
        for (Cable c : cables) {
            if (from.equals(c.a) && at.equals(c.b) || from.equals(c.b) && at.equals(c.a)) {
                heard.put(from, round);
                return true;
            }
        }
        LOG.warn("LLDP from {} arrived at {}: no such link in the network file (miscabled?)", from, at);
        return true;
    }

    /**
     * Tells whether the link with this end is up.
     *
     * @param end either end
     * @return false if it is down (true for ports with no link)
     */
    public boolean isUp(ConnectPoint end) {
        return cables.stream().filter(c -> c.a.equals(end) || c.b.equals(end)).allMatch(c -> c.up);
    }

    @Override
    public Collection<NetworkSwitch> getSwitches() {
        List<NetworkSwitch> out = new ArrayList<>();
        for (NetworkFile.Device d : network.devices().values()) {
            DeviceId id = DeviceId.deviceId(d.id);
            out.add(new NetworkSwitch(id, d.name == null ? d.id : d.name, connected.test(id)));
        }
        out.sort((x, y) -> x.id().toString().compareTo(y.id().toString()));
        return out;
    }

    @Override
    public Collection<NetworkLink> getLinks() {
        List<NetworkLink> out = new ArrayList<>();
        cables.forEach(c -> out.add(new NetworkLink(c.a, c.b, c.metric, c.up)));
        return out;
    }

    /** Sends a frame out of a switch port. */
    @FunctionalInterface
    public interface ProbeSender {
        /**
         * Sends.
         *
         * @param device switch
         * @param port   port number
         * @param frame  Ethernet frame
         */
        void send(DeviceId device, long port, byte[] frame);
    }
}
