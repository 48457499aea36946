package org.p4vpn.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A "generic" checksum of the JSON (checksums.cpp): a calculation written to / compared with
 * a target field, guarded by an optional condition. Verification is skipped (passes) when the
 * target's header is invalid or the condition is false; the update is skipped when the
 * condition is false.
 */
final class Checksum {

    final String name;
    final boolean verify;
    final boolean update;
    private final FieldRef target;
    private final Calculation calculation;
    private final Expr condition;

    Checksum(JsonNode json, PhvLayout layout, ExprCompiler exprs, Map<String, Calculation> calculations) {
        this.name = Json.str(json, "name", "checksum");
        String where = "checksum '" + name + "'";
        String type = Json.str(json, "type", where);
        if (!type.equals("generic")) {
            throw new UnsupportedConstructException("unsupported checksum type '" + type + "' in " + where);
        }
        JsonNode t = Json.req(json, "target", where);
        this.target = layout.field(t.get(0).asText(), t.get(1).asText(), where);
        this.calculation = calculations.get(Json.str(json, "calculation", where));
        if (calculation == null) {
            throw new UnsupportedConstructException("unknown calculation of " + where);
        }
        this.verify = Json.bool(json, "verify", true);
        this.update = Json.bool(json, "update", true);
        JsonNode cond = json.get("if_cond");
        this.condition = cond == null || cond.isNull() ? null : exprs.compile(cond, 0, where, Expr.Kind.BOOL);
    }

    private boolean conditionMet(PacketState s) {
        return condition == null || condition.bool(s, null);
    }

    /** @return false iff the checksum is checked and wrong */
    boolean verify(PacketState s) {
        if (!s.valid[target.header] || !conditionMet(s)) {
            return true;
        }
        return calculation.output(s) == s.get(target).truncate(64).longValue();
    }

    void update(PacketState s) {
        if (conditionMet(s)) {
            s.set(target, BitValue.of(calculation.output(s)));
        }
    }
}
