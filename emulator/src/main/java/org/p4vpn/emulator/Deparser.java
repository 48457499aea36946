package org.p4vpn.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON deparser (deparser.cpp): updates the checksums, runs its method calls, then emits the
 * valid headers in "order" followed by the unparsed payload.
 */
final class Deparser {

    final String name;
    private final int[] order;
    private final List<Primitive> calls = new ArrayList<>();
    private final List<Checksum> updateChecksums = new ArrayList<>();

    Deparser(JsonNode json, PhvLayout layout, PrimitiveCompiler prims) {
        this.name = Json.str(json, "name", "deparser");
        String where = "deparser '" + name + "'";
        List<JsonNode> o = Json.array(json, "order");
        this.order = new int[o.size()];
        for (int i = 0; i < order.length; i++) {
            PhvLayout.HeaderDef h = layout.header(o.get(i).asText(), where);
            if (h.type.nbits % 8 != 0) {
                throw new UnsupportedConstructException("header '" + h.name + "' is not byte-aligned in " + where);
            }
            order[i] = h.index;
        }
        for (JsonNode p : Json.array(json, "primitives")) {
            calls.add(prims.compile(p, 0, where));
        }
    }

    void addUpdateChecksum(Checksum c) {
        updateChecksums.add(c);
    }

    byte[] deparse(PacketState s, Primitive.ExecContext ctx) {
        for (Checksum c : updateChecksums) {
            c.update(s);
        }
        for (Primitive p : calls) {
            p.execute(s, new BitValue[0], ctx);
        }
        int len = s.payloadLength();
        for (int h : order) {
            if (s.valid[h]) {
                len += s.layout.headers.get(h).type.nbytes();
            }
        }
        byte[] out = new byte[len];
        int off = 0;
        for (int h : order) {
            if (s.valid[h]) {
                s.deparse(h, out, off);
                off += s.layout.headers.get(h).type.nbytes();
            }
        }
        System.arraycopy(s.frame, s.payloadOffset, out, off, s.payloadLength());
        return out;
    }
}
