package org.p4vpn.bench;

import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.p4vpn.api.LabelAllocator;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.Lsp;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.RouteDistinguisher;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.Site;
import org.p4vpn.api.TunnelMode;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.lsp.TransportPlan;
import org.p4vpn.lsp.TransportPlanner;
import org.p4vpn.lsp.TransportTopology;
import org.p4vpn.routing.VpnRouteEngine;
import org.p4vpn.translate.DeviceEntries;
import org.p4vpn.translate.ForwardingState;
import org.p4vpn.translate.PipelineTranslator;
import org.p4vpn.translate.StateAssembler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Translation benchmark: P PEs dual-homed to a core of P routers, V VPN instances each with a site
 * on two PEs, R routes in all. Prints the time to plan the LSPs, to compute every switch's P4
 * entities, and, for a failed PE-to-core link, the time from the failure to the backup entities
 * of the affected ingress PEs being ready for the programmer.
 *
 * <p>Run: {@code bench/run-translate-bench [pes] [vpns] [routes]} (defaults 100, 1000, 100000).
 */
public final class TranslateBench {

    private static final int CORE = 10;

    private TranslateBench() {
    }

    /** Sequential ids per device from 16, remembered by key. */
    private static final class Ids implements LabelAllocator {
        final Map<LabelKey, Integer> map = new HashMap<>();
        private final Map<DeviceId, Integer> next = new HashMap<>();

        @Override
        public int allocate(LabelKey key) {
            return map.computeIfAbsent(key, k -> next.merge(k.device(), 1, Integer::sum) + 15);
        }

