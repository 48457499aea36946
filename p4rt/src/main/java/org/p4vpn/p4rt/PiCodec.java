package org.p4vpn.p4rt;

import com.google.protobuf.ByteString;
import org.onlab.util.ImmutableByteSequence;
import org.onosproject.net.pi.model.PiActionId;
import org.onosproject.net.pi.model.PiActionParamId;
import org.onosproject.net.pi.model.PiActionProfileId;
import org.onosproject.net.pi.model.PiMatchFieldId;
import org.onosproject.net.pi.model.PiTableId;
import org.onosproject.net.pi.runtime.PiAction;
import org.onosproject.net.pi.runtime.PiActionParam;
import org.onosproject.net.pi.runtime.PiActionProfileGroup;
import org.onosproject.net.pi.runtime.PiActionProfileGroupId;
import org.onosproject.net.pi.runtime.PiActionProfileMember;
import org.onosproject.net.pi.runtime.PiActionProfileMemberId;
import org.onosproject.net.pi.runtime.PiExactFieldMatch;
import org.onosproject.net.pi.runtime.PiFieldMatch;
import org.onosproject.net.pi.runtime.PiLpmFieldMatch;
import org.onosproject.net.pi.runtime.PiMatchKey;
import org.onosproject.net.pi.runtime.PiTableAction;
import org.onosproject.net.pi.runtime.PiTableEntry;
import org.onosproject.net.pi.runtime.PiTernaryFieldMatch;
import p4.config.v1.P4InfoOuterClass;
import p4.v1.P4RuntimeOuterClass.ActionProfileGroup;
import p4.v1.P4RuntimeOuterClass.ActionProfileMember;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.FieldMatch;
import p4.v1.P4RuntimeOuterClass.TableAction;
import p4.v1.P4RuntimeOuterClass.TableEntry;
import p4.v1.P4RuntimeOuterClass.Update;

import java.util.List;

/**
 * Converts ONOS PI entities (what the pipeline translator produces) to P4Runtime messages and
 * back, by the names in the P4Info. Byte strings are sent at the full width of their field
 * (what every P4Runtime server accepts) and read back in either form.
 */
public final class PiCodec {

    private final P4InfoIndex p4info;

    /**
     * Creates a codec for a P4Info.
     *
     * @param p4info indexed P4Info
     */
    public PiCodec(P4InfoIndex p4info) {
        this.p4info = p4info;
    }

    /**
     * Returns the P4Info index.
     *
     * @return index
     */
    public P4InfoIndex p4info() {
        return p4info;
    }

    /**
     * Wraps an entity in an update.
     *
     * @param type   INSERT, MODIFY or DELETE
     * @param entity entity
     * @return update
     */
    public static Update update(Update.Type type, Entity entity) {
        return Update.newBuilder().setType(type).setEntity(entity).build();
    }

    /**
     * Encodes a table entry.
     *
     * @param e PI table entry
     * @return P4Runtime entity
     */
    public Entity encode(PiTableEntry e) {
        P4InfoOuterClass.Table t = p4info.table(e.table().id());
        TableEntry.Builder b = TableEntry.newBuilder().setTableId(t.getPreamble().getId());
        e.priority().ifPresent(b::setPriority);
        if (e.isDefaultAction()) {
            b.setIsDefaultAction(true);
        } else {
            for (PiFieldMatch m : e.matchKey().fieldMatches()) {
                b.addMatch(encode(t, m));
            }
        }
        if (e.action() != null) {
            b.setAction(encode(e.action()));
        }
        return Entity.newBuilder().setTableEntry(b).build();
    }

    private FieldMatch encode(P4InfoOuterClass.Table t, PiFieldMatch m) {
        P4InfoOuterClass.MatchField f = p4info.matchField(t, m.fieldId().id());
        int width = f.getBitwidth();
        FieldMatch.Builder b = FieldMatch.newBuilder().setFieldId(f.getId());
        switch (m.type()) {
            case EXACT:
                b.setExact(FieldMatch.Exact.newBuilder().setValue(bytes(((PiExactFieldMatch) m).value(), width)));
                break;
            case LPM:
                PiLpmFieldMatch lpm = (PiLpmFieldMatch) m;
                b.setLpm(FieldMatch.LPM.newBuilder().setValue(bytes(lpm.value(), width))
                                 .setPrefixLen(lpm.prefixLength()));
                break;
            case TERNARY:
                PiTernaryFieldMatch tern = (PiTernaryFieldMatch) m;
                b.setTernary(FieldMatch.Ternary.newBuilder().setValue(bytes(tern.value(), width))
                                     .setMask(bytes(tern.mask(), width)));
                break;
            default:
                throw new IllegalArgumentException("match type " + m.type() + " is not used by this pipeline");
        }
        return b.build();
    }

