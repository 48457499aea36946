package org.p4vpn.api;

import com.google.common.base.MoreObjects;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.util.Objects;

/**
 * One hop of an LSP: the device, the label it receives (none at the ingress PE), the port it
 * sends out of, the next device, and the label it sends ({@link #IMPLICIT_NULL} when it pops).
 */
public final class LspHop {

    /** Sent "label" meaning the transport label is popped here (RFC 3032 implicit null). */
    public static final int IMPLICIT_NULL = 3;
    /** No label received: the hop is the ingress PE. */
    public static final int NONE = -1;

    private final DeviceId device;
    private final int inLabel;
    private final PortNumber outPort;
    private final DeviceId next;
    private final int outLabel;

    /**
     * Creates a hop.
     *
     * @param device   device
     * @param inLabel  label received, or {@link #NONE} at the ingress
     * @param outPort  egress port
     * @param next     next device
     * @param outLabel label sent, or {@link #IMPLICIT_NULL} when popping
     */
    public LspHop(DeviceId device, int inLabel, PortNumber outPort, DeviceId next, int outLabel) {
        this.device = device;
        this.inLabel = inLabel;
        this.outPort = outPort;
        this.next = next;
        this.outLabel = outLabel;
    }

    /**
     * Returns the device.
     *
     * @return device
     */
    public DeviceId device() {
        return device;
    }

    /**
     * Returns the label received.
     *
     * @return label or {@link #NONE}
     */
    public int inLabel() {
        return inLabel;
    }

    /**
     * Returns the egress port.
     *
     * @return port
     */
    public PortNumber outPort() {
        return outPort;
    }

    /**
     * Returns the next device.
     *
     * @return device
     */
    public DeviceId next() {
        return next;
    }

    /**
     * Returns the label sent.
     *
     * @return label or {@link #IMPLICIT_NULL}
     */
    public int outLabel() {
        return outLabel;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LspHop)) {
            return false;
        }
        LspHop h = (LspHop) o;
        return device.equals(h.device) && inLabel == h.inLabel && outPort.equals(h.outPort) && next.equals(h.next)
                && outLabel == h.outLabel;
    }

    @Override
    public int hashCode() {
        return Objects.hash(device, inLabel, outPort, next, outLabel);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("at", device).add("in", inLabel).add("out", outPort + "->" + next)
                .add("label", outLabel == IMPLICIT_NULL ? "pop" : String.valueOf(outLabel)).toString();
    }
}
