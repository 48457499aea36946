package org.p4vpn.bgp.wire;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;

import java.util.List;

/**
 * A decoded UPDATE as the speaker acts on it: VPN-IPv4 routes announced and withdrawn, the
 * End-of-RIB marker, and what RFC 7606 handling did to it (routes turned into withdrawals,
 * attributes discarded).
 */
public final class UpdateMessage {

    private final List<VpnRoute> announced;
    private final List<VpnPrefix> withdrawn;
    private final AfiSafi endOfRib;
    private final int ipv4Prefixes;
    private final boolean treatedAsWithdraw;
    private final List<String> notes;

    UpdateMessage(List<VpnRoute> announced, List<VpnPrefix> withdrawn, AfiSafi endOfRib, int ipv4Prefixes,
                  boolean treatedAsWithdraw, List<String> notes) {
        this.announced = ImmutableList.copyOf(announced);
        this.withdrawn = ImmutableList.copyOf(withdrawn);
        this.endOfRib = endOfRib;
        this.ipv4Prefixes = ipv4Prefixes;
        this.treatedAsWithdraw = treatedAsWithdraw;
        this.notes = ImmutableList.copyOf(notes);
    }

    /**
     * Returns the VPN-IPv4 routes announced.
     *
     * @return routes, their source not yet set (local)
     */
    public List<VpnRoute> announced() {
        return announced;
    }

    /**
     * Returns the VPN-IPv4 prefixes withdrawn, including those of a treat-as-withdraw.
     *
     * @return prefixes
     */
    public List<VpnPrefix> withdrawn() {
        return withdrawn;
    }

    /**
     * Returns the family whose End-of-RIB this is, or null.
     *
     * @return family or null
     */
    public AfiSafi endOfRib() {
        return endOfRib;
    }

    /**
     * Returns the number of IPv4 unicast prefixes announced or withdrawn (accepted and not kept).
     *
     * @return count
     */
    public int ipv4Prefixes() {
        return ipv4Prefixes;
    }

    /**
     * Tells whether the routes of this UPDATE were turned into withdrawals (RFC 7606).
     *
     * @return true if so
     */
    public boolean treatedAsWithdraw() {
        return treatedAsWithdraw;
    }

    /**
     * Returns what error handling did, for the log.
     *
     * @return notes, empty for a clean UPDATE
     */
    public List<String> notes() {
        return notes;
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).omitNullValues().add("announced", announced.size())
                .add("withdrawn", withdrawn.size()).add("eor", endOfRib)
                .add("treatAsWithdraw", treatedAsWithdraw ? true : null)
                .add("notes", notes.isEmpty() ? null : notes).toString();
    }
}
