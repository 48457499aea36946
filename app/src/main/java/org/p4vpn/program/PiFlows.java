package org.p4vpn.program;

import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.flow.criteria.PiCriterion;
import org.onosproject.net.group.DefaultGroupBucket;
import org.onosproject.net.group.DefaultGroupDescription;
import org.onosproject.net.group.GroupBucket;
import org.onosproject.net.group.GroupBuckets;
import org.onosproject.net.group.GroupDescription;
import org.onosproject.net.pi.model.PiTableId;
import org.onosproject.net.pi.runtime.PiActionProfileGroup;
import org.onosproject.net.pi.runtime.PiActionProfileMember;
import org.onosproject.net.pi.runtime.PiActionProfileMemberId;
import org.onosproject.net.pi.runtime.PiFieldMatch;
import org.onosproject.net.pi.runtime.PiGroupKey;
import org.onosproject.net.pi.runtime.PiTableAction;
import org.onosproject.net.pi.runtime.PiTableEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.p4vpn.pipeconf.P4InfoConstants.INGRESS_PIPE_IMPL_NEXT_NEXT;

/**
 * Maps the translator's PI entities onto ONOS's northbound objects, the way ONOS's PI
 * translators map them back: a table entry becomes a flow rule in that table whose selector is a
 * {@link PiCriterion} and whose treatment is the PI table action (an action, or an action-profile
 * group id); an action-profile group becomes a SELECT group whose id is the group id, whose app
 * cookie is a {@link PiGroupKey} (the table that uses the profile, the profile, the id) and whose
 * buckets carry the members' actions in order, with their weights. ONOS derives member ids
 * itself (from group id and bucket index), so the translator's member ids do not reach the switch.
 */
public final class PiFlows {

    /** Priority of entries that have none (ONOS drops it for tables without ternary keys). */
    public static final int DEFAULT_PRIORITY = 10;
    /** The table whose entries point at next-hop groups. */
    public static final PiTableId GROUP_TABLE = INGRESS_PIPE_IMPL_NEXT_NEXT;

    private PiFlows() {
    }

    /**
     * Returns the flow rule of a table entry.
     *
     * @param device device
     * @param entry  table entry (with at least one field match)
     * @param appId  application
     * @return permanent flow rule
     */
    public static FlowRule flowRule(DeviceId device, PiTableEntry entry, ApplicationId appId) {
        PiCriterion.Builder c = PiCriterion.builder();
        for (PiFieldMatch m : entry.matchKey().fieldMatches()) {
            c.add(m);
        }
        return DefaultFlowRule.builder().forDevice(device).forTable(entry.table())
                .withSelector(DefaultTrafficSelector.builder().matchPi(c.build()).build())
                .withTreatment(treatment(entry.action()))
                .withPriority(entry.priority().orElse(DEFAULT_PRIORITY))
                .fromApp(appId).makePermanent().build();
    }

    /**
     * Returns the group description of an action-profile group.
     *
     * @param device  device
     * @param group   group (members by id)
     * @param members the device's members by id
     * @param appId   application
     * @return SELECT group description
     * @throws IllegalArgumentException if a member of the group is unknown
     */
    public static GroupDescription group(DeviceId device, PiActionProfileGroup group,
                                         Map<PiActionProfileMemberId, PiActionProfileMember> members,
                                         ApplicationId appId) {
        List<GroupBucket> buckets = new ArrayList<>();
        for (PiActionProfileGroup.WeightedMember wm : group.members()) {
            PiActionProfileMember m = wm.instance() != null ? wm.instance() : members.get(wm.id());
            if (m == null) {
                throw new IllegalArgumentException("group " + group.id() + " on " + device + " names member "
                        + wm.id() + " which the translation lacks");
            }
            buckets.add(DefaultGroupBucket.createSelectGroupBucket(treatment(m.action()), (short) wm.weight()));
        }
        int id = group.id().id();
        return new DefaultGroupDescription(device, GroupDescription.Type.SELECT, new GroupBuckets(buckets),
                                           new PiGroupKey(GROUP_TABLE, group.actionProfile(), id), id, appId);
    }

    private static TrafficTreatment treatment(PiTableAction action) {
        return DefaultTrafficTreatment.builder().piTableAction(action).build();
    }
}
