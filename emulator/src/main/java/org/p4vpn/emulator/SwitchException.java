package org.p4vpn.emulator;

/**
 * A rejected control-plane operation on an {@link EmulatedSwitch}. The {@link #code()} is the
 * canonical gRPC status code that BMv2's P4Runtime server (PI) reports for the same
 * operation, so a P4Runtime front end can pass it on unchanged
 * ({@code io.grpc.Status.Code.valueOf(e.code().name())}).
 */
public final class SwitchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The subset of gRPC canonical codes the emulator reports. */
    public enum Code {
        /** Malformed request: unknown table/action/field, value too wide, bad priority... */
        INVALID_ARGUMENT,
        /** The entry, member, group or counter does not exist. */
        NOT_FOUND,
        /** An entry with the same match key (and priority), member or group id exists. */
        ALREADY_EXISTS,
        /** Changing a const default action, or a default-only / table-only misuse. */
        PERMISSION_DENIED,
        /** Table, action profile or group full. */
        RESOURCE_EXHAUSTED,
        /** Refused by the target (PI's "error on target"), e.g. deleting a member in use. */
        UNKNOWN
    }

    private final Code code;

    /**
     * @param code    the status code
     * @param message human-readable detail
     */
    public SwitchException(Code code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    /** @return the canonical status code */
    public Code code() {
        return code;
    }

    static SwitchException invalid(String message) {
        return new SwitchException(Code.INVALID_ARGUMENT, message);
    }

    static SwitchException notFound(String message) {
        return new SwitchException(Code.NOT_FOUND, message);
    }
}
