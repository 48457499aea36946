package org.p4vpn.api;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import org.onosproject.net.DeviceId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A transport LSP from an ingress PE to an egress PE: its primary paths (several when equal-cost
 * paths exist), a precomputed backup path (link-disjoint from the primaries where the topology
 * allows), and its state.
 */
public final class Lsp {

    /** State of an LSP. */
    public enum State {
        /** Traffic follows the primary paths. */
        UP,
        /** A primary link failed; traffic follows the backup path until recomputation. */
        ON_BACKUP,
        /** The egress PE cannot be reached. */
        DOWN
    }

    private final DeviceId ingress;
    private final DeviceId egress;
    private final ImmutableList<List<LspHop>> primaries;
    private final ImmutableList<LspHop> backup;
    private final State state;
    private final String vpn;

    /**
     * Creates an LSP.
     *
     * @param ingress   ingress PE
     * @param egress    egress PE
     * @param primaries equal-cost primary paths
     * @param backup    backup path, or empty
     * @param state     state
     */
    public Lsp(DeviceId ingress, DeviceId egress, List<List<LspHop>> primaries, List<LspHop> backup, State state) {
        this(ingress, egress, primaries, backup, state, null);
    }

    /**
     * Creates an LSP, private to a VPN (RFC 2917 section 11) or shared.
     *
     * @param ingress   ingress PE
     * @param egress    egress PE
     * @param primaries equal-cost primary paths
     * @param backup    backup path, or empty
     * @param state     state
     * @param vpn       the VPN instance it is private to, or null if shared
     */
    public Lsp(DeviceId ingress, DeviceId egress, List<List<LspHop>> primaries, List<LspHop> backup, State state,
               String vpn) {
        this.vpn = vpn;
        this.ingress = ingress;
        this.egress = egress;
        ImmutableList.Builder<List<LspHop>> b = ImmutableList.builder();
        primaries.forEach(p -> b.add(ImmutableList.copyOf(p)));
        this.primaries = b.build();
        this.backup = ImmutableList.copyOf(backup);
        this.state = state;
    }

    /**
     * Returns the ingress PE.
     *
     * @return device
     */
    public DeviceId ingress() {
        return ingress;
    }

    /**
     * Returns the egress PE.
     *
     * @return device
     */
    public DeviceId egress() {
        return egress;
    }

    /**
     * Returns the primary paths.
     *
     * @return paths, each a list of hops from the ingress
     */
    public List<List<LspHop>> primaries() {
        return primaries;
    }

    /**
     * Returns the backup path.
     *
     * @return hops, empty if there is no backup
     */
    public Optional<List<LspHop>> backup() {
        return backup.isEmpty() ? Optional.empty() : Optional.of(backup);
    }

    /**
     * Returns the state.
     *
     * @return state
     */
    public State state() {
        return state;
    }

    /**
     * Returns the VPN instance this LSP is private to.
     *
     * @return VPN name, empty for a shared (best-effort) LSP
     */
    public Optional<String> vpn() {
        return Optional.ofNullable(vpn);
    }

    /**
     * Returns this LSP in another state.
     *
     * @param s state
     * @return LSP
     */
    public Lsp withState(State s) {
        return new Lsp(ingress, egress, primaries, backup, s, vpn);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Lsp)) {
            return false;
        }
        Lsp l = (Lsp) o;
        return ingress.equals(l.ingress) && egress.equals(l.egress) && primaries.equals(l.primaries)
                && backup.equals(l.backup) && state == l.state && Objects.equals(vpn, l.vpn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ingress, egress, primaries, backup, state, vpn);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("from", ingress).add("to", egress).add("vpn", vpn).add("state", state)
                .add("primaries", primaries).add("backup", backup).toString();
    }
}
