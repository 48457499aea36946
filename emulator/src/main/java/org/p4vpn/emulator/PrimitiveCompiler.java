package org.p4vpn.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * Compiles the JSON primitive calls p4c emits for v1model into {@link Primitive}s. Anything
 * else (clone, resubmit, recirculate, digests, registers, meters, random, truncate...) is
 * rejected at load time with the primitive's name.
 */
final class PrimitiveCompiler {

    private final PhvLayout layout;
    private final ExprCompiler exprs;
    private final Map<String, Integer> counterArrays;
    private final Map<String, Calculation> calculations;

    PrimitiveCompiler(PhvLayout layout, ExprCompiler exprs, Map<String, Integer> counterArrays,
                      Map<String, Calculation> calculations) {
        this.layout = layout;
        this.exprs = exprs;
        this.counterArrays = counterArrays;
        this.calculations = calculations;
    }

    /**
     * @param call      the {"op", "parameters"} object
     * @param numLocals number of runtime data of the enclosing action (0 outside actions)
     * @param where     e.g. "action X"
     */
    Primitive compile(JsonNode call, int numLocals, String where) {
        String op = Json.str(call, "op", where);
        List<JsonNode> p = Json.array(call, "parameters");
        String ctx = "primitive '" + op + "' in " + where;
        switch (op) {
            case "assign":
            case "modify_field": {
                arity(p, 2, ctx);
                Expr dst = lvalue(p.get(0), numLocals, ctx);
                Expr src = data(p.get(1), numLocals, ctx);
                return (s, l, c) -> {
                    long loc = dst.location(s, l);
                    s.set((int) (loc >>> 32), (int) loc, src.data(s, l));
                    return Primitive.NEXT;
                };
            }
            case "add_to_field":
                return legacyUpdate(p, numLocals, ctx, BitValue::add);
            case "subtract_from_field":
                return legacyUpdate(p, numLocals, ctx, BitValue::subtract);
            case "add":
                return legacyBinary(p, numLocals, ctx, BitValue::add);
            case "subtract":
                return legacyBinary(p, numLocals, ctx, BitValue::subtract);
            case "bit_and":
                return legacyBinary(p, numLocals, ctx, BitValue::and);
            case "bit_or":
                return legacyBinary(p, numLocals, ctx, BitValue::or);
            case "bit_xor":
                return legacyBinary(p, numLocals, ctx, BitValue::xor);
            case "shift_left":
                return legacyBinary(p, numLocals, ctx, (a, b) -> a.shiftLeft(b.toIndex()));
            case "shift_right":
                return legacyBinary(p, numLocals, ctx, (a, b) -> a.shiftRight(b.toIndex()));
            case "assign_header":
            case "copy_header": {
                arity(p, 2, ctx);
                Expr dst = header(p.get(0), numLocals, ctx);
                Expr src = header(p.get(1), numLocals, ctx);
                return (s, l, c) -> {
                    assignHeader(s, dst.header(s, l), src.header(s, l));
                    return Primitive.NEXT;
                };
            }
            case "assign_header_stack": {
                arity(p, 2, ctx);
                PhvLayout.StackDef dst = stack(p.get(0), ctx);
                PhvLayout.StackDef src = stack(p.get(1), ctx);
                return (s, l, c) -> {
                    s.stackNext[dst.index] = s.stackNext[src.index];
                    for (int i = 0; i < dst.headers.length; i++) {
                        assignHeader(s, dst.headers[i], src.headers[i]);
                    }
                    return Primitive.NEXT;
                };
            }
            case "add_header": {
                arity(p, 1, ctx);
                Expr h = header(p.get(0), numLocals, ctx);
                return (s, l, c) -> {
                    int idx = h.header(s, l);
                    if (!s.valid[idx]) {
                        s.zero(idx);
                        s.valid[idx] = true;
                        s.packetLengthReg += layout.headers.get(idx).type.nbytes();
                    }
                    return Primitive.NEXT;
                };
            }
            case "remove_header": {
                arity(p, 1, ctx);
                Expr h = header(p.get(0), numLocals, ctx);
                return (s, l, c) -> {
                    int idx = h.header(s, l);
                    if (s.valid[idx]) {
                        s.packetLengthReg -= layout.headers.get(idx).type.nbytes();
                        s.valid[idx] = false;
                    }
                    return Primitive.NEXT;
                };
            }
            case "push":
            case "pop": {
                arity(p, 2, ctx);
                PhvLayout.StackDef st = stack(p.get(0), ctx);
                Expr count = data(p.get(1), numLocals, ctx);
                boolean push = op.equals("push");
                return (s, l, c) -> {
                    int n = count.data(s, l).toIndex();
                    if (push) {
                        StackOps.pushFront(s, st, n);
                    } else {
                        StackOps.popFront(s, st, n);
                    }
                    return Primitive.NEXT;
                };
            }
            case "mark_to_drop": {
                arity(p, 1, ctx);
                PhvLayout.HeaderDef std = layout.header(text(p.get(0), "header", ctx), ctx);
                FieldRef spec = layout.fieldOf(std, "egress_spec", ctx);
                FieldRef mcast = std.type.index.containsKey("mcast_grp") ? layout.fieldOf(std, "mcast_grp", ctx) : null;
                return (s, l, c) -> {
                    s.set(spec, BitValue.of(c.dropPort()));
                    if (mcast != null) {
                        s.set(mcast, BitValue.ZERO);
                    }
                    return Primitive.NEXT;
                };
            }
            case "drop": {
                arity(p, 0, ctx);
                FieldRef spec = layout.target("standard_metadata.egress_spec");
                FieldRef mcast = layout.target("intrinsic_metadata.mcast_grp");
                if (spec == null) {
                    throw new UnsupportedConstructException("no standard_metadata.egress_spec for " + ctx);
                }
                return (s, l, c) -> {
                    s.set(spec, BitValue.of(c.dropPort()));
                    if (mcast != null) {
                        s.set(mcast, BitValue.ZERO);
                    }
                    return Primitive.NEXT;
                };
            }
            case "exit":
                arity(p, 0, ctx);
                return (s, l, c) -> {
                    s.exit = true;
                    return Primitive.NEXT;
                };
            case "no_op":
                arity(p, 0, ctx);
                return (s, l, c) -> Primitive.NEXT;
            case "log_msg":
                arity(p, 2, ctx);
                return (s, l, c) -> Primitive.NEXT;
            case "assert":
            case "assume": {
                arity(p, 1, ctx);
                Expr cond = exprs.compile(p.get(0), numLocals, ctx);
                return (s, l, c) -> {
                    boolean ok = cond.kind == Expr.Kind.BOOL ? cond.bool(s, l) : !cond.data(s, l).isZero();
                    if (!ok) {
                        throw new PipelineAbortException((op.equals("assert") ? "Assert" : "Assume")
                                + " error in " + where);
                    }
                    return Primitive.NEXT;
                };
            }
            case "_jump": {
                arity(p, 1, ctx);
                Expr off = data(p.get(0), numLocals, ctx);
                return (s, l, c) -> off.data(s, l).toIndex();
            }
            case "_jump_if_zero": {
                arity(p, 2, ctx);
                Expr cond = data(p.get(0), numLocals, ctx);
                Expr off = data(p.get(1), numLocals, ctx);
                return (s, l, c) -> cond.data(s, l).isZero() ? off.data(s, l).toIndex() : Primitive.NEXT;
            }
            case "count": {
                arity(p, 2, ctx);
                Integer array = counterArrays.get(text(p.get(0), "counter_array", ctx));
                if (array == null) {
                    throw new UnsupportedConstructException("unknown counter array in " + ctx);
                }
                Expr idx = data(p.get(1), numLocals, ctx);
                return (s, l, c) -> {
                    c.count(array, idx.data(s, l).longValue(), s);
                    return Primitive.NEXT;
                };
            }
            case "modify_field_with_hash_based_offset": {
                arity(p, 4, ctx);
                Expr dst = lvalue(p.get(0), numLocals, ctx);
                Expr base = data(p.get(1), numLocals, ctx);
                Calculation calc = calculations.get(text(p.get(2), "calculation", ctx));
                if (calc == null) {
                    throw new UnsupportedConstructException("unknown calculation in " + ctx);
                }
                Expr size = data(p.get(3), numLocals, ctx);
                return (s, l, c) -> {
                    long sz = size.data(s, l).longValue();
                    long h = calc.output(s);
                    long v = Long.remainderUnsigned(h, sz == 0 ? 1 : sz);
                    long loc = dst.location(s, l);
                    s.set((int) (loc >>> 32), (int) loc, BitValue.of(v).add(base.data(s, l)));
                    return Primitive.NEXT;
                };
            }
            default:
                throw new UnsupportedConstructException("unsupported primitive '" + op + "' in " + where);
        }
    }

