package org.p4vpn.p4rt;

import com.google.rpc.Code;
import p4.v1.P4RuntimeOuterClass.Error;
import p4.v1.P4RuntimeOuterClass.Update;

import java.util.List;

/**
 * The outcome of a batched Write: for each update, in order, OK or the error the device reported
 * (P4Runtime section 12.3: per-entity errors in the status details).
 */
public final class WriteResult {

    private final List<Update> updates;
    private final List<Error> errors;

    WriteResult(List<Update> updates, List<Error> errors) {
        this.updates = List.copyOf(updates);
        this.errors = List.copyOf(errors);
    }

    /**
     * Tells whether every update succeeded.
     *
     * @return true if all OK
     */
    public boolean allOk() {
        return errors.stream().allMatch(e -> e.getCanonicalCode() == Code.OK_VALUE);
    }

    /**
     * Returns the per-update errors (OK ones included), in the order of the updates.
     *
     * @return errors
     */
    public List<Error> errors() {
        return errors;
    }

    /**
     * Returns the updates that were sent.
     *
     * @return updates
     */
    public List<Update> updates() {
        return updates;
    }

    /**
     * Returns how many updates failed.
     *
     * @return count
     */
    public long failures() {
        return errors.stream().filter(e -> e.getCanonicalCode() != Code.OK_VALUE).count();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < errors.size(); i++) {
            Error e = errors.get(i);
            if (e.getCanonicalCode() != Code.OK_VALUE) {
                sb.append("update ").append(i).append(' ').append(updates.get(i).getType()).append(": ")
                        .append(Code.forNumber(e.getCanonicalCode())).append(' ').append(e.getMessage()).append('\n');
            }
        }
        return sb.length() == 0 ? "all " + updates.size() + " updates OK" : sb.toString();
    }
}
