/**
 * The bridge between BGP on the wire and the product: routes from BGP neighbors into the
 * central store as routes of those peers, and the P4 PEs' VPN routes out to the neighbors.
 */
package org.p4vpn.bgp.bridge;
