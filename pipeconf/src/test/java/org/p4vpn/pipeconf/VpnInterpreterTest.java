package org.p4vpn.pipeconf;

import org.junit.jupiter.api.Test;
import org.onlab.packet.Ethernet;
import org.onlab.packet.MacAddress;
import org.onlab.util.ImmutableByteSequence;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.packet.DefaultOutboundPacket;
import org.onosproject.net.packet.InboundPacket;
import org.onosproject.net.pi.model.PiPacketOperationType;
import org.onosproject.net.pi.model.PiPipelineInterpreter;
import org.onosproject.net.pi.runtime.PiPacketMetadata;
import org.onosproject.net.pi.runtime.PiPacketOperation;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Packet-in/out and criterion mapping of the interpreter. */
class VpnInterpreterTest {

    private static final DeviceId DEV = DeviceId.deviceId("device:pe1");
    private final VpnInterpreter interpreter = new VpnInterpreter();

    private static byte[] frame() {
        Ethernet eth = new Ethernet();
        eth.setEtherType(Ethernet.TYPE_LLDP).setSourceMACAddress(MacAddress.valueOf("00:00:00:00:00:01"))
                .setDestinationMACAddress(MacAddress.valueOf("01:80:c2:00:00:0e"));
        eth.setPayload(new org.onlab.packet.Data(new byte[46]));
        return eth.serialize();
    }

    @Test
    void packetOutCarriesTheEgressPortInNineBits() throws Exception {
        List<PiPacketOperation> ops = List.copyOf(interpreter.mapOutboundPacket(new DefaultOutboundPacket(DEV,
                DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(3)).build(),
                ByteBuffer.wrap(frame()))));
        assertEquals(1, ops.size());
        PiPacketOperation op = ops.get(0);
        assertEquals(PiPacketOperationType.PACKET_OUT, op.type());
        PiPacketMetadata port = op.metadatas().iterator().next();
        assertEquals(P4InfoConstants.EGRESS_PORT, port.id());
        assertEquals(ImmutableByteSequence.copyFrom((short) 3), port.value());
        assertThrows(PiPipelineInterpreter.PiInterpreterException.class, () -> interpreter.mapOutboundPacket(
                new DefaultOutboundPacket(DEV, DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(600))
                        .build(), ByteBuffer.wrap(frame()))), "port 600 does not fit in 9 bits");
        assertThrows(PiPipelineInterpreter.PiInterpreterException.class, () -> interpreter.mapOutboundPacket(
                new DefaultOutboundPacket(DEV, DefaultTrafficTreatment.builder().setOutput(PortNumber.FLOOD)
                        .build(), ByteBuffer.wrap(frame()))));
    }

    @Test
    void packetInNamesItsIngressPort() throws Exception {
        PiPacketOperation in = PiPacketOperation.builder().withType(PiPacketOperationType.PACKET_IN)
                .withData(ImmutableByteSequence.copyFrom(frame()))
                .withMetadata(PiPacketMetadata.builder().withId(P4InfoConstants.INGRESS_PORT)
                                      .withValue(ImmutableByteSequence.copyFrom((short) 7)).build())
                .build();
        InboundPacket p = interpreter.mapInboundPacket(in, DEV);
        assertEquals(PortNumber.portNumber(7), p.receivedFrom().port());
        assertEquals(Ethernet.TYPE_LLDP, p.parsed().getEtherType());
        assertThrows(PiPipelineInterpreter.PiInterpreterException.class, () -> interpreter.mapInboundPacket(
                PiPacketOperation.builder().withType(PiPacketOperationType.PACKET_IN)
                        .withData(ImmutableByteSequence.copyFrom(frame())).build(), DEV));
    }

    @Test
    void discoveryCriteriaMapToThePuntTable() {
        assertEquals(P4InfoConstants.HDR_ETH_TYPE, interpreter.mapCriterionType(Criterion.Type.ETH_TYPE).get());
        assertEquals(P4InfoConstants.HDR_L4_DST_PORT, interpreter.mapCriterionType(Criterion.Type.TCP_DST).get());
        assertTrue(interpreter.mapCriterionType(Criterion.Type.IPV6_DST).isEmpty());
        assertEquals(255, interpreter.mapLogicalPortNumber(PortNumber.CONTROLLER).get());
    }
}
