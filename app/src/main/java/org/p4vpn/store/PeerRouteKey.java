package org.p4vpn.store;

import org.onlab.packet.Ip4Address;
import org.p4vpn.api.VpnPrefix;

import java.util.Objects;

/** Key of a route learned from a peer: the peer and the VPN-IPv4 prefix. */
final class PeerRouteKey {

    private final Ip4Address peer;
    private final VpnPrefix prefix;

    PeerRouteKey(Ip4Address peer, VpnPrefix prefix) {
        this.peer = peer;
        this.prefix = prefix;
    }

    Ip4Address peer() {
        return peer;
    }

    VpnPrefix prefix() {
        return prefix;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerRouteKey && ((PeerRouteKey) o).peer.equals(peer)
                && ((PeerRouteKey) o).prefix.equals(prefix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(peer, prefix);
    }

    @Override
    public String toString() {
        return peer + "/" + prefix;
    }
}
