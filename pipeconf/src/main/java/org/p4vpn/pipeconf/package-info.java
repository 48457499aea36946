/**
 * ONOS pipeconf of the BGP/MPLS IP VPN pipeline for BMv2: the p4c outputs, the interpreter
 * (packet-in/out, criterion mapping) and the pipeliner (punts for ARP, LLDP, BDDP and BGP).
 * P4 names come only from the generated {@link org.p4vpn.pipeconf.P4InfoConstants}.
 */
package org.p4vpn.pipeconf;
