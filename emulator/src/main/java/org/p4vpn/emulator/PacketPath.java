package org.p4vpn.emulator;

import java.util.Collections;
import java.util.List;

/** simple_switch's v1model packet path (simple_switch.cpp: receive, ingress and egress threads). */
final class PacketPath {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PacketPath.class);

    private PacketPath() {
    }

    static List<OutputPacket> process(P4Program p, SwitchState rt, int ingressPort, byte[] frame) {
        PacketState s = new PacketState(p.layout, frame);
        s.set(p.ingressPort, BitValue.of(ingressPort));
        s.set(p.packetLength, BitValue.of(frame.length));
        s.set(p.instanceType, BitValue.ZERO);

        p.parser.parse(s, rt, rt);
        if (LOG.isTraceEnabled()) {
            LOG.trace("parsed {} bytes: error {}, checksum error {}", s.payloadOffset,
                    p.layout.errorName(s.parserError), s.checksumError);
        }
        if (p.parserError != null) {
            s.set(p.parserError, BitValue.of(s.parserError));
        }
        if (p.checksumError != null) {
            s.set(p.checksumError, BitValue.of(s.checksumError));
        }

        ControlFlow.runPipeline(p.ingress, s, rt);
        s.exit = false;

        long egressSpec = s.get(p.egressSpec).longValue();
        if (p.mcastGrp != null && !s.get(p.mcastGrp).isZero()) {
            return Collections.emptyList(); // no multicast group is ever configured
        }
        if (egressSpec == rt.dropPort()) {
            return Collections.emptyList();
        }
        s.set(p.instanceType, BitValue.ZERO);

        int port = (int) egressSpec;
        s.set(p.egressPort, BitValue.of(port));
        s.set(p.egressSpec, BitValue.of(rt.dropPort() + 1L));
        s.set(p.packetLength, BitValue.of(s.packetLengthReg));
        ControlFlow.runPipeline(p.egress, s, rt);
        if (s.get(p.egressSpec).longValue() == rt.dropPort()) {
            return Collections.emptyList();
        }
        return Collections.singletonList(new OutputPacket(port, p.deparser.deparse(s, rt)));
    }
}
