/**
 * The embedded runtime: the application's ONOS components wired together in one JVM, with a
 * journaled store in place of Atomix, a P4Runtime client per device, and the REST API and web UI.
 */
package org.p4vpn.runtime;
