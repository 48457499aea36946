package org.p4vpn.tests.pipeline;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onosproject.net.pi.runtime.PiActionProfileGroup;
import org.onosproject.net.pi.runtime.PiTableEntry;
import org.p4vpn.pipeconf.P4InfoConstants;
import p4.config.v1.P4InfoOuterClass;
import p4.v1.P4RuntimeOuterClass.ActionProfileGroup;
import p4.v1.P4RuntimeOuterClass.ActionProfileMember;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.TableEntry;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * P4Runtime Read on a target: wildcard reads of every table and of one table, reads by key,
 * action-profile members and groups, and direct counters after traffic. What is read back is
 * what was written (in the PI form the controller reconciles with).
 */
abstract class ReadBackTests {

    private DataPlaneTarget target;

    abstract DataPlaneTarget start();

    @AfterEach
    void stop() {
        if (target != null) {
            target.close();
        }
    }

    private Entries program() {
        target = start();
        return new Entries(target).ceAttachment(1, 0, 1).corePort(2).myStation("00:aa:00:00:00:01")
                .vrfRouteVpn(1, "192.168.2.0", 24, 100, 10).vrfRouteVpn(1, "192.168.3.0", 24, 101, 10)
                .next(10, Entries.mplsPopOut(2, "00:aa:00:00:00:01", "00:aa:00:00:00:02"));
    }

    private int tableId(org.onosproject.net.pi.model.PiTableId t) {
        return target.codec().p4info().table(t.id()).getPreamble().getId();
    }

    private List<PiTableEntry> read(TableEntry filter) {
        return target.client().read(List.of(Entity.newBuilder().setTableEntry(filter).build())).stream()
                .map(e -> target.codec().decode(e.getTableEntry())).collect(Collectors.toList());
    }

    @Test
    void wildcardAndKeyedReadsReturnWhatWasWritten() {
        program();
        List<PiTableEntry> all = read(TableEntry.getDefaultInstance());
        assertEquals(6, all.size(), "every entry of every table: " + all);
        List<PiTableEntry> fib = read(TableEntry.newBuilder()
                .setTableId(tableId(P4InfoConstants.INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB)).build());
        assertEquals(2, fib.size());
        assertEquals(Set.of(P4InfoConstants.INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB),
                     fib.stream().map(PiTableEntry::table).collect(Collectors.toSet()));
        TableEntry key = target.codec().encode(fib.get(0)).getTableEntry().toBuilder().clearAction().build();
        List<PiTableEntry> one = read(key);
        assertEquals(List.of(fib.get(0)), one, "read by key finds exactly that entry");
    }

    @Test
    void membersAndGroupsReadBack() {
        program();
        P4InfoOuterClass.ActionProfile prof = target.codec().p4info()
                .actionProfile(P4InfoConstants.INGRESS_PIPE_IMPL_NEXT_ECMP_SELECTOR.id());
        List<Entity> members = target.client().read(List.of(Entity.newBuilder().setActionProfileMember(
                ActionProfileMember.newBuilder().setActionProfileId(prof.getPreamble().getId())).build()));
        assertEquals(1, members.size());
        assertEquals(P4InfoConstants.INGRESS_PIPE_IMPL_NEXT_MPLS_POP_OUT,
                     target.codec().decode(members.get(0).getActionProfileMember()).action().id());
        List<Entity> groups = target.client().read(List.of(Entity.newBuilder().setActionProfileGroup(
                ActionProfileGroup.newBuilder().setActionProfileId(prof.getPreamble().getId())).build()));
        assertEquals(1, groups.size());
        PiActionProfileGroup g = target.codec().decode(groups.get(0).getActionProfileGroup());
        assertEquals(10, g.id().id());
        assertEquals(1, g.members().size());
    }

    @Test
    void directCountersCountTraffic() {
        program();
        for (int i = 0; i < 3; i++) {
            target.send(1, Frames.ipv4().macs("00:00:00:00:0c:01", "00:aa:00:00:00:01")
                    .ip("10.1.1.2", "192.168.2.1", 64).build());
        }
        assertEquals(3, target.collect().size());
        List<Entity> read = target.client().read(List.of(Entity.newBuilder().setTableEntry(TableEntry.newBuilder()
                .setTableId(tableId(P4InfoConstants.INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB))
                .setCounterData(p4.v1.P4RuntimeOuterClass.CounterData.getDefaultInstance())).build()));
        long hit = read.stream().filter(e -> e.getTableEntry().getCounterData().getPacketCount() > 0)
                .mapToLong(e -> e.getTableEntry().getCounterData().getPacketCount()).sum();
        assertEquals(3, hit, "the matching route counted three packets");
        assertTrue(read.stream().anyMatch(e -> e.getTableEntry().getCounterData().getPacketCount() == 0),
                   "the other route counted none");
    }
}
