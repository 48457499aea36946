package org.p4vpn.lsp;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The provider topology as the LSP planner sees it: switches (PE and P) and directed links
 * between their ports with a weight (IGP metric). Built from ONOS's link service or from the
 * embedded runtime's network file; failed links are simply absent.
 */
public final class TransportTopology {

    /** A directed link. */
    public static final class Link {
        private final ConnectPoint src;
        private final ConnectPoint dst;
        private final long weight;

        /**
         * Creates a link.
         *
         * @param src    source port
         * @param dst    destination port
         * @param weight metric, at least 1
         */
        public Link(ConnectPoint src, ConnectPoint dst, long weight) {
            if (weight < 1) {
                throw new IllegalArgumentException("link weight must be at least 1: " + src + "->" + dst);
            }
            this.src = src;
            this.dst = dst;
            this.weight = weight;
        }

        /**
         * Returns the source port.
         *
         * @return port
         */
        public ConnectPoint src() {
            return src;
        }

        /**
         * Returns the destination port.
         *
         * @return port
         */
        public ConnectPoint dst() {
            return dst;
        }

        /**
         * Returns the weight.
         *
         * @return weight
         */
        public long weight() {
            return weight;
        }

        /**
         * Tells whether this link joins the two ports, in either direction.
         *
         * @param a one port
         * @return true if a is either end
         */
        public boolean touches(ConnectPoint a) {
            return src.equals(a) || dst.equals(a);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Link && ((Link) o).src.equals(src) && ((Link) o).dst.equals(dst)
                    && ((Link) o).weight == weight;
        }

        @Override
        public int hashCode() {
            return Objects.hash(src, dst, weight);
        }

        @Override
        public String toString() {
            return src + "->" + dst + "(" + weight + ")";
        }
    }

    private final ImmutableSet<DeviceId> devices;
    private final ImmutableList<Link> links;

    /**
     * Creates a topology.
     *
     * @param devices switches
     * @param links   directed links (a bidirectional link is two)
     */
    public TransportTopology(Collection<DeviceId> devices, Collection<Link> links) {
        this.devices = ImmutableSet.copyOf(devices);
        this.links = ImmutableList.copyOf(links);
    }

    /**
     * Returns the switches.
     *
     * @return devices
     */
    public Set<DeviceId> devices() {
        return devices;
    }

    /**
     * Returns the links.
     *
     * @return directed links
     */
    public List<Link> links() {
        return links;
    }

    /**
     * Returns this topology without the link at a port (both directions).
     *
     * @param end either end of the failed link
     * @return topology
     */
    public TransportTopology without(ConnectPoint end) {
        return new TransportTopology(devices, links.stream().filter(l -> !l.touches(end))
                .collect(Collectors.toList()));
    }
}
