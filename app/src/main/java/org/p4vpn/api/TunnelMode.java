package org.p4vpn.api;

/**
 * How the transport label ends at the egress PE (RFC 3032, RFC 3031 section 3.16), set per
 * network.
 */
public enum TunnelMode {
    /** Penultimate-hop popping: the last P router pops the transport label (implicit null). */
    PHP,
    /** The penultimate hop swaps to explicit null (label 0); the egress PE pops it. */
    EXPLICIT_NULL,
    /** Ultimate-hop popping: the egress PE receives its own transport label and pops it. */
    UHP
}
