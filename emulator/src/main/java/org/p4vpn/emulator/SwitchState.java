package org.p4vpn.emulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The data-plane state of one switch (table entries, default actions, action profiles,
 * counters, parse value sets) and the control-plane operations on it, with PI's checks and
 * error codes. Not thread-safe: {@link EmulatedSwitch} locks around it.
 */
final class SwitchState implements ControlFlow.Runtime, ParserEngine.ValueSetLookup {

    static final int DROP_PORT = 511;

    final P4Program program;
    final Map<String, MatchTable> tables = new LinkedHashMap<>();
    final Map<String, ActionProfileState> profiles = new LinkedHashMap<>();
    private final AtomicLongArray[] counterPackets;
    private final AtomicLongArray[] counterBytes;
    private final List<Set<BitValue>> valueSets = new ArrayList<>();

    SwitchState(P4Program program) {
        this.program = program;
        for (TableDef def : program.tables.values()) {
            tables.put(def.name, new MatchTable(def));
        }
        program.profileActions.forEach((name, actions) -> {
            ActionProfileState p = new ActionProfileState(name, program.selectors.get(name));
            p.actions.putAll(actions);
            profiles.put(name, p);
        });
        counterPackets = new AtomicLongArray[program.counters.size()];
        counterBytes = new AtomicLongArray[program.counters.size()];
        for (P4Program.CounterArray c : program.counters.values()) {
            counterPackets[c.index] = new AtomicLongArray(c.size);
            counterBytes[c.index] = new AtomicLongArray(c.size);
        }
        program.valueSets.forEach((n, i) -> valueSets.add(new HashSet<>()));
        installConstEntries();
    }

    private void installConstEntries() {
        for (MatchTable t : tables.values()) {
            if (t.def.constEntries.isEmpty()) {
                continue;
            }
            ConstEntries.install(t, program.actionsById);
            t.immutable = true;
        }
    }

    /** Back to the state right after loading the program. */
    void reset() {
        for (MatchTable t : tables.values()) {
            t.clear();
        }
        profiles.values().forEach(ActionProfileState::clear);
        for (int i = 0; i < counterPackets.length; i++) {
            counterPackets[i] = new AtomicLongArray(counterPackets[i].length());
            counterBytes[i] = new AtomicLongArray(counterBytes[i].length());
        }
        valueSets.forEach(Set::clear);
        installConstEntries();
    }

    // --- runtime callbacks ---

    @Override
    public MatchTable table(String name) {
        return tables.get(name);
    }

    @Override
    public ActionProfileState profile(String name) {
        return profiles.get(name);
    }

    @Override
    public int dropPort() {
        return DROP_PORT;
    }

    @Override
    public void count(int counterArray, long index, PacketState s) {
        AtomicLongArray p = counterPackets[counterArray];
        if (index >= 0 && index < p.length()) {
            p.incrementAndGet((int) index);
            counterBytes[counterArray].addAndGet((int) index, s.ingressLength);
        }
    }

    @Override
    public boolean contains(int vset, byte[] key, byte[] mask, int[] bitwidths) {
        int sum = 0;
        for (int w : bitwidths) {
            sum += w;
        }
        for (BitValue v : valueSets.get(vset)) {
            byte[] padded = new byte[key.length];
            int off = 0;
            int consumed = 0;
            for (int w : bitwidths) {
                int nb = Bits.bytesFor(w);
                BitValue part = v.shiftRight(sum - consumed - w).truncate(w);
                System.arraycopy(part.toBytes(nb), 0, padded, off, nb);
                off += nb;
                consumed += w;
            }
            boolean eq = true;
            for (int i = 0; i < key.length && eq; i++) {
                int m = mask == null ? 0xff : mask[i];
                eq = ((padded[i] ^ key[i]) & m) == 0;
            }
            if (eq) {
                return true;
            }
        }
        return false;
    }

    // --- tables ---

    MatchTable tableOrThrow(String name) {
        MatchTable t = tables.get(name);
        if (t == null) {
            throw SwitchException.invalid("unknown table " + name);
        }
        return t;
    }

    ActionProfileState profileOrThrow(String name) {
        ActionProfileState p = profiles.get(name);
        if (p == null) {
            throw SwitchException.invalid("unknown action profile " + name);
        }
        return p;
    }

