package org.p4vpn.api;

import java.util.regex.Pattern;

/** Checks for the names operators give to VPN instances and sites. */
final class Names {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** Longest description accepted. */
    static final int MAX_DESCRIPTION = 256;

    private Names() {
    }

    /**
     * Checks a name: 1 to 64 letters, digits, '_', '.', '-', starting with a letter or digit.
     *
     * @param field field name for errors
     * @param name  name to check
     * @return the name
     * @throws InvalidInputException if the name does not fit
     */
    static String check(String field, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(field, name, "a " + field + " is 1 to 64 letters, digits, '_', '.'"
                    + " or '-', starting with a letter or digit");
        }
        return name;
    }

    /**
     * Checks a description: at most 256 characters; null becomes empty.
     *
     * @param description text
     * @return description, never null
     */
    static String description(String description) {
        String d = description == null ? "" : description;
        if (d.length() > MAX_DESCRIPTION) {
            throw new InvalidInputException("description", d.substring(0, 32) + "...",
                    "a description is at most " + MAX_DESCRIPTION + " characters, got " + d.length());
        }
        return d;
    }

    /**
     * Rejects a missing value.
     *
     * @param field field name
     * @param value value
     * @param <T>   type
     * @return value
     */
    static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidInputException(field, null, field + " is required");
        }
        return value;
    }
}