    private TableAction encode(PiTableAction a) {
        switch (a.type()) {
            case ACTION:
                return TableAction.newBuilder().setAction(encodeAction((PiAction) a)).build();
            case ACTION_PROFILE_MEMBER_ID:
                return TableAction.newBuilder().setActionProfileMemberId(
                        (int) ((PiActionProfileMemberId) a).id()).build();
            case ACTION_PROFILE_GROUP_ID:
                return TableAction.newBuilder().setActionProfileGroupId(
                        (int) ((PiActionProfileGroupId) a).id()).build();
            default:
                throw new IllegalArgumentException("table action " + a.type() + " is not used by this pipeline");
        }
    }

    private p4.v1.P4RuntimeOuterClass.Action encodeAction(PiAction a) {
        P4InfoOuterClass.Action info = p4info.action(a.id().id());
        p4.v1.P4RuntimeOuterClass.Action.Builder b = p4.v1.P4RuntimeOuterClass.Action.newBuilder()
                .setActionId(info.getPreamble().getId());
        for (PiActionParam p : a.parameters()) {
            P4InfoOuterClass.Action.Param pi = p4info.param(info, p.id().id());
            b.addParams(p4.v1.P4RuntimeOuterClass.Action.Param.newBuilder().setParamId(pi.getId())
                                .setValue(bytes(p.value(), pi.getBitwidth())));
        }
        return b.build();
    }

    /**
     * Encodes an action-profile member.
     *
     * @param m member
     * @return entity
     */
    public Entity encode(PiActionProfileMember m) {
        return Entity.newBuilder().setActionProfileMember(ActionProfileMember.newBuilder()
                .setActionProfileId(p4info.actionProfile(m.actionProfile().id()).getPreamble().getId())
                .setMemberId((int) m.id().id()).setAction(encodeAction(m.action()))).build();
    }

    /**
     * Encodes an action-profile group.
     *
     * @param g group
     * @return entity
     */
    public Entity encode(PiActionProfileGroup g) {
        ActionProfileGroup.Builder b = ActionProfileGroup.newBuilder()
                .setActionProfileId(p4info.actionProfile(g.actionProfile().id()).getPreamble().getId())
                .setGroupId((int) g.id().id())
                .setMaxSize(g.maxSize() > 0 ? g.maxSize() : 0);
        for (PiActionProfileGroup.WeightedMember m : g.members()) {
            b.addMembers(ActionProfileGroup.Member.newBuilder().setMemberId((int) m.id().id()).setWeight(m.weight()));
        }
        return Entity.newBuilder().setActionProfileGroup(b).build();
    }

    /**
     * Decodes a table entry read from a device.
     *
     * @param e P4Runtime table entry
     * @return PI table entry
     */
    public PiTableEntry decode(TableEntry e) {
        P4InfoOuterClass.Table t = p4info.table(e.getTableId());
        PiTableEntry.Builder b = PiTableEntry.builder().forTable(PiTableId.of(t.getPreamble().getName()));
        if (e.getPriority() != 0) {
            b.withPriority(e.getPriority());
        }
        PiMatchKey.Builder key = PiMatchKey.builder();
        for (FieldMatch m : e.getMatchList()) {
            P4InfoOuterClass.MatchField f = t.getMatchFieldsList().stream().filter(x -> x.getId() == m.getFieldId())
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown match field " + m));
            PiMatchFieldId id = PiMatchFieldId.of(f.getName());
            int w = f.getBitwidth();
            switch (m.getFieldMatchTypeCase()) {
                case EXACT:
                    key.addFieldMatch(new PiExactFieldMatch(id, value(m.getExact().getValue(), w)));
                    break;
                case LPM:
                    key.addFieldMatch(new PiLpmFieldMatch(id, value(m.getLpm().getValue(), w),
                                                          m.getLpm().getPrefixLen()));
                    break;
                case TERNARY:
                    key.addFieldMatch(new PiTernaryFieldMatch(id, value(m.getTernary().getValue(), w),
                                                              value(m.getTernary().getMask(), w)));
                    break;
                default:
                    throw new IllegalArgumentException("match type " + m.getFieldMatchTypeCase() + " not supported");
            }
        }
        if (e.getIsDefaultAction()) {
            b.withMatchKey(PiMatchKey.EMPTY);
        } else {
            b.withMatchKey(key.build());
        }
        TableAction a = e.getAction();
        switch (a.getTypeCase()) {
            case ACTION:
                b.withAction(decode(a.getAction()));
                break;
            case ACTION_PROFILE_MEMBER_ID:
                b.withAction(PiActionProfileMemberId.of(a.getActionProfileMemberId()));
                break;
            case ACTION_PROFILE_GROUP_ID:
                b.withAction(PiActionProfileGroupId.of(a.getActionProfileGroupId()));
                break;
            default:
                break;
        }
        return b.build();
    }