    private MatchKey key(MatchTable t, TableEntry e) {
        if (t.def.key.isEmpty()) {
            throw SwitchException.invalid("table " + t.def.name + " has no key and cannot hold entries");
        }
        return t.def.matchKey(e.matches(), e.priority());
    }

    /** Resolved action of an entry: direct (action, params) or indirect (member or group). */
    private static final class Resolved {
        ActionDef action;
        BitValue[] params;
        Integer member;
        Integer group;
    }

    private Resolved resolve(MatchTable t, TableEntry e) {
        Resolved r = new Resolved();
        if (t.def.indirect()) {
            if (e.action().isPresent()) {
                throw SwitchException.invalid("cannot provide direct action for indirect table " + t.def.name);
            }
            ActionProfileState p = profiles.get(t.def.actionProfile);
            if (e.memberId().isPresent()) {
                r.member = e.memberId().getAsInt();
                if (!p.members.containsKey(r.member)) {
                    throw SwitchException.invalid("invalid member / group id");
                }
            } else if (e.groupId().isPresent()) {
                r.group = e.groupId().getAsInt();
                if (!p.groups.containsKey(r.group)) {
                    throw SwitchException.invalid("invalid member / group id");
                }
            } else {
                throw SwitchException.invalid("'action' field must be set");
            }
            return r;
        }
        if (e.memberId().isPresent() || e.groupId().isPresent()) {
            throw SwitchException.invalid("cannot provide indirect action for direct table " + t.def.name);
        }
        ActionCall call = e.action().orElseThrow(() -> SwitchException.invalid("'action' field must be set"));
        r.action = t.def.action(call.action());
        r.params = TableDef.actionData(r.action, call);
        return r;
    }

    private void refs(MatchTable t, MatchTable.Entry e, int delta) {
        if (!t.def.indirect()) {
            return;
        }
        ActionProfileState p = profiles.get(t.def.actionProfile);
        if (e.memberId != null) {
            p.members.get(e.memberId).tableRefs += delta;
        } else if (e.groupId != null) {
            p.groups.get(e.groupId).tableRefs += delta;
        }
    }

    private static void apply(MatchTable.Entry entry, Resolved r) {
        entry.action = r.action;
        entry.params = r.params;
        entry.memberId = r.member;
        entry.groupId = r.group;
    }

    void insert(TableEntry e) {
        MatchTable t = tableOrThrow(e.table());
        MatchKey k = key(t, e);
        Resolved r = resolve(t, e);
        if (t.get(k) != null) {
            throw new SwitchException(SwitchException.Code.ALREADY_EXISTS,
                    "match entry exists in table " + t.def.name + ", use MODIFY to change its action");
        }
        if (t.immutable) {
            throw new SwitchException(SwitchException.Code.UNKNOWN, "table " + t.def.name + " has const entries");
        }
        if (t.size() >= t.def.maxSize) {
            // PI reports a full table as an error on the target, UNKNOWN (not RESOURCE_EXHAUSTED).
            throw new SwitchException(SwitchException.Code.UNKNOWN,
                    "table " + t.def.name + " is full (" + t.def.maxSize + " entries)");
        }
        MatchTable.Entry entry = t.add(k);
        apply(entry, r);
        refs(t, entry, 1);
    }

    void modify(TableEntry e) {
        MatchTable t = tableOrThrow(e.table());
        MatchKey k = key(t, e);
        Resolved r = resolve(t, e);
        MatchTable.Entry entry = existing(t, k);
        if (t.immutable) {
            throw new SwitchException(SwitchException.Code.UNKNOWN, "table " + t.def.name + " has const entries");
        }
        refs(t, entry, -1);
        apply(entry, r);
        refs(t, entry, 1);
    }

    void delete(TableEntry e) {
        MatchTable t = tableOrThrow(e.table());
        MatchTable.Entry entry = existing(t, key(t, e));
        if (t.immutable) {
            throw new SwitchException(SwitchException.Code.UNKNOWN, "table " + t.def.name + " has const entries");
        }
        refs(t, entry, -1);
        t.remove(entry);
    }

    MatchTable.Entry existing(MatchTable t, MatchKey k) {
        MatchTable.Entry entry = t.get(k);
        if (entry == null) {
            throw SwitchException.notFound("cannot find match entry in table " + t.def.name);
        }
        return entry;
    }

