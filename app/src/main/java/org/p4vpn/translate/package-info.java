/**
 * The pipeline translator: a pure function from the network's forwarding state (VRF best routes,
 * labels, transport LSPs, sites, switches and links) to the P4 table entries of every switch,
 * named only through the generated {@link org.p4vpn.pipeconf.P4InfoConstants}.
 */
package org.p4vpn.translate;
