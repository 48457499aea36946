package org.p4vpn.bgp.cli;

import org.onlab.packet.Ip4Address;
import org.p4vpn.api.BgpNeighbor;
import org.p4vpn.api.BgpNeighborState;
import org.p4vpn.api.InvalidInputException;
import org.p4vpn.api.PeerRelation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What the BGP neighbor commands print and parse, kept apart from Karaf so it is tested on its own:
 * one line per neighbor, and the checked reading of a command's arguments.
 */
public final class NeighborText {

    /** The listing's header line. */
    public static final String HEADER = String.format("%-15s %10s %-10s %-7s %-11s %-15s %8s %9s %8s  %s",
            "address", "remote-as", "relation", "passive", "state", "bgp-id", "up(s)", "prefixes", "updates",
            "last-error");

    private NeighborText() {
    }

    /**
     * Formats neighbors, by address, under {@link #HEADER}.
     *
     * @param states the neighbors with their sessions
     * @return lines, the header first
     */
    public static List<String> table(List<BgpNeighborState> states) {
        List<BgpNeighborState> sorted = new ArrayList<>(states);
        sorted.sort(Comparator.comparingInt(s -> s.neighbor().address().toInt() ^ Integer.MIN_VALUE));
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (BgpNeighborState s : sorted) {
            BgpNeighbor n = s.neighbor();
            lines.add(String.format("%-15s %10d %-10s %-7s %-11s %-15s %8d %9d %8d  %s", n.address(), n.remoteAs(),
                    n.relation(), n.passive() ? "yes" : "no", s.state(), s.bgpId().map(Object::toString).orElse("-"),
                    s.establishedSeconds(), s.prefixesIn(), s.updatesIn(), s.lastError().orElse("-")));
        }
        return lines;
    }

    /**
     * Reads a neighbor from the add command's arguments.
     *
     * @param address  IPv4 address
     * @param remoteAs AS number, 1 to 4294967295
     * @param relation CLIENT, NON_CLIENT or EBGP (any case)
     * @param passive  whether to wait for the neighbor to connect
     * @return the neighbor
     * @throws InvalidInputException naming the argument that is wrong
     */
    public static BgpNeighbor neighbor(String address, String remoteAs, String relation, boolean passive) {
        long as;
        try {
            as = Long.parseLong(remoteAs.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("remoteAs", remoteAs, "'" + remoteAs + "' is not an AS number");
        }
        if (as < 1 || as > 0xFFFF_FFFFL) {
            throw new InvalidInputException("remoteAs", remoteAs, "an AS number is 1 to 4294967295");
        }
        PeerRelation r;
        try {
            r = PeerRelation.valueOf(relation.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("relation", relation,
                                            "relation is one of " + Arrays.toString(PeerRelation.values()));
        }
        return new BgpNeighbor(address(address), as, r, passive);
    }

    /**
     * Reads a neighbor's address.
     *
     * @param text the argument
     * @return the address
     * @throws InvalidInputException if it is not an IPv4 address
     */
    public static Ip4Address address(String text) {
        try {
            return Ip4Address.valueOf(text.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("address", text, "'" + text + "' is not an IPv4 address");
        }
    }
}
