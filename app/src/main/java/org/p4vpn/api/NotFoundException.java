package org.p4vpn.api;

/** The input refers to something that does not exist (REST: 404). */
public class NotFoundException extends L3VpnException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an error for a missing item.
     *
     * @param field   name of the field that refers to it
     * @param value   the reference given
     * @param message what is missing
     */
    public NotFoundException(String field, Object value, String message) {
        super(field, value, message);
    }
}