    /** BMv2's assign_header: an invalid source invalidates the destination. */
    static void assignHeader(PacketState s, int dst, int src) {
        if (!s.valid[src]) {
            s.valid[dst] = false;
            return;
        }
        s.valid[dst] = true;
        System.arraycopy(s.values[src], 0, s.values[dst], 0, s.values[dst].length);
    }

    private Primitive legacyUpdate(List<JsonNode> p, int n, String ctx, BinaryOperator<BitValue> fn) {
        arity(p, 2, ctx);
        Expr dst = lvalue(p.get(0), n, ctx);
        Expr src = data(p.get(1), n, ctx);
        return (s, l, c) -> {
            long loc = dst.location(s, l);
            int h = (int) (loc >>> 32);
            int f = (int) loc;
            s.set(h, f, fn.apply(s.get(h, f), src.data(s, l)));
            return Primitive.NEXT;
        };
    }

    private Primitive legacyBinary(List<JsonNode> p, int n, String ctx, BinaryOperator<BitValue> fn) {
        arity(p, 3, ctx);
        Expr dst = lvalue(p.get(0), n, ctx);
        Expr a = data(p.get(1), n, ctx);
        Expr b = data(p.get(2), n, ctx);
        return (s, l, c) -> {
            long loc = dst.location(s, l);
            s.set((int) (loc >>> 32), (int) loc, fn.apply(a.data(s, l), b.data(s, l)));
            return Primitive.NEXT;
        };
    }

    private static void arity(List<JsonNode> p, int n, String ctx) {
        if (p.size() != n) {
            throw new UnsupportedConstructException("expected " + n + " parameters but got " + p.size() + " for " + ctx);
        }
    }

    private static String text(JsonNode param, String type, String ctx) {
        String t = Json.str(param, "type", ctx);
        if (!t.equals(type)) {
            throw new UnsupportedConstructException("unsupported parameter type '" + t + "' (expected '" + type + "') for " + ctx);
        }
        return param.get("value").asText();
    }

    private Expr data(JsonNode param, int n, String ctx) {
        return exprs.compile(param, n, ctx, Expr.Kind.DATA);
    }

    private Expr lvalue(JsonNode param, int n, String ctx) {
        Expr e = exprs.compile(param, n, ctx, Expr.Kind.DATA);
        if (!e.isLvalue()) {
            throw new UnsupportedConstructException("destination is not a field for " + ctx);
        }
        return e;
    }

    private Expr header(JsonNode param, int n, String ctx) {
        return exprs.compile(param, n, ctx, Expr.Kind.HEADER);
    }

    private PhvLayout.StackDef stack(JsonNode param, String ctx) {
        return layout.stack(text(param, "header_stack", ctx), ctx);
    }
}
