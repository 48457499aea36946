package org.p4vpn.emulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * One emulated BMv2 simple_switch running a {@link P4Program}: its data-plane state (table
 * entries, default actions, action profile members and groups, counters) and the v1model
 * packet path.
 *
 * <p>Packet path, as simple_switch: metadata zeroed; {@code ingress_port}, {@code
 * packet_length} set; parser (a parser error does not drop: ingress sees {@code
 * parser_error}); checksum verification ({@code checksum_error}); ingress; drop if {@code
 * egress_spec} is the drop port 511 ({@code mark_to_drop}); egress with {@code egress_port} =
 * {@code egress_spec}; drop if egress set {@code egress_spec} to 511; checksum update;
 * deparser emits the valid headers in the JSON order, then the unparsed payload. A non-zero
 * {@code mcast_grp} at the end of ingress goes to the (empty) replication engine: no output.
 * The CPU port (255 in our program) is an ordinary port here.</p>
 *
 * <p>Control plane: tables are named as in the JSON (= P4Info names); errors are
 * {@link SwitchException}s with the status code BMv2's P4Runtime server (PI) reports.
 * Priorities are P4Runtime priorities (larger wins); internally BMv2 uses the inverse order,
 * exactly as PI converts it.</p>
 *
 * <p>Thread safety: {@link #process} may run concurrently with itself and with control-plane
 * calls; a packet sees the state either before or after each control-plane call (a
 * read-write lock), counters are updated atomically.</p>
 */
public final class EmulatedSwitch {

    private final P4Program program;
    private final SwitchState state;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /**
     * @param program the loaded program
     */
    public EmulatedSwitch(P4Program program) {
        this.program = Objects.requireNonNull(program, "program");
        this.state = new SwitchState(program);
    }

    /** @return the program this switch runs */
    public P4Program program() {
        return program;
    }

    /**
     * Processes one frame received on {@code ingressPort}.
     *
     * @param ingressPort the port (9 bits in v1model)
     * @param frame       the frame bytes
     * @return the frames sent, empty if dropped (deterministic: same state, same output)
     * @throws PipelineAbortException where BMv2 would abort (failed assert/assume...)
     */
    public List<OutputPacket> process(int ingressPort, byte[] frame) {
        lock.readLock().lock();
        try {
            return PacketPath.process(program, state, ingressPort, frame.clone());
        } finally {
            lock.readLock().unlock();
        }
    }

    // ----- tables -----

    /**
     * Adds an entry.
     *
     * @param entry the entry
     * @throws SwitchException ALREADY_EXISTS, INVALID_ARGUMENT, UNKNOWN (table full, as PI)
     */
    public void insertEntry(TableEntry entry) {
        write(() -> state.insert(entry));
    }

    /**
     * Changes the action of an existing entry (its direct counter is kept).
     *
     * @param entry the entry with its new action
     * @throws SwitchException NOT_FOUND, INVALID_ARGUMENT
     */
    public void modifyEntry(TableEntry entry) {
        write(() -> state.modify(entry));
    }

    /**
     * Removes an entry, identified by its match key and priority.
     *
     * @param entry the entry (its action is ignored)
     * @throws SwitchException NOT_FOUND, INVALID_ARGUMENT
     */
    public void deleteEntry(TableEntry entry) {
        write(() -> state.delete(entry));
    }

    /**
     * @param table the table name
     * @return its entries in insertion-handle order, values padded to the field widths
     */
    public List<TableEntry> readEntries(String table) {
        return read(() -> state.read(table));
    }

    /**
     * Sets the action run on a miss.
     *
     * @param table  the table name
     * @param action the default action
     * @throws SwitchException PERMISSION_DENIED for a const default action, INVALID_ARGUMENT
     *                         for tables with an action profile or a bad action
     */
    public void setDefaultAction(String table, ActionCall action) {
        write(() -> state.setDefault(table, action));
    }

    /**
     * Restores the default action of the program.
     *
     * @param table the table name
     * @throws SwitchException as {@link #setDefaultAction}
     */
    public void resetDefaultAction(String table) {
        write(() -> state.resetDefault(table));
    }

    /**
     * @param table the table name
     * @return the current default action, or null when a miss runs no action
     */
    public ActionCall defaultAction(String table) {
        return read(() -> {
            MatchTable t = state.tableOrThrow(table);
            return t.defaultAction == null ? null : SwitchState.call(t.defaultAction, t.defaultParams);
        });
    }

    // ----- action profiles -----

    /**
     * @param profile  action profile (or selector) name, e.g. "IngressPipeImpl.next.ecmp_selector"
     * @param memberId member id
     * @param action   the member's action
     * @throws SwitchException ALREADY_EXISTS, INVALID_ARGUMENT
     */
    public void insertMember(String profile, int memberId, ActionCall action) {
        write(() -> state.profileOrThrow(profile).insertMember(memberId, action));
    }

    /**
     * @param profile  action profile name
     * @param memberId member id
     * @param action   the member's new action
     * @throws SwitchException NOT_FOUND, INVALID_ARGUMENT
     */
    public void modifyMember(String profile, int memberId, ActionCall action) {
        write(() -> state.profileOrThrow(profile).modifyMember(memberId, action));
    }

    /**
     * @param profile  action profile name
     * @param memberId member id
     * @throws SwitchException NOT_FOUND; UNKNOWN while a group or table entry uses it (as BMv2)
     */
    public void deleteMember(String profile, int memberId) {
        write(() -> state.profileOrThrow(profile).deleteMember(memberId));
    }

    /**
     * Creates a selector group.
     *
     * @param profile       action selector name
     * @param groupId       group id
     * @param memberWeights member id to weight (> 0)
     * @throws SwitchException ALREADY_EXISTS, NOT_FOUND (unknown member), INVALID_ARGUMENT
     */
    public void insertGroup(String profile, int groupId, Map<Integer, Integer> memberWeights) {
        write(() -> state.profileOrThrow(profile).insertGroup(groupId, new LinkedHashMap<>(memberWeights)));
    }

    /**
     * Creates a selector group whose members all have weight 1.
     *
     * @param profile   action selector name
     * @param groupId   group id
     * @param memberIds member ids
     */
    public void insertGroup(String profile, int groupId, List<Integer> memberIds) {
        insertGroup(profile, groupId, weightOne(memberIds));
    }

    /**
     * Replaces a group's membership.
     *
     * @param profile       action selector name
     * @param groupId       group id
     * @param memberWeights member id to weight (> 0)
     * @throws SwitchException NOT_FOUND, INVALID_ARGUMENT
     */
    public void modifyGroup(String profile, int groupId, Map<Integer, Integer> memberWeights) {
        write(() -> state.profileOrThrow(profile).modifyGroup(groupId, new LinkedHashMap<>(memberWeights)));
    }

    /**
     * @param profile   action selector name
     * @param groupId   group id
     * @param memberIds member ids, weight 1 each
     */
    public void modifyGroup(String profile, int groupId, List<Integer> memberIds) {
        modifyGroup(profile, groupId, weightOne(memberIds));
    }

    /**
     * @param profile action selector name
     * @param groupId group id
     * @throws SwitchException NOT_FOUND; UNKNOWN while a table entry uses it (as BMv2)
     */
    public void deleteGroup(String profile, int groupId) {
        write(() -> state.profileOrThrow(profile).deleteGroup(groupId));
    }

    /**
     * @param profile action profile name
     * @return member id to action, by member id
     */
    public Map<Integer, ActionCall> readMembers(String profile) {
        return read(() -> {
            Map<Integer, ActionCall> out = new LinkedHashMap<>();
            state.profileOrThrow(profile).members.forEach((id, m) -> out.put(id, SwitchState.call(m.action, m.params)));
            return out;
        });
    }

    /**
     * @param profile action selector name
     * @return group id to (member id to weight), by group id
     */
    public Map<Integer, Map<Integer, Integer>> readGroups(String profile) {
        return read(() -> {
            Map<Integer, Map<Integer, Integer>> out = new LinkedHashMap<>();
            state.profileOrThrow(profile).groups.forEach((id, g) -> out.put(id, Collections.unmodifiableMap(
                    new LinkedHashMap<>(g.members))));
            return out;
        });
    }

    // ----- counters -----

    /**
     * @param entry an installed entry of a table with direct counters (match and priority used)
     * @return its packets and bytes
     * @throws SwitchException NOT_FOUND, INVALID_ARGUMENT
     */
    public CounterValue readDirectCounter(TableEntry entry) {
        return read(() -> {
            MatchTable.Entry e = state.directCounterEntry(entry);
            return new CounterValue(e.packets.get(), e.bytes.get());
        });
    }

    /**
     * @param entry an installed entry of a table with direct counters
     * @param value the new counts
     */
    public void writeDirectCounter(TableEntry entry, CounterValue value) {
        write(() -> {
            MatchTable.Entry e = state.directCounterEntry(entry);
            e.packets.set(value.packets());
            e.bytes.set(value.bytes());
        });
    }

    /**
     * @param counter indirect counter array name
     * @param index   cell index
     * @return the cell
     * @throws SwitchException INVALID_ARGUMENT (unknown, negative), UNKNOWN (index too large)
     */
    public CounterValue readCounter(String counter, int index) {
        return read(() -> state.readCounter(counter, index));
    }

    /**
     * @param counter indirect counter array name
     * @param index   cell index
     * @param value   the new counts
     */
    public void writeCounter(String counter, int index, CounterValue value) {
        write(() -> state.writeCounter(counter, index, value));
    }

    /** Zeroes every counter, direct and indirect. */
    public void resetCounters() {
        write(state::resetCounters);
    }

    /**
     * Adds a value to a parser value set.
     *
     * @param valueSet the value set name
     * @param value    the value, {@code compressed_bitwidth} bits
     */
    public void addValueSetMember(String valueSet, byte[] value) {
        write(() -> state.valueSet(valueSet, value, true));
    }

    /**
     * @param valueSet the value set name
     * @param value    the value to remove
     */
    public void removeValueSetMember(String valueSet, byte[] value) {
        write(() -> state.valueSet(valueSet, value, false));
    }

    /** Back to the state right after loading: no entries, members, groups; counters zero. */
    public void reset() {
        write(state::reset);
    }

    private static Map<Integer, Integer> weightOne(List<Integer> ids) {
        Map<Integer, Integer> m = new LinkedHashMap<>();
        for (Integer id : ids) {
            if (m.put(id, 1) != null) {
                throw SwitchException.invalid("duplicate member id " + id + " in group, use weights instead");
            }
        }
        return m;
    }

    private void write(Runnable r) {
        lock.writeLock().lock();
        try {
            r.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T read(Supplier<T> s) {
        lock.readLock().lock();
        try {
            return s.get();
        } finally {
            lock.readLock().unlock();
        }
    }
}
