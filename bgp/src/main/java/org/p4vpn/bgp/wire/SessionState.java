package org.p4vpn.bgp.wire;

/** States of the BGP finite state machine (RFC 4271 section 8.2.2). */
public enum SessionState {
    /** Not trying: neighbor just configured, or waiting to retry. */
    IDLE,
    /** A TCP connection attempt is under way. */
    CONNECT,
    /** Waiting for the neighbor to connect (passive, or between attempts). */
    ACTIVE,
    /** OPEN sent, waiting for the neighbor's. */
    OPEN_SENT,
    /** OPENs exchanged, waiting for KEEPALIVE. */
    OPEN_CONFIRM,
    /** Routes flow. */
    ESTABLISHED
}
