package org.p4vpn.emulator;

/**
 * A compiled BMv2 expression node. Data values are exact integers ({@link BitValue}); a node
 * has one of four kinds and only the matching {@code eval*} method is meaningful. Built by
 * {@link ExprCompiler}, which checks the kinds at load time.
 */
abstract class Expr {

    enum Kind { DATA, BOOL, HEADER, STACK }

    final Kind kind;

    Expr(Kind kind) {
        this.kind = kind;
    }

    BitValue data(PacketState s, BitValue[] locals) {
        throw new IllegalStateException("not a data expression: " + this);
    }

    boolean bool(PacketState s, BitValue[] locals) {
        throw new IllegalStateException("not a boolean expression: " + this);
    }

    /** Header instance index. */
    int header(PacketState s, BitValue[] locals) {
        throw new IllegalStateException("not a header expression: " + this);
    }

    /** Header stack index. */
    int stack(PacketState s, BitValue[] locals) {
        throw new IllegalStateException("not a header stack expression: " + this);
    }

    /** For lvalues: header index in the high 32 bits, field index in the low 32 bits. */
    long location(PacketState s, BitValue[] locals) {
        throw new IllegalStateException("not an lvalue: " + this);
    }

    boolean isLvalue() {
        return false;
    }

    static long pack(int header, int field) {
        return ((long) header << 32) | (field & 0xffffffffL);
    }

    /** A field of a fixed header instance. */
    static final class Field extends Expr {
        final FieldRef ref;

        Field(FieldRef ref) {
            super(Kind.DATA);
            this.ref = ref;
        }

        @Override
        BitValue data(PacketState s, BitValue[] locals) {
            return s.get(ref);
        }

        @Override
        long location(PacketState s, BitValue[] locals) {
            return pack(ref.header, ref.field);
        }

        @Override
        boolean isLvalue() {
            return true;
        }

        @Override
        public String toString() {
            return ref.name;
        }
    }

    /** A field of the last valid element of a stack ("stack_field", P4 {@code stack.last.f}). */
    static final class StackField extends Expr {
        final PhvLayout.StackDef stack;
        final int field;

        StackField(PhvLayout.StackDef stack, int field) {
            super(Kind.DATA);
            this.stack = stack;
            this.field = field;
        }

        @Override
        BitValue data(PacketState s, BitValue[] locals) {
            int next = s.stackNext[stack.index];
            if (next == 0) {
                return BitValue.ZERO; // BMv2: undefined (reads before the stack)
            }
            return s.get(stack.headers[next - 1], field);
        }

        @Override
        long location(PacketState s, BitValue[] locals) {
            int next = s.stackNext[stack.index];
            if (next == 0) {
                throw new PipelineAbortException("write to " + stack.name + ".last of an empty stack");
            }
            return pack(stack.headers[next - 1], field);
        }

        @Override
        boolean isLvalue() {
            return true;
        }
    }

    /** A constant. */
    static final class Const extends Expr {
        final BitValue value;

        Const(BitValue value) {
            super(Kind.DATA);
            this.value = value;
        }

        @Override
        BitValue data(PacketState s, BitValue[] locals) {
            return value;
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    /** A boolean constant. */
    static final class BoolConst extends Expr {
        final boolean value;

        BoolConst(boolean value) {
            super(Kind.BOOL);
            this.value = value;
        }

        @Override
        boolean bool(PacketState s, BitValue[] locals) {
            return value;
        }
    }

    /** Action runtime data ("local" in expressions, "runtime_data" as a primitive argument). */
    static final class Local extends Expr {
        final int index;

        Local(int index) {
            super(Kind.DATA);
            this.index = index;
        }

        @Override
        BitValue data(PacketState s, BitValue[] locals) {
            return locals[index];
        }
    }

    /** A fixed header instance. */
    static final class Header extends Expr {
        final int index;

        Header(int index) {
            super(Kind.HEADER);
            this.index = index;
        }

        @Override
        int header(PacketState s, BitValue[] locals) {
            return index;
        }
    }

    /** A header stack. */
    static final class Stack extends Expr {
        final int index;

        Stack(int index) {
            super(Kind.STACK);
            this.index = index;
        }

        @Override
        int stack(PacketState s, BitValue[] locals) {
            return index;
        }
    }
}
