/**
 * Packet trace: the predicted path of a CE's packet through its VPN, hop by hop with label stacks.
 */
package org.p4vpn.trace;
