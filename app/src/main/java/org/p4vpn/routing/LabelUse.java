package org.p4vpn.routing;

import org.p4vpn.api.LabelAllocator;
import org.p4vpn.api.LabelKey;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reference counts of the VPN labels the engine's exported routes use. A label whose count drops
 * to zero is released only at the end of an engine call, so that a VRF torn down and rebuilt in
 * one call keeps its label.
 */
final class LabelUse {

    private final LabelAllocator allocator;
    private final Map<LabelKey, Integer> refs = new HashMap<>();
    private final Map<LabelKey, Integer> values = new HashMap<>();
    private final Set<LabelKey> unreferenced = new HashSet<>();

    LabelUse(LabelAllocator allocator) {
        this.allocator = allocator;
    }

    /** Takes a reference on a key's label, allocating it if needed. */
    int retain(LabelKey key) {
        Integer value = values.get(key);
        if (value == null) {
            value = allocator.allocate(key);
            values.put(key, value);
        }
        refs.merge(key, 1, Integer::sum);
        unreferenced.remove(key);
        return value;
    }

    /** Drops a reference; the label is released by {@link #releaseUnused()} if none is left. */
    void release(LabelKey key) {
        Integer n = refs.get(key);
        if (n == null) {
            return;
        }
        if (n <= 1) {
            refs.remove(key);
            unreferenced.add(key);
        } else {
            refs.put(key, n - 1);
        }
    }

    /** Releases the labels that lost their last reference. */
    void releaseUnused() {
        for (LabelKey k : unreferenced) {
            values.remove(k);
            allocator.release(k);
        }
        unreferenced.clear();
    }

    /** Returns the reference counts. */
    Map<LabelKey, Integer> snapshot() {
        return new HashMap<>(refs);
    }
}
