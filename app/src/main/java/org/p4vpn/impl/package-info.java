/**
 * ONOS components of the VPN application: the manager that validates writes, feeds store events to
 * the route engine on one ordered executor, and serves the read views.
 */
package org.p4vpn.impl;
