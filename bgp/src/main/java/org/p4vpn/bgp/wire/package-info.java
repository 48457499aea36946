/**
 * BGP-4 on the wire (RFC 4271) for VPN-IPv4 routes (RFC 4364, RFC 4760, RFC 8277): message codecs
 * that never throw on bad input (RFC 7606 error handling), sessions with the finite state machine
 * on a Netty event loop, and {@link org.p4vpn.bgp.wire.WireSpeaker}, which joins the sessions to
 * the route model of {@link org.p4vpn.bgp.BgpSpeaker} (best path, loop checks and the route
 * reflection rules shared with the route engine).
 */
package org.p4vpn.bgp.wire;
