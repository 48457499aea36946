package org.p4vpn.tests.pipeline;

import org.onlab.packet.MacAddress;
import org.onlab.util.ImmutableByteSequence;
import org.onosproject.net.pi.model.PiActionId;
import org.onosproject.net.pi.model.PiActionParamId;
import org.onosproject.net.pi.model.PiMatchFieldId;
import org.onosproject.net.pi.model.PiTableId;
import org.onosproject.net.pi.runtime.PiAction;
import org.onosproject.net.pi.runtime.PiActionParam;
import org.onosproject.net.pi.runtime.PiActionProfileGroup;
import org.onosproject.net.pi.runtime.PiActionProfileGroupId;
import org.onosproject.net.pi.runtime.PiActionProfileMember;
import org.onosproject.net.pi.runtime.PiActionProfileMemberId;
import org.onosproject.net.pi.runtime.PiExactFieldMatch;
import org.onosproject.net.pi.runtime.PiLpmFieldMatch;
import org.onosproject.net.pi.runtime.PiMatchKey;
import org.onosproject.net.pi.runtime.PiTableEntry;
import org.onosproject.net.pi.runtime.PiTernaryFieldMatch;
import org.p4vpn.p4rt.PiCodec;
import org.p4vpn.p4rt.WriteResult;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.Update;

import java.util.ArrayList;
import java.util.List;

import static org.p4vpn.pipeconf.P4InfoConstants.*;

/**
 * Writes the table entries of packet tests through P4Runtime, one helper per table, named after
 * it, built from the generated P4Info constants. Each call writes at once and fails the test if
 * the switch rejects the entry.
 */
public final class Entries {

    private final DataPlaneTarget target;
    private int nextMember = 1;

    Entries(DataPlaneTarget target) {
        this.target = target;
    }

    private static ImmutableByteSequence bits(long v, int bits) {
        try {
            return ImmutableByteSequence.copyFrom(v).fit(bits);
        } catch (ImmutableByteSequence.ByteSequenceTrimException e) {
            throw new IllegalArgumentException(v + " does not fit in " + bits + " bits", e);
        }
    }

    private static ImmutableByteSequence mac(String m) {
        return ImmutableByteSequence.copyFrom(MacAddress.valueOf(m).toBytes());
    }

    private static PiActionParam param(PiActionParamId id, long v, int bits) {
        return new PiActionParam(id, bits(v, bits));
    }

    private void write(Entity... entities) {
        List<Update> ups = new ArrayList<>();
        for (Entity e : entities) {
            ups.add(PiCodec.update(Update.Type.INSERT, e));
        }
        WriteResult r = target.client().write(ups);
        if (!r.allOk()) {
            throw new AssertionError(target.name() + " rejected entries: " + r);
        }
    }

    private void table(PiTableId table, PiMatchKey key, PiAction action, Integer priority) {
        PiTableEntry.Builder b = PiTableEntry.builder().forTable(table).withMatchKey(key).withAction(action);
        if (priority != null) {
            b.withPriority(priority);
        }
        write(target.codec().encode(b.build()));
    }

    private static PiAction action(PiActionId id, PiActionParam... params) {
        PiAction.Builder b = PiAction.builder().withId(id);
        for (PiActionParam p : params) {
            b.withParameter(p);
        }
        return b.build();
    }

    /** port_classifier: a CE attachment (port, VLAN or 0) in a VRF. */
    public Entries ceAttachment(int port, int vlan, int vrf) {
        table(INGRESS_PIPE_IMPL_PORT_CLASSIFIER_PORT_CLASSIFIER, PiMatchKey.builder()
                      .addFieldMatch(new PiExactFieldMatch(HDR_INGRESS_PORT, bits(port, 9)))
                      .addFieldMatch(new PiExactFieldMatch(HDR_VLAN_ID, bits(vlan, 12))).build(),
              action(INGRESS_PIPE_IMPL_PORT_CLASSIFIER_SET_CE_PORT, param(VRF_ID, vrf, 16)), null);
        return this;
    }

