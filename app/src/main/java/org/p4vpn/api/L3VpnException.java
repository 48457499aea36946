package org.p4vpn.api;

/**
 * Base of the typed errors the VPN service raises for input it cannot accept. Each names the
 * offending field and value so that an operator (or a REST client) can see what to fix.
 * A write that raises one of these has changed nothing.
 */
public abstract class L3VpnException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;

    protected L3VpnException(String field, Object value, String message) {
        super(message);
        this.field = field;
        this.value = value == null ? null : String.valueOf(value);
    }

    /**
     * Returns the name of the offending field, e.g. {@code routeDistinguisher}.
     *
     * @return field name, or null when the error concerns no single field
     */
    public String field() {
        return field;
    }

    /**
     * Returns the offending value as text.
     *
     * @return value, or null when there is none
     */
    public String value() {
        return value;
    }
}
