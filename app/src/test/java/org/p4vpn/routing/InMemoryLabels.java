package org.p4vpn.routing;

import org.onosproject.net.DeviceId;
import org.p4vpn.api.LabelAllocator;
import org.p4vpn.api.LabelKey;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** A label allocator in a map, for engine tests; checks that labels are unique per device. */
final class InMemoryLabels implements LabelAllocator {

    final Map<LabelKey, Integer> labels = new HashMap<>();
    private final Map<DeviceId, Integer> next = new HashMap<>();

    @Override
    public int allocate(LabelKey key) {
        return labels.computeIfAbsent(key, k -> {
            int l = next.merge(k.device(), 1, Integer::sum) + MIN_LABEL - 1;
            Set<Integer> used = new HashSet<>();
            labels.forEach((kk, v) -> {
                if (kk.device().equals(k.device())) {
                    if (!used.add(v)) {
                        throw new AssertionError("label " + v + " twice on " + k.device());
                    }
                }
            });
            return l;
        });
    }

    @Override
    public void release(LabelKey key) {
        labels.remove(key);
    }
}
