package org.p4vpn.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Installs a table's JSON "entries" (P4 const entries), which make the table immutable. */
final class ConstEntries {

    private ConstEntries() {
    }

    static void install(MatchTable t, Map<Integer, ActionDef> actionsById) {
        TableDef def = t.def;
        String where = "const entries of table '" + def.name + "'";
        for (JsonNode e : def.constEntries) {
            List<JsonNode> mk = Json.array(e, "match_key");
            if (mk.size() != def.key.size()) {
                throw new UnsupportedConstructException("wrong number of match fields in " + where);
            }
            byte[] value = new byte[def.keyBytes];
            byte[] mask = new byte[def.keyBytes];
            byte[] low = null;
            byte[] high = null;
            int prefix = -1;
            List<FieldMatch> fields = new ArrayList<>();
            for (int i = 0; i < mk.size(); i++) {
                TableDef.KeyField kf = def.key.get(i);
                JsonNode m = mk.get(i);
                String mt = Json.str(m, "match_type", where);
                byte[] v;
                byte[] msk;
                switch (mt) {
                    case "exact":
                    case "valid":
                        v = mt.equals("valid") ? new byte[] {(byte) (m.get("key").asBoolean() ? 1 : 0)} : hex(m, "key", kf, where);
                        msk = full(kf.nbytes);
                        fields.add(FieldMatch.internal(kf.name, FieldMatch.Kind.EXACT, v, null, 0));
                        break;
                    case "lpm":
                        v = hex(m, "key", kf, where);
                        prefix = Json.integer(m, "prefix_length", where);
                        msk = MatchKey.prefixMask(prefix, kf.nbytes);
                        fields.add(FieldMatch.internal(kf.name, FieldMatch.Kind.LPM, v, null, prefix));
                        break;
                    case "ternary":
                        v = hex(m, "key", kf, where);
                        msk = hex(m, "mask", kf, where);
                        fields.add(FieldMatch.internal(kf.name, FieldMatch.Kind.TERNARY, v, msk, 0));
                        break;
                    case "range":
                        if (low == null) {
                            low = new byte[def.keyBytes];
                            high = new byte[def.keyBytes];
                        }
                        byte[] lo = hex(m, "start", kf, where);
                        byte[] hi = hex(m, "end", kf, where);
                        System.arraycopy(lo, 0, low, kf.offset, kf.nbytes);
                        System.arraycopy(hi, 0, high, kf.offset, kf.nbytes);
                        fields.add(FieldMatch.internal(kf.name, FieldMatch.Kind.RANGE, lo, hi, 0));
                        v = new byte[kf.nbytes];
                        msk = new byte[kf.nbytes];
                        break;
                    default:
                        throw new UnsupportedConstructException("unsupported match type '" + mt + "' in " + where);
                }
                if (kf.staticMask != null) {
                    for (int j = 0; j < msk.length; j++) {
                        msk[j] &= kf.staticMask[j];
                    }
                }
                System.arraycopy(v, 0, value, kf.offset, kf.nbytes);
                System.arraycopy(msk, 0, mask, kf.offset, kf.nbytes);
            }
            int bmPriority = def.needsPriority ? Json.integer(e, "priority", where) : 0;
            MatchKey key = new MatchKey(value, mask, low, high, def.matchType.equals("lpm") ? prefix : -1,
                    bmPriority, fields);
            if (t.get(key) != null) {
                throw new UnsupportedConstructException("duplicate entry in " + where);
            }
            JsonNode ae = Json.req(e, "action_entry", where);
            ActionDef a = actionsById.get(Json.integer(ae, "action_id", where));
            if (a == null) {
                throw new UnsupportedConstructException("unknown action in " + where);
            }
            MatchTable.Entry entry = t.add(key);
            entry.action = a;
            entry.params = TableDef.hexParams(a, Json.array(ae, "action_data"), where);
        }
    }

    private static byte[] hex(JsonNode m, String attr, TableDef.KeyField kf, String where) {
        return ExprCompiler.hex(Json.str(m, attr, where), where).truncate(kf.nbytes * 8).toBytes(kf.nbytes);
    }

    private static byte[] full(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 0xff);
        return b;
    }
}
