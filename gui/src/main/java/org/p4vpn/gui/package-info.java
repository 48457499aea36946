/**
 * The application's extension of ONOS's own GUI: a topology overlay that highlights a VPN's PEs and
 * the LSPs that carry it (label per hop), and a table view of the VPN instances.
 */
package org.p4vpn.gui;
