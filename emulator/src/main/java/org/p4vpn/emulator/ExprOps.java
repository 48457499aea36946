package org.p4vpn.emulator;

import java.math.BigInteger;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/** Operator nodes of {@link Expr}, with BMv2's semantics (expressions.cpp, data.h). */
final class ExprOps {

    private ExprOps() {
    }

    /** Binary data operator on exact integers. */
    static final class DataBinary extends Expr {
        final String op;
        final Expr left;
        final Expr right;
        final BinaryOperator<BitValue> fn;

        DataBinary(String op, Expr left, Expr right, BinaryOperator<BitValue> fn) {
            super(Kind.DATA);
            this.op = op;
            this.left = left;
            this.right = right;
            this.fn = fn;
        }

        @Override
        BitValue data(PacketState s, BitValue[] locals) {
            return fn.apply(left.data(s, locals), right.data(s, locals));
        }

        @Override
        public String toString() {
            return "(" + left + " " + op + " " + right + ")";
        }
    }

    /** Unary data operator. */
    static final class DataUnary extends Expr {
        final Expr operand;
        final UnaryOperator<BitValue> fn;

        DataUnary(Expr operand, UnaryOperator<BitValue> fn) {
            super(Kind.DATA);
            this.operand = operand;
            this.fn = fn;
        }

        @Override
        BitValue data(PacketState s, BitValue[] locals) {
            return fn.apply(operand.data(s, locals));
        }
    }

    /** Comparison of data values (signed, exact), or equality of booleans or headers. */
    static final class Compare extends Expr {
        final String op;
        final Expr left;
        final Expr right;

        Compare(String op, Expr left, Expr right) {
            super(Kind.BOOL);
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        boolean bool(PacketState s, BitValue[] locals) {
            boolean eq;
            switch (left.kind) {
                case BOOL:
                    eq = left.bool(s, locals) == right.bool(s, locals);
                    return op.equals("==") ? eq : !eq;
                case HEADER:
                    eq = headersEqual(s, left.header(s, locals), right.header(s, locals));
                    return op.equals("==") ? eq : !eq;
                default:
                    break;
            }
            int c = left.data(s, locals).compareTo(right.data(s, locals));
            switch (op) {
                case "==": return c == 0;
                case "!=": return c != 0;
                case "<": return c < 0;
                case ">": return c > 0;
                case "<=": return c <= 0;
                default: return c >= 0;
            }
        }

        /** BMv2's Header::cmp: same type, both valid, same field values. */
        private static boolean headersEqual(PacketState s, int a, int b) {
            return s.layout.headers.get(a).type == s.layout.headers.get(b).type && s.valid[a] && s.valid[b]
                    && java.util.Arrays.equals(s.values[a], s.values[b]);
        }

        @Override
        public String toString() {
            return "(" + left + " " + op + " " + right + ")";
        }
    }

    /** and / or (both sides evaluated, as BMv2 does). */
    static final class Logic extends Expr {
        final boolean isAnd;
        final Expr left;
        final Expr right;

        Logic(boolean isAnd, Expr left, Expr right) {
            super(Kind.BOOL);
            this.isAnd = isAnd;
            this.left = left;
            this.right = right;
        }

        @Override
        boolean bool(PacketState s, BitValue[] locals) {
            boolean l = left.bool(s, locals);
            boolean r = right.bool(s, locals);
            return isAnd ? l && r : l || r;
        }
    }

    /** not. */
    static final class Not extends Expr {
        final Expr operand;

        Not(Expr operand) {
            super(Kind.BOOL);
            this.operand = operand;
        }

        @Override
        boolean bool(PacketState s, BitValue[] locals) {
            return !operand.bool(s, locals);
        }
    }

    /** valid(header). */
    static final class Valid extends Expr {
        final Expr header;

        Valid(Expr header) {
            super(Kind.BOOL);
            this.header = header;
        }

        @Override
        boolean bool(PacketState s, BitValue[] locals) {
            return s.valid[header.header(s, locals)];
        }
    }

    /** d2b: data != 0. */
    static final class DataToBool extends Expr {
        final Expr operand;

        DataToBool(Expr operand) {
            super(Kind.BOOL);
            this.operand = operand;
        }

        @Override
        boolean bool(PacketState s, BitValue[] locals) {
            return !operand.data(s, locals).isZero();
        }
    }

    /** b2d: 1 or 0. */
    static final class BoolToData extends Expr {
        final Expr operand;

        BoolToData(Expr operand) {
            super(Kind.DATA);
            this.operand = operand;
        }

