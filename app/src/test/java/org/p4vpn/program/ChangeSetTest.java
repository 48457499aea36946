package org.p4vpn.program;

import org.junit.jupiter.api.Test;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.core.GroupId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleServiceAdapter;
import org.onosproject.net.group.DefaultGroup;
import org.onosproject.net.group.DefaultGroupDescription;
import org.onosproject.net.group.DefaultGroupKey;
import org.onosproject.net.group.Group;
import org.onosproject.net.group.GroupBuckets;
import org.onosproject.net.group.GroupDescription;
import org.onosproject.net.group.GroupEvent;
import org.onosproject.net.group.GroupKey;
import org.onosproject.net.group.GroupListener;
import org.onosproject.net.group.GroupServiceAdapter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ONOS write order of {@link ChangeSet}: entries wait until the group subsystem confirms the
 * groups they use; groups no longer used go only after the entries' removal succeeded.
 */
class ChangeSetTest {

    private static final DeviceId DEV = DeviceId.deviceId("device:pe1");
    private static final ApplicationId APP = new DefaultApplicationId(7, "org.p4vpn.app");

    private final List<String> log = new CopyOnWriteArrayList<>();

    /** Groups stay PENDING_ADD until the test confirms them, as with a real switch. */
    private final class SlowGroups extends GroupServiceAdapter {
        final Map<GroupKey, DefaultGroup> groups = new ConcurrentHashMap<>();
        final List<GroupListener> listeners = new CopyOnWriteArrayList<>();

        @Override
        public void addGroup(GroupDescription d) {
            DefaultGroup g = new DefaultGroup(GroupId.valueOf(d.givenGroupId()), d);
            g.setState(Group.GroupState.PENDING_ADD);
            groups.put(d.appCookie(), g);
            log.add("add group " + d.givenGroupId());
        }

        @Override
        public void removeGroup(DeviceId device, GroupKey key, ApplicationId appId) {
            groups.remove(key);
            log.add("remove group");
        }

        @Override
        public Group getGroup(DeviceId device, GroupKey key) {
            return groups.get(key);
        }

        @Override
        public void addListener(GroupListener l) {
            listeners.add(l);
        }

        @Override
        public void removeListener(GroupListener l) {
            listeners.remove(l);
        }

        void confirm(GroupKey key) {
            DefaultGroup g = groups.get(key);
            g.setState(Group.GroupState.ADDED);
            listeners.forEach(l -> l.event(new GroupEvent(GroupEvent.Type.GROUP_ADDED, g)));
        }
    }

    /** Records rule writes and answers the operation's callback with success or failure. */
    private final class Flows extends FlowRuleServiceAdapter {
        volatile boolean fail;

        @Override
        public void apply(FlowRuleOperations ops) {
            ops.stages().forEach(stage -> stage.forEach(op -> log.add(op.type() + " rule")));
            if (fail) {
                ops.callback().onError(ops);
            } else {
                ops.callback().onSuccess(ops);
            }
        }
    }

    /** Polls a condition until it holds or the deadline passes. */
    private static boolean until(Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    private static FlowRule rule(int priority) {
        return DefaultFlowRule.builder().forDevice(DEV).withSelector(DefaultTrafficSelector.emptySelector())
                .withTreatment(DefaultTrafficTreatment.emptyTreatment()).withPriority(priority).fromApp(APP)
                .makePermanent().build();
    }

    private static GroupDescription group(int id) {
        return new DefaultGroupDescription(DEV, GroupDescription.Type.SELECT, new GroupBuckets(List.of()),
                                           new DefaultGroupKey(new byte[] {(byte) id}), id, APP);
    }

    @Test
    void entriesWaitUntilTheirGroupIsInstalled() throws Exception {
        SlowGroups groups = new SlowGroups();
        ChangeSet c = new ChangeSet(DEV);
        c.addGroups.add(group(1));
        c.addRules.add(rule(10));
        Thread writer = new Thread(() -> c.apply(new Flows(), groups, APP, Duration.ofSeconds(30)));
        writer.start();
        assertTrue(until(Duration.ofSeconds(10), () -> writer.getState() == Thread.State.TIMED_WAITING
                && !groups.groups.isEmpty()), "the writer waits for the group");
        assertEquals(List.of("add group 1"), log, "no entry before its group is confirmed");
        groups.confirm(group(1).appCookie());
        writer.join(10_000);
        assertEquals(List.of("add group 1", "ADD rule"), log);
        assertTrue(groups.listeners.isEmpty(), "the listener is removed");
    }

    @Test
    void anUnconfirmedGroupDelaysEntriesOnlyUntilTheWaitEnds() {
        SlowGroups groups = new SlowGroups();
        ChangeSet c = new ChangeSet(DEV);
        c.addGroups.add(group(2));
        c.addRules.add(rule(10));
        c.apply(new Flows(), groups, APP, Duration.ofMillis(200));
        assertEquals(List.of("add group 2", "ADD rule"), log);
    }

    @Test
    void unusedGroupsGoOnlyAfterTheirEntriesAreRemoved() {
        SlowGroups groups = new SlowGroups();
        groups.addGroup(group(3));
        groups.confirm(group(3).appCookie());
        log.clear();
        ChangeSet c = new ChangeSet(DEV);
        c.removeRules.add(rule(10));
        c.removeGroups.add(group(3));
        Flows failing = new Flows();
        failing.fail = true;
        c.apply(failing, groups, APP, Duration.ofMillis(200));
        assertEquals(List.of("REMOVE rule"), log, "an entry may still use the group: it stays");
        assertEquals(1, groups.groups.size());
        log.clear();
        c.apply(new Flows(), groups, APP, Duration.ofMillis(200));
        assertEquals(List.of("REMOVE rule", "remove group"), log);
    }
}
