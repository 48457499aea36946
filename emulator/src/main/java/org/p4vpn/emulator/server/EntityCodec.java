package org.p4vpn.emulator.server;

import com.google.protobuf.ByteString;
import org.p4vpn.emulator.ActionCall;
import org.p4vpn.emulator.CounterValue;
import org.p4vpn.emulator.FieldMatch;
import org.p4vpn.emulator.SwitchException;
import org.p4vpn.emulator.TableEntry;
import org.p4vpn.p4rt.P4InfoIndex;
import p4.config.v1.P4InfoOuterClass;
import p4.v1.P4RuntimeOuterClass;
import p4.v1.P4RuntimeOuterClass.CounterData;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Converts between P4Runtime messages (ids, byte strings) and the emulator's entries (P4Info
 * names, values), checking what PI checks before a write reaches BMv2: known ids, every
 * parameter given once, values within their bit widths.
 */
final class EntityCodec {

    private final P4InfoIndex p4info;

    EntityCodec(P4InfoIndex p4info) {
        this.p4info = p4info;
    }

    P4InfoIndex p4info() {
        return p4info;
    }

    P4InfoOuterClass.Table table(int id) {
        try {
            return p4info.table(id);
        } catch (IllegalArgumentException e) {
            throw SwitchErrors.invalid("unknown table id " + id);
        }
    }

    TableEntry tableEntry(P4RuntimeOuterClass.TableEntry e) {
        P4InfoOuterClass.Table t = table(e.getTableId());
        TableEntry.Builder b = TableEntry.builder(t.getPreamble().getName());
        for (P4RuntimeOuterClass.FieldMatch m : e.getMatchList()) {
            P4InfoOuterClass.MatchField f = t.getMatchFieldsList().stream()
                    .filter(x -> x.getId() == m.getFieldId()).findFirst()
                    .orElseThrow(() -> SwitchErrors.invalid("unknown match field id " + m.getFieldId() + " in table "
                            + t.getPreamble().getName()));
            String name = f.getName();
            switch (m.getFieldMatchTypeCase()) {
                case EXACT:
                    b.match(FieldMatch.exact(name, fit(m.getExact().getValue(), f.getBitwidth(), name)));
                    break;
                case LPM:
                    b.match(FieldMatch.lpm(name, fit(m.getLpm().getValue(), f.getBitwidth(), name),
                                           m.getLpm().getPrefixLen()));
                    break;
                case TERNARY:
                    b.match(FieldMatch.ternary(name, fit(m.getTernary().getValue(), f.getBitwidth(), name),
                                               fit(m.getTernary().getMask(), f.getBitwidth(), name)));
                    break;
                case RANGE:
                    b.match(FieldMatch.range(name, fit(m.getRange().getLow(), f.getBitwidth(), name),
                                             fit(m.getRange().getHigh(), f.getBitwidth(), name)));
                    break;
                case OPTIONAL:
                    b.match(FieldMatch.optional(name, fit(m.getOptional().getValue(), f.getBitwidth(), name)));
                    break;
                default:
                    throw SwitchErrors.invalid("match field " + name + " has no match type");
            }
        }
        if (e.getPriority() != 0) {
            b.priority(e.getPriority());
        }
        P4RuntimeOuterClass.TableAction a = e.getAction();
        switch (a.getTypeCase()) {
            case ACTION:
                b.action(action(a.getAction()));
                break;
            case ACTION_PROFILE_MEMBER_ID:
                b.member(a.getActionProfileMemberId());
                break;
            case ACTION_PROFILE_GROUP_ID:
                b.group(a.getActionProfileGroupId());
                break;
            default:
                break;
        }
        return b.build();
    }

    ActionCall action(P4RuntimeOuterClass.Action a) {
        P4InfoOuterClass.Action info;
        try {
            info = p4info.action(a.getActionId());
        } catch (IllegalArgumentException e) {
            throw SwitchErrors.invalid("unknown action id " + a.getActionId());
        }
        List<byte[]> params = new ArrayList<>();
        for (P4InfoOuterClass.Action.Param p : info.getParamsList()) {
            List<P4RuntimeOuterClass.Action.Param> given = new ArrayList<>();
            a.getParamsList().stream().filter(x -> x.getParamId() == p.getId()).forEach(given::add);
            if (given.size() != 1) {
                throw SwitchErrors.invalid("action " + info.getPreamble().getName() + " needs parameter "
                        + p.getName() + " exactly once");
            }
            params.add(fit(given.get(0).getValue(), p.getBitwidth(), p.getName()));
        }
        if (a.getParamsCount() != info.getParamsCount()) {
            throw SwitchErrors.invalid("action " + info.getPreamble().getName() + " takes "
                    + info.getParamsCount() + " parameters, got " + a.getParamsCount());
        }
        return ActionCall.of(info.getPreamble().getName(), params);
    }

