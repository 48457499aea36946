package org.p4vpn.runtime;

import org.p4vpn.api.VpnRouteService;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;

import java.io.PrintStream;

/** Prints VRF tables the way a router's "show ip route vrf" does. */
public final class VrfTablePrinter {

    private VrfTablePrinter() {
    }

    /**
     * Prints every VRF table.
     *
     * @param routes route service
     * @param out    where to print
     */
    public static void print(VpnRouteService routes, PrintStream out) {
        for (VrfKey k : routes.getVrfs()) {
            out.printf("%nVRF %s on %s%n", k.vpn(), k.device());
            out.printf("   %-18s %-15s %-15s %-8s %-10s %s%n", "prefix", "origin", "next hop", "label", "site",
                       "route targets / RD");
            for (VrfRoute r : routes.getVrfTable(k)) {
                String rts = r.vpnRoute().map(v -> v.routeTargets() + " " + v.prefix().routeDistinguisher())
                        .orElse("");
                out.printf("%s %-18s %-15s %-15s %-8s %-10s %s%n", r.isBest() ? "*>" : "  ", r.prefix(), r.kind(),
                           r.nextHop(), r.label() < 0 ? "-" : String.valueOf(r.label()), r.site().orElse("-"), rts);
            }
        }
    }
}
