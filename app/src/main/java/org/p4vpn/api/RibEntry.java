package org.p4vpn.api;

/**
 * A path in a speaker's VPNv4 RIB and whether it is the best for its prefix.
 */
public final class RibEntry {

    private final VpnRoute route;
    private final boolean best;

    /**
     * Creates an entry.
     *
     * @param route the path
     * @param best  whether it is the best
     */
    public RibEntry(VpnRoute route, boolean best) {
        this.route = route;
        this.best = best;
    }

    /**
     * Returns the path.
     *
     * @return route
     */
    public VpnRoute route() {
        return route;
    }

    /**
     * Tells whether the path is the best for its prefix.
     *
     * @return true if best
     */
    public boolean isBest() {
        return best;
    }

    @Override
    public String toString() {
        return (best ? "*> " : "*  ") + route;
    }
}
