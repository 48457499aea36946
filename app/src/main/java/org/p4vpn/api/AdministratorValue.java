package org.p4vpn.api;

/**
 * The "administrator:assigned number" value shared by route distinguishers (RFC 4364 section 4.2)
 * and route-target extended communities (RFC 4360, RFC 5668): six bytes laid out by one of three
 * types. Text forms: {@code 65000:100} (2-octet AS, 4-byte number), {@code 192.0.2.1:7} (IPv4
 * address, 2-byte number), {@code 4200000000:5} (4-octet AS, 2-byte number). A 4-octet AS below
 * 65536 is written with an {@code L} suffix ({@code 65000L:5}), as Junos does, so that every wire
 * value has a text form that parses back to it.
 */
final class AdministratorValue {

    /** Type 0: 2-octet AS administrator, 4-octet assigned number. */
    static final int TYPE_AS2 = 0;
    /** Type 1: IPv4 address administrator, 2-octet assigned number. */
    static final int TYPE_IPV4 = 1;
    /** Type 2: 4-octet AS administrator, 2-octet assigned number. */
    static final int TYPE_AS4 = 2;

    private static final long MAX_U16 = 0xFFFFL;
    private static final long MAX_U32 = 0xFFFFFFFFL;
    private static final long LOW48 = 0xFFFF_FFFF_FFFFL;

    private AdministratorValue() {
    }

    /**
     * Parses the text form into {@code type << 48 | six value bytes}.
     *
     * @param text  text to parse
     * @param field field name for errors
     * @param what  what is parsed, for errors ("route distinguisher", "route target")
     * @return type in bits 48..49 and the six value bytes below
     * @throws InvalidInputException on malformed or out-of-range text
     */
    static long parse(String text, String field, String what) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, text, "a " + what + " is required, e.g. 65000:100");
        }
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new InvalidInputException(field, text, "a " + what
                    + " is ADMINISTRATOR:NUMBER (65000:100, 192.0.2.1:7 or 4200000000:5), got '" + text + "'");
        }
        String admin = t.substring(0, colon);
        String assignedText = t.substring(colon + 1);
        long assigned = parseUnsigned(assignedText, field, text, what, "assigned number");
        if (admin.indexOf('.') >= 0) {
            long ip = parseIpv4(admin, field, text, what);
            check(assigned <= MAX_U16, field, text, what + " with an IPv4 administrator (type 1) takes an"
                    + " assigned number of at most 65535, got " + assigned);
            return (long) TYPE_IPV4 << 48 | ip << 16 | assigned;
        }
        boolean forceAs4 = admin.endsWith("L") || admin.endsWith("l");
        String asText = forceAs4 ? admin.substring(0, admin.length() - 1) : admin;
        long as = parseUnsigned(asText, field, text, what, "AS number");
        check(as <= MAX_U32, field, text, "AS number " + as + " exceeds 4294967295");
        if (!forceAs4 && as <= MAX_U16) {
            check(assigned <= MAX_U32, field, text, what + " with a 2-octet AS (type 0) takes an assigned"
                    + " number of at most 4294967295, got " + assigned);
            return (long) TYPE_AS2 << 48 | as << 32 | assigned;
        }
        check(assigned <= MAX_U16, field, text, what + " with a 4-octet AS (type 2) takes an assigned"
                + " number of at most 65535, got " + assigned);
        return (long) TYPE_AS4 << 48 | as << 16 | assigned;
    }

    /**
     * Formats {@code type << 48 | six value bytes} as text.
     *
     * @param typed type and value as returned by {@link #parse}
     * @return text form
     */
    static String format(long typed) {
        int type = type(typed);
        long v = typed & LOW48;
        switch (type) {
            case TYPE_AS2:
                return (v >>> 32) + ":" + (v & MAX_U32);
            case TYPE_IPV4:
                long ip = v >>> 16;
                return (ip >>> 24) + "." + (ip >>> 16 & 0xFF) + "." + (ip >>> 8 & 0xFF) + "." + (ip & 0xFF)
                        + ":" + (v & MAX_U16);
            default:
                long as = v >>> 16;
                return as + (as <= MAX_U16 ? "L" : "") + ":" + (v & MAX_U16);
        }
    }

    /**
     * Returns the type of a parsed value.
     *
     * @param typed parsed value
     * @return 0, 1 or 2
     */
    static int type(long typed) {
        return (int) (typed >>> 48);
    }

    /**
     * Returns the administrator field of a parsed value (AS number or IPv4 address as an unsigned int).
     *
     * @param typed parsed value
     * @return administrator
     */
    static long administrator(long typed) {
        long v = typed & LOW48;
        return type(typed) == TYPE_AS2 ? v >>> 32 : v >>> 16;
    }

    /**
     * Returns the assigned-number field of a parsed value.
     *
     * @param typed parsed value
     * @return assigned number
     */
    static long assigned(long typed) {
        long v = typed & LOW48;
        return type(typed) == TYPE_AS2 ? v & MAX_U32 : v & MAX_U16;
    }

    private static long parseUnsigned(String s, String field, String text, String what, String part) {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(Character::isDigit)) {
            throw new InvalidInputException(field, text, "the " + part + " of a " + what
                    + " must be a decimal number, got '" + s + "'");
        }
        return Long.parseLong(s);
    }

    private static long parseIpv4(String s, String field, String text, String what) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw new InvalidInputException(field, text, "the administrator of a " + what
                    + " must be an IPv4 address or an AS number, got '" + s + "'");
        }
        long ip = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(p) > 255) {
                throw new InvalidInputException(field, text, "'" + s + "' is not a valid IPv4 address");
            }
            ip = ip << 8 | Integer.parseInt(p);
        }
        return ip;
    }

    private static void check(boolean ok, String field, String text, String message) {
        if (!ok) {
            throw new InvalidInputException(field, text, message);
        }
    }
}