        @Override
        BitValue data(PacketState s, BitValue[] locals) {
            return BitValue.of(operand.bool(s, locals));
        }
    }

    /** cond ? left : right, any kind; only the chosen side is evaluated. */
    static final class Ternary extends Expr {
        final Expr cond;
        final Expr left;
        final Expr right;

        Ternary(Expr cond, Expr left, Expr right) {
            super(left.kind);
            this.cond = cond;
            this.left = left;
            this.right = right;
        }

        private Expr pick(PacketState s, BitValue[] locals) {
            return cond.bool(s, locals) ? left : right;
        }

        @Override
        BitValue data(PacketState s, BitValue[] locals) {
            return pick(s, locals).data(s, locals);
        }

        @Override
        boolean bool(PacketState s, BitValue[] locals) {
            return pick(s, locals).bool(s, locals);
        }

        @Override
        int header(PacketState s, BitValue[] locals) {
            return pick(s, locals).header(s, locals);
        }

        @Override
        int stack(PacketState s, BitValue[] locals) {
            return pick(s, locals).stack(s, locals);
        }
    }

    /** stack[index] as a header. */
    static final class Dereference extends Expr {
        final Expr stack;
        final Expr index;

        Dereference(Expr stack, Expr index) {
            super(Kind.HEADER);
            this.stack = stack;
            this.index = index;
        }

        @Override
        int header(PacketState s, BitValue[] locals) {
            PhvLayout.StackDef def = s.layout.stacks.get(stack.stack(s, locals));
            BitValue i = index.data(s, locals);
            if (i.signum() < 0 || i.compareTo(BitValue.of(def.headers.length)) >= 0) {
                throw new PipelineAbortException("header stack index " + i + " out of bounds for " + def.name);
            }
            return def.headers[(int) i.longValue()];
        }
    }

    /** header.field where the header is computed at run time ("access_field"). */
    static final class AccessField extends Expr {
        final Expr header;
        final int field;

        AccessField(Expr header, int field) {
            super(Kind.DATA);
            this.header = header;
            this.field = field;
        }

        @Override
        BitValue data(PacketState s, BitValue[] locals) {
            return s.get(header.header(s, locals), field);
        }

        @Override
        long location(PacketState s, BitValue[] locals) {
            return pack(header.header(s, locals), field);
        }

        @Override
        boolean isLvalue() {
            return true;
        }
    }

    /** last_stack_index (next - 1) and size_stack (next). */
    static final class StackCount extends Expr {
        final Expr stack;
        final int minus;

        StackCount(Expr stack, int minus) {
            super(Kind.DATA);
            this.stack = stack;
            this.minus = minus;
        }

        @Override
        BitValue data(PacketState s, BitValue[] locals) {
            return BitValue.of(s.stackNext[stack.stack(s, locals)] - minus);
        }
    }

    static BitValue twoCompMod(BitValue src, BitValue width) {
        int w = width.toIndex();
        BigInteger one = BigInteger.ONE;
        BigInteger max = one.shiftLeft(w - 1).subtract(one);
        BigInteger min = one.shiftLeft(w - 1).negate();
        BigInteger v = src.toBigInteger();
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            v = v.and(one.shiftLeft(w).subtract(one));
            if (v.compareTo(max) > 0) {
                v = v.subtract(one.shiftLeft(w));
            }
        }
        return BitValue.of(v);
    }

    static BitValue usatCast(BitValue src, BitValue width) {
        BigInteger max = BigInteger.ONE.shiftLeft(width.toIndex()).subtract(BigInteger.ONE);
        BigInteger v = src.toBigInteger();
        return BitValue.of(v.compareTo(max) > 0 ? max : v.signum() < 0 ? BigInteger.ZERO : v);
    }

    static BitValue satCast(BitValue src, BitValue width) {
        int w = width.toIndex();
        BigInteger max = BigInteger.ONE.shiftLeft(w - 1).subtract(BigInteger.ONE);
        BigInteger min = BigInteger.ONE.shiftLeft(w - 1).negate();
        BigInteger v = src.toBigInteger();
        return BitValue.of(v.compareTo(max) > 0 ? max : v.compareTo(min) < 0 ? min : v);
    }

    static BitValue divide(BitValue a, BitValue b) {
        checkDivision(a, b);
        return a.divide(b);
    }

    static BitValue mod(BitValue a, BitValue b) {
        checkDivision(a, b);
        return a.mod(b);
    }

    private static void checkDivision(BitValue a, BitValue b) {
        if (a.signum() < 0 || b.signum() <= 0) {
            throw new PipelineAbortException("division with operands " + a + ", " + b + " (BMv2 asserts)");
        }
    }
}
