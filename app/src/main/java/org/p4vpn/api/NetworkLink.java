package org.p4vpn.api;

import com.google.common.base.MoreObjects;
import org.onosproject.net.ConnectPoint;

import java.util.Objects;

/**
 * A link between two switch ports, with its IGP metric and whether it is up (carrying traffic in
 * both directions).
 */
public final class NetworkLink {

    private final ConnectPoint a;
    private final ConnectPoint b;
    private final long metric;
    private final boolean up;

    /**
     * Creates a link.
     *
     * @param a      one end
     * @param b      the other end
     * @param metric IGP metric, positive
     * @param up     whether it is up
     */
    public NetworkLink(ConnectPoint a, ConnectPoint b, long metric, boolean up) {
        this.a = Names.required("a", a);
        this.b = Names.required("b", b);
        if (metric <= 0) {
            throw new IllegalArgumentException("metric must be positive: " + metric);
        }
        this.metric = metric;
        this.up = up;
    }

    /**
     * Returns one end.
     *
     * @return end a
     */
    public ConnectPoint a() {
        return a;
    }

    /**
     * Returns the other end.
     *
     * @return end b
     */
    public ConnectPoint b() {
        return b;
    }

    /**
     * Returns the metric.
     *
     * @return metric
     */
    public long metric() {
        return metric;
    }

    /**
     * Tells whether the link is up.
     *
     * @return true if up
     */
    public boolean isUp() {
        return up;
    }

    /**
     * Returns the end opposite a port of this link.
     *
     * @param end one of the ends
     * @return the other end, or null if {@code end} is not an end of this link
     */
    public ConnectPoint peerOf(ConnectPoint end) {
        return end.equals(a) ? b : end.equals(b) ? a : null;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NetworkLink)) {
            return false;
        }
        NetworkLink l = (NetworkLink) o;
        return a.equals(l.a) && b.equals(l.b) && metric == l.metric && up == l.up;
    }

    @Override
    public int hashCode() {
        return Objects.hash(a, b, metric, up);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("a", a).add("b", b).add("metric", metric).add("up", up).toString();
    }
}
