/**
 * The network file: switches with their P4Runtime addresses and provider roles, links with
 * metrics, and CE hosts, in ONOS's network-configuration JSON so that the same file serves
 * ONOS, the embedded runtime, the emulator and the Mininet labs.
 */
package org.p4vpn.p4rt.topo;
