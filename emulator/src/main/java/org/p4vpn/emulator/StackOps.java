package org.p4vpn.emulator;

/**
 * Header stack shifts with BMv2's P4_16 semantics (StackP4_16 in stacks.cpp, the default
 * build): the whole stack shifts, vacated elements become invalid, and "next" moves by the
 * count (clamped to the stack bounds).
 */
final class StackOps {

    private StackOps() {
    }

    static void pushFront(PacketState s, PhvLayout.StackDef st, int num) {
        if (num == 0) {
            return;
        }
        int size = st.headers.length;
        s.stackNext[st.index] = (int) Math.min(size, (long) s.stackNext[st.index] + num);
        for (int i = size - 1; i > num - 1; i--) {
            s.swap(st.headers[i], st.headers[i - num]);
        }
        for (int i = 0; i < Math.min(size, num); i++) {
            s.valid[st.headers[i]] = false;
        }
    }

    static void popFront(PacketState s, PhvLayout.StackDef st, int num) {
        if (num == 0) {
            return;
        }
        int size = st.headers.length;
        s.stackNext[st.index] -= Math.min(s.stackNext[st.index], num);
        int i = 0;
        if (num < size) {
            for (; i < size - num; i++) {
                s.swap(st.headers[i], st.headers[i + num]);
            }
        }
        for (; i < size; i++) {
            s.valid[st.headers[i]] = false;
        }
    }
}
