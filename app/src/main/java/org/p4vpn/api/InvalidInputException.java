package org.p4vpn.api;

/** The input is malformed or out of range (REST: 400). */
public class InvalidInputException extends L3VpnException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an error for a bad value.
     *
     * @param field   name of the field
     * @param value   the value given
     * @param message what is wrong, in words an operator can act on
     */
    public InvalidInputException(String field, Object value, String message) {
        super(field, value, message);
    }
}
