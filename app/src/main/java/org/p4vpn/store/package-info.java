/**
 * The distributed store of VPN configuration and label allocations (ONOS consistent maps) and its
 * Kryo serializers.
 */
package org.p4vpn.store;
