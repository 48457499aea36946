package org.p4vpn.translate;

import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.MacAddress;
import org.onlab.util.ImmutableByteSequence;
import org.onosproject.net.PortNumber;
import org.onosproject.net.pi.model.PiActionId;
import org.onosproject.net.pi.model.PiActionParamId;
import org.onosproject.net.pi.model.PiMatchFieldId;
import org.onosproject.net.pi.runtime.PiAction;
import org.onosproject.net.pi.runtime.PiActionParam;
import org.onosproject.net.pi.runtime.PiExactFieldMatch;
import org.onosproject.net.pi.runtime.PiLpmFieldMatch;
import org.onosproject.net.pi.runtime.PiTernaryFieldMatch;

import static org.p4vpn.pipeconf.P4InfoConstants.DMAC;
import static org.p4vpn.pipeconf.P4InfoConstants.INGRESS_PIPE_IMPL_NEXT_CE_OUT;
import static org.p4vpn.pipeconf.P4InfoConstants.INGRESS_PIPE_IMPL_NEXT_MPLS_OUT;
import static org.p4vpn.pipeconf.P4InfoConstants.INGRESS_PIPE_IMPL_NEXT_MPLS_POP_OUT;
import static org.p4vpn.pipeconf.P4InfoConstants.LABEL;
import static org.p4vpn.pipeconf.P4InfoConstants.LABEL_BITWIDTH;
import static org.p4vpn.pipeconf.P4InfoConstants.PORT;
import static org.p4vpn.pipeconf.P4InfoConstants.PORT_BITWIDTH;
import static org.p4vpn.pipeconf.P4InfoConstants.SMAC;
import static org.p4vpn.pipeconf.P4InfoConstants.VLAN_ID;
import static org.p4vpn.pipeconf.P4InfoConstants.VLAN_ID_BITWIDTH;

/** Small builders of PI match fields and actions at the widths the P4Info gives. */
final class PiBuild {

    private PiBuild() {
    }

    static ImmutableByteSequence bits(long v, int width) {
        try {
            return ImmutableByteSequence.copyFrom(v).fit(width);
        } catch (ImmutableByteSequence.ByteSequenceTrimException e) {
            throw new IllegalArgumentException(v + " does not fit in " + width + " bits", e);
        }
    }

    static ImmutableByteSequence mac(MacAddress m) {
        return ImmutableByteSequence.copyFrom(m.toBytes());
    }

    static PiExactFieldMatch exact(PiMatchFieldId f, long v, int width) {
        return new PiExactFieldMatch(f, bits(v, width));
    }

    static PiLpmFieldMatch lpm(PiMatchFieldId f, Ip4Prefix p) {
        return new PiLpmFieldMatch(f, ImmutableByteSequence.copyFrom(p.address().toOctets()), p.prefixLength());
    }

    static PiTernaryFieldMatch ternary(PiMatchFieldId f, long v, int width) {
        return new PiTernaryFieldMatch(f, bits(v, width), bits(width == 64 ? -1L : (1L << width) - 1, width));
    }

    static PiActionParam param(PiActionParamId id, long v, int width) {
        return new PiActionParam(id, bits(v, width));
    }

    static PiAction action(PiActionId id, PiActionParam... params) {
        PiAction.Builder b = PiAction.builder().withId(id);
        for (PiActionParam p : params) {
            b.withParameter(p);
        }
        return b.build();
    }

    static PiAction mplsOut(int label, PortNumber port, MacAddress smac, MacAddress dmac) {
        return action(INGRESS_PIPE_IMPL_NEXT_MPLS_OUT, param(LABEL, label, LABEL_BITWIDTH),
                      param(PORT, port.toLong(), PORT_BITWIDTH), new PiActionParam(SMAC, mac(smac)),
                      new PiActionParam(DMAC, mac(dmac)));
    }

    static PiAction mplsPopOut(PortNumber port, MacAddress smac, MacAddress dmac) {
        return action(INGRESS_PIPE_IMPL_NEXT_MPLS_POP_OUT, param(PORT, port.toLong(), PORT_BITWIDTH),
                      new PiActionParam(SMAC, mac(smac)), new PiActionParam(DMAC, mac(dmac)));
    }

    static PiAction ceOut(PortNumber port, MacAddress smac, MacAddress dmac, int vlan) {
        return action(INGRESS_PIPE_IMPL_NEXT_CE_OUT, param(PORT, port.toLong(), PORT_BITWIDTH),
                      new PiActionParam(SMAC, mac(smac)), new PiActionParam(DMAC, mac(dmac)),
                      param(VLAN_ID, vlan, VLAN_ID_BITWIDTH));
    }
}
