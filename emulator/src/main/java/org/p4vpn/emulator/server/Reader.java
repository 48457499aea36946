package org.p4vpn.emulator.server;

import org.p4vpn.emulator.EmulatedSwitch;
import org.p4vpn.emulator.SwitchException;
import org.p4vpn.emulator.TableEntry;
import p4.config.v1.P4InfoOuterClass;
import p4.v1.P4RuntimeOuterClass;
import p4.v1.P4RuntimeOuterClass.ActionProfileGroup;
import p4.v1.P4RuntimeOuterClass.ActionProfileMember;
import p4.v1.P4RuntimeOuterClass.CounterEntry;
import p4.v1.P4RuntimeOuterClass.DirectCounterEntry;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.Index;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Answers Read requests: wildcard or keyed table entries, members, groups, counters. */
final class Reader {

    private final EmulatedSwitch sw;
    private final EntityCodec codec;

    Reader(EmulatedSwitch sw, EntityCodec codec) {
        this.sw = sw;
        this.codec = codec;
    }

    List<Entity> read(List<Entity> filters) {
        List<Entity> out = new ArrayList<>();
        for (Entity f : filters) {
            switch (f.getEntityCase()) {
                case TABLE_ENTRY:
                    tableEntries(f.getTableEntry(), out);
                    break;
                case ACTION_PROFILE_MEMBER:
                    members(f.getActionProfileMember(), out);
                    break;
                case ACTION_PROFILE_GROUP:
                    groups(f.getActionProfileGroup(), out);
                    break;
                case COUNTER_ENTRY:
                    counters(f.getCounterEntry(), out);
                    break;
                case DIRECT_COUNTER_ENTRY:
                    TableEntry key = codec.tableEntry(f.getDirectCounterEntry().getTableEntry());
                    out.add(Entity.newBuilder().setDirectCounterEntry(DirectCounterEntry.newBuilder()
                            .setTableEntry(f.getDirectCounterEntry().getTableEntry())
                            .setData(EntityCodec.counterData(sw.readDirectCounter(key)))).build());
                    break;
                default:
                    throw new SwitchException(SwitchException.Code.UNKNOWN, "reading " + f.getEntityCase()
                            + " is not supported");
            }
        }
        return out;
    }

    private void tableEntries(P4RuntimeOuterClass.TableEntry f, List<Entity> out) {
        List<P4InfoOuterClass.Table> tables = new ArrayList<>();
        if (f.getTableId() == 0) {
            tables.addAll(codec.p4info().p4info().getTablesList());
        } else {
            tables.add(codec.table(f.getTableId()));
        }
        boolean counters = f.hasCounterData();
        for (P4InfoOuterClass.Table t : tables) {
            String name = t.getPreamble().getName();
            if (f.getIsDefaultAction()) {
                P4RuntimeOuterClass.TableEntry.Builder d = P4RuntimeOuterClass.TableEntry.newBuilder()
                        .setTableId(t.getPreamble().getId()).setIsDefaultAction(true);
                org.p4vpn.emulator.ActionCall a = sw.defaultAction(name);
                if (a != null) {
                    d.setAction(P4RuntimeOuterClass.TableAction.newBuilder().setAction(codec.encode(a)));
                }
                out.add(Entity.newBuilder().setTableEntry(d).build());
                continue;
            }
            TableEntry key = f.getMatchCount() > 0 ? codec.tableEntry(f) : null;
            for (TableEntry e : sw.readEntries(name)) {
                if (key != null && !(e.matches().equals(key.matches()) && e.priority() == key.priority())) {
                    continue;
                }
                out.add(Entity.newBuilder().setTableEntry(codec.encode(e, counters ? sw.readDirectCounter(e) : null))
                                .build());
            }
        }
    }

    private List<String> profiles(int id) {
        List<String> names = new ArrayList<>();
        if (id == 0) {
            codec.p4info().p4info().getActionProfilesList().forEach(p -> names.add(p.getPreamble().getName()));
        } else {
            names.add(codec.p4info().actionProfile(id).getPreamble().getName());
        }
        return names;
    }

    private void members(ActionProfileMember f, List<Entity> out) {
        for (String profile : profiles(f.getActionProfileId())) {
            int pid = codec.p4info().actionProfile(profile).getPreamble().getId();
            for (Map.Entry<Integer, org.p4vpn.emulator.ActionCall> m : sw.readMembers(profile).entrySet()) {
                if (f.getMemberId() != 0 && f.getMemberId() != m.getKey()) {
                    continue;
                }
                out.add(Entity.newBuilder().setActionProfileMember(ActionProfileMember.newBuilder()
                        .setActionProfileId(pid).setMemberId(m.getKey()).setAction(codec.encode(m.getValue())))
                                .build());
            }
        }
    }

    private void groups(ActionProfileGroup f, List<Entity> out) {
        for (String profile : profiles(f.getActionProfileId())) {
            P4InfoOuterClass.ActionProfile info = codec.p4info().actionProfile(profile);
            for (Map.Entry<Integer, Map<Integer, Integer>> g : sw.readGroups(profile).entrySet()) {
                if (f.getGroupId() != 0 && f.getGroupId() != g.getKey()) {
                    continue;
                }
                ActionProfileGroup.Builder b = ActionProfileGroup.newBuilder()
                        .setActionProfileId(info.getPreamble().getId()).setGroupId(g.getKey())
                        .setMaxSize(info.getMaxGroupSize());
                g.getValue().forEach((m, w) -> b.addMembers(ActionProfileGroup.Member.newBuilder().setMemberId(m)
                                                                   .setWeight(w)));
                out.add(Entity.newBuilder().setActionProfileGroup(b).build());
            }
        }
    }

    private void counters(CounterEntry f, List<Entity> out) {
        for (P4InfoOuterClass.Counter c : codec.p4info().p4info().getCountersList()) {
            if (f.getCounterId() != 0 && f.getCounterId() != c.getPreamble().getId()) {
                continue;
            }
            long from = f.hasIndex() ? f.getIndex().getIndex() : 0;
            long to = f.hasIndex() ? from + 1 : c.getSize();
            for (long i = from; i < to; i++) {
                out.add(Entity.newBuilder().setCounterEntry(CounterEntry.newBuilder()
                        .setCounterId(c.getPreamble().getId()).setIndex(Index.newBuilder().setIndex(i))
                        .setData(EntityCodec.counterData(sw.readCounter(c.getPreamble().getName(), (int) i))))
                                .build());
            }
        }
    }
}
