package org.p4vpn.bgp.wire;

/**
 * An error that ends a session with a NOTIFICATION (RFC 4271 section 6): its code, subcode and
 * data, and a message for the log and the session view.
 */
public final class BgpError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final int subcode;
    private final byte[] data;

    /**
     * Creates an error.
     *
     * @param code    error code
     * @param subcode error subcode
     * @param data    data field of the NOTIFICATION
     * @param message what went wrong, for people
     */
    public BgpError(int code, int subcode, byte[] data, String message) {
        super(message, null, false, false);
        this.code = code;
        this.subcode = subcode;
        this.data = data == null ? new byte[0] : data.clone();
    }

    /**
     * Creates an error without data.
     *
     * @param code    error code
     * @param subcode error subcode
     * @param message what went wrong
     */
    public BgpError(int code, int subcode, String message) {
        this(code, subcode, null, message);
    }

    /**
     * Returns the error code.
     *
     * @return code
     */
    public int code() {
        return code;
    }

    /**
     * Returns the subcode.
     *
     * @return subcode
     */
    public int subcode() {
        return subcode;
    }

    /**
     * Returns the data field.
     *
     * @return a copy of the data
     */
    public byte[] data() {
        return data.clone();
    }
}
