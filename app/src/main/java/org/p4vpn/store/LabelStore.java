package org.p4vpn.store;

import org.onosproject.net.DeviceId;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.Versioned;
import org.p4vpn.api.LabelAllocator;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.LabelSpaceExhaustedException;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Label allocations in two consistent maps: key to label, and (device, label) to key. A label is
 * taken by an atomic put-if-absent on the second map, so it is never given twice on one device
 * even by two instances at once; the key's entry in the first makes it stable until released.
 */
final class LabelStore implements LabelAllocator {

    private final ConsistentMap<LabelKey, Integer> byKey;
    private final ConsistentMap<DeviceLabel, LabelKey> owners;
    private final int min;
    private final int max;
    /** Where the last search on each device ended; a hint only, local to this instance. */
    private final Map<DeviceId, Integer> next = new ConcurrentHashMap<>();

    LabelStore(ConsistentMap<LabelKey, Integer> byKey, ConsistentMap<DeviceLabel, LabelKey> owners, int min,
               int max) {
        this.byKey = byKey;
        this.owners = owners;
        this.min = min;
        this.max = max;
    }

    LabelStore withRange(int newMin, int newMax) {
        return new LabelStore(byKey, owners, newMin, newMax);
    }

    /** VRF ids are the pipeline's 16-bit vrf_id, whatever the label range. */
    static final int MAX_VRF_ID = 0xFFFF;

    @Override
    public int allocate(LabelKey key) {
        Versioned<Integer> have = byKey.get(key);
        if (have != null) {
            return have.value();
        }
        boolean vrf = key.purpose() == LabelKey.Purpose.VRF_ID;
        int max = vrf ? Math.min(this.max, MAX_VRF_ID) : this.max;
        int span = max - min + 1;
        int start = next.getOrDefault(key.device(), min);
        for (int i = 0; i < span; i++) {
            int label = min + Math.floorMod(start - min + i, span);
            DeviceLabel slot = new DeviceLabel(key.device(), label);
            if (owners.putIfAbsent(slot, key) != null) {
                continue;
            }
            Versioned<Integer> raced = byKey.putIfAbsent(key, label);
            if (raced != null) {
                owners.remove(slot, key);
                return raced.value();
            }
            next.put(key.device(), label + 1 > max ? min : label + 1);
            return label;
        }
        if (vrf) {
            throw new LabelSpaceExhaustedException(key, "no free VRF id in " + min + ".." + max
                    + " (the pipeline's vrf_id has 16 bits) for VPN " + key.vpn());
        }
        throw new LabelSpaceExhaustedException(key, "no free MPLS label on " + key.device() + " in " + min + ".."
                + max + " for " + key.purpose() + " " + key.vpn() + " " + key.owner());
    }

    @Override
    public void release(LabelKey key) {
        Versioned<Integer> have = byKey.get(key);
        if (have != null) {
            byKey.remove(key);
            owners.remove(new DeviceLabel(key.device(), have.value()), key);
        }
    }

    Map<LabelKey, Integer> all() {
        Map<LabelKey, Integer> out = new HashMap<>();
        byKey.entrySet().forEach(e -> out.put(e.getKey(), e.getValue().value()));
        return out;
    }
}
