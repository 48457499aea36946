package org.p4vpn.api;

/** The input is valid but conflicts with what is already configured (REST: 409). */
public class ConflictException extends L3VpnException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an error for a conflicting value.
     *
     * @param field   name of the field
     * @param value   the value given
     * @param message what it conflicts with
     */
    public ConflictException(String field, Object value, String message) {
        super(field, value, message);
    }
}
