package org.p4vpn.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON parser (parser.cpp): states run their ops in order, then the transition key (bytes
 * of each byte-padded key field, concatenated) is matched against the transitions in order;
 * no match and no default ends parsing (accept). An error (PacketTooShort, StackOutOfBounds,
 * a failed verify...) stops parsing and is recorded; headers extracted so far stay valid. The
 * checksums to verify run afterwards, whatever happened.
 */
final class ParserEngine {

    /** A parser error carrying the P4 error value. */
    static final class ParserError extends Exception {
        private static final long serialVersionUID = 1L;
        final int value;

        ParserError(int value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    private interface Op {
        void run(PacketState s, Primitive.ExecContext ctx) throws ParserError;
    }

    private interface KeyPart {
        /** Appends this part's bytes to {@code out} at {@code off}. */
        void write(PacketState s, byte[] out, int off);

        int nbytes();

        int bitwidth();
    }

    private static final class Transition {
        String type;
        byte[] value;
        byte[] mask;
        int vset = -1;
        String next;
    }

    private static final class State {
        final String name;
        final List<Op> ops = new ArrayList<>();
        final List<KeyPart> key = new ArrayList<>();
        final List<Transition> transitions = new ArrayList<>();
        int keyBytes;

        State(String name) {
            this.name = name;
        }
    }

    final String name;
    private final Map<String, State> states = new HashMap<>();
    private final String init;
    private final PhvLayout layout;
    private final List<Checksum> verifyChecksums = new ArrayList<>();

    ParserEngine(JsonNode json, PhvLayout layout, ExprCompiler exprs, PrimitiveCompiler prims,
                 Map<String, Integer> vsets) {
        this.layout = layout;
        this.name = Json.str(json, "name", "parser");
        this.init = Json.nullableText(json, "init_state");
        for (JsonNode st : Json.array(json, "parse_states")) {
            State state = new State(Json.str(st, "name", "parse state"));
            String where = "parser state '" + state.name + "'";
            for (JsonNode op : Json.array(st, "parser_ops")) {
                state.ops.add(compileOp(op, exprs, prims, where));
            }
            for (JsonNode k : Json.array(st, "transition_key")) {
                KeyPart part = keyPart(k, where);
                state.key.add(part);
                state.keyBytes += part.nbytes();
            }
            for (JsonNode t : Json.array(st, "transitions")) {
                Transition tr = new Transition();
                tr.type = Json.str(t, "type", where);
                tr.next = Json.nullableText(t, "next_state");
                String maskText = Json.nullableText(t, "mask");
                tr.mask = maskText == null ? null : ExprCompiler.hex(maskText, where).toBytes(state.keyBytes);
                switch (tr.type) {
                    case "default":
                        break;
                    case "hexstr":
                        tr.value = ExprCompiler.hex(Json.str(t, "value", where), where).toBytes(state.keyBytes);
                        break;
                    case "parse_vset": {
                        Integer vs = vsets.get(Json.str(t, "value", where));
                        if (vs == null) {
                            throw new UnsupportedConstructException("unknown parse value set in " + where);
                        }
                        tr.vset = vs;
                        break;
                    }
                    default:
                        throw new UnsupportedConstructException("unsupported transition type '" + tr.type + "' in " + where);
                }
                state.transitions.add(tr);
            }
            states.put(state.name, state);
        }
        for (State st : states.values()) {
            for (Transition t : st.transitions) {
                if (t.next != null && !states.containsKey(t.next)) {
                    throw new UnsupportedConstructException("unknown next state '" + t.next + "' in parser state '" + st.name + "'");
                }
            }
        }
        if (init != null && !states.containsKey(init)) {
            throw new UnsupportedConstructException("unknown init_state '" + init + "' of parser '" + name + "'");
        }
    }

    void addVerifyChecksum(Checksum c) {
        verifyChecksums.add(c);
    }

    /** Parses the frame into {@code s}; sets parser error, payload offset and checksum error. */
    void parse(PacketState s, Primitive.ExecContext ctx, ValueSetLookup vsets) {
        s.parserError = layout.errors.get("NoError");
        s.checksumError = false;
        String current = init;
        int steps = 0;
        try {
            while (current != null) {
                if (++steps > 100_000) {
                    throw new PipelineAbortException("parser loops in state " + current);
                }
                current = step(states.get(current), s, ctx, vsets);
            }
        } catch (ParserError e) {
            s.parserError = e.value;
        }
        for (Checksum c : verifyChecksums) {
            if (!c.verify(s)) {
                s.checksumError = true;
            }
        }
    }

    /** Access to parse value sets' current contents (compressed values). */
    interface ValueSetLookup {
        boolean contains(int vset, byte[] key, byte[] mask, int[] bitwidths);
    }

    private String step(State st, PacketState s, Primitive.ExecContext ctx, ValueSetLookup vsets) throws ParserError {
        for (Op op : st.ops) {
            op.run(s, ctx);
        }
        if (st.key.isEmpty()) {
            for (Transition t : st.transitions) {
                if (t.type.equals("default")) {
                    return t.next;
                }
            }
            return st.transitions.isEmpty() ? null : st.transitions.get(0).next;
        }
        byte[] key = new byte[st.keyBytes];
        int off = 0;
        for (KeyPart k : st.key) {
            k.write(s, key, off);
            off += k.nbytes();
        }
        String dflt = null;
        boolean hasDefault = false;
        for (Transition t : st.transitions) {
            switch (t.type) {
                case "default":
                    if (!hasDefault) {
                        dflt = t.next;
                        hasDefault = true;
                    }
                    break;
                case "hexstr":
                    if (matches(key, t.value, t.mask)) {
                        return t.next;
                    }
                    break;
                default:
                    int[] widths = st.key.stream().mapToInt(KeyPart::bitwidth).toArray();
                    if (vsets.contains(t.vset, key, t.mask, widths)) {
                        return t.next;
                    }
            }
        }
        return dflt;
    }

    private static boolean matches(byte[] key, byte[] value, byte[] mask) {
        for (int i = 0; i < key.length; i++) {
            int m = mask == null ? 0xff : mask[i];
            if (((key[i] ^ value[i]) & m) != 0) {
                return false;
            }
        }
        return true;
    }

    private int error(String core) {
        return layout.errors.get(core);
    }

    private KeyPart keyPart(JsonNode k, String where) {
        String type = Json.str(k, "type", where);
        JsonNode v = k.get("value");
        switch (type) {
            case "field": {
                FieldRef f = layout.field(v.get(0).asText(), v.get(1).asText(), where);
                return fieldPart(f.width, s -> s.get(f));
            }
            case "stack_field": {
                PhvLayout.StackDef st = layout.stack(v.get(0).asText(), where);
                int field = layout.fieldIndex(st.type, v.get(1).asText(), where);
                Expr.StackField sf = new Expr.StackField(st, field);
                return fieldPart(st.type.widths[field], s -> sf.data(s, null));
            }
            case "lookahead": {
                int offset = v.get(0).asInt();
                int width = v.get(1).asInt();
                return fieldPart(width, s -> lookahead(s, offset, width));
            }
            default:
                throw new UnsupportedConstructException("unsupported transition key type '" + type + "' in " + where);
        }
    }

    private static KeyPart fieldPart(int width, java.util.function.Function<PacketState, BitValue> read) {
        int nbytes = Bits.bytesFor(width);
        return new KeyPart() {
            @Override
            public void write(PacketState s, byte[] out, int off) {
                System.arraycopy(read.apply(s).truncate(width).toBytes(nbytes), 0, out, off, nbytes);
            }

            @Override
            public int nbytes() {
                return nbytes;
            }

            @Override
            public int bitwidth() {
                return width;
            }
        };
    }

    /** Bits ahead of the cursor; bytes past the end of the packet read as 0. */
    private static BitValue lookahead(PacketState s, int offset, int width) {
        int need = Bits.bytesFor(offset + width);
        byte[] window = new byte[need];
        System.arraycopy(s.frame, s.payloadOffset, window, 0, Math.min(need, s.payloadLength()));
        return Bits.read(window, offset, width);
    }

    private Op compileOp(JsonNode op, ExprCompiler exprs, PrimitiveCompiler prims, String where) {
        String type = Json.str(op, "op", where);
        List<JsonNode> p = Json.array(op, "parameters");
        switch (type) {
            case "extract": {
                String ptype = Json.str(p.get(0), "type", where);
                String target = p.get(0).get("value").asText();
                if (ptype.equals("regular")) {
                    int h = layout.header(target, where).index;
                    return (s, c) -> extract(s, h);
                } else if (ptype.equals("stack")) {
                    PhvLayout.StackDef st = layout.stack(target, where);
                    return (s, c) -> {
                        if (s.stackNext[st.index] == st.headers.length) {
                            throw new ParserError(error("StackOutOfBounds"));
                        }
                        extract(s, st.headers[s.stackNext[st.index]]);
                        s.stackNext[st.index]++;
                    };
                }
                throw new UnsupportedConstructException("unsupported extract type '" + ptype + "' in " + where);
            }
            case "set": {
                Expr dst = exprs.compile(p.get(0), 0, where, Expr.Kind.DATA);
                if (!dst.isLvalue()) {
                    throw new UnsupportedConstructException("parser set destination is not a field in " + where);
                }
                JsonNode src = p.get(1);
                if ("lookahead".equals(Json.str(src, "type", where))) {
                    int offset = src.get("value").get(0).asInt();
                    int width = src.get("value").get(1).asInt();
                    return (s, c) -> {
                        if (s.payloadLength() < Bits.bytesFor(width)) {
                            throw new ParserError(error("PacketTooShort"));
                        }
                        long loc = dst.location(s, null);
                        s.set((int) (loc >>> 32), (int) loc, lookahead(s, offset, width));
                    };
                }
                Expr value = exprs.compile(src, 0, where, Expr.Kind.DATA);
                return (s, c) -> {
                    long loc = dst.location(s, null);
                    s.set((int) (loc >>> 32), (int) loc, value.data(s, null));
                };
            }
            case "verify": {
                Expr cond = exprs.compile(p.get(0), 0, where, Expr.Kind.BOOL);
                Expr err = exprs.compile(p.get(1), 0, where, Expr.Kind.DATA);
                return (s, c) -> {
                    if (!cond.bool(s, null)) {
                        throw new ParserError((int) err.data(s, null).longValue());
                    }
                };
            }
            case "advance": {
                Expr bits = exprs.compile(p.get(0), 0, where, Expr.Kind.DATA);
                return (s, c) -> {
                    long n = bits.data(s, null).longValue();
                    if (n % 8 != 0) {
                        throw new ParserError(error("ParserInvalidArgument"));
                    }
                    if (s.payloadLength() < n / 8) {
                        throw new ParserError(error("PacketTooShort"));
                    }
                    s.payloadOffset += (int) (n / 8);
                };
            }
            case "primitive": {
                Primitive prim = prims.compile(p.get(0), 0, where);
                return (s, c) -> prim.execute(s, new BitValue[0], c);
            }
            default:
                throw new UnsupportedConstructException("unsupported parser op '" + type + "' in " + where);
        }
    }

    private void extract(PacketState s, int header) throws ParserError {
        int nbytes = layout.headers.get(header).type.nbytes();
        if (s.payloadLength() < nbytes) {
            throw new ParserError(error("PacketTooShort"));
        }
        s.extract(header, s.frame, s.payloadOffset);
        s.payloadOffset += nbytes;
    }
}
