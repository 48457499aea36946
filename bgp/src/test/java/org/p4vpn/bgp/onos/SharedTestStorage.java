package org.p4vpn.bgp.onos;

import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.ConsistentMapBuilder;
import org.onosproject.store.service.TestConsistentMap;
import org.onosproject.store.service.TestStorageService;

import java.util.HashMap;
import java.util.Map;

/**
 * ONOS's TestStorageService, except that a consistent map of a given name is one map however
 * often it is built, as in a cluster: instances (and a restarted instance) see the same data.
 */
final class SharedTestStorage extends TestStorageService {

    private final Map<String, ConsistentMap<?, ?>> maps = new HashMap<>();

    @Override
    public <K, V> ConsistentMapBuilder<K, V> consistentMapBuilder() {
        return new TestConsistentMap.Builder<K, V>() {
            @Override
            @SuppressWarnings("unchecked")
            public ConsistentMap<K, V> build() {
                synchronized (maps) {
                    ConsistentMap<?, ?> m = maps.get(name());
                    if (m == null) {
                        m = super.build();
                        maps.put(name(), m);
                    }
                    return (ConsistentMap<K, V>) m;
                }
            }
        };
    }
}
