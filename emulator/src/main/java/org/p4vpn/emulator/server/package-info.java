/**
 * P4Runtime v1 server of an emulated switch: primary election, pipeline config, Write/Read with
 * BMv2's error behaviour, counters, packet-in/out through the controller headers.
 */
package org.p4vpn.emulator.server;
