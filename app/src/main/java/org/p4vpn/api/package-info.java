/**
 * The BGP/MPLS IP VPN service model (RFC 4364): VPN instances, sites, VPN-IPv4 routes, network roles,
 * and the read and write services. This package depends on nothing of the engine, stores, P4 or REST.
 */
package org.p4vpn.api;
