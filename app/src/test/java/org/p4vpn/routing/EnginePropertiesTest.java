package org.p4vpn.routing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.onlab.packet.Ip4Prefix;
import org.onosproject.net.DeviceId;
import org.p4vpn.api.LabelMode;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.Site;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invariants of the route engine over random VPN configurations. */
class EnginePropertiesTest {

    private static final List<String> TARGETS = List.of("65000:1", "65000:2", "65000:3");
    private static final DeviceId[] PES = {EngineFixture.PE1, EngineFixture.PE2, EngineFixture.PE3};

    /** A random configuration: VPN instances and sites. */
    static final class Config {
        final List<VpnInstance> vpns;
        final List<Site> sites;

        Config(List<VpnInstance> vpns, List<Site> sites) {
            this.vpns = vpns;
            this.sites = sites;
        }

        @Override
        public String toString() {
            return vpns + " " + sites;
        }
    }

    @Provide
    Arbitrary<Config> configs() {
        Arbitrary<List<String>> rtSets = Arbitraries.of(TARGETS).set().ofMaxSize(2)
                .map(ArrayList::new);
        Arbitrary<VpnInstance> vpn = Combinators.combine(rtSets, rtSets, Arbitraries.of(LabelMode.class))
                .as((imp, exp, mode) -> EngineFixture.vpn("v", "65000:1", imp, exp, mode));
        return vpn.list().ofMinSize(1).ofMaxSize(4).flatMap(vs -> {
            List<VpnInstance> named = new ArrayList<>();
            for (int i = 0; i < vs.size(); i++) {
                named.add(vs.get(i).toBuilder().name("vpn" + i)
                                  .routeDistinguisher(org.p4vpn.api.RouteDistinguisher.of("65000:" + (i + 1))).build());
            }
            Arbitrary<Site> site = Combinators.combine(Arbitraries.integers().between(0, named.size() - 1),
                                                       Arbitraries.integers().between(0, 2),
                                                       Arbitraries.integers().between(0, 3))
                    .as((v, pe, net) -> EngineFixture.site("s", "vpn" + v, PES[pe], 1, "10." + v + "." + net + ".0",
                                                           "172." + (16 + v) + "." + net + ".0/24"));
            return site.list().ofMaxSize(8).map(ss -> new Config(named, uniqueSites(ss)));
        });
    }

    /** Gives sites distinct names and ports, and drops a second site on the same subnet of a VPN. */
    private static List<Site> uniqueSites(List<Site> in) {
        List<Site> out = new ArrayList<>();
        Set<String> subnets = new java.util.HashSet<>();
        for (Site s : in) {
            if (subnets.add(s.vpn() + s.connectedPrefix())) {
                out.add(s.toBuilder().name("site" + out.size())
                                .port(org.onosproject.net.PortNumber.portNumber(out.size() + 1)).build());
            }
        }
        return out;
    }

    private static EngineFixture build(Config c, long seed) {
        EngineFixture f = new EngineFixture();
        List<Object> ops = new ArrayList<>();
        ops.addAll(c.vpns);
        ops.addAll(c.sites);
        Collections.shuffle(ops, new Random(seed));
        // Sites before their VPN exist as configuration the engine must hold until the VPN arrives.
        for (Object o : ops) {
            if (o instanceof VpnInstance) {
                f.engine.setVpnInstance((VpnInstance) o);
            } else {
                f.engine.setSite((Site) o);
            }
        }
        return f;
    }

    private static Map<VrfKey, List<VrfRoute>> tables(EngineFixture f) {
        Map<VrfKey, List<VrfRoute>> out = new HashMap<>();
        for (VrfKey k : f.engine.vrfKeys()) {
            out.put(k, f.engine.vrfTable(k));
        }
        return out;
    }

    @Property(tries = 200)
    void importedRoutesAlwaysMatchAnImportTarget(@ForAll("configs") Config c, @ForAll long seed) {
        EngineFixture f = build(c, seed);
        Map<String, VpnInstance> byName = c.vpns.stream().collect(Collectors.toMap(VpnInstance::name, v -> v));
        for (Map.Entry<VrfKey, List<VrfRoute>> e : tables(f).entrySet()) {
            Set<RouteTarget> imports = byName.get(e.getKey().vpn()).importTargets();
            for (VrfRoute r : e.getValue()) {
                r.vpnRoute().ifPresent(v -> assertTrue(v.routeTargets().stream().anyMatch(imports::contains),
                                                       e.getKey() + " holds " + r));
            }
        }
    }

