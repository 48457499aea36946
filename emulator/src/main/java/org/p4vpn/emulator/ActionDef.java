package org.p4vpn.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An action of the JSON: runtime data (parameters) and compiled primitives. */
final class ActionDef {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ActionDef.class);

    final String name;
    final int id;
    final List<String> paramNames;
    final int[] paramWidths;
    private final Primitive[] primitives;

    ActionDef(JsonNode json, PrimitiveCompiler compiler) {
        this.name = Json.str(json, "name", "action");
        this.id = Json.integer(json, "id", "action '" + name + "'");
        List<String> names = new ArrayList<>();
        List<JsonNode> rd = Json.array(json, "runtime_data");
        this.paramWidths = new int[rd.size()];
        for (int i = 0; i < rd.size(); i++) {
            names.add(Json.str(rd.get(i), "name", "runtime data of action '" + name + "'"));
            paramWidths[i] = Json.integer(rd.get(i), "bitwidth", "runtime data of action '" + name + "'");
        }
        this.paramNames = Collections.unmodifiableList(names);
        List<JsonNode> prims = Json.array(json, "primitives");
        this.primitives = new Primitive[prims.size()];
        for (int i = 0; i < prims.size(); i++) {
            primitives[i] = compiler.compile(prims.get(i), rd.size(), "action " + name);
        }
    }

    /** Runs the primitives in order, following _jump / _jump_if_zero. */
    void execute(PacketState s, BitValue[] params, Primitive.ExecContext ctx) {
        if (LOG.isTraceEnabled()) {
            LOG.trace("action {}{}", name, java.util.Arrays.toString(params));
        }
        int idx = 0;
        int steps = 0;
        while (idx < primitives.length) {
            int next = primitives[idx].execute(s, params, ctx);
            idx = next == Primitive.NEXT ? idx + 1 : next;
            if (++steps > 1_000_000) {
                throw new PipelineAbortException("action " + name + " does not terminate");
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
