package org.p4vpn.api;

/** What a BGP peer is to a speaker; it decides where the speaker's routes go (RFC 4456 section 6). */
public enum PeerRelation {
    /** An iBGP peer that is a client of this route reflector. */
    CLIENT,
    /** An iBGP peer that is not a client (a plain iBGP peer, or another reflector). */
    NON_CLIENT,
    /** An eBGP peer. */
    EBGP
}