    @Property(tries = 200)
    void everyPermittedPrefixArrives(@ForAll("configs") Config c, @ForAll long seed) {
        EngineFixture f = build(c, seed);
        Map<String, VpnInstance> byName = c.vpns.stream().collect(Collectors.toMap(VpnInstance::name, v -> v));
        for (Site from : c.sites) {
            VpnInstance src = byName.get(from.vpn());
            for (VrfKey to : f.engine.vrfKeys()) {
                VpnInstance dst = byName.get(to.vpn());
                boolean permitted = to.equals(new VrfKey(from.device(), from.vpn()))
                        || src.exportTargets().stream().anyMatch(dst.importTargets()::contains);
                if (!permitted) {
                    continue;
                }
                for (Ip4Prefix p : List.of(from.connectedPrefix(), from.staticRoutes().iterator().next())) {
                    assertTrue(f.engine.bestRoute(to, p).isPresent(), p + " of " + from.name() + " missing in " + to);
                }
            }
        }
    }

    @Property(tries = 100)
    void theResultDoesNotDependOnTheOrderOfChanges(@ForAll("configs") Config c, @ForAll long seed1,
                                                    @ForAll long seed2) {
        Map<VrfKey, List<VrfRoute>> a = tables(build(c, seed1));
        Map<VrfKey, List<VrfRoute>> b = tables(build(c, seed2));
        assertEquals(a.keySet(), b.keySet());
        for (VrfKey k : a.keySet()) {
            assertEquals(bestOf(a.get(k)), bestOf(b.get(k)), k.toString());
        }
    }

    /** Best routes without labels, which depend on allocation order. */
    private static Map<Ip4Prefix, String> bestOf(List<VrfRoute> routes) {
        return routes.stream().filter(VrfRoute::isBest)
                .collect(Collectors.toMap(VrfRoute::prefix, r -> r.kind() + " " + r.nextHop() + " " + r.site()));
    }

    @Property(tries = 200)
    void removingEverythingLeavesNothing(@ForAll("configs") Config c, @ForAll long seed) {
        EngineFixture f = build(c, seed);
        List<Object> ops = new ArrayList<>();
        ops.addAll(c.vpns);
        ops.addAll(c.sites);
        Collections.shuffle(ops, new Random(seed + 1));
        for (Object o : ops) {
            if (o instanceof VpnInstance) {
                f.engine.removeVpnInstance(((VpnInstance) o).name());
            } else {
                f.engine.removeSite(((Site) o).name());
            }
        }
        assertTrue(f.engine.vrfKeys().isEmpty());
        f.engine.speakers().forEach(s -> assertEquals(0, s.paths(), s.name()));
        assertTrue(f.labels.labels.isEmpty(), "every label released: " + f.labels.labels);
        assertTrue(f.engine.labelUse().isEmpty());
        // Each route that was added was removed again, so the events net out per prefix.
        Map<List<Object>, Integer> net = new HashMap<>();
        f.events.forEach(e -> net.merge(List.of(e.subject(), e.prefix()),
                e.type() == org.p4vpn.api.VrfRouteEvent.Type.ROUTE_ADDED ? 1
                        : e.type() == org.p4vpn.api.VrfRouteEvent.Type.ROUTE_REMOVED ? -1 : 0, Integer::sum));
        net.forEach((k, v) -> assertEquals(0, v, k.toString()));
    }

    @Property(tries = 50)
    void loadGivesWhatIncrementalChangesGive(@ForAll("configs") Config c, @ForAll long seed) {
        EngineFixture f = build(c, seed);
        EngineFixture g = new EngineFixture();
        List<ProviderNode> nodes = List.of(ProviderNode.of(EngineFixture.PE1, NodeRole.PE, EngineFixture.PE1_ID),
                                           ProviderNode.of(EngineFixture.PE2, NodeRole.PE, EngineFixture.PE2_ID),
                                           ProviderNode.of(EngineFixture.PE3, NodeRole.PE, EngineFixture.PE3_ID));
        g.engine.load(nodes, c.vpns, c.sites);
        Map<VrfKey, List<VrfRoute>> a = tables(f);
        Map<VrfKey, List<VrfRoute>> b = tables(g);
        assertEquals(a.keySet(), b.keySet());
        a.keySet().forEach(k -> assertEquals(bestOf(a.get(k)), bestOf(b.get(k)), k.toString()));
    }
}
