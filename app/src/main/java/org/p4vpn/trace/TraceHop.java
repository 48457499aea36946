package org.p4vpn.trace;

import com.google.common.base.MoreObjects;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.util.List;
import java.util.Objects;

/**
 * One switch on a traced path: where the packet enters and leaves, what the switch does to it and
 * the label stack it leaves with (top first; empty for a plain IP packet).
 */
public final class TraceHop {

    /** What a switch does to the traced packet. */
    public enum Action {
        /** Ingress PE: VRF lookup, then the VPN label and the transport label are pushed. */
        PUSH,
        /** P router: the transport label is swapped. */
        SWAP,
        /** Penultimate hop (or egress with explicit null): the transport label is popped. */
        POP,
        /** Egress PE: the VPN label is popped and the packet routed to the site's CE. */
        ROUTE,
        /** Ingress PE routes to a CE of its own (same VRF or local route crossing): no labels. */
        LOCAL,
        /** The packet is dropped here. */
        DROP
    }

    private final DeviceId device;
    private final PortNumber inPort;
    private final PortNumber outPort;
    private final Action action;
    private final List<Integer> labels;

    /**
     * Creates a hop.
     *
     * @param device  switch
     * @param inPort  port the packet arrives on, null if unknown
     * @param outPort port it leaves by, null when dropped
     * @param action  what the switch does
     * @param labels  label stack on leaving, top first
     */
    public TraceHop(DeviceId device, PortNumber inPort, PortNumber outPort, Action action, List<Integer> labels) {
        this.device = Objects.requireNonNull(device, "device");
        this.inPort = inPort;
        this.outPort = outPort;
        this.action = Objects.requireNonNull(action, "action");
        this.labels = List.copyOf(labels);
    }

    /**
     * Returns the switch.
     *
     * @return device id
     */
    public DeviceId device() {
        return device;
    }

    /**
     * Returns the port the packet arrives on.
     *
     * @return port, or null if unknown
     */
    public PortNumber inPort() {
        return inPort;
    }

    /**
     * Returns the port the packet leaves by.
     *
     * @return port, or null if dropped here
     */
    public PortNumber outPort() {
        return outPort;
    }

    /**
     * Returns what the switch does.
     *
     * @return action
     */
    public Action action() {
        return action;
    }

    /**
     * Returns the label stack the packet leaves with.
     *
     * @return labels, top first
     */
    public List<Integer> labels() {
        return labels;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TraceHop)) {
            return false;
        }
        TraceHop h = (TraceHop) o;
        return device.equals(h.device) && Objects.equals(inPort, h.inPort) && Objects.equals(outPort, h.outPort)
                && action == h.action && labels.equals(h.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(device, inPort, outPort, action, labels);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("device", device).add("in", inPort).add("out", outPort)
                .add("action", action).add("labels", labels).toString();
    }
}
