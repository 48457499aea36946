package org.p4vpn.pipeconf;

import org.junit.jupiter.api.Test;
import org.onlab.packet.Ethernet;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.instructions.PiInstruction;
import org.onosproject.net.flowobjective.DefaultForwardingObjective;
import org.onosproject.net.flowobjective.ForwardingObjective;
import org.onosproject.net.pi.runtime.PiAction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Forwarding objectives of ONOS's discovery apps become punt-table entries. */
class VpnPipelinerTest {

    private static final DeviceId DEV = DeviceId.deviceId("device:p1");

    private static ForwardingObjective objective(short ethType, PortNumber out) {
        return DefaultForwardingObjective.builder()
                .withSelector(DefaultTrafficSelector.builder().matchEthType(ethType).build())
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(out).build())
                .fromApp(new DefaultApplicationId(1, "org.onosproject.lldpprovider"))
                .withPriority(40000).withFlag(ForwardingObjective.Flag.VERSATILE).makePermanent().add();
    }

    @Test
    void lldpToTheControllerIsAPuntEntry() {
        FlowRule r = VpnPipeliner.puntRule(objective(Ethernet.TYPE_LLDP, PortNumber.CONTROLLER), DEV);
        assertEquals(P4InfoConstants.INGRESS_PIPE_IMPL_PUNT_PUNT, r.table());
        assertEquals(40000, r.priority());
        assertEquals(objective(Ethernet.TYPE_LLDP, PortNumber.CONTROLLER).selector(), r.selector());
        PiAction a = (PiAction) ((PiInstruction) r.treatment().allInstructions().get(0)).action();
        assertEquals(P4InfoConstants.INGRESS_PIPE_IMPL_PUNT_PUNT_TO_CPU, a.id());
    }

    @Test
    void forwardingToAPortIsNotAPunt() {
        assertNull(VpnPipeliner.puntRule(objective(Ethernet.TYPE_ARP, PortNumber.portNumber(1)), DEV));
    }
}
