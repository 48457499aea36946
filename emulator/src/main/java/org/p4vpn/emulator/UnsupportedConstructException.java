package org.p4vpn.emulator;

/**
 * Thrown by {@link P4Program#load} when the BMv2 JSON uses something this emulator does not
 * implement (a primitive, an expression operator, a hash algorithm, a JSON section...) or is
 * malformed. The message names the construct and where it was found, e.g.
 * {@code unsupported primitive 'modify_field_rng_uniform' in action X}.
 */
public final class UnsupportedConstructException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is unsupported and where
     */
    public UnsupportedConstructException(String message) {
        super(message);
    }

    /**
     * @param message what is unsupported and where
     * @param cause   the underlying failure
     */
    public UnsupportedConstructException(String message, Throwable cause) {
        super(message, cause);
    }
}
