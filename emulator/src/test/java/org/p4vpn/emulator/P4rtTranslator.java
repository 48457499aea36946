package org.p4vpn.emulator;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;
import org.p4vpn.p4rt.P4InfoIndex;
import p4.config.v1.P4InfoOuterClass;
import p4.v1.P4RuntimeOuterClass;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.Update;

/** Turns emulator API calls into the equivalent P4Runtime updates, to drive BMv2 identically. */
final class P4rtTranslator {

    private final P4InfoIndex p4info;

    P4rtTranslator(P4InfoIndex p4info) {
        this.p4info = p4info;
    }

    static Update update(Update.Type type, Entity e) {
        return Update.newBuilder().setType(type).setEntity(e).build();
    }

    P4RuntimeOuterClass.Action action(ActionCall a) {
        P4InfoOuterClass.Action info = p4info.action(a.action());
        P4RuntimeOuterClass.Action.Builder b = P4RuntimeOuterClass.Action.newBuilder()
                .setActionId(info.getPreamble().getId());
        List<byte[]> ps = a.params();
        for (int i = 0; i < ps.size(); i++) {
            b.addParams(P4RuntimeOuterClass.Action.Param.newBuilder().setParamId(info.getParams(i).getId())
                    .setValue(ByteString.copyFrom(ps.get(i))));
        }
        return b.build();
    }

    Entity tableEntry(TableEntry e) {
        P4InfoOuterClass.Table t = p4info.table(e.table());
        P4RuntimeOuterClass.TableEntry.Builder b = P4RuntimeOuterClass.TableEntry.newBuilder()
                .setTableId(t.getPreamble().getId()).setPriority(e.priority());
        for (FieldMatch m : e.matches()) {
            P4RuntimeOuterClass.FieldMatch.Builder fm = P4RuntimeOuterClass.FieldMatch.newBuilder()
                    .setFieldId(p4info.matchField(t, m.field()).getId());
            ByteString v = ByteString.copyFrom(m.value());
            switch (m.kind()) {
                case EXACT:
                    fm.setExact(P4RuntimeOuterClass.FieldMatch.Exact.newBuilder().setValue(v));
                    break;
                case LPM:
                    fm.setLpm(P4RuntimeOuterClass.FieldMatch.LPM.newBuilder().setValue(v).setPrefixLen(m.prefixLength()));
                    break;
                case TERNARY:
                    fm.setTernary(P4RuntimeOuterClass.FieldMatch.Ternary.newBuilder().setValue(v)
                            .setMask(ByteString.copyFrom(m.mask())));
                    break;
                case RANGE:
                    fm.setRange(P4RuntimeOuterClass.FieldMatch.Range.newBuilder().setLow(v)
                            .setHigh(ByteString.copyFrom(m.high())));
                    break;
                default:
                    fm.setOptional(P4RuntimeOuterClass.FieldMatch.Optional.newBuilder().setValue(v));
            }
            b.addMatch(fm);
        }
        P4RuntimeOuterClass.TableAction.Builder ta = P4RuntimeOuterClass.TableAction.newBuilder();
        e.action().ifPresent(a -> ta.setAction(action(a)));
        e.memberId().ifPresent(ta::setActionProfileMemberId);
        e.groupId().ifPresent(ta::setActionProfileGroupId);
        if (e.action().isPresent() || e.memberId().isPresent() || e.groupId().isPresent()) {
            b.setAction(ta);
        }
        return Entity.newBuilder().setTableEntry(b).build();
    }

    Entity defaultEntry(String table, ActionCall a) {
        P4RuntimeOuterClass.TableEntry.Builder b = P4RuntimeOuterClass.TableEntry.newBuilder()
                .setTableId(p4info.table(table).getPreamble().getId()).setIsDefaultAction(true);
        if (a != null) {
            b.setAction(P4RuntimeOuterClass.TableAction.newBuilder().setAction(action(a)));
        }
        return Entity.newBuilder().setTableEntry(b).build();
    }

    Entity member(String profile, int id, ActionCall a) {
        P4RuntimeOuterClass.ActionProfileMember.Builder b = P4RuntimeOuterClass.ActionProfileMember.newBuilder()
                .setActionProfileId(p4info.actionProfile(profile).getPreamble().getId()).setMemberId(id);
        if (a != null) {
            b.setAction(action(a));
        }
        return Entity.newBuilder().setActionProfileMember(b).build();
    }

    Entity group(String profile, int id, Map<Integer, Integer> weights) {
        P4RuntimeOuterClass.ActionProfileGroup.Builder b = P4RuntimeOuterClass.ActionProfileGroup.newBuilder()
                .setActionProfileId(p4info.actionProfile(profile).getPreamble().getId()).setGroupId(id);
        weights.forEach((m, w) -> b.addMembers(P4RuntimeOuterClass.ActionProfileGroup.Member.newBuilder()
                .setMemberId(m).setWeight(w)));
        return Entity.newBuilder().setActionProfileGroup(b).build();
    }
}
