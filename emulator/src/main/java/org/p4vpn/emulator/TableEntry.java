package org.p4vpn.emulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A match-action table entry as the control plane sees it: table name (the JSON / P4Info name,
 * e.g. {@code "IngressPipeImpl.vrf_fib.vrf_fib"}), match fields (don't-care fields omitted),
 * priority and either a direct action or, for tables with an action profile, a member id or
 * group id. Priorities follow P4Runtime: a larger value wins; they are required (> 0) exactly
 * when the table has a ternary, range or optional field. For modify, delete and counter reads
 * only the table, match and priority matter.
 */
public final class TableEntry {

    private final String table;
    private final List<FieldMatch> matches;
    private final int priority;
    private final ActionCall action;
    private final Integer memberId;
    private final Integer groupId;

    private TableEntry(Builder b) {
        this.table = Objects.requireNonNull(b.table, "table");
        this.matches = Collections.unmodifiableList(new ArrayList<>(b.matches));
        this.priority = b.priority;
        this.action = b.action;
        this.memberId = b.memberId;
        this.groupId = b.groupId;
    }

    /**
     * @param table the table name
     * @return a builder
     */
    public static Builder builder(String table) {
        return new Builder(table);
    }

    /** @return the table name */
    public String table() {
        return table;
    }

    /** @return the match fields that are not don't-care */
    public List<FieldMatch> matches() {
        return matches;
    }

    /** @return the P4Runtime priority, 0 for tables without ternary/range/optional fields */
    public int priority() {
        return priority;
    }

    /** @return the direct action, if any */
    public Optional<ActionCall> action() {
        return Optional.ofNullable(action);
    }

    /** @return the action profile member id, if the entry points to a member */
    public OptionalInt memberId() {
        return memberId == null ? OptionalInt.empty() : OptionalInt.of(memberId);
    }

    /** @return the action profile group id, if the entry points to a group */
    public OptionalInt groupId() {
        return groupId == null ? OptionalInt.empty() : OptionalInt.of(groupId);
    }

    /** @return a builder initialised from this entry */
    public Builder toBuilder() {
        Builder b = new Builder(table);
        b.matches.addAll(matches);
        b.priority = priority;
        b.action = action;
        b.memberId = memberId;
        b.groupId = groupId;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TableEntry)) {
            return false;
        }
        TableEntry e = (TableEntry) o;
        return table.equals(e.table) && new java.util.HashSet<>(matches).equals(new java.util.HashSet<>(e.matches))
                && priority == e.priority && Objects.equals(action, e.action)
                && Objects.equals(memberId, e.memberId) && Objects.equals(groupId, e.groupId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, new java.util.HashSet<>(matches), priority, action, memberId, groupId);
    }

    @Override
    public String toString() {
        String a = action != null ? action.toString()
                : memberId != null ? "member " + memberId : groupId != null ? "group " + groupId : "-";
        return table + matches + (priority != 0 ? " prio " + priority : "") + " -> " + a;
    }

    /** Builds a {@link TableEntry}. */
    public static final class Builder {
        private final String table;
        private final List<FieldMatch> matches = new ArrayList<>();
        private int priority;
        private ActionCall action;
        private Integer memberId;
        private Integer groupId;

        private Builder(String table) {
            this.table = table;
        }

        /**
         * @param m match fields to add
         * @return this
         */
        public Builder match(FieldMatch... m) {
            matches.addAll(Arrays.asList(m));
            return this;
        }

        /**
         * @param p P4Runtime priority (larger wins)
         * @return this
         */
        public Builder priority(int p) {
            this.priority = p;
            return this;
        }

        /**
         * @param a the direct action
         * @return this
         */
        public Builder action(ActionCall a) {
            this.action = a;
            this.memberId = null;
            this.groupId = null;
            return this;
        }

        /**
         * @param id action profile member id
         * @return this
         */
        public Builder member(int id) {
            this.memberId = id;
            this.action = null;
            this.groupId = null;
            return this;
        }

        /**
         * @param id action profile group id
         * @return this
         */
        public Builder group(int id) {
            this.groupId = id;
            this.action = null;
            this.memberId = null;
            return this;
        }

        /** @return the entry */
        public TableEntry build() {
            return new TableEntry(this);
        }
    }
}
