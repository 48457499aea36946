package org.p4vpn.program;

import org.onosproject.core.ApplicationId;
import org.onosproject.core.GroupId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.DefaultFlowEntry;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleOperation;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleServiceAdapter;
import org.onosproject.net.group.DefaultGroup;
import org.onosproject.net.group.DefaultGroupDescription;
import org.onosproject.net.group.Group;
import org.onosproject.net.group.GroupBuckets;
import org.onosproject.net.group.GroupDescription;
import org.onosproject.net.group.GroupKey;
import org.onosproject.net.group.GroupServiceAdapter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ONOS's flow rule and group services as far as the programmer uses them: they record every
 * write in one ordered log and answer reads from what was written, like ONOS's stores do.
 */
final class RecordingServices {

    /** Kinds of write. */
    enum Kind { ADD_RULE, MODIFY_RULE, REMOVE_RULE, ADD_GROUP, MODIFY_GROUP, REMOVE_GROUP }

    /** One write. */
    static final class Op {
        final Kind kind;
        final DeviceId device;
        final Object what;

        Op(Kind kind, DeviceId device, Object what) {
            this.kind = kind;
            this.device = device;
            this.what = what;
        }

        @Override
        public String toString() {
            return kind + " " + device + " " + what;
        }
    }

    final List<Op> log = new ArrayList<>();
    final Flows flows = new Flows();
    final Groups groups = new Groups();

    /** Flow rules by id; the id leaves out the treatment, so a modification replaces. */
    final class Flows extends FlowRuleServiceAdapter {
        final Map<FlowId, FlowRule> rules = new LinkedHashMap<>();

        @Override
        public void applyFlowRules(FlowRule... add) {
            for (FlowRule r : add) {
                rules.put(r.id(), r);
                log.add(new Op(Kind.ADD_RULE, r.deviceId(), r));
            }
        }

        @Override
        public void removeFlowRules(FlowRule... remove) {
            for (FlowRule r : remove) {
                rules.remove(r.id());
                log.add(new Op(Kind.REMOVE_RULE, r.deviceId(), r));
            }
        }

        @Override
        public void apply(FlowRuleOperations ops) {
            for (Set<FlowRuleOperation> stage : ops.stages()) {
                for (FlowRuleOperation op : stage) {
                    FlowRule r = op.rule();
                    switch (op.type()) {
                        case ADD:
                            rules.put(r.id(), r);
                            log.add(new Op(Kind.ADD_RULE, r.deviceId(), r));
                            break;
                        case MODIFY:
                            rules.put(r.id(), r);
                            log.add(new Op(Kind.MODIFY_RULE, r.deviceId(), r));
                            break;
                        default:
                            rules.remove(r.id());
                            log.add(new Op(Kind.REMOVE_RULE, r.deviceId(), r));
                            break;
                    }
                }
            }
            if (ops.callback() != null) {
                ops.callback().onSuccess(ops);
            }
        }

        @Override
        public Iterable<FlowEntry> getFlowEntriesById(ApplicationId id) {
            return rules.values().stream().filter(r -> r.appId() == id.id())
                    .map(r -> new DefaultFlowEntry(r, FlowEntry.FlowEntryState.ADDED)).collect(Collectors.toList());
        }

        List<FlowRule> of(DeviceId device) {
            return rules.values().stream().filter(r -> r.deviceId().equals(device)).collect(Collectors.toList());
        }
    }

    /** Groups by device and id. */
    final class Groups extends GroupServiceAdapter {
        final Map<DeviceId, Map<Integer, Group>> groups = new LinkedHashMap<>();

        @Override
        public void addGroup(GroupDescription d) {
            DefaultGroup g = new DefaultGroup(GroupId.valueOf(d.givenGroupId()), d);
            g.setState(Group.GroupState.ADDED);
            groups.computeIfAbsent(d.deviceId(), k -> new LinkedHashMap<>()).put(d.givenGroupId(), g);
            log.add(new Op(Kind.ADD_GROUP, d.deviceId(), g));
        }

        @Override
        public void setBucketsForGroup(DeviceId device, GroupKey oldKey, GroupBuckets buckets, GroupKey newKey,
                                       ApplicationId appId) {
            Group old = getGroup(device, oldKey);
            if (old == null) {
                throw new IllegalStateException("no group " + oldKey + " on " + device);
            }
            DefaultGroup g = new DefaultGroup(old.id(), new DefaultGroupDescription(device, old.type(), buckets,
                                                                                   newKey, old.id().id(), appId));
            g.setState(Group.GroupState.ADDED);
            groups.get(device).put(old.id().id(), g);
            log.add(new Op(Kind.MODIFY_GROUP, device, g));
        }

        @Override
        public void removeGroup(DeviceId device, GroupKey key, ApplicationId appId) {
            Group g = getGroup(device, key);
            if (g == null) {
                throw new IllegalStateException("no group " + key + " on " + device);
            }
            groups.get(device).remove(g.id().id());
            log.add(new Op(Kind.REMOVE_GROUP, device, g));
        }

        @Override
        public Group getGroup(DeviceId device, GroupKey key) {
            return groups.getOrDefault(device, Map.of()).values().stream().filter(g -> g.appCookie().equals(key))
                    .findFirst().orElse(null);
        }

        @Override
        public Iterable<Group> getGroups(DeviceId device, ApplicationId appId) {
            return groups.getOrDefault(device, Map.of()).values().stream().filter(g -> g.appId().equals(appId))
                    .collect(Collectors.toList());
        }
    }
}