    MatchTable.Entry existing(TableEntry e) {
        MatchTable t = tableOrThrow(e.table());
        return existing(t, key(t, e));
    }

    List<TableEntry> read(String table) {
        MatchTable t = tableOrThrow(table);
        List<TableEntry> out = new ArrayList<>();
        for (MatchTable.Entry en : t.entries()) {
            TableEntry.Builder b = TableEntry.builder(table)
                    .match(en.key.fields.toArray(new FieldMatch[0])).priority(en.key.p4rtPriority());
            if (en.action != null) {
                b.action(call(en.action, en.params));
            } else if (en.memberId != null) {
                b.member(en.memberId);
            } else {
                b.group(en.groupId);
            }
            out.add(b.build());
        }
        return out;
    }

    static ActionCall call(ActionDef a, BitValue[] params) {
        List<byte[]> ps = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            ps.add(params[i].toBytes(Bits.bytesFor(a.paramWidths[i])));
        }
        return ActionCall.of(a.name, ps);
    }

    void setDefault(String table, ActionCall call) {
        MatchTable t = checkDefaultWritable(table);
        ActionDef a = t.def.action(call.action());
        BitValue[] params = TableDef.actionData(a, call);
        if (t.def.defaultActionConst && a != t.def.defaultAction) {
            throw new SwitchException(SwitchException.Code.PERMISSION_DENIED, "default action of " + table + " is const");
        }
        t.defaultAction = a;
        t.defaultParams = params;
    }

    void resetDefault(String table) {
        checkDefaultWritable(table).resetDefault();
    }

    private MatchTable checkDefaultWritable(String table) {
        MatchTable t = tableOrThrow(table);
        if (t.def.indirect()) {
            throw SwitchException.invalid("cannot set / reset default action for indirect table " + table);
        }
        if (t.def.defaultActionConst || t.def.defaultEntryConst) {
            throw new SwitchException(SwitchException.Code.PERMISSION_DENIED,
                    "cannot set / reset default action for table " + table + " which has a const default action");
        }
        return t;
    }

    // --- counters ---

    P4Program.CounterArray counterOrThrow(String name, long index) {
        P4Program.CounterArray c = program.counters.get(name);
        if (c == null) {
            throw SwitchException.invalid("unknown counter " + name);
        }
        if (index < 0) {
            throw SwitchException.invalid("a negative number is not a valid index value");
        }
        if (index >= c.size) {
            throw new SwitchException(SwitchException.Code.UNKNOWN, "index " + index + " out of range for counter " + name);
        }
        return c;
    }

    CounterValue readCounter(String name, int index) {
        P4Program.CounterArray c = counterOrThrow(name, index);
        return new CounterValue(counterPackets[c.index].get(index), counterBytes[c.index].get(index));
    }

    void writeCounter(String name, int index, CounterValue v) {
        P4Program.CounterArray c = counterOrThrow(name, index);
        counterPackets[c.index].set(index, v.packets());
        counterBytes[c.index].set(index, v.bytes());
    }

    void resetCounters() {
        for (int i = 0; i < counterPackets.length; i++) {
            for (int j = 0; j < counterPackets[i].length(); j++) {
                counterPackets[i].set(j, 0);
                counterBytes[i].set(j, 0);
            }
        }
        for (MatchTable t : tables.values()) {
            for (MatchTable.Entry e : t.entries()) {
                e.packets.set(0);
                e.bytes.set(0);
            }
        }
    }

    MatchTable.Entry directCounterEntry(TableEntry e) {
        MatchTable t = tableOrThrow(e.table());
        if (!t.def.withCounters) {
            throw SwitchException.invalid("table " + t.def.name + " has no direct counters");
        }
        return existing(t, key(t, e));
    }

    // --- value sets ---

    void valueSet(String name, byte[] value, boolean add) {
        Integer idx = program.valueSets.get(name);
        if (idx == null) {
            throw SwitchException.invalid("unknown parse value set " + name);
        }
        BitValue v = BitValue.ofUnsigned(MatchKey.fit(value, program.valueSetWidths.get(name), "value set " + name));
        if (add) {
            valueSets.get(idx).add(v);
        } else {
            valueSets.get(idx).remove(v);
        }
    }
}