    /** port_classifier: a core-facing port. */
    public Entries corePort(int port) {
        table(INGRESS_PIPE_IMPL_PORT_CLASSIFIER_PORT_CLASSIFIER, PiMatchKey.builder()
                      .addFieldMatch(new PiExactFieldMatch(HDR_INGRESS_PORT, bits(port, 9)))
                      .addFieldMatch(new PiExactFieldMatch(HDR_VLAN_ID, bits(0, 12))).build(),
              action(INGRESS_PIPE_IMPL_PORT_CLASSIFIER_SET_CORE_PORT), null);
        return this;
    }

    /** my_station: the router MAC. */
    public Entries myStation(String routerMac) {
        table(INGRESS_PIPE_IMPL_MY_STATION_MY_STATION, PiMatchKey.builder()
                      .addFieldMatch(new PiExactFieldMatch(HDR_ETH_DST, mac(routerMac))).build(),
              action(INGRESS_PIPE_IMPL_MY_STATION_NOP), null);
        return this;
    }

    /** punt: frames of an ethertype to the CPU. */
    public Entries puntEthType(int ethType) {
        table(INGRESS_PIPE_IMPL_PUNT_PUNT, PiMatchKey.builder()
                      .addFieldMatch(new PiTernaryFieldMatch(HDR_ETH_TYPE, bits(ethType, 16), bits(0xFFFF, 16)))
                      .build(), action(INGRESS_PIPE_IMPL_PUNT_PUNT_TO_CPU), 100);
        return this;
    }

    /** punt: TCP to a destination port (BGP) to the CPU. */
    public Entries puntTcpDst(int l4Port) {
        table(INGRESS_PIPE_IMPL_PUNT_PUNT, PiMatchKey.builder()
                      .addFieldMatch(new PiTernaryFieldMatch(HDR_IP_PROTO, bits(6, 8), bits(0xFF, 8)))
                      .addFieldMatch(new PiTernaryFieldMatch(HDR_L4_DST_PORT, bits(l4Port, 16), bits(0xFFFF, 16)))
                      .build(), action(INGRESS_PIPE_IMPL_PUNT_PUNT_TO_CPU), 100);
        return this;
    }

    private static PiMatchKey vrfKey(int vrf, String prefix, int len) {
        return PiMatchKey.builder().addFieldMatch(new PiExactFieldMatch(HDR_VRF_ID, bits(vrf, 16)))
                .addFieldMatch(new PiLpmFieldMatch(HDR_IPV4_DST,
                        ImmutableByteSequence.copyFrom(org.onlab.packet.Ip4Address.valueOf(prefix).toOctets()), len))
                .build();
    }

    /** vrf_fib: a remote prefix, VPN label pushed, next hop toward the egress PE (best effort). */
    public Entries vrfRouteVpn(int vrf, String prefix, int len, int vpnLabel, int nextId) {
        return vrfRouteVpn(vrf, prefix, len, vpnLabel, nextId, 0);
    }

    /** vrf_fib: as above, both pushed labels marked with a traffic class (a VPN's QoS class). */
    public Entries vrfRouteVpn(int vrf, String prefix, int len, int vpnLabel, int nextId, int tc) {
        table(INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB, vrfKey(vrf, prefix, len),
              action(INGRESS_PIPE_IMPL_VRF_FIB_ROUTE_VPN, param(VPN_LABEL, vpnLabel, 20), param(NEXT_ID, nextId, 32),
                     param(TC, tc, 3)),
              null);
        return this;
    }

    /** vrf_fib: a prefix of a CE on this PE. */
    public Entries vrfRouteLocal(int vrf, String prefix, int len, int nextId) {
        table(INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB, vrfKey(vrf, prefix, len),
              action(INGRESS_PIPE_IMPL_VRF_FIB_ROUTE_LOCAL, param(NEXT_ID, nextId, 32)), null);
        return this;
    }

    /** vrf_fib: a PE interface address, to the router. */
    public Entries vrfRouteRouter(int vrf, String address) {
        table(INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB, vrfKey(vrf, address, 32),
              action(INGRESS_PIPE_IMPL_VRF_FIB_PUNT_TO_ROUTER), null);
        return this;
    }

