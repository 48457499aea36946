package org.p4vpn.trace;

import com.google.common.base.MoreObjects;
import org.onlab.packet.Ip4Address;

import java.util.List;
import java.util.Optional;

/**
 * The predicted path of a packet sent by a site's CE into its VPN: the switches it crosses with
 * the label stack at each, and either the site it is delivered to or why it is dropped.
 */
public final class PacketTrace {

    private final String vpn;
    private final String site;
    private final Ip4Address destination;
    private final List<TraceHop> hops;
    private final String egressSite;
    private final String dropReason;
    private final int equalCostPaths;

    private PacketTrace(String vpn, String site, Ip4Address destination, List<TraceHop> hops, String egressSite,
                        String dropReason, int equalCostPaths) {
        this.vpn = vpn;
        this.site = site;
        this.destination = destination;
        this.hops = List.copyOf(hops);
        this.egressSite = egressSite;
        this.dropReason = dropReason;
        this.equalCostPaths = equalCostPaths;
    }

    /**
     * A trace that ends at a site's CE.
     *
     * @param vpn            VPN instance
     * @param site           source site
     * @param destination    destination address
     * @param hops           hops in order
     * @param egressSite     the site it leaves by
     * @param equalCostPaths how many equal-cost transport paths exist (the trace shows the first)
     * @return trace
     */
    static PacketTrace delivered(String vpn, String site, Ip4Address destination, List<TraceHop> hops,
                                 String egressSite, int equalCostPaths) {
        return new PacketTrace(vpn, site, destination, hops, egressSite, null, equalCostPaths);
    }

    /**
     * A trace that ends with a drop.
     *
     * @param vpn         VPN instance
     * @param site        source site
     * @param destination destination address
     * @param hops        hops up to and including the dropping switch
     * @param reason      why, in an engineer's words
     * @return trace
     */
    static PacketTrace dropped(String vpn, String site, Ip4Address destination, List<TraceHop> hops, String reason) {
        return new PacketTrace(vpn, site, destination, hops, null, reason, 0);
    }

    /**
     * Returns the VPN instance.
     *
     * @return name
     */
    public String vpn() {
        return vpn;
    }

    /**
     * Returns the source site.
     *
     * @return name
     */
    public String site() {
        return site;
    }

    /**
     * Returns the destination address.
     *
     * @return address
     */
    public Ip4Address destination() {
        return destination;
    }

    /**
     * Returns the hops.
     *
     * @return hops in order
     */
    public List<TraceHop> hops() {
        return hops;
    }

    /**
     * Tells whether the packet reaches a CE.
     *
     * @return true if delivered
     */
    public boolean isDelivered() {
        return dropReason == null;
    }

    /**
     * Returns the site the packet leaves by.
     *
     * @return site, empty if dropped
     */
    public Optional<String> egressSite() {
        return Optional.ofNullable(egressSite);
    }

    /**
     * Returns why the packet is dropped.
     *
     * @return reason, empty if delivered
     */
    public Optional<String> dropReason() {
        return Optional.ofNullable(dropReason);
    }

    /**
     * Returns how many equal-cost transport paths the packet's flow may take; the hops show the first.
     *
     * @return count, 0 if the packet crosses no LSP or is dropped
     */
    public int equalCostPaths() {
        return equalCostPaths;
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("vpn", vpn).add("site", site).add("destination", destination)
                .add("hops", hops).add("egressSite", egressSite).add("dropReason", dropReason).toString();
    }
}