    /**
     * Decodes an action.
     *
     * @param a P4Runtime action
     * @return PI action
     */
    public PiAction decode(p4.v1.P4RuntimeOuterClass.Action a) {
        P4InfoOuterClass.Action info = p4info.action(a.getActionId());
        PiAction.Builder b = PiAction.builder().withId(PiActionId.of(info.getPreamble().getName()));
        for (p4.v1.P4RuntimeOuterClass.Action.Param p : a.getParamsList()) {
            P4InfoOuterClass.Action.Param pi = info.getParamsList().stream().filter(x -> x.getId() == p.getParamId())
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown param " + p));
            b.withParameter(new PiActionParam(PiActionParamId.of(pi.getName()), value(p.getValue(), pi.getBitwidth())));
        }
        return b.build();
    }

    /**
     * Decodes an action-profile member.
     *
     * @param m P4Runtime member
     * @return PI member
     */
    public PiActionProfileMember decode(ActionProfileMember m) {
        return PiActionProfileMember.builder()
                .forActionProfile(PiActionProfileId.of(p4info.actionProfile(m.getActionProfileId())
                                                               .getPreamble().getName()))
                .withId(PiActionProfileMemberId.of(m.getMemberId())).withAction(decode(m.getAction())).build();
    }

    /**
     * Decodes an action-profile group.
     *
     * @param g P4Runtime group
     * @return PI group
     */
    public PiActionProfileGroup decode(ActionProfileGroup g) {
        PiActionProfileGroup.Builder b = PiActionProfileGroup.builder()
                .withActionProfileId(PiActionProfileId.of(p4info.actionProfile(g.getActionProfileId())
                                                                  .getPreamble().getName()))
                .withId(PiActionProfileGroupId.of(g.getGroupId())).withMaxSize(g.getMaxSize());
        for (ActionProfileGroup.Member m : g.getMembersList()) {
            b.addMember(PiActionProfileMemberId.of(m.getMemberId()), m.getWeight());
        }
        return b.build();
    }

    /** Pads or trims a value to the field's width in bytes. */
    static ByteString bytes(ImmutableByteSequence v, int bitwidth) {
        int len = (bitwidth + 7) / 8;
        byte[] in = v.asArray();
        byte[] out = new byte[len];
        int copy = Math.min(len, in.length);
        for (int i = 0; i < in.length - copy; i++) {
            if (in[i] != 0) {
                throw new IllegalArgumentException("value " + v + " does not fit in " + bitwidth + " bits");
            }
        }
        System.arraycopy(in, in.length - copy, out, len - copy, copy);
        if (bitwidth % 8 != 0 && (out[0] & 0xFF) >>> (bitwidth % 8) != 0) {
            throw new IllegalArgumentException("value " + v + " does not fit in " + bitwidth + " bits");
        }
        return ByteString.copyFrom(out);
    }

    /** A value read back, canonical or padded, at the field's full width. */
    static ImmutableByteSequence value(ByteString b, int bitwidth) {
        return ImmutableByteSequence.copyFrom(bytes(ImmutableByteSequence.copyFrom(b.toByteArray()), bitwidth)
                                                      .toByteArray());
    }

    /**
     * Returns the P4Info names of every table, for reading whole pipelines.
     *
     * @return table names
     */
    public List<String> tableNames() {
        return p4info.p4info().getTablesList().stream().map(t -> t.getPreamble().getName())
                .collect(java.util.stream.Collectors.toList());
    }
}
