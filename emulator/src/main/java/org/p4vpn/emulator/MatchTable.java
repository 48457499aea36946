package org.p4vpn.emulator;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The entries of one table and its lookup structure, with BMv2's semantics: exact tables hash
 * the key, LPM tables take the longest prefix, ternary and range tables take the lowest BMv2
 * priority (highest P4Runtime priority), ties going to the lowest entry handle. Direct
 * counters count hits with the packet's ingress length. Not thread-safe: the switch locks.
 */
final class MatchTable {

    /** An installed entry. */
    static final class Entry {
        final MatchKey key;
        final int handle;
        ActionDef action;
        BitValue[] params;
        Integer memberId;
        Integer groupId;
        final AtomicLong packets = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        Entry(MatchKey key, int handle) {
            this.key = key;
            this.handle = handle;
        }
    }

    private static final Comparator<Entry> ORDER =
            Comparator.<Entry>comparingInt(e -> e.key.bmPriority).thenComparingInt(e -> e.handle);

    final TableDef def;
    private final Map<MatchKey, Entry> entries = new HashMap<>();
    private final Map<MatchKey.Bytes, Entry> exact = new HashMap<>();
    private final TreeMap<Integer, Map<MatchKey.Bytes, Entry>> lpm = new TreeMap<>(Comparator.reverseOrder());
    private final List<Entry> ordered = new ArrayList<>();
    private final BitSet handles = new BitSet();
    // Filled lazily by lookups, which run concurrently under the switch's read lock.
    private final Map<Integer, byte[]> lpmMasks = new java.util.concurrent.ConcurrentHashMap<>();
    boolean immutable;

    /** Current default action (null = BMv2's empty action). */
    ActionDef defaultAction;
    BitValue[] defaultParams;

    MatchTable(TableDef def) {
        this.def = def;
        resetDefault();
    }

    void resetDefault() {
        defaultAction = def.defaultParams != null ? def.defaultAction : null;
        defaultParams = def.defaultParams;
    }

    int size() {
        return entries.size();
    }

    Entry get(MatchKey key) {
        return entries.get(key);
    }

    List<Entry> entries() {
        List<Entry> out = new ArrayList<>(entries.values());
        out.sort(Comparator.comparingInt(e -> e.handle));
        return out;
    }

    /** Adds an entry; the caller has checked duplicates and size. */
    Entry add(MatchKey key) {
        int handle = handles.nextClearBit(0);
        handles.set(handle);
        Entry e = new Entry(key, handle);
        entries.put(key, e);
        switch (def.matchType) {
            case "exact":
                exact.put(new MatchKey.Bytes(key.value), e);
                break;
            case "lpm":
                lpm.computeIfAbsent(key.lpmPrefix, p -> new HashMap<>()).put(new MatchKey.Bytes(key.value), e);
                break;
            default:
                int pos = 0;
                while (pos < ordered.size() && ORDER.compare(ordered.get(pos), e) < 0) {
                    pos++;
                }
                ordered.add(pos, e);
        }
        return e;
    }

    void remove(Entry e) {
        entries.remove(e.key);
        handles.clear(e.handle);
        switch (def.matchType) {
            case "exact":
                exact.remove(new MatchKey.Bytes(e.key.value));
                break;
            case "lpm": {
                Map<MatchKey.Bytes, Entry> m = lpm.get(e.key.lpmPrefix);
                m.remove(new MatchKey.Bytes(e.key.value));
                if (m.isEmpty()) {
                    lpm.remove(e.key.lpmPrefix);
                }
                break;
            }
            default:
                ordered.remove(e);
        }
    }

    void clear() {
        entries.clear();
        exact.clear();
        lpm.clear();
        ordered.clear();
        handles.clear();
        resetDefault();
    }

    /** Looks the packet up; counts a hit. Returns null on a miss. */
    Entry lookup(PacketState s) {
        if (def.key.isEmpty() || entries.isEmpty()) {
            return null;
        }
        byte[] k = def.packetKey(s);
        Entry hit = find(k);
        if (hit != null) {
            hit.packets.incrementAndGet();
            hit.bytes.addAndGet(s.ingressLength);
        }
        return hit;
    }

    private Entry find(byte[] k) {
        switch (def.matchType) {
            case "exact":
                return exact.get(new MatchKey.Bytes(k));
            case "lpm":
                for (Map.Entry<Integer, Map<MatchKey.Bytes, Entry>> group : lpm.entrySet()) {
                    byte[] mask = lpmMasks.computeIfAbsent(group.getKey(), this::lpmMask);
                    byte[] masked = new byte[k.length];
                    for (int i = 0; i < k.length; i++) {
                        masked[i] = (byte) (k[i] & mask[i]);
                    }
                    Entry e = group.getValue().get(new MatchKey.Bytes(masked));
                    if (e != null) {
                        return e;
                    }
                }
                return null;
            default:
                for (Entry e : ordered) {
                    if (matches(e.key, k)) {
                        return e;
                    }
                }
                return null;
        }
    }

    /** The full key mask of an LPM table for an LPM prefix length. */
    private byte[] lpmMask(int prefix) {
        byte[] m = new byte[def.keyBytes];
        for (TableDef.KeyField kf : def.key) {
            byte[] fm = kf.matchType.equals("lpm") ? MatchKey.prefixMask(prefix, kf.nbytes) : null;
            for (int i = 0; i < kf.nbytes; i++) {
                int b = fm != null ? fm[i] : 0xff;
                if (kf.staticMask != null) {
                    b &= kf.staticMask[i];
                }
                m[kf.offset + i] = (byte) b;
            }
        }
        return m;
    }

    private boolean matches(MatchKey key, byte[] k) {
        for (int i = 0; i < k.length; i++) {
            if ((k[i] & key.mask[i]) != key.value[i]) {
                return false;
            }
        }
        if (key.low != null) {
            for (TableDef.KeyField kf : def.key) {
                if (kf.matchType.equals("range")
                        && (compare(k, key.low, kf) < 0 || compare(k, key.high, kf) > 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int compare(byte[] a, byte[] b, TableDef.KeyField kf) {
        for (int i = kf.offset; i < kf.offset + kf.nbytes; i++) {
            int c = Integer.compare(a[i] & 0xff, b[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
