package org.p4vpn.emulator.server;

import com.google.rpc.Code;
import org.p4vpn.emulator.CounterValue;
import org.p4vpn.emulator.EmulatedSwitch;
import org.p4vpn.emulator.SwitchException;
import org.p4vpn.emulator.TableEntry;
import p4.v1.P4RuntimeOuterClass.ActionProfileGroup;
import p4.v1.P4RuntimeOuterClass.ActionProfileMember;
import p4.v1.P4RuntimeOuterClass.CounterEntry;
import p4.v1.P4RuntimeOuterClass.DirectCounterEntry;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.Error;
import p4.v1.P4RuntimeOuterClass.Update;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies the updates of one Write request to an emulated switch, each on its own (CONTINUE_ON_ERROR). */
final class Writer {

    private final EmulatedSwitch sw;
    private final EntityCodec codec;

    Writer(EmulatedSwitch sw, EntityCodec codec) {
        this.sw = sw;
        this.codec = codec;
    }

    List<Error> apply(List<Update> updates) {
        List<Error> out = new ArrayList<>();
        for (Update u : updates) {
            try {
                apply(u);
                out.add(Error.newBuilder().setCanonicalCode(Code.OK_VALUE).build());
            } catch (SwitchException e) {
                out.add(Error.newBuilder().setCanonicalCode(SwitchErrors.code(e)).setMessage(e.getMessage()).build());
            } catch (IllegalArgumentException e) {
                out.add(Error.newBuilder().setCanonicalCode(Code.INVALID_ARGUMENT_VALUE).setMessage(e.getMessage())
                                .build());
            } catch (UnsupportedOperationException e) {
                out.add(Error.newBuilder().setCanonicalCode(Code.UNIMPLEMENTED_VALUE).setMessage(e.getMessage())
                                .build());
            }
        }
        return out;
    }

    private void apply(Update u) {
        Update.Type type = u.getType();
        if (type == Update.Type.UNSPECIFIED || type == Update.Type.UNRECOGNIZED) {
            throw SwitchErrors.invalid("update type is not set");
        }
        Entity e = u.getEntity();
        switch (e.getEntityCase()) {
            case TABLE_ENTRY:
                tableEntry(type, e.getTableEntry());
                break;
            case ACTION_PROFILE_MEMBER:
                member(type, e.getActionProfileMember());
                break;
            case ACTION_PROFILE_GROUP:
                group(type, e.getActionProfileGroup());
                break;
            case COUNTER_ENTRY:
                counter(type, e.getCounterEntry());
                break;
            case DIRECT_COUNTER_ENTRY:
                directCounter(type, e.getDirectCounterEntry());
                break;
            default:
                throw new UnsupportedOperationException("entity " + e.getEntityCase() + " is not supported");
        }
    }

    private void tableEntry(Update.Type type, p4.v1.P4RuntimeOuterClass.TableEntry te) {
        if (te.getIsDefaultAction()) {
            String table = codec.table(te.getTableId()).getPreamble().getName();
            if (type != Update.Type.MODIFY) {
                throw SwitchErrors.invalid("the default entry of " + table + " can only be modified");
            }
            if (te.getMatchCount() > 0) {
                throw SwitchErrors.invalid("a default entry has no match fields");
            }
            if (te.hasAction()) {
                sw.setDefaultAction(table, codec.action(te.getAction().getAction()));
            } else {
                sw.resetDefaultAction(table);
            }
            return;
        }
        TableEntry entry = codec.tableEntry(te);
        switch (type) {
            case INSERT:
                sw.insertEntry(entry);
                break;
            case MODIFY:
                sw.modifyEntry(entry);
                break;
            default:
                sw.deleteEntry(entry);
        }
    }

    private String profile(int id) {
        try {
            return codec.p4info().actionProfile(id).getPreamble().getName();
        } catch (IllegalArgumentException e) {
            throw SwitchErrors.invalid("unknown action profile id " + id);
        }
    }

    private void member(Update.Type type, ActionProfileMember m) {
        String profile = profile(m.getActionProfileId());
        switch (type) {
            case INSERT:
                sw.insertMember(profile, m.getMemberId(), codec.action(m.getAction()));
                break;
            case MODIFY:
                sw.modifyMember(profile, m.getMemberId(), codec.action(m.getAction()));
                break;
            default:
                sw.deleteMember(profile, m.getMemberId());
        }
    }

    private void group(Update.Type type, ActionProfileGroup g) {
        String profile = profile(g.getActionProfileId());
        Map<Integer, Integer> members = new LinkedHashMap<>();
        for (ActionProfileGroup.Member m : g.getMembersList()) {
            if (members.put(m.getMemberId(), Math.max(1, m.getWeight())) != null) {
                throw SwitchErrors.invalid("member " + m.getMemberId() + " appears twice in group " + g.getGroupId());
            }
        }
        switch (type) {
            case INSERT:
                sw.insertGroup(profile, g.getGroupId(), members);
                break;
            case MODIFY:
                sw.modifyGroup(profile, g.getGroupId(), members);
                break;
            default:
                sw.deleteGroup(profile, g.getGroupId());
        }
    }

    private void counter(Update.Type type, CounterEntry c) {
        if (type != Update.Type.MODIFY) {
            throw SwitchErrors.invalid("counters can only be modified");
        }
        String name = codec.p4info().p4info().getCountersList().stream()
                .filter(x -> x.getPreamble().getId() == c.getCounterId()).findFirst()
                .orElseThrow(() -> SwitchErrors.invalid("unknown counter id " + c.getCounterId()))
                .getPreamble().getName();
        sw.writeCounter(name, (int) c.getIndex().getIndex(), new CounterValue(c.getData().getPacketCount(),
                                                                              c.getData().getByteCount()));
    }

    private void directCounter(Update.Type type, DirectCounterEntry c) {
        if (type != Update.Type.MODIFY) {
            throw SwitchErrors.invalid("counters can only be modified");
        }
        sw.writeDirectCounter(codec.tableEntry(c.getTableEntry()), new CounterValue(c.getData().getPacketCount(),
                                                                                     c.getData().getByteCount()));
    }
}
