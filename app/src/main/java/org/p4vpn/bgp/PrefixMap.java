package org.p4vpn.bgp;

import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The path table's map from VPN-IPv4 prefix to its path (or set of paths): open addressing with
 * linear probing, the key read from the value itself. A reflector holds one entry per route, and
 * this saves the 32-byte node a HashMap spends on each (a third of a route's memory).
 * Not thread-safe.
 */
final class PrefixMap {

    private Object[] slots = new Object[16];
    private int size;

    private static VpnPrefix keyOf(Object v) {
        return v instanceof VpnRoute ? ((VpnRoute) v).prefix() : PathTable.prefixOf(v);
    }

    private static int home(VpnPrefix p, int mask) {
        int h = p.hashCode();
        return (h ^ h >>> 16) & mask;
    }

    private int find(VpnPrefix p) {
        int mask = slots.length - 1;
        for (int i = home(p, mask); ; i = (i + 1) & mask) {
            Object v = slots[i];
            if (v == null || keyOf(v).equals(p)) {
                return i;
            }
        }
    }

    Object get(VpnPrefix p) {
        return slots[find(p)];
    }

    /** Puts a value under its own prefix, replacing what was there. */
    void put(VpnPrefix p, Object v) {
        int i = find(p);
        if (slots[i] == null) {
            if ((size + 1) * 2 > slots.length) {
                grow();
                i = find(p);
            }
            size++;
        }
        slots[i] = v;
    }

    void remove(VpnPrefix p) {
        int i = find(p);
        if (slots[i] == null) {
            return;
        }
        slots[i] = null;
        size--;
        // Shift back the entries after the hole that would otherwise no longer be found.
        int mask = slots.length - 1;
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int k = home(keyOf(slots[j]), mask);
            boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
            if (!stays) {
                slots[i] = slots[j];
                slots[j] = null;
                i = j;
            }
        }
    }

    private void grow() {
        Object[] old = slots;
        slots = new Object[old.length * 2];
        int mask = slots.length - 1;
        for (Object v : old) {
            if (v != null) {
                int i = home(keyOf(v), mask);
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = v;
            }
        }
    }

    void forEach(BiConsumer<VpnPrefix, Object> consumer) {
        for (Object v : slots) {
            if (v != null) {
                consumer.accept(keyOf(v), v);
            }
        }
    }

    List<VpnPrefix> keys() {
        List<VpnPrefix> out = new ArrayList<>(size);
        forEach((p, v) -> out.add(p));
        return out;
    }

    int size() {
        return size;
    }
}
