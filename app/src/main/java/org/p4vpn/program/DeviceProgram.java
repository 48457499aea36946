package org.p4vpn.program;

import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TableId;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.group.Group;
import org.onosproject.net.group.GroupDescription;
import org.onosproject.net.pi.runtime.PiActionProfileGroup;
import org.onosproject.net.pi.runtime.PiActionProfileMember;
import org.onosproject.net.pi.runtime.PiActionProfileMemberId;
import org.onosproject.net.pi.runtime.PiTableEntry;
import org.p4vpn.translate.DeviceEntries;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one device holds (or should hold) of this application, in ONOS's terms: flow rules by
 * their identity in the switch (table, match, priority) and groups by id. Two programs diff into
 * a {@link ChangeSet}.
 */
public final class DeviceProgram {

    /** A flow rule's identity in a table: entries with the same key replace each other. */
    static final class RuleKey {
        private final TableId table;
        private final TrafficSelector selector;
        private final int priority;

        RuleKey(FlowRule r) {
            this.table = r.table();
            this.selector = r.selector();
            this.priority = r.priority();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RuleKey && ((RuleKey) o).table.equals(table) && ((RuleKey) o).selector.equals(selector)
                    && ((RuleKey) o).priority == priority;
        }

        @Override
        public int hashCode() {
            return Objects.hash(table, selector, priority);
        }
    }

    private final DeviceId device;
    private final Map<RuleKey, FlowRule> rules;
    private final Map<Integer, GroupDescription> groups;

    private DeviceProgram(DeviceId device, Map<RuleKey, FlowRule> rules, Map<Integer, GroupDescription> groups) {
        this.device = device;
        this.rules = Collections.unmodifiableMap(rules);
        this.groups = Collections.unmodifiableMap(groups);
    }

    /**
     * Returns the program of a device's translated entities.
     *
     * @param device  device
     * @param entries its entities, null for none
     * @param appId   application
     * @return program
     */
    public static DeviceProgram of(DeviceId device, DeviceEntries entries, ApplicationId appId) {
        Map<RuleKey, FlowRule> rules = new LinkedHashMap<>();
        Map<Integer, GroupDescription> groups = new LinkedHashMap<>();
        if (entries != null) {
            Map<PiActionProfileMemberId, PiActionProfileMember> members = new HashMap<>();
            entries.members().forEach(m -> members.put(m.id(), m));
            for (PiActionProfileGroup g : entries.groups()) {
                groups.put(g.id().id(), PiFlows.group(device, g, members, appId));
            }
            for (PiTableEntry e : entries.entries()) {
                FlowRule r = PiFlows.flowRule(device, e, appId);
                rules.put(new RuleKey(r), r);
            }
        }
        return new DeviceProgram(device, rules, groups);
    }

    /**
     * Returns what ONOS reports a device holds of an application.
     *
     * @param device device
     * @param flows  the application's flow entries (any device; others are skipped)
     * @param groups the application's groups on the device
     * @return program
     */
    public static DeviceProgram reported(DeviceId device, Iterable<FlowEntry> flows, Iterable<Group> groups) {
        Map<RuleKey, FlowRule> rules = new LinkedHashMap<>();
        for (FlowEntry f : flows) {
            if (f.deviceId().equals(device) && f.state() != FlowEntry.FlowEntryState.PENDING_REMOVE
                    && f.state() != FlowEntry.FlowEntryState.REMOVED) {
                rules.put(new RuleKey(f), f);
            }
        }
        Map<Integer, GroupDescription> gs = new LinkedHashMap<>();
        for (Group g : groups) {
            if (g.deviceId().equals(device) && g.state() != Group.GroupState.PENDING_DELETE) {
                gs.put(g.id().id(), g);
            }
        }
        return new DeviceProgram(device, rules, gs);
    }

    /**
     * Returns the device.
     *
     * @return device id
     */
    public DeviceId device() {
        return device;
    }

    /**
     * Returns the flow rules.
     *
     * @return rules
     */
    public java.util.Collection<FlowRule> rules() {
        return rules.values();
    }

    /**
     * Returns the groups by id.
     *
     * @return groups
     */
    public Map<Integer, GroupDescription> groups() {
        return groups;
    }

    /**
     * Returns the changes that turn this program into another.
     *
     * @param target the program wanted
     * @return changes
     */
    public ChangeSet diffTo(DeviceProgram target) {
        ChangeSet c = new ChangeSet(device);
        target.groups.forEach((id, g) -> {
            GroupDescription have = groups.get(id);
            if (have == null) {
                c.addGroups.add(g);
            } else if (!have.buckets().equals(g.buckets()) || !have.appCookie().equals(g.appCookie())) {
                c.modifyGroups.add(g);
            }
        });
        groups.forEach((id, g) -> {
            if (!target.groups.containsKey(id)) {
                c.removeGroups.add(g);
            }
        });
        target.rules.forEach((k, r) -> {
            FlowRule have = rules.get(k);
            if (have == null) {
                c.addRules.add(r);
            } else if (!have.treatment().equals(r.treatment())) {
                c.modifyRules.add(r);
            }
        });
        rules.forEach((k, r) -> {
            if (!target.rules.containsKey(k)) {
                c.removeRules.add(r);
            }
        });
        return c;
    }
}
