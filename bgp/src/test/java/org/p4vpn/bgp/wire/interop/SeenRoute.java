package org.p4vpn.bgp.wire.interop;

import com.google.common.base.MoreObjects;

import java.util.List;
import java.util.Set;

/** A VPN-IPv4 route as a daemon's own show command prints it. */
final class SeenRoute {

    final String rd;
    final String prefix;
    final int label;
    final Set<String> routeTargets;
    final String nextHop;
    final String originatorId;
    final List<String> clusterList;

    SeenRoute(String rd, String prefix, int label, Set<String> routeTargets, String nextHop, String originatorId,
              List<String> clusterList) {
        this.rd = rd;
        this.prefix = prefix;
        this.label = label;
        this.routeTargets = routeTargets;
        this.nextHop = nextHop;
        this.originatorId = originatorId;
        this.clusterList = clusterList;
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("rd", rd).add("prefix", prefix).add("label", label)
                .add("rt", routeTargets).add("nh", nextHop).add("originator", originatorId)
                .add("clusters", clusterList).toString();
    }
}
