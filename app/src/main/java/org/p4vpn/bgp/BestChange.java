package org.p4vpn.bgp;

import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;

/**
 * The best path of a prefix at a speaker changed from {@code oldBest} to {@code newBest} (either
 * may be null: a new prefix, or its last path gone).
 */
public final class BestChange {

    private final VpnPrefix prefix;
    private final VpnRoute oldBest;
    private final VpnRoute newBest;

    BestChange(VpnPrefix prefix, VpnRoute oldBest, VpnRoute newBest) {
        this.prefix = prefix;
        this.oldBest = oldBest;
        this.newBest = newBest;
    }

    /**
     * Returns the prefix.
     *
     * @return prefix
     */
    public VpnPrefix prefix() {
        return prefix;
    }

    /**
     * Returns the previous best path.
     *
     * @return path or null
     */
    public VpnRoute oldBest() {
        return oldBest;
    }

    /**
     * Returns the new best path.
     *
     * @return path or null
     */
    public VpnRoute newBest() {
        return newBest;
    }

    @Override
    public String toString() {
        return prefix + ": " + oldBest + " -> " + newBest;
    }
}
