package org.p4vpn.program;

import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleOperationsContext;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.group.Group;
import org.onosproject.net.group.GroupDescription;
import org.onosproject.net.group.GroupKey;
import org.onosproject.net.group.GroupListener;
import org.onosproject.net.group.GroupService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The changes of one device: groups and flow rules to add, modify and remove. Applied in
 * dependency order: groups are added or modified (and confirmed installed) before the entries
 * that point to them, and removed after the entries that pointed to them are gone.
 */
public final class ChangeSet {

    /** How long entries wait for the groups they use to be installed. */
    public static final Duration GROUP_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ChangeSet.class);

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
     * Writes the changes through ONOS, waiting at most {@link #GROUP_WAIT} for new or changed
     * groups to be confirmed before the entries that use them.
     *
     * @param flows  flow rule service
     * @param groups group service
     * @param appId  application
     */
    public void apply(FlowRuleService flows, GroupService groups, ApplicationId appId) {
        apply(flows, groups, appId, GROUP_WAIT);
    }

    /**
     * Writes the changes through ONOS in dependency order: groups to add or modify first; once the
     * group subsystem reports them installed (or after the wait), the flow rules (additions and
     * modifications, then removals); once those succeed, the groups no entry uses any more. If
     * the flow rules fail, those groups stay (an entry may still point at them) until the next diff.
     *
     * @param flows  flow rule service
     * @param groups group service
     * @param appId  application
     * @param wait   how long at most to wait for groups to be installed
     */
    public void apply(FlowRuleService flows, GroupService groups, ApplicationId appId, Duration wait) {
        awaitInstalled(groups, appId, wait);
        Runnable unusedGroupsGo = () -> removeGroups.forEach(g -> groups.removeGroup(device, g.appCookie(), appId));
        if (addRules.isEmpty() && modifyRules.isEmpty() && removeRules.isEmpty()) {
            unusedGroupsGo.run();
            return;
        }
        FlowRuleOperations.Builder ops = FlowRuleOperations.builder();
        addRules.forEach(ops::add);
        modifyRules.forEach(ops::modify);
        ops.newStage();
        removeRules.forEach(ops::remove);
        flows.apply(ops.build(new FlowRuleOperationsContext() {
            @Override
            public void onSuccess(FlowRuleOperations done) {
                unusedGroupsGo.run();
            }

            @Override
            public void onError(FlowRuleOperations failed) {
                LOG.warn("{}: flow rules failed; {} unused groups kept until the next diff", device,
                         removeGroups.size());
            }
        }));
    }

    /** Adds and modifies groups, then waits until ONOS reports each of them ADDED. */
    private void awaitInstalled(GroupService groups, ApplicationId appId, Duration wait) {
        if (addGroups.isEmpty() && modifyGroups.isEmpty()) {
            return;
        }
        Set<GroupKey> pending = ConcurrentHashMap.newKeySet();
        addGroups.forEach(g -> pending.add(g.appCookie()));
        modifyGroups.forEach(g -> pending.add(g.appCookie()));
        CompletableFuture<Void> installed = new CompletableFuture<>();
        Runnable check = () -> {
            pending.removeIf(k -> {
                Group g = groups.getGroup(device, k);
                return g != null && g.state() == Group.GroupState.ADDED;
            });
            if (pending.isEmpty()) {
                installed.complete(null);
            }
        };
        GroupListener listener = e -> {
            if (e.subject().deviceId().equals(device)) {
                check.run();
            }
        };
        groups.addListener(listener);
        try {
            addGroups.forEach(groups::addGroup);
            modifyGroups.forEach(g -> groups.setBucketsForGroup(device, g.appCookie(), g.buckets(), g.appCookie(),
                                                                appId));
            check.run();
            installed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("{}: groups {} not confirmed within {} ms; writing the entries anyway (ONOS retries them)",
                     device, pending, wait.toMillis());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            groups.removeListener(listener);
        }
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
