package org.p4vpn.emulator;

/**
 * One compiled primitive call of an action (or of a parser / deparser method call). Built by
 * {@link PrimitiveCompiler}; semantics follow BMv2's core primitives and simple_switch's
 * primitives.cpp.
 */
interface Primitive {

    /** Returned by {@link #execute} to continue with the next primitive. */
    int NEXT = -1;

    /**
     * @param s      the packet
     * @param locals the action's runtime data
     * @param ctx    switch-wide state reachable from primitives (counters, drop port)
     * @return the index of the next primitive to run, or {@link #NEXT}
     */
    int execute(PacketState s, BitValue[] locals, ExecContext ctx);

    /** Switch-wide state that primitives touch. */
    interface ExecContext {
        /** simple_switch's drop port (511 by default). */
        int dropPort();

        /** Counts the packet in cell {@code index} of the indirect counter array. */
        void count(int counterArray, long index, PacketState s);
    }
}
