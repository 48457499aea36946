package org.p4vpn.api;

/** BGP ORIGIN attribute (RFC 4271 section 5.1.1), ordered from most to least preferred. */
public enum Origin {
    /** Interior to the originating AS. */
    IGP,
    /** Learned by EGP. */
    EGP,
    /** Learned some other way, e.g. redistributed static or connected routes. */
    INCOMPLETE
}