    /** A value no wider than its field, as minimal big-endian bytes. */
    static byte[] fit(ByteString value, int bitwidth, String what) {
        BigInteger v = new BigInteger(1, value.toByteArray());
        if (value.isEmpty() || v.bitLength() > bitwidth) {
            throw SwitchErrors.invalid("value of " + what + " does not fit in " + bitwidth + " bits");
        }
        int len = (bitwidth + 7) / 8;
        byte[] b = v.toByteArray();
        byte[] out = new byte[len];
        int copy = Math.min(b.length, len);
        System.arraycopy(b, b.length - copy, out, len - copy, copy);
        return out;
    }

    P4RuntimeOuterClass.Action encode(ActionCall a) {
        P4InfoOuterClass.Action info = p4info.action(a.action());
        P4RuntimeOuterClass.Action.Builder b = P4RuntimeOuterClass.Action.newBuilder()
                .setActionId(info.getPreamble().getId());
        for (int i = 0; i < info.getParamsCount(); i++) {
            b.addParams(P4RuntimeOuterClass.Action.Param.newBuilder().setParamId(info.getParams(i).getId())
                                .setValue(canonical(a.params().get(i))));
        }
        return b.build();
    }

    P4RuntimeOuterClass.TableEntry encode(TableEntry e, CounterValue counter) {
        P4InfoOuterClass.Table t = p4info.table(e.table());
        P4RuntimeOuterClass.TableEntry.Builder b = P4RuntimeOuterClass.TableEntry.newBuilder()
                .setTableId(t.getPreamble().getId()).setPriority(e.priority());
        List<FieldMatch> matches = new ArrayList<>(e.matches());
        matches.sort(Comparator.comparingInt(m -> p4info.matchField(t, m.field()).getId()));
        for (FieldMatch m : matches) {
            P4RuntimeOuterClass.FieldMatch.Builder fm = P4RuntimeOuterClass.FieldMatch.newBuilder()
                    .setFieldId(p4info.matchField(t, m.field()).getId());
            switch (m.kind()) {
                case EXACT:
                    fm.setExact(P4RuntimeOuterClass.FieldMatch.Exact.newBuilder().setValue(canonical(m.value())));
                    break;
                case LPM:
                    fm.setLpm(P4RuntimeOuterClass.FieldMatch.LPM.newBuilder().setValue(canonical(m.value()))
                                      .setPrefixLen(m.prefixLength()));
                    break;
                case TERNARY:
                    fm.setTernary(P4RuntimeOuterClass.FieldMatch.Ternary.newBuilder().setValue(canonical(m.value()))
                                          .setMask(canonical(m.mask())));
                    break;
                case RANGE:
                    fm.setRange(P4RuntimeOuterClass.FieldMatch.Range.newBuilder().setLow(canonical(m.value()))
                                        .setHigh(canonical(m.high())));
                    break;
                default:
                    fm.setOptional(P4RuntimeOuterClass.FieldMatch.Optional.newBuilder()
                                           .setValue(canonical(m.value())));
            }
            b.addMatch(fm);
        }
        P4RuntimeOuterClass.TableAction.Builder ta = P4RuntimeOuterClass.TableAction.newBuilder();
        e.action().ifPresent(a -> ta.setAction(encode(a)));
        e.memberId().ifPresent(ta::setActionProfileMemberId);
        e.groupId().ifPresent(ta::setActionProfileGroupId);
        b.setAction(ta);
        if (counter != null) {
            b.setCounterData(counterData(counter));
        }
        return b.build();
    }

    static CounterData counterData(CounterValue v) {
        return CounterData.newBuilder().setPacketCount(v.packets()).setByteCount(v.bytes()).build();
    }

    static ByteString canonical(byte[] v) {
        return ByteString.copyFrom(ControllerHeaders.canonical(new BigInteger(1, v)));
    }
}