        @Override
        public void release(LabelKey key) {
            map.remove(key);
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param args PEs, VPNs, routes
     */
    public static void main(String[] args) {
        int peCount = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int vpnCount = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int routes = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int perSite = routes / (vpnCount * 2);
        Random rnd = new Random(7);
        Ids ids = new Ids();
        VpnRouteEngine engine = new VpnRouteEngine(65000, ids, e -> { });
        List<ProviderNode> nodes = new ArrayList<>();
        Map<DeviceId, MacAddress> macs = new HashMap<>();
        List<DeviceId> pes = new ArrayList<>();
        List<DeviceId> all = new ArrayList<>();
        for (int i = 0; i < peCount + CORE; i++) {
            DeviceId d = DeviceId.deviceId((i < peCount ? "device:pe" : "device:p") + i);
            ProviderNode n = ProviderNode.of(d, i < peCount ? NodeRole.PE : NodeRole.P,
                                             Ip4Address.valueOf(0x0B000001 + i));
            nodes.add(n);
            macs.put(d, MacAddress.valueOf(0x00AA00000000L + i));
            all.add(d);
            if (i < peCount) {
                pes.add(d);
            }
            engine.setNode(n);
        }
        List<TransportTopology.Link> links = new ArrayList<>();
        for (int i = 0; i < peCount; i++) {
            for (int up = 0; up < 2; up++) {
                DeviceId p = all.get(peCount + (i + up * CORE / 2) % CORE);
                link(links, pes.get(i), 100 + up, p, 1 + i, 10);
            }
        }
        for (int a = 0; a < CORE; a++) {
            link(links, all.get(peCount + a), 400 + (a + 1) % CORE, all.get(peCount + (a + 1) % CORE), 400 + a, 10);
        }
        List<VpnInstance> vpns = new ArrayList<>();
        List<Site> sites = new ArrayList<>();
        Map<String, MacAddress> ceMacs = new HashMap<>();
        for (int v = 0; v < vpnCount; v++) {
            VpnInstance vi = VpnInstance.builder().name("vpn" + v).routeDistinguisher(RouteDistinguisher.of("65000:" + v))
                    .routeTargets(List.of(RouteTarget.of("65000:" + (v + 1)))).build();
            vpns.add(vi);
            engine.setVpnInstance(vi);
            int a = rnd.nextInt(peCount);
            int b = (a + 1 + rnd.nextInt(peCount - 1)) % peCount;
            for (int side = 0; side < 2; side++) {
                List<Ip4Prefix> statics = new ArrayList<>();
                int base = 0x40000000 + ((v * 2 + side) * perSite) * 4;
                for (int r = 0; r < perSite; r++) {
                    statics.add(Ip4Prefix.valueOf(base + r * 4, 30));
                }
                Site s = Site.builder().name("s" + v + "-" + side).vpn(vi.name()).device(pes.get(side == 0 ? a : b))
                        .port(PortNumber.portNumber(1 + v % 50))
                        .vlan(org.onlab.packet.VlanId.vlanId((short) (1 + v / 50))).peInterface("172.16." + side + ".1/24")
                        .ceAddress(Ip4Address.valueOf("172.16." + side + ".2")).staticRoutes(statics).build();
                sites.add(s);
                ceMacs.put(s.name(), MacAddress.valueOf(0x000000C00000L + v * 2 + side));
                engine.setSite(s);
            }
        }
        System.out.printf(Locale.ROOT, "workload: %d PEs, %d P, %d VPNs, %,d routes (%,d per site), %d links%n",
                          peCount, CORE, vpnCount, perSite * 2 * vpnCount, perSite, links.size() / 2);

        TransportPlanner planner = new TransportPlanner(ids, TunnelMode.PHP);
        TransportTopology topo = new TransportTopology(all, links);
        long t0 = System.nanoTime();
        TransportPlan plan = planner.plan(topo, pes);
        double planSecs = (System.nanoTime() - t0) / 1e9;

        Map<LabelKey, Integer> vpnLabels = new HashMap<>();
        engine.labelUse().keySet().forEach(k -> vpnLabels.put(k, ids.map.get(k)));
        t0 = System.nanoTime();
        ForwardingState state = StateAssembler.assemble(nodes, macs, links, sites, ceMacs, vpns, engine.vrfKeys(),
                                                        engine::bestRoutes, vpnLabels, plan, ids, true);
        Map<DeviceId, DeviceEntries> entries = PipelineTranslator.translate(state);
        double translateSecs = (System.nanoTime() - t0) / 1e9;
        long count = entries.values().stream().mapToLong(e -> e.entries().size() + e.groups().size()
                + e.members().size()).sum();
        System.out.printf(Locale.ROOT, "plan:      %.2f s (%,d LSPs with backups)%n", planSecs, plan.lsps().size());
        System.out.printf(Locale.ROOT, "translate: %.2f s for %,d P4 entities on %d switches%n", translateSecs, count,
                          entries.size());

        ConnectPoint a = links.get(0).src();
        ConnectPoint b = links.get(0).dst();
        t0 = System.nanoTime();
        TransportPlan onBackup = plan.onLinkFailure(a, b);
        Set<DeviceId> ingresses = new HashSet<>();
        for (Lsp l : onBackup.lsps()) {
            if (l.state() != Lsp.State.UP) {
                ingresses.add(l.ingress());
            }
        }
        Map<DeviceId, DeviceEntries> backup = PipelineTranslator.translate(state.withPlan(onBackup), ingresses);
        int changedGroups = 0;
        for (Map.Entry<DeviceId, DeviceEntries> e : backup.entrySet()) {
            Set<Object> before = new HashSet<>(entries.get(e.getKey()).groups());
            for (Object g : e.getValue().groups()) {
                if (!before.contains(g)) {
                    changedGroups++;
                }
            }
        }
        double failoverMs = (System.nanoTime() - t0) / 1e6;
        System.out.printf(Locale.ROOT, "failover:  %.1f ms from the failure of %s-%s to the backup entities of %d"
                + " ingress PEs (%d next-hop groups changed)%n", failoverMs, a, b, ingresses.size(), changedGroups);
        System.out.printf(Locale.ROOT, "machine:   %d cores, max heap %,d MB, %s %s%n",
                          Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                          System.getProperty("java.vm.name"), System.getProperty("java.version"));
    }

    private static void link(List<TransportTopology.Link> links, DeviceId a, int pa, DeviceId b, int pb, long w) {
        ConnectPoint ca = new ConnectPoint(a, PortNumber.portNumber(pa));
        ConnectPoint cb = new ConnectPoint(b, PortNumber.portNumber(pb));
        links.add(new TransportTopology.Link(ca, cb, w));
        links.add(new TransportTopology.Link(cb, ca, w));
    }
}
