package org.p4vpn.pipeconf;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.onlab.packet.DeserializationException;
import org.onlab.packet.Ethernet;
import org.onlab.util.ImmutableByteSequence;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.driver.AbstractHandlerBehaviour;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions.OutputInstruction;
import org.onosproject.net.packet.DefaultInboundPacket;
import org.onosproject.net.packet.InboundPacket;
import org.onosproject.net.packet.OutboundPacket;
import org.onosproject.net.pi.model.PiMatchFieldId;
import org.onosproject.net.pi.model.PiPacketOperationType;
import org.onosproject.net.pi.model.PiPipelineInterpreter;
import org.onosproject.net.pi.model.PiTableId;
import org.onosproject.net.pi.runtime.PiAction;
import org.onosproject.net.pi.runtime.PiPacketMetadata;
import org.onosproject.net.pi.runtime.PiPacketOperation;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Interpreter of the VPN pipeline: maps ONOS packet-outs to the packet_out controller header
 * (egress port), packet-ins from the packet_in header (ingress port, punt reason) to inbound
 * packets, and the standard criteria ONOS's discovery apps use to the punt table's match fields.
 */
public class VpnInterpreter extends AbstractHandlerBehaviour implements PiPipelineInterpreter {

    private static final Map<Criterion.Type, PiMatchFieldId> PUNT_CRITERIA =
            ImmutableMap.<Criterion.Type, PiMatchFieldId>builder()
                    .put(Criterion.Type.IN_PORT, P4InfoConstants.HDR_INGRESS_PORT)
                    .put(Criterion.Type.ETH_DST, P4InfoConstants.HDR_ETH_DST)
                    .put(Criterion.Type.ETH_SRC, P4InfoConstants.HDR_ETH_SRC)
                    .put(Criterion.Type.ETH_TYPE, P4InfoConstants.HDR_ETH_TYPE)
                    .put(Criterion.Type.IP_PROTO, P4InfoConstants.HDR_IP_PROTO)
                    .put(Criterion.Type.TCP_SRC, P4InfoConstants.HDR_L4_SRC_PORT)
                    .put(Criterion.Type.UDP_SRC, P4InfoConstants.HDR_L4_SRC_PORT)
                    .put(Criterion.Type.TCP_DST, P4InfoConstants.HDR_L4_DST_PORT)
                    .put(Criterion.Type.UDP_DST, P4InfoConstants.HDR_L4_DST_PORT)
                    .build();

    @Override
    public Optional<PiMatchFieldId> mapCriterionType(Criterion.Type type) {
        return Optional.ofNullable(PUNT_CRITERIA.get(type));
    }

    @Override
    public Optional<PiTableId> mapFlowRuleTableId(int flowRuleTableId) {
        // Flow rules of this pipeline name their P4 table; table 0 is the punt table (for
        // apps that use plain OpenFlow-style table numbers).
        return flowRuleTableId == 0 ? Optional.of(P4InfoConstants.INGRESS_PIPE_IMPL_PUNT_PUNT) : Optional.empty();
    }

    @Override
    public PiAction mapTreatment(TrafficTreatment treatment, PiTableId table) throws PiInterpreterException {
        boolean toController = treatment.allInstructions().stream()
                .anyMatch(i -> i.type() == Instruction.Type.OUTPUT
                        && ((OutputInstruction) i).port().equals(PortNumber.CONTROLLER));
        if (table.equals(P4InfoConstants.INGRESS_PIPE_IMPL_PUNT_PUNT) && toController) {
            return PiAction.builder().withId(P4InfoConstants.INGRESS_PIPE_IMPL_PUNT_PUNT_TO_CPU).build();
        }
        throw new PiInterpreterException("treatment " + treatment + " cannot be expressed in table " + table);
    }

    @Override
    public Collection<PiPacketOperation> mapOutboundPacket(OutboundPacket packet) throws PiInterpreterException {
        ImmutableList.Builder<PiPacketOperation> out = ImmutableList.builder();
        for (Instruction i : packet.treatment().allInstructions()) {
            if (i.type() != Instruction.Type.OUTPUT) {
                throw new PiInterpreterException("packet-out supports only OUTPUT, not " + i);
            }
            PortNumber port = ((OutputInstruction) i).port();
            if (port.isLogical()) {
                throw new PiInterpreterException("packet-out to logical port " + port + " is not supported");
            }
            out.add(packetOut(packet.data(), port.toLong()));
        }
        return out.build();
    }

    private static PiPacketOperation packetOut(ByteBuffer data, long port) throws PiInterpreterException {
        ImmutableByteSequence portBytes;
        try {
            portBytes = ImmutableByteSequence.copyFrom(port).fit(PipelineOutputs.PORT_BITWIDTH);
        } catch (ImmutableByteSequence.ByteSequenceTrimException e) {
            throw new PiInterpreterException("port " + port + " does not fit in " + PipelineOutputs.PORT_BITWIDTH
                                                     + " bits");
        }
        return PiPacketOperation.builder().withType(PiPacketOperationType.PACKET_OUT)
                .withData(ImmutableByteSequence.copyFrom(data))
                .withMetadata(PiPacketMetadata.builder().withId(P4InfoConstants.EGRESS_PORT)
                                      .withValue(portBytes).build())
                .build();
    }

    @Override
    public InboundPacket mapInboundPacket(PiPacketOperation packetIn, DeviceId deviceId)
            throws PiInterpreterException {
        PiPacketMetadata inPort = packetIn.metadatas().stream()
                .filter(m -> m.id().equals(P4InfoConstants.INGRESS_PORT)).findFirst()
                .orElseThrow(() -> new PiInterpreterException("packet-in from " + deviceId + " has no "
                        + P4InfoConstants.INGRESS_PORT + " metadata"));
        byte[] bytes = packetIn.data().asArray();
        Ethernet eth;
        try {
            eth = Ethernet.deserializer().deserialize(bytes, 0, bytes.length);
        } catch (DeserializationException e) {
            throw new PiInterpreterException("packet-in from " + deviceId + " is not Ethernet: " + e.getMessage());
        }
        long port = 0;
        for (byte b : inPort.value().asArray()) {
            port = port << 8 | (b & 0xFF);
        }
        return new DefaultInboundPacket(new ConnectPoint(deviceId, PortNumber.portNumber(port)), eth,
                                        ByteBuffer.wrap(bytes));
    }

    @Override
    public Optional<Integer> mapLogicalPortNumber(PortNumber port) {
        return PortNumber.CONTROLLER.equals(port) ? Optional.of(PipelineOutputs.cpuPort()) : Optional.empty();
    }
}
