/**
 * The BGP speaker inside ONOS: an OSGi component elected by LeadershipService, configured by
 * network configuration, whose neighbors are kept in the cluster's store.
 */
package org.p4vpn.bgp.onos;
