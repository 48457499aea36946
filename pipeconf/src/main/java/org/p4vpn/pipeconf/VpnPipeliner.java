package org.p4vpn.pipeconf;

import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.behaviour.NextGroup;
import org.onosproject.net.behaviour.Pipeliner;
import org.onosproject.net.behaviour.PipelinerContext;
import org.onosproject.net.driver.AbstractHandlerBehaviour;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleOperationsContext;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions.OutputInstruction;
import org.onosproject.net.flowobjective.FilteringObjective;
import org.onosproject.net.flowobjective.ForwardingObjective;
import org.onosproject.net.flowobjective.NextObjective;
import org.onosproject.net.flowobjective.Objective;
import org.onosproject.net.flowobjective.ObjectiveError;
import org.onosproject.net.pi.runtime.PiAction;

import java.util.List;

/**
 * Pipeliner of the VPN pipeline. ONOS's discovery apps (LLDP/BDDP link discovery, ARP host
 * discovery) and the BGP speaker ask for packets to the controller with forwarding objectives;
 * each becomes a punt-table entry with the objective's selector and the punt_to_cpu action. VPN
 * forwarding itself is programmed by the application directly, not through objectives, so every
 * other objective is refused as unsupported.
 */
public class VpnPipeliner extends AbstractHandlerBehaviour implements Pipeliner {

    private FlowRuleService flowRuleService;
    private DeviceId deviceId;

    @Override
    public void init(DeviceId device, PipelinerContext context) {
        this.deviceId = device;
        this.flowRuleService = context.directory().get(FlowRuleService.class);
    }

    @Override
    public void filter(FilteringObjective obj) {
        fail(obj, ObjectiveError.UNSUPPORTED);
    }

    @Override
    public void next(NextObjective obj) {
        fail(obj, ObjectiveError.UNSUPPORTED);
    }

    @Override
    public void forward(ForwardingObjective obj) {
        FlowRule rule = puntRule(obj, deviceId);
        if (rule == null) {
            fail(obj, ObjectiveError.UNSUPPORTED);
            return;
        }
        FlowRuleOperations.Builder ops = FlowRuleOperations.builder();
        if (obj.op() == Objective.Operation.REMOVE) {
            ops.remove(rule);
        } else {
            ops.add(rule);
        }
        flowRuleService.apply(ops.build(new FlowRuleOperationsContext() {
            @Override
            public void onSuccess(FlowRuleOperations o) {
                obj.context().ifPresent(c -> c.onSuccess(obj));
            }

            @Override
            public void onError(FlowRuleOperations o) {
                fail(obj, ObjectiveError.FLOWINSTALLATIONFAILED);
            }
        }));
    }

    /**
     * Returns the punt-table rule of a forwarding objective, or null if the objective is not a
     * request to send packets to the controller.
     *
     * @param obj    objective
     * @param device device
     * @return rule or null
     */
    static FlowRule puntRule(ForwardingObjective obj, DeviceId device) {
        if (obj.treatment() == null || obj.selector() == null) {
            return null;
        }
        List<Instruction> all = obj.treatment().allInstructions();
        boolean toController = !all.isEmpty() && all.stream().allMatch(i -> i.type() == Instruction.Type.OUTPUT
                && ((OutputInstruction) i).port().equals(PortNumber.CONTROLLER));
        if (!toController) {
            return null;
        }
        FlowRule.Builder b = DefaultFlowRule.builder().forDevice(device)
                .forTable(P4InfoConstants.INGRESS_PIPE_IMPL_PUNT_PUNT)
                .withSelector(obj.selector()).fromApp(obj.appId()).withPriority(obj.priority())
                .withTreatment(DefaultTrafficTreatment.builder().piTableAction(
                        PiAction.builder().withId(P4InfoConstants.INGRESS_PIPE_IMPL_PUNT_PUNT_TO_CPU).build())
                                       .build());
        if (obj.permanent()) {
            b.makePermanent();
        } else {
            b.makeTemporary(obj.timeout());
        }
        return b.build();
    }

    private static void fail(Objective obj, ObjectiveError error) {
        obj.context().ifPresent(c -> c.onError(obj, error));
    }

    @Override
    public void purgeAll(org.onosproject.core.ApplicationId appId) {
        flowRuleService.purgeFlowRules(deviceId, appId);
    }

    @Override
    public List<String> getNextMappings(NextGroup nextGroup) {
        return List.of();
    }
}
