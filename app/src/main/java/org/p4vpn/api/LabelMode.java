package org.p4vpn.api;

/** How a PE assigns VPN labels to the routes it advertises (RFC 4364 section 4.3.2). */
public enum LabelMode {
    /** One label per VRF; the egress PE pops it and looks the destination up in that VRF (default). */
    PER_VRF,
    /** One label per attached CE (site); the egress PE pops it and forwards straight to that CE. */
    PER_CE,
    /** One label per prefix; the egress PE pops it and forwards to the prefix's CE next hop. */
    PER_PREFIX
}
