package org.p4vpn.emulator;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An action with its parameter values, e.g. for a table entry, a default action or an action
 * profile member. The action is named as in the JSON (equal to the P4Info name, e.g.
 * {@code "IngressPipeImpl.vrf_fib.route_vpn"}); parameters are given in declaration order
 * (P4Info param ids 1..n) as big-endian byte strings with P4Runtime width rules: shorter
 * strings are zero-extended, longer ones must have leading zero bits only.
 */
public final class ActionCall {

    private final String action;
    private final List<byte[]> params;

    private ActionCall(String action, List<byte[]> params) {
        this.action = Objects.requireNonNull(action, "action");
        List<byte[]> copy = new ArrayList<>(params.size());
        for (byte[] p : params) {
            copy.add(Objects.requireNonNull(p, "param").clone());
        }
        this.params = Collections.unmodifiableList(copy);
    }

    /**
     * @param action the action name
     * @param params parameter values in declaration order
     * @return the action call
     */
    public static ActionCall of(String action, byte[]... params) {
        return new ActionCall(action, Arrays.asList(params));
    }

    /**
     * @param action the action name
     * @param params parameter values in declaration order
     * @return the action call
     */
    public static ActionCall of(String action, List<byte[]> params) {
        return new ActionCall(action, params);
    }

    /**
     * Convenience for tests and tools: non-negative numeric parameter values.
     *
     * @param action the action name
     * @param values parameter values in declaration order
     * @return the action call
     */
    public static ActionCall ofValues(String action, long... values) {
        List<byte[]> ps = new ArrayList<>();
        for (long v : values) {
            ps.add(toBytes(BigInteger.valueOf(v)));
        }
        return new ActionCall(action, ps);
    }

    /** @return the action name */
    public String action() {
        return action;
    }

    /** @return copies of the parameter values, in declaration order */
    public List<byte[]> params() {
        List<byte[]> out = new ArrayList<>(params.size());
        params.forEach(p -> out.add(p.clone()));
        return out;
    }

    /**
     * @param i parameter position
     * @return the parameter as an unsigned number
     */
    public BigInteger param(int i) {
        return new BigInteger(1, params.get(i));
    }

    static byte[] toBytes(BigInteger v) {
        if (v.signum() < 0) {
            throw new IllegalArgumentException("negative value " + v);
        }
        byte[] b = v.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            return Arrays.copyOfRange(b, 1, b.length);
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ActionCall)) {
            return false;
        }
        ActionCall a = (ActionCall) o;
        if (!action.equals(a.action) || params.size() != a.params.size()) {
            return false;
        }
        for (int i = 0; i < params.size(); i++) {
            if (!param(i).equals(a.param(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = action.hashCode();
        for (int i = 0; i < params.size(); i++) {
            h = 31 * h + param(i).hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(action).append('(');
        for (int i = 0; i < params.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append("0x").append(param(i).toString(16));
        }
        return sb.append(')').toString();
    }
}
