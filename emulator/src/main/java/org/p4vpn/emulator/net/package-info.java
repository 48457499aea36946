/**
 * The emulated network: switches (any data plane behind {@link org.p4vpn.emulator.net.SwitchDataPlane}),
 * links between their ports, and hosts that answer ARP and ping, send and capture frames; links
 * can fail. Everything runs in one JVM, frame by frame, in order.
 */
package org.p4vpn.emulator.net;
