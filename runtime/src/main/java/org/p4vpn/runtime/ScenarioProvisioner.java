package org.p4vpn.runtime;

import org.p4vpn.api.L3VpnAdminService;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.Site;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.codec.Scenario;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Applies a scenario through the admin service, idempotently: what is configured already and
 * equal is left alone, so a restart on a kept data directory changes nothing.
 */
public final class ScenarioProvisioner {

    private ScenarioProvisioner() {
    }

    /**
     * Applies a scenario.
     *
     * @param scenario scenario
     * @param reads    read service
     * @param writes   admin service
     * @param progress receives a line per change made
     * @return number of changes made
     */
    public static int apply(Scenario scenario, L3VpnService reads, L3VpnAdminService writes,
                            Consumer<String> progress) {
        int changes = 0;
        for (ProviderNode n : scenario.nodes()) {
            if (!reads.getNode(n.deviceId()).equals(Optional.of(n))) {
                writes.setNode(n);
                progress.accept("node " + n.deviceId() + " " + n.role() + " " + n.routerId());
                changes++;
            }
        }
        for (VpnInstance v : scenario.vpns()) {
            Optional<VpnInstance> have = reads.getVpnInstance(v.name());
            if (have.isEmpty()) {
                writes.createVpnInstance(v);
            } else if (!have.get().equals(v)) {
                writes.updateVpnInstance(v);
            } else {
                continue;
            }
            progress.accept("vpn " + v.name() + " rd " + v.routeDistinguisher());
            changes++;
        }
        for (Site s : scenario.sites()) {
            Optional<Site> have = reads.getSite(s.name());
            if (have.equals(Optional.of(s))) {
                continue;
            }
            if (have.isPresent()) {
                writes.removeSite(s.name());
            }
            writes.createSite(s);
            progress.accept("site " + s.name() + " on " + s.device() + "/" + s.port() + " in " + s.vpn());
            changes++;
        }
        return changes;
    }
}