    /** mpls_terminate: a label this node pops before the next lookup. */
    public Entries mplsTerminate(int label) {
        table(INGRESS_PIPE_IMPL_MPLS_TERMINATE_MPLS_TERMINATE, PiMatchKey.builder()
                      .addFieldMatch(new PiExactFieldMatch(HDR_LABEL, bits(label, 20))).build(),
              action(INGRESS_PIPE_IMPL_MPLS_TERMINATE_POP_TRANSPORT), null);
        return this;
    }

    private static PiMatchKey labelKey(int label) {
        return PiMatchKey.builder().addFieldMatch(new PiExactFieldMatch(HDR_LABEL, bits(label, 20))).build();
    }

    /** mpls_fib: a transit label (swap or PHP by the next member). */
    public Entries mplsTransit(int label, int nextId) {
        table(INGRESS_PIPE_IMPL_MPLS_FIB_MPLS_FIB, labelKey(label),
              action(INGRESS_PIPE_IMPL_MPLS_FIB_MPLS_TRANSIT, param(NEXT_ID, nextId, 32)), null);
        return this;
    }

    /** mpls_fib: a per-VRF VPN label. */
    public Entries mplsPopToVrf(int label, int vrf) {
        table(INGRESS_PIPE_IMPL_MPLS_FIB_MPLS_FIB, labelKey(label),
              action(INGRESS_PIPE_IMPL_MPLS_FIB_POP_TO_VRF, param(VRF_ID, vrf, 16)), null);
        return this;
    }

    /** mpls_fib: a per-CE or per-prefix VPN label. */
    public Entries mplsPopToCe(int label, int nextId) {
        table(INGRESS_PIPE_IMPL_MPLS_FIB_MPLS_FIB, labelKey(label),
              action(INGRESS_PIPE_IMPL_MPLS_FIB_POP_TO_CE, param(NEXT_ID, nextId, 32)), null);
        return this;
    }

    /** A member action of the next table. */
    public static PiAction mplsOut(int label, int port, String smac, String dmac) {
        return action(INGRESS_PIPE_IMPL_NEXT_MPLS_OUT, param(LABEL, label, 20), param(PORT, port, 9),
                      new PiActionParam(SMAC, mac(smac)), new PiActionParam(DMAC, mac(dmac)));
    }

    /** A member action of the next table: no transport label (PHP). */
    public static PiAction mplsPopOut(int port, String smac, String dmac) {
        return action(INGRESS_PIPE_IMPL_NEXT_MPLS_POP_OUT, param(PORT, port, 9),
                      new PiActionParam(SMAC, mac(smac)), new PiActionParam(DMAC, mac(dmac)));
    }

    /** A member action of the next table: plain IPv4 to a CE. */
    public static PiAction ceOut(int port, String smac, String dmac, int vlan) {
        return action(INGRESS_PIPE_IMPL_NEXT_CE_OUT, param(PORT, port, 9), new PiActionParam(SMAC, mac(smac)),
                      new PiActionParam(DMAC, mac(dmac)), param(VLAN_ID, vlan, 12));
    }

    /** next: a group of members (one for a single next hop, several for ECMP). */
    public Entries next(int nextId, PiAction... members) {
        List<Entity> writes = new ArrayList<>();
        PiActionProfileGroup.Builder g = PiActionProfileGroup.builder()
                .withActionProfileId(INGRESS_PIPE_IMPL_NEXT_ECMP_SELECTOR)
                .withId(PiActionProfileGroupId.of(nextId)).withMaxSize(16);
        for (PiAction a : members) {
            PiActionProfileMemberId id = PiActionProfileMemberId.of(nextMember++);
            writes.add(target.codec().encode(PiActionProfileMember.builder()
                    .forActionProfile(INGRESS_PIPE_IMPL_NEXT_ECMP_SELECTOR).withId(id).withAction(a).build()));
            g.addMember(id, 1);
        }
        write(writes.toArray(new Entity[0]));
        write(target.codec().encode(g.build()));
        write(target.codec().encode(PiTableEntry.builder().forTable(INGRESS_PIPE_IMPL_NEXT_NEXT)
                .withMatchKey(PiMatchKey.builder().addFieldMatch(new PiExactFieldMatch(HDR_NEXT_ID,
                                                                                       bits(nextId, 32))).build())
                .withAction(PiActionProfileGroupId.of(nextId)).build()));
        return this;
    }
}
