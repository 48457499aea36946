package org.p4vpn.translate;

import org.onosproject.net.DeviceId;
import org.onosproject.net.pi.model.PiActionId;
import org.onosproject.net.pi.runtime.PiAction;
import org.onosproject.net.pi.runtime.PiActionProfileGroup;
import org.onosproject.net.pi.runtime.PiActionProfileGroupId;
import org.onosproject.net.pi.runtime.PiActionProfileMember;
import org.onosproject.net.pi.runtime.PiActionProfileMemberId;
import org.onosproject.net.pi.runtime.PiTableEntry;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.p4vpn.pipeconf.P4InfoConstants.*;

/**
 * Consistency checks every translation must pass, whatever the network: on each switch member
 * and group ids are unique, every group's members exist and every member is in a group, every
 * group has exactly one {@code next} entry, every next id a {@code vrf_fib} or {@code mpls_fib}
 * entry names has a group with members of the right kind, no two entries of a table share a
 * match key, and every action belongs to its table's control.
 */
final class TranslationInvariants {

    private static final Set<PiActionId> MPLS_OUT = Set.of(INGRESS_PIPE_IMPL_NEXT_MPLS_OUT,
                                                           INGRESS_PIPE_IMPL_NEXT_MPLS_POP_OUT);
    private static final Set<PiActionId> CE_OUT = Set.of(INGRESS_PIPE_IMPL_NEXT_CE_OUT);
    private static final Map<PiActionId, Set<PiActionId>> NEXT_KIND = Map.of(
            INGRESS_PIPE_IMPL_VRF_FIB_ROUTE_VPN, MPLS_OUT,
            INGRESS_PIPE_IMPL_MPLS_FIB_MPLS_TRANSIT, MPLS_OUT,
            INGRESS_PIPE_IMPL_VRF_FIB_ROUTE_LOCAL, CE_OUT,
            INGRESS_PIPE_IMPL_MPLS_FIB_POP_TO_CE, CE_OUT);

    private TranslationInvariants() {
    }

    static void check(Map<DeviceId, DeviceEntries> out) {
        assertTrue(!out.isEmpty(), "no switch translated");
        out.forEach(TranslationInvariants::check);
    }

    static void check(DeviceId device, DeviceEntries d) {
        String at = device + ": ";
        Map<PiActionProfileMemberId, PiActionProfileMember> members = new HashMap<>();
        for (PiActionProfileMember m : d.members()) {
            assertTrue(members.put(m.id(), m) == null, at + "member id " + m.id() + " twice");
            assertEquals(INGRESS_PIPE_IMPL_NEXT_ECMP_SELECTOR, m.actionProfile(), at + m);
            assertTrue(m.action().id().id().startsWith("IngressPipeImpl.next."), at + "member action " + m);
        }
        Map<Integer, PiActionProfileGroup> groups = new HashMap<>();
        Set<PiActionProfileMemberId> grouped = new HashSet<>();
        for (PiActionProfileGroup g : d.groups()) {
            assertTrue(groups.put(g.id().id(), g) == null, at + "group id " + g.id() + " twice");
            assertTrue(!g.members().isEmpty(), at + "empty group " + g.id());
            assertTrue(g.members().size() <= g.maxSize(), at + "group " + g.id() + " above its max size");
            for (PiActionProfileGroup.WeightedMember w : g.members()) {
                assertNotNull(members.get(w.id()), at + "group " + g.id() + " names missing member " + w.id());
                assertTrue(grouped.add(w.id()), at + "member " + w.id() + " in two groups");
            }
        }
        assertEquals(members.keySet(), grouped, at + "members outside any group");

        Set<Integer> nextEntries = new HashSet<>();
        Set<List<Object>> keys = new HashSet<>();
        for (PiTableEntry e : d.entries()) {
            assertTrue(keys.add(List.of(e.table(), e.matchKey(), e.priority())),
                       at + "two entries with one match key: " + e);
            String control = e.table().id().substring(0, e.table().id().lastIndexOf('.') + 1);
            if (e.table().equals(INGRESS_PIPE_IMPL_NEXT_NEXT)) {
                int id = (int) TranslatorFixture.exactValue(e, HDR_NEXT_ID);
                assertTrue(e.action() instanceof PiActionProfileGroupId, at + "next entry without group: " + e);
                assertEquals(id, ((PiActionProfileGroupId) e.action()).id(), at + "next entry to another id " + e);
                assertTrue(groups.containsKey(id), at + "next entry for missing group " + id);
                nextEntries.add(id);
                continue;
            }
            if (!(e.action() instanceof PiAction)) {
                fail(at + "unexpected action type " + e);
            }
            PiAction a = (PiAction) e.action();
            assertTrue(a.id().id().startsWith(control), at + "action " + a.id() + " not of table " + e.table());
            Set<PiActionId> kind = NEXT_KIND.get(a.id());
            if (kind != null) {
                int next = (int) TranslatorFixture.param(a, NEXT_ID);
                assertTrue(groups.containsKey(next), at + "entry names next id " + next + " without group: " + e);
                for (PiAction m : TranslatorFixture.memberActions(d, next)) {
                    assertTrue(kind.contains(m.id()), at + a.id() + " leads to " + m.id() + " in group " + next);
                }
            }
        }
        assertEquals(groups.keySet(), nextEntries, at + "groups without exactly one next entry");
    }
}
