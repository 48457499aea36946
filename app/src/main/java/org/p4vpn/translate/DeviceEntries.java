package org.p4vpn.translate;

import com.google.common.collect.ImmutableList;
import org.onosproject.net.pi.runtime.PiActionProfileGroup;
import org.onosproject.net.pi.runtime.PiActionProfileMember;
import org.onosproject.net.pi.runtime.PiTableEntry;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The P4 entities one switch should hold: action-profile members and groups (next hops) and
 * table entries. Compared by content regardless of order, so a programmer can diff desired
 * against actual.
 */
public final class DeviceEntries {

    private final ImmutableList<PiActionProfileMember> members;
    private final ImmutableList<PiActionProfileGroup> groups;
    private final ImmutableList<PiTableEntry> entries;

    DeviceEntries(List<PiActionProfileMember> members, List<PiActionProfileGroup> groups,
                  List<PiTableEntry> entries) {
        this.members = ImmutableList.copyOf(members);
        this.groups = ImmutableList.copyOf(groups);
        this.entries = ImmutableList.copyOf(entries);
    }

    /**
     * Creates a set of entities (e.g. what a switch reports it holds).
     *
     * @param members members
     * @param groups  groups
     * @param entries table entries
     * @return entities
     */
    public static DeviceEntries of(List<PiActionProfileMember> members, List<PiActionProfileGroup> groups,
                                   List<PiTableEntry> entries) {
        return new DeviceEntries(members, groups, entries);
    }

    /**
     * Returns the members (write them first).
     *
     * @return members
     */
    public List<PiActionProfileMember> members() {
        return members;
    }

    /**
     * Returns the groups (after the members).
     *
     * @return groups
     */
    public List<PiActionProfileGroup> groups() {
        return groups;
    }

    /**
     * Returns the table entries (after the groups they point to).
     *
     * @return entries
     */
    public List<PiTableEntry> entries() {
        return entries;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DeviceEntries)) {
            return false;
        }
        DeviceEntries d = (DeviceEntries) o;
        // The order of entities carries no meaning: a switch holds sets.
        return Set.copyOf(members).equals(Set.copyOf(d.members)) && Set.copyOf(groups).equals(Set.copyOf(d.groups))
                && Set.copyOf(entries).equals(Set.copyOf(d.entries));
    }

    @Override
    public int hashCode() {
        return Objects.hash(Set.copyOf(members), Set.copyOf(groups), Set.copyOf(entries));
    }

    @Override
    public String toString() {
        return members.size() + " members, " + groups.size() + " groups, " + entries.size() + " entries";
    }
}
