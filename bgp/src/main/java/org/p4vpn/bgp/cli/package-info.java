/** Karaf commands of the BGP speaker inside ONOS: list, add and remove neighbors. */
package org.p4vpn.bgp.cli;
