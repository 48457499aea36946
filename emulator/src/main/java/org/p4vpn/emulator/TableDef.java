package org.p4vpn.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of a JSON pipeline: key, actions, implementation, next nodes and default entry.
 * Also turns control-plane match keys and action data into BMv2's representation with PI's
 * P4Runtime checks ({@link #matchKey}, {@link #actionData}).
 */
final class TableDef {

    /** One key field. */
    static final class KeyField {
        final String name;
        final String matchType;
        final FieldRef field;
        final int validHeader;
        final int width;
        final int nbytes;
        final int offset;
        final byte[] staticMask;

        KeyField(String name, String matchType, FieldRef field, int validHeader, int width, int offset, byte[] mask) {
            this.name = name;
            this.matchType = matchType;
            this.field = field;
            this.validHeader = validHeader;
            this.width = width;
            this.nbytes = Bits.bytesFor(width);
            this.offset = offset;
            this.staticMask = mask;
        }
    }

    final String name;
    final String matchType;
    final String type;
    final String actionProfile;
    final int maxSize;
    final boolean withCounters;
    final List<KeyField> key = new ArrayList<>();
    final int keyBytes;
    final boolean needsPriority;
    final Map<String, ActionDef> actions = new LinkedHashMap<>();
    final Map<Integer, String> nextByActionId = new HashMap<>();
    final boolean hasHitNext;
    final boolean hasMissNext;
    final String hitNext;
    final String missNext;
    final String baseDefaultNext;
    final ActionDef defaultAction;
    final BitValue[] defaultParams;
    final boolean defaultActionConst;
    final boolean defaultEntryConst;
    final List<JsonNode> constEntries;

    TableDef(JsonNode json, PhvLayout layout, Map<Integer, ActionDef> actionsById) {
        this.name = Json.str(json, "name", "table");
        String where = "table '" + name + "'";
        this.matchType = Json.str(json, "match_type", where);
        if (!Arrays.asList("exact", "lpm", "ternary", "range").contains(matchType)) {
            throw new UnsupportedConstructException("unsupported table match_type '" + matchType + "' in " + where);
        }
        this.type = Json.str(json, "type", where);
        if (!Arrays.asList("simple", "indirect", "indirect_ws").contains(type)) {
            throw new UnsupportedConstructException("unsupported table type '" + type + "' in " + where);
        }
        this.actionProfile = type.equals("simple") ? null : Json.str(json, "action_profile", where);
        this.maxSize = json.has("max_size") ? json.get("max_size").asInt() : 1024;
        this.withCounters = Json.bool(json, "with_counters", false);
        if (Json.bool(json, "support_timeout", false)) {
            throw new UnsupportedConstructException("unsupported idle timeout (support_timeout) in " + where);
        }
        if (json.has("direct_meters") && !json.get("direct_meters").isNull()) {
            throw new UnsupportedConstructException("unsupported direct meters in " + where);
        }
        int off = 0;
        boolean prio = false;
        int lpms = 0;
        for (JsonNode k : Json.array(json, "key")) {
            String mt = Json.str(k, "match_type", where);
            JsonNode target = Json.req(k, "target", where);
            FieldRef f = null;
            int validHeader = -1;
            int width;
            switch (mt) {
                case "valid":
                    validHeader = layout.header(target.asText(), where).index;
                    width = 8;
                    break;
                case "exact":
                case "lpm":
                case "ternary":
                case "range":
                    f = layout.field(target.get(0).asText(), target.get(1).asText(), where);
                    width = f.width;
                    break;
                default:
                    throw new UnsupportedConstructException("unsupported key match type '" + mt + "' in " + where);
            }
            lpms += mt.equals("lpm") ? 1 : 0;
            prio |= mt.equals("ternary") || mt.equals("range");
            String kname = k.has("name") && !k.get("name").isNull() ? k.get("name").asText()
                    : f != null ? f.name : target.asText();
            String maskText = Json.nullableText(k, "mask");
            byte[] mask = maskText == null ? null : ExprCompiler.hex(maskText, where).toBytes(Bits.bytesFor(width));
            KeyField kf = new KeyField(kname, mt, f, validHeader, width, off, mask);
            key.add(kf);
            off += kf.nbytes;
        }
        if (lpms > 1) {
            throw new UnsupportedConstructException(where + " has more than one LPM key field");
        }
        this.keyBytes = off;
        this.needsPriority = prio;
        for (JsonNode a : json.has("action_ids") ? Json.array(json, "action_ids") : Json.array(json, "actions")) {
            ActionDef def = a.isInt() ? actionsById.get(a.asInt()) : byName(actionsById, a.asText());
            if (def == null) {
                throw new UnsupportedConstructException("unknown action " + a + " in " + where);
            }
            actions.put(def.name, def);
        }
        JsonNode next = Json.req(json, "next_tables", where);
        for (ActionDef a : actions.values()) {
            JsonNode n = next.get(a.name);
            nextByActionId.put(a.id, n == null || n.isNull() ? null : n.asText());
        }
        this.hasHitNext = next.has("__HIT__");
        this.hasMissNext = next.has("__MISS__");
        this.hitNext = Json.nullableText(next, "__HIT__");
        this.missNext = Json.nullableText(next, "__MISS__");
        this.baseDefaultNext = Json.nullableText(json, "base_default_next");
        JsonNode de = json.get("default_entry");
        if (de != null && !de.isNull()) {
            this.defaultAction = actionsById.get(Json.integer(de, "action_id", "default entry of " + where));
            if (defaultAction == null) {
                throw new UnsupportedConstructException("unknown default action in " + where);
            }
            this.defaultActionConst = Json.bool(de, "action_const", false);
            List<JsonNode> data = Json.array(de, "action_data");
            this.defaultEntryConst = de.has("action_data") && Json.bool(de, "action_entry_const", false);
            this.defaultParams = de.has("action_data") ? hexParams(defaultAction, data, where) : null;
        } else {
            this.defaultAction = null;
            this.defaultActionConst = false;
            this.defaultEntryConst = false;
            this.defaultParams = null;
        }
        this.constEntries = Json.array(json, "entries");
    }

    private static ActionDef byName(Map<Integer, ActionDef> actionsById, String name) {
        return actionsById.values().stream().filter(a -> a.name.equals(name)).findFirst().orElse(null);
    }

    static BitValue[] hexParams(ActionDef a, List<JsonNode> data, String where) {
        if (data.size() != a.paramWidths.length) {
            throw new UnsupportedConstructException("wrong number of action data for " + a.name + " in " + where);
        }
        BitValue[] out = new BitValue[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ExprCompiler.hex(data.get(i).asText(), where).truncate(a.paramWidths[i]);
        }
        return out;
    }

    boolean indirect() {
        return actionProfile != null;
    }

    /** Action data with PI's checks (count, widths). */
    static BitValue[] actionData(ActionDef a, ActionCall call) {
        List<byte[]> ps = call.params();
        if (ps.size() != a.paramWidths.length) {
            throw SwitchException.invalid("action " + a.name + " takes " + a.paramWidths.length
                    + " parameters, got " + ps.size());
        }
        BitValue[] out = new BitValue[ps.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = BitValue.ofUnsigned(MatchKey.fit(ps.get(i), a.paramWidths[i],
                    "parameter " + a.paramNames.get(i) + " of " + a.name));
        }
        return out;
    }

    ActionDef action(String actionName) {
        ActionDef a = actions.get(actionName);
        if (a == null) {
            throw SwitchException.invalid("invalid action " + actionName + " for table " + name);
        }
        return a;
    }

    /**
     * Validates {@code matches} as PI's construct_match_key does and builds the BMv2 key.
     *
     * @param p4rtPriority P4Runtime priority
     */
    MatchKey matchKey(List<FieldMatch> matches, int p4rtPriority) {
        Map<String, FieldMatch> byName = new HashMap<>();
        for (FieldMatch m : matches) {
            if (byName.put(m.field(), m) != null) {
                throw SwitchException.invalid("duplicate match field " + m.field() + " for table " + name);
            }
        }
        if (key.isEmpty() && !matches.isEmpty() || matches.size() > key.size()) {
            throw SwitchException.invalid("too many fields in match key for table " + name);
        }
        byte[] value = new byte[keyBytes];
        byte[] mask = new byte[keyBytes];
        byte[] low = null;
        byte[] high = null;
        int lpmPrefix = -1;
        List<FieldMatch> normalized = new ArrayList<>();
        int seen = 0;
        for (KeyField kf : key) {
            FieldMatch m = byName.get(kf.name);
            String what = "field " + kf.name + " of table " + name;
            byte[] v = new byte[kf.nbytes];
            byte[] mk = new byte[kf.nbytes];
            if (m != null) {
                seen++;
                v = MatchKey.fit(m.rawValue(), kf.field == null ? 8 : kf.width, what);
            }
            switch (kf.matchType) {
                case "exact":
                case "valid":
                    if (m == null || m.kind() != FieldMatch.Kind.EXACT) {
                        throw SwitchException.invalid(m == null ? "missing non-ternary " + what : "invalid match type for " + what);
                    }
                    if (kf.matchType.equals("valid")) {
                        v = new byte[] {(byte) (new java.math.BigInteger(1, v).signum() != 0 ? 1 : 0)};
                    }
                    Arrays.fill(mk, (byte) 0xff);
                    normalized.add(FieldMatch.internal(kf.name, FieldMatch.Kind.EXACT, v, null, 0));
                    break;
                case "lpm": {
                    int plen = 0;
                    if (m != null) {
                        if (m.kind() != FieldMatch.Kind.LPM) {
                            throw SwitchException.invalid("invalid match type for " + what);
                        }
                        plen = m.prefixLength();
                        if (plen < 0 || plen > kf.width) {
                            throw SwitchException.invalid("prefix length " + plen + " out of range for " + what);
                        }
                        if (plen == 0) {
                            throw SwitchException.invalid("don't-care LPM match must be omitted, not prefix 0, for " + what);
                        }
                        BitValue tail = BitValue.ofUnsigned(v).truncate(kf.width - plen);
                        if (!tail.isZero()) {
                            throw SwitchException.invalid("invalid LPM value, incorrect number of trailing zeros, for " + what);
                        }
                        normalized.add(FieldMatch.internal(kf.name, FieldMatch.Kind.LPM, v, null, plen));
                    }
                    mk = MatchKey.prefixMask(plen, kf.nbytes);
                    lpmPrefix = plen;
                    break;
                }
                case "ternary":
                    if (m != null) {
                        if (m.kind() == FieldMatch.Kind.OPTIONAL) {
                            mk = MatchKey.fit(BitValue.ONE.shiftLeft(kf.width).subtract(BitValue.ONE).toBytes(kf.nbytes),
                                    kf.width, what);
                        } else if (m.kind() == FieldMatch.Kind.TERNARY) {
                            mk = MatchKey.fit(m.rawSecond(), kf.width, "mask of " + what);
                            if (BitValue.ofUnsigned(mk).isZero()) {
                                throw SwitchException.invalid("don't-care ternary match must be omitted, not mask 0, for " + what);
                            }
                            for (int i = 0; i < v.length; i++) {
                                if ((v[i] & mk[i]) != v[i]) {
                                    throw SwitchException.invalid("invalid ternary value, value & mask != value, for " + what);
                                }
                            }
                        } else {
                            throw SwitchException.invalid("invalid match type for " + what);
                        }
                        normalized.add(FieldMatch.internal(kf.name, m.kind(), v,
                                m.kind() == FieldMatch.Kind.TERNARY ? mk : null, 0));
                    }
                    break;
                case "range": {
                    if (low == null) {
                        low = new byte[keyBytes];
                        high = new byte[keyBytes];
                    }
                    byte[] hi = BitValue.ONE.shiftLeft(kf.width).subtract(BitValue.ONE).toBytes(kf.nbytes);
                    byte[] lo = new byte[kf.nbytes];
                    if (m != null) {
                        if (m.kind() != FieldMatch.Kind.RANGE) {
                            throw SwitchException.invalid("invalid match type for " + what);
                        }
                        lo = v;
                        byte[] givenHi = MatchKey.fit(m.rawSecond(), kf.width, "high bound of " + what);
                        if (BitValue.ofUnsigned(lo).isZero() && Arrays.equals(givenHi, hi)) {
                            throw SwitchException.invalid("don't-care range match must be omitted for " + what);
                        }
                        if (BitValue.ofUnsigned(lo).compareTo(BitValue.ofUnsigned(givenHi)) > 0) {
                            throw SwitchException.invalid("invalid range, low > high, for " + what);
                        }
                        hi = givenHi;
                        normalized.add(FieldMatch.internal(kf.name, FieldMatch.Kind.RANGE, lo, hi, 0));
                    }
                    System.arraycopy(lo, 0, low, kf.offset, kf.nbytes);
                    System.arraycopy(hi, 0, high, kf.offset, kf.nbytes);
                    v = new byte[kf.nbytes];
                    break;
                }
                default:
                    throw new IllegalStateException(kf.matchType);
            }
            if (kf.staticMask != null) {
                for (int i = 0; i < mk.length; i++) {
                    mk[i] &= kf.staticMask[i];
                }
            }
            System.arraycopy(v, 0, value, kf.offset, kf.nbytes);
            System.arraycopy(mk, 0, mask, kf.offset, kf.nbytes);
        }
        if (seen != matches.size()) {
            throw SwitchException.invalid("unknown field in match key for table " + name);
        }
        if (p4rtPriority < 0) {
            throw SwitchException.invalid("negative priority for table " + name);
        }
        if (!needsPriority && p4rtPriority > 0) {
            throw SwitchException.invalid("non-zero priority for non-ternary match in table " + name);
        }
        if (needsPriority && p4rtPriority == 0) {
            throw SwitchException.invalid("zero priority for ternary match in table " + name);
        }
        int bm = needsPriority ? Integer.MAX_VALUE - p4rtPriority : 0;
        return new MatchKey(value, mask, low, high, matchType.equals("lpm") ? lpmPrefix : -1, bm, normalized);
    }

    /** The lookup key of a packet: field bytes (0 for fields of invalid headers), masked. */
    byte[] packetKey(PacketState s) {
        byte[] k = new byte[keyBytes];
        for (KeyField kf : key) {
            if (kf.field == null) {
                k[kf.offset] = (byte) (s.valid[kf.validHeader] ? 1 : 0);
                continue;
            }
            if (s.valid[kf.field.header] || kf.field.field == FieldRef.VALID) {
                byte[] b = s.get(kf.field).truncate(kf.width).toBytes(kf.nbytes);
                System.arraycopy(b, 0, k, kf.offset, kf.nbytes);
            }
            if (kf.staticMask != null) {
                for (int i = 0; i < kf.nbytes; i++) {
                    k[kf.offset + i] &= kf.staticMask[i];
                }
            }
        }
        return k;
    }
}
