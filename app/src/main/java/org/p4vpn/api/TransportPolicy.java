package org.p4vpn.api;

import com.google.common.base.MoreObjects;

import java.util.Objects;

/**
 * How a VPN's traffic crosses the core (RFC 2917 section 11): over the shared best-effort LSPs,
 * or over LSPs of its own between its PEs, preferred over the shared ones; and the QoS class its
 * labels carry in their traffic-class bits (RFC 5462), 0 being best effort.
 */
public final class TransportPolicy {

    /** The highest QoS class: the MPLS traffic class has 3 bits. */
    public static final int MAX_QOS_CLASS = 7;
    /** Shared LSPs, best effort: the default. */
    public static final TransportPolicy SHARED = new TransportPolicy(false, 0);

    private final boolean privateLsps;
    private final int qosClass;

    private TransportPolicy(boolean privateLsps, int qosClass) {
        this.privateLsps = privateLsps;
        this.qosClass = qosClass;
    }

    /**
     * Returns a policy.
     *
     * @param privateLsps whether the VPN has LSPs of its own
     * @param qosClass    MPLS traffic class of its packets, 0 to 7
     * @return policy
     * @throws InvalidInputException if the class is out of range
     */
    public static TransportPolicy of(boolean privateLsps, int qosClass) {
        if (qosClass < 0 || qosClass > MAX_QOS_CLASS) {
            throw new InvalidInputException("qosClass", qosClass, "the QoS class is the 3-bit MPLS traffic class, "
                    + "0 (best effort) to " + MAX_QOS_CLASS + ": " + qosClass);
        }
        return privateLsps || qosClass != 0 ? new TransportPolicy(privateLsps, qosClass) : SHARED;
    }

    /**
     * Tells whether the VPN has private LSPs.
     *
     * @return true if it has
     */
    public boolean privateLsps() {
        return privateLsps;
    }

    /**
     * Returns the QoS class (MPLS traffic class) of the VPN's labelled packets.
     *
     * @return 0 to 7
     */
    public int qosClass() {
        return qosClass;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransportPolicy && privateLsps == ((TransportPolicy) o).privateLsps
                && qosClass == ((TransportPolicy) o).qosClass;
    }

    @Override
    public int hashCode() {
        return Objects.hash(privateLsps, qosClass);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("privateLsps", privateLsps).add("qosClass", qosClass).toString();
    }
}
