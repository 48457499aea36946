package org.p4vpn.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compiles BMv2 JSON type-value objects and expressions ({@code {"type":"expression",
 * "value":{"op":...}}}) into {@link Expr} trees, checking operand kinds; anything unknown
 * fails with {@link UnsupportedConstructException}.
 */
final class ExprCompiler {

    private final PhvLayout layout;

    ExprCompiler(PhvLayout layout) {
        this.layout = layout;
    }

    /**
     * @param json      a type-value object
     * @param numLocals number of action parameters usable as "local"/"runtime_data", -1 if none
     * @param where     context for error messages
     */
    Expr compile(JsonNode json, int numLocals, String where) {
        if (json == null || json.isNull()) {
            throw new UnsupportedConstructException("missing expression in " + where);
        }
        if (json.has("op") && !json.has("type")) {
            return compileOp(json, numLocals, where);
        }
        String type = Json.str(json, "type", where);
        JsonNode value = json.get("value");
        switch (type) {
            case "expression":
                return value.has("op") ? compileOp(value, numLocals, where) : compile(value, numLocals, where);
            case "field":
                return new Expr.Field(layout.field(value.get(0).asText(), value.get(1).asText(), where));
            case "hexstr":
                return new Expr.Const(hex(value.asText(), where));
            case "bool":
                return new Expr.BoolConst(value.asBoolean());
            case "header":
                return new Expr.Header(layout.header(value.asText(), where).index);
            case "header_stack":
                return new Expr.Stack(layout.stack(value.asText(), where).index);
            case "stack_field": {
                PhvLayout.StackDef st = layout.stack(value.get(0).asText(), where);
                return new Expr.StackField(st, layout.fieldIndex(st.type, value.get(1).asText(), where));
            }
            case "local":
            case "runtime_data": {
                int idx = value.asInt();
                if (idx < 0 || idx >= numLocals) {
                    throw new UnsupportedConstructException("'" + type + "' reference " + idx + " out of range in " + where);
                }
                return new Expr.Local(idx);
            }
            default:
                throw new UnsupportedConstructException("unsupported expression type '" + type + "' in " + where);
        }
    }

    /** Compiles and checks the kind. */
    Expr compile(JsonNode json, int numLocals, String where, Expr.Kind expected) {
        Expr e = compile(json, numLocals, where);
        if (e.kind != expected) {
            throw new UnsupportedConstructException("expected a " + expected.name().toLowerCase()
                    + " expression but got " + e.kind.name().toLowerCase() + " in " + where);
        }
        return e;
    }

    static BitValue hex(String s, String where) {
        try {
            return BitValue.parseHex(s);
        } catch (NumberFormatException e) {
            throw new UnsupportedConstructException("bad hexstring '" + s + "' in " + where, e);
        }
    }

    private Expr compileOp(JsonNode v, int n, String where) {
        String op = Json.str(v, "op", where);
        JsonNode l = v.get("left");
        JsonNode r = v.get("right");
        boolean hasLeft = l != null && !l.isNull();
        switch (op) {
            case "+":
                return hasLeft ? bin(op, v, n, where, BitValue::add) : unaryData(r, n, where, BitValue::add);
            case "-":
                return hasLeft ? bin(op, v, n, where, BitValue::subtract)
                        : unaryData(r, n, where, BitValue::subtract);
            case "*":
                return bin(op, v, n, where, BitValue::multiply);
            case "/":
                return bin(op, v, n, where, ExprOps::divide);
            case "%":
                return bin(op, v, n, where, ExprOps::mod);
            case "<<":
                return bin(op, v, n, where, (a, b) -> a.shiftLeft(b.toIndex()));
            case ">>":
                return bin(op, v, n, where, (a, b) -> a.shiftRight(b.toIndex()));
            case "&":
                return bin(op, v, n, where, BitValue::and);
            case "|":
                return bin(op, v, n, where, BitValue::or);
            case "^":
                return bin(op, v, n, where, BitValue::xor);
            case "two_comp_mod":
                return bin(op, v, n, where, ExprOps::twoCompMod);
            case "usat_cast":
                return bin(op, v, n, where, ExprOps::usatCast);
            case "sat_cast":
                return bin(op, v, n, where, ExprOps::satCast);
            case "~":
                return new ExprOps.DataUnary(compile(r, n, where, Expr.Kind.DATA), BitValue::not);
            case "==":
            case "!=": {
                Expr a = compile(l, n, where);
                Expr b = compile(r, n, where);
                if (a.kind != b.kind || a.kind == Expr.Kind.STACK) {
                    throw new UnsupportedConstructException("unsupported operands of '" + op + "' in " + where);
                }
                return new ExprOps.Compare(op, a, b);
            }
            case "<":
            case ">":
            case "<=":
            case ">=":
                return new ExprOps.Compare(op, compile(l, n, where, Expr.Kind.DATA), compile(r, n, where, Expr.Kind.DATA));
            case "and":
            case "or":
                return new ExprOps.Logic(op.equals("and"), compile(l, n, where, Expr.Kind.BOOL),
                        compile(r, n, where, Expr.Kind.BOOL));
            case "not":
                return new ExprOps.Not(compile(r, n, where, Expr.Kind.BOOL));
            case "valid":
                return new ExprOps.Valid(compile(r, n, where, Expr.Kind.HEADER));
            case "d2b":
                return new ExprOps.DataToBool(compile(r, n, where, Expr.Kind.DATA));
            case "b2d":
                return new ExprOps.BoolToData(compile(r, n, where, Expr.Kind.BOOL));
            case "?": {
                Expr c = compile(Json.req(v, "cond", where), n, where, Expr.Kind.BOOL);
                Expr a = compile(l, n, where);
                Expr b = compile(r, n, where, a.kind);
                return new ExprOps.Ternary(c, a, b);
            }
            case "dereference_header_stack":
            case "dereference_stack":
                return new ExprOps.Dereference(compile(l, n, where, Expr.Kind.STACK), compile(r, n, where, Expr.Kind.DATA));
            case "last_stack_index":
                return new ExprOps.StackCount(compile(r, n, where, Expr.Kind.STACK), 1);
            case "size_stack":
                return new ExprOps.StackCount(compile(r, n, where, Expr.Kind.STACK), 0);
            case "access_field": {
                Expr h = compile(l, n, where, Expr.Kind.HEADER);
                if (!r.canConvertToInt()) {
                    throw new UnsupportedConstructException("access_field offset is not an integer in " + where);
                }
                return new ExprOps.AccessField(h, r.asInt());
            }
            default:
                throw new UnsupportedConstructException("unsupported expression op '" + op + "' in " + where);
        }
    }

    private Expr bin(String op, JsonNode v, int n, String where, java.util.function.BinaryOperator<BitValue> fn) {
        return new ExprOps.DataBinary(op, compile(v.get("left"), n, where, Expr.Kind.DATA),
                compile(v.get("right"), n, where, Expr.Kind.DATA), fn);
    }

    /** Unary + and -: BMv2 loads 0 as the left operand. */
    private Expr unaryData(JsonNode r, int n, String where, java.util.function.BinaryOperator<BitValue> fn) {
        Expr operand = compile(r, n, where, Expr.Kind.DATA);
        return new ExprOps.DataUnary(operand, x -> fn.apply(BitValue.ZERO, x));
    }
}
