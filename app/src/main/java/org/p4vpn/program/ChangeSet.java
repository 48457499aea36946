package org.p4vpn.program;

import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.group.GroupDescription;
import org.onosproject.net.group.GroupService;

import java.util.ArrayList;
import java.util.List;

/**
 * The changes of one device: groups and flow rules to add, modify and remove. Applied in
 * dependency order: groups are added or modified before the entries that point to them, and
 * removed after the entries that pointed to them.
 */
public final class ChangeSet {

    private final DeviceId device;
    final List<GroupDescription> addGroups = new ArrayList<>();
    final List<GroupDescription> modifyGroups = new ArrayList<>();
    final List<GroupDescription> removeGroups = new ArrayList<>();
    final List<FlowRule> addRules = new ArrayList<>();
    final List<FlowRule> modifyRules = new ArrayList<>();
    final List<FlowRule> removeRules = new ArrayList<>();

    ChangeSet(DeviceId device) {
        this.device = device;
    }

    /**
     * Tells whether there is nothing to do.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return addGroups.isEmpty() && modifyGroups.isEmpty() && removeGroups.isEmpty() && addRules.isEmpty()
                && modifyRules.isEmpty() && removeRules.isEmpty();
    }

    /**
     * Writes the changes through ONOS.
     *
     * @param flows  flow rule service
     * @param groups group service
     * @param appId  application
     */
    public void apply(FlowRuleService flows, GroupService groups, ApplicationId appId) {
        addGroups.forEach(groups::addGroup);
        modifyGroups.forEach(g -> groups.setBucketsForGroup(device, g.appCookie(), g.buckets(), g.appCookie(), appId));
        if (!addRules.isEmpty() || !modifyRules.isEmpty() || !removeRules.isEmpty()) {
            FlowRuleOperations.Builder ops = FlowRuleOperations.builder();
            addRules.forEach(ops::add);
            modifyRules.forEach(ops::modify);
            ops.newStage();
            removeRules.forEach(ops::remove);
            flows.apply(ops.build());
        }
        removeGroups.forEach(g -> groups.removeGroup(device, g.appCookie(), appId));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(device.toString()).append(':');
        part(b, "+", addRules.size(), "entries");
        part(b, "~", modifyRules.size(), "entries");
        part(b, "-", removeRules.size(), "entries");
        part(b, "+", addGroups.size(), "groups");
        part(b, "~", modifyGroups.size(), "groups");
        part(b, "-", removeGroups.size(), "groups");
        return b.toString();
    }

    private static void part(StringBuilder b, String sign, int n, String what) {
        if (n > 0) {
            b.append(' ').append(sign).append(n).append(' ').append(what);
        }
    }
}
