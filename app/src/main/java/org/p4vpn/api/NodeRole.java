package org.p4vpn.api;

/** The part a node plays in the provider network (seed 000, "basic BGP/MPLS IP VPN"). */
public enum NodeRole {
    /** Provider edge: holds VRFs, attaches CE sites, pushes and pops VPN labels. */
    PE,
    /** Provider core: swaps transport labels, knows nothing of VPNs. */
    P,
    /** BGP route reflector for VPNv4 routes (RFC 4456); a control-plane speaker, not a switch. */
    RR
}
