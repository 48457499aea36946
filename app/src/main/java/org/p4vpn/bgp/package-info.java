/**
 * BGP route selection and route reflection (RFC 4271 section 9, RFC 4456), independent of any
 * transport: the route engine runs these speakers in memory for the controller's P4 PEs, and the
 * wire-level speaker uses the same classes for its sessions.
 */
package org.p4vpn.bgp;
