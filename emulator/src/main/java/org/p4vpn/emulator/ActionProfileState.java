package org.p4vpn.emulator;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Members and groups of one action profile / selector, mirroring how PI programs BMv2 so that
 * the same member is chosen for the same packet: every member gets a BMv2 member handle (the
 * lowest free one) when inserted; a member with weight w in some group gets w handles (extra
 * ones created in member-id order when a group needs them, released from the last when no
 * group needs them any more); a group selects {@code hash % n} among its n handles sorted
 * ascending, hash being the selector calculation over the selector fields. Not thread-safe.
 */
final class ActionProfileState {

    static final class Member {
        final int id;
        ActionDef action;
        BitValue[] params;
        final List<Integer> handles = new ArrayList<>();
        int tableRefs;

        Member(int id) {
            this.id = id;
        }
    }

    static final class Group {
        final int id;
        /** member id to weight, sorted by member id as PI's std::map. */
        TreeMap<Integer, Integer> members = new TreeMap<>();
        int tableRefs;

        Group(int id) {
            this.id = id;
        }
    }

    final String name;
    final Calculation selector;
    final Map<String, ActionDef> actions = new LinkedHashMap<>();
    final Map<Integer, Member> members = new TreeMap<>();
    final Map<Integer, Group> groups = new TreeMap<>();
    private final BitSet memberHandles = new BitSet();
    private final Map<Integer, Member> byHandle = new HashMap<>();

    ActionProfileState(String name, Calculation selector) {
        this.name = name;
        this.selector = selector;
    }

    void clear() {
        members.clear();
        groups.clear();
        memberHandles.clear();
        byHandle.clear();
    }

    ActionDef action(String actionName) {
        ActionDef a = actions.get(actionName);
        if (a == null) {
            throw SwitchException.invalid("invalid action " + actionName + " for action profile " + name);
        }
        return a;
    }

    private int newHandle(Member m) {
        int h = memberHandles.nextClearBit(0);
        memberHandles.set(h);
        byHandle.put(h, m);
        m.handles.add(h);
        return h;
    }

    private void releaseLastHandle(Member m) {
        int h = m.handles.remove(m.handles.size() - 1);
        memberHandles.clear(h);
        byHandle.remove(h);
    }

    void insertMember(int id, ActionCall call) {
        ActionDef a = action(call.action());
        BitValue[] params = TableDef.actionData(a, call);
        if (members.containsKey(id)) {
            throw new SwitchException(SwitchException.Code.ALREADY_EXISTS, "duplicate member id " + id + " in " + name);
        }
        Member m = new Member(id);
        m.action = a;
        m.params = params;
        newHandle(m);
        members.put(id, m);
    }

    void modifyMember(int id, ActionCall call) {
        ActionDef a = action(call.action());
        BitValue[] params = TableDef.actionData(a, call);
        Member m = member(id);
        m.action = a;
        m.params = params;
    }

    Member member(int id) {
        Member m = members.get(id);
        if (m == null) {
            throw SwitchException.notFound("member id " + id + " does not exist in " + name);
        }
        return m;
    }

    Group group(int id) {
        Group g = groups.get(id);
        if (g == null) {
            throw SwitchException.notFound("group id " + id + " does not exist in " + name);
        }
        return g;
    }

    void deleteMember(int id) {
        Member m = member(id);
        boolean inGroup = groups.values().stream().anyMatch(g -> g.members.containsKey(id));
        if (inGroup || m.tableRefs > 0) {
            throw new SwitchException(SwitchException.Code.UNKNOWN,
                    "error when deleting member " + id + " on target: member still used");
        }
        while (!m.handles.isEmpty()) {
            releaseLastHandle(m);
        }
        members.remove(id);
    }

    void insertGroup(int id, Map<Integer, Integer> weights) {
        if (selector == null) {
            throw SwitchException.invalid("action profile " + name + " has no selector: groups are not supported");
        }
        validate(weights);
        if (groups.containsKey(id)) {
            throw new SwitchException(SwitchException.Code.ALREADY_EXISTS, "duplicate group id " + id + " in " + name);
        }
        Group g = new Group(id);
        groups.put(id, g);
        updateMembership(g, weights);
    }

    void modifyGroup(int id, Map<Integer, Integer> weights) {
        Group g = group(id);
        validate(weights);
        updateMembership(g, weights);
    }

    void deleteGroup(int id) {
        Group g = group(id);
        if (g.tableRefs > 0) {
            throw new SwitchException(SwitchException.Code.UNKNOWN,
                    "error when deleting group " + id + " on target: group still used");
        }
        groups.remove(id);
        for (int memberId : g.members.keySet()) {
            purge(members.get(memberId));
        }
    }

    private void validate(Map<Integer, Integer> weights) {
        for (Map.Entry<Integer, Integer> e : weights.entrySet()) {
            if (e.getValue() == null || e.getValue() <= 0) {
                throw SwitchException.invalid("member weight must be a positive integer value");
            }
            if (!members.containsKey(e.getKey())) {
                throw SwitchException.notFound("member id does not exist: " + e.getKey());
            }
        }
    }

    private void updateMembership(Group g, Map<Integer, Integer> weights) {
        TreeSet<Integer> union = new TreeSet<>(g.members.keySet());
        union.addAll(weights.keySet());
        for (int memberId : union) {
            Member m = members.get(memberId);
            int want = weights.getOrDefault(memberId, 0);
            while (m.handles.size() < want) {
                newHandle(m);
            }
        }
        TreeMap<Integer, Integer> old = g.members;
        g.members = new TreeMap<>(weights);
        for (int memberId : union) {
            purge(members.get(memberId));
        }
        old.clear();
    }

    /** Releases the copies of a member that no group's weight needs any more. */
    private void purge(Member m) {
        int max = 1;
        for (Group g : groups.values()) {
            max = Math.max(max, g.members.getOrDefault(m.id, 0));
        }
        while (m.handles.size() > max) {
            releaseLastHandle(m);
        }
    }

    /** The member a group chooses for the packet, or null for an empty group. */
    Member select(Group g, PacketState s) {
        List<Integer> hs = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : g.members.entrySet()) {
            hs.addAll(members.get(e.getKey()).handles.subList(0, e.getValue()));
        }
        if (hs.isEmpty()) {
            return null;
        }
        Collections.sort(hs);
        long h = selector.output(s) & 0xffffffffL;
        return byHandle.get(hs.get((int) (h % hs.size())));
    }
}
