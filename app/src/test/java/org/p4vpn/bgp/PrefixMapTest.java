package org.p4vpn.bgp;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.onlab.packet.Ip4Address;
import org.p4vpn.api.PathAttributes;
import org.p4vpn.api.RouteSource;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The open-addressing prefix map holds exactly what a HashMap would, through puts and removes. */
class PrefixMapTest {

    @Property(tries = 300)
    void behavesLikeAHashMap(@ForAll @Size(max = 400) List<@IntRange(min = -300, max = 300) Integer> ops) {
        PrefixMap map = new PrefixMap();
        Map<VpnPrefix, Object> ref = new HashMap<>();
        PathAttributes attrs = PathAttributes.local(List.of());
        for (int op : ops) {
            // few distinct keys, so that removals hit probe chains
            VpnPrefix p = VpnPrefix.of(Math.abs(op) % 7, Math.abs(op) << 8, 24);
            if (op >= 0) {
                VpnRoute r = new VpnRoute(p, Ip4Address.valueOf(op), 16, attrs, RouteSource.LOCAL);
                map.put(p, r);
                ref.put(p, r);
            } else {
                map.remove(p);
                ref.remove(p);
            }
            assertEquals(ref.size(), map.size());
        }
        for (Map.Entry<VpnPrefix, Object> e : ref.entrySet()) {
            assertEquals(e.getValue(), map.get(e.getKey()));
        }
        Map<VpnPrefix, Object> seen = new HashMap<>();
        map.forEach(seen::put);
        assertEquals(ref, seen);
    }
}
