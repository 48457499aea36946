package org.p4vpn.bgp;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.onlab.packet.Ip4Address;
import org.p4vpn.api.PeerRelation;
import org.p4vpn.api.VpnRoute;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Route reflection never loops, whatever the reflector topology, and withdrawals leave nothing. */
class ReflectionPropertiesTest {

    /**
     * Random networks of reflectors (in a few clusters, some sharing ids) and plain speakers, with
     * random sessions including cycles among reflectors; random speakers originate the prefix.
     */
    @Property(tries = 300)
    void reflectionTerminatesWithoutLoops(@ForAll @IntRange(min = 1, max = 5) int reflectors,
                                          @ForAll @IntRange(min = 1, max = 6) int plain,
                                          @ForAll long seed) {
        Random rnd = new Random(seed);
        Speakers s = new Speakers();
        for (int i = 0; i < reflectors; i++) {
            s.rr("rr" + i, "9.9.9." + (1 + rnd.nextInt(2)));
        }
        for (int i = 0; i < plain; i++) {
            s.speaker("p" + i);
        }
        for (int i = 0; i < reflectors; i++) {
            for (int j = i + 1; j < reflectors; j++) {
                if (rnd.nextInt(3) > 0) {
                    // Reflectors peer as non-clients, or one is the other's client (hierarchy).
                    if (rnd.nextBoolean()) {
                        s.ibgp("rr" + i, "rr" + j);
                    } else {
                        s.client("rr" + i, "rr" + j);
                    }
                }
            }
            for (int j = 0; j < plain; j++) {
                if (rnd.nextInt(2) == 0) {
                    s.client("rr" + i, "p" + j);
                }
            }
        }
        Set<String> origins = new HashSet<>();
        for (int i = 0; i < plain; i++) {
            if (rnd.nextInt(3) == 0) {
                origins.add("p" + i);
            }
        }
        origins.add("p0");
        long before = s.net.delivered();
        for (String o : origins) {
            s.originate(o);
        }
        int n = reflectors + plain;
        assertTrue(s.net.delivered() - before < 200L * n * n, "message storm: " + (s.net.delivered() - before));
        for (BgpSpeaker sp : s.net.speakers()) {
            for (VpnRoute r : sp.paths(Speakers.PREFIX)) {
                List<Ip4Address> cl = r.attributes().clusterList();
                assertEquals(cl.size(), new HashSet<>(cl).size(), "cluster list repeats: " + cl);
                if (sp.clusterId() != null) {
                    assertTrue(!cl.contains(sp.clusterId()), sp.name() + " kept a route with its own cluster id");
                }
                assertTrue(r.attributes().originatorId().map(id -> !id.equals(sp.routerId())).orElse(true),
                           sp.name() + " kept its own route back");
            }
        }
        for (String o : origins) {
            s.net.withdraw(s.id(o), Speakers.PREFIX);
        }
        for (BgpSpeaker sp : s.net.speakers()) {
            assertTrue(sp.paths(Speakers.PREFIX).isEmpty(), sp.name() + " still holds " + sp.paths(Speakers.PREFIX));
        }
    }

    /** With a full-mesh or a single-cluster design, every speaker learns every origin's route. */
    @Property(tries = 100)
    void everyClientLearnsTheRoute(@ForAll @IntRange(min = 2, max = 8) int clients, @ForAll long seed) {
        Speakers s = new Speakers();
        s.rr("rr", "9.9.9.9");
        for (int i = 0; i < clients; i++) {
            s.speaker("c" + i);
            s.net.connect(s.id("rr"), PeerRelation.CLIENT, s.id("c" + i), PeerRelation.NON_CLIENT);
        }
        String origin = "c" + new Random(seed).nextInt(clients);
        s.originate(origin);
        for (int i = 0; i < clients; i++) {
            assertEquals(1, s.paths("c" + i).size(), "c" + i);
        }
    }
}
