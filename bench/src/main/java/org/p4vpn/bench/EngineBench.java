package org.p4vpn.bench;

import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.RouteDistinguisher;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.Site;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.api.VrfKey;
import org.p4vpn.routing.VpnRouteEngine;
import org.p4vpn.runtime.EmbeddedStorageService;
import org.p4vpn.store.DistributedVpnStore;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Route-engine benchmark: import and reflect N VPNv4 routes across V VRFs on P PEs (defaults:
 * 1,000,000 routes, 1,000 VRFs, 100 PEs). Each VPN instance has a site on two PEs chosen at random;
 * each site carries its share of static routes, so each route is originated by one PE, reflected
 * by the controller's route reflector, and imported into the VRF of the VPN's other PE. Prints the
 * time to load everything, routes per second, heap bytes per route, and the time to withdraw it
 * all. Labels come from the real store on the embedded storage service.
 *
 * <p>Run: {@code bench/run-engine-bench [routes] [vrfs] [pes]} (see docs/benchmarks.md).
 */
public final class EngineBench {

    private EngineBench() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args routes, VRFs, PEs
     */
    public static void main(String[] args) {
        int routes = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int vrfs = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int pes = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int vpns = vrfs / 2;
        int perSite = routes / vrfs;

        EmbeddedStorageService storage = EmbeddedStorageService.inMemory();
        DistributedVpnStore store = new DistributedVpnStore();
        org.p4vpn.runtime.ComponentContainer c = new org.p4vpn.runtime.ComponentContainer();
        c.register(storage);
        c.start(store);
        AtomicLong events = new AtomicLong();
        VpnRouteEngine engine = new VpnRouteEngine(65000, store.labelAllocator(), e -> events.incrementAndGet());

        Random rnd = new Random(42);
        List<ProviderNode> nodes = new ArrayList<>();
        for (int i = 0; i < pes; i++) {
            nodes.add(ProviderNode.of(pe(i), NodeRole.PE, Ip4Address.valueOf(0x0A000001 + i)));
        }
        List<VpnInstance> instances = new ArrayList<>();
        List<Site> sites = new ArrayList<>();
        for (int v = 0; v < vpns; v++) {
            RouteTarget rt = RouteTarget.of("65000:" + (v + 1));
            instances.add(VpnInstance.builder().name("vpn" + v).routeDistinguisher(RouteDistinguisher.of("65000:" + v))
                                  .routeTargets(List.of(rt)).build());
            int a = rnd.nextInt(pes);
            int b = (a + 1 + rnd.nextInt(pes - 1)) % pes;
            sites.add(site(v, 0, a, perSite));
            sites.add(site(v, 1, b, perSite));
        }
        long total = (long) perSite * sites.size();
        System.out.printf(Locale.ROOT, "workload: %,d routes, %,d VRFs (%,d VPNs on 2 PEs each), %,d PEs, %,d static"
                + " routes per site%n", total, sites.size(), vpns, pes, perSite);
        for (ProviderNode n : nodes) {
            engine.setNode(n);
        }
        instances.forEach(engine::setVpnInstance);
        long heapBefore = usedHeap();

        long t0 = System.nanoTime();
        for (Site s : sites) {
            engine.setSite(s);
        }
        long loadNanos = System.nanoTime() - t0;
        long heapAfter = usedHeap();

        long imported = 0;
        for (VrfKey k : engine.vrfKeys()) {
            imported += engine.bestRoutes(k).size();
        }
        double secs = loadNanos / 1e9;
        System.out.printf(Locale.ROOT, "load:     %.2f s for %,d routes originated, reflected and imported"
                + " (%,d VRF entries, %,d best-route events)%n", secs, total, imported, events.get());
        System.out.printf(Locale.ROOT, "rate:     %,.0f routes/s%n", total / secs);
        System.out.printf(Locale.ROOT, "heap:     %,d bytes per route (%,d MB for the engine's tables)%n",
                          (heapAfter - heapBefore) / total, (heapAfter - heapBefore) >> 20);

        t0 = System.nanoTime();
        for (Site s : sites) {
            engine.removeSite(s.name());
        }
        double wsecs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "withdraw: %.2f s (%,.0f routes/s); VRFs left: %d%n", wsecs, total / wsecs,
                          engine.vrfKeys().size());
        System.out.printf(Locale.ROOT, "machine:  %d cores, max heap %,d MB, %s %s%n",
                          Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                          System.getProperty("java.vm.name"), System.getProperty("java.version"));
        storage.close();
    }

    private static DeviceId pe(int i) {
        return DeviceId.deviceId("device:pe" + i);
    }

    private static Site site(int vpn, int side, int pe, int statics) {
        List<Ip4Prefix> routes = new ArrayList<>(statics);
        // Each site's routes are distinct /32s under its own /16-ish block: 10.(128+...) space.
        int base = 0x40000000 + ((vpn * 2 + side) * statics) * 4;
        for (int i = 0; i < statics; i++) {
            routes.add(Ip4Prefix.valueOf(base + i * 4, 30));
        }
        return Site.builder().name("s" + vpn + "-" + side).vpn("vpn" + vpn).device(pe(pe))
                .port(PortNumber.portNumber(1 + vpn)).peInterface("172.16." + side + ".1/24")
                .ceAddress(Ip4Address.valueOf("172.16." + side + ".2")).staticRoutes(routes).build();
    }

    private static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
