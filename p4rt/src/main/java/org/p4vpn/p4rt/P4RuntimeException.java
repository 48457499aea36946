package org.p4vpn.p4rt;

/** A P4Runtime call failed; the message names the device, the call and gRPC's status. */
public class P4RuntimeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what failed
     * @param cause   the gRPC error
     */
    public P4RuntimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
