package org.p4vpn.routing;

import org.onlab.packet.Ip4Address;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.PeerRelation;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.bgp.BgpSpeaker;
import org.p4vpn.bgp.SpeakerNetwork;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Opens the controller's iBGP sessions: with no RR node configured, one implicit reflector has
 * every PE as a client; otherwise the configured reflectors' client and non-client lists decide
 * the sessions (a reflector listed as another's client is a client there: hierarchies; two
 * reflectors listing each other as non-clients back each other up).
 */
final class ReflectorSessions {

    private ReflectorSessions() {
    }

    static void open(SpeakerNetwork net, Collection<ProviderNode> nodes, Collection<Ip4Address> peRouterIds,
                     long asNumber) {
        List<ProviderNode> reflectors = nodes.stream().filter(n -> n.role() == NodeRole.RR)
                .collect(Collectors.toList());
        if (reflectors.isEmpty()) {
            net.add(new BgpSpeaker(VpnRouteEngine.DEFAULT_RR_NAME, VpnRouteEngine.DEFAULT_RR_ID, asNumber,
                                   VpnRouteEngine.DEFAULT_RR_ID));
            for (Ip4Address pe : peRouterIds) {
                net.connect(VpnRouteEngine.DEFAULT_RR_ID, PeerRelation.CLIENT, pe, PeerRelation.NON_CLIENT);
            }
            return;
        }
        for (ProviderNode r : reflectors) {
            BgpSpeaker s = net.add(new BgpSpeaker(r.deviceId().toString(), r.routerId(), asNumber,
                                                  r.routeReflector().get().clusterId()));
            s.setClientToClientReflection(r.routeReflector().get().clientToClientReflection());
        }
        for (ProviderNode r : reflectors) {
            for (Ip4Address peer : r.routeReflector().get().clients()) {
                connectIfKnown(net, nodes, r.routerId(), PeerRelation.CLIENT, peer);
            }
            for (Ip4Address peer : r.routeReflector().get().nonClients()) {
                connectIfKnown(net, nodes, r.routerId(), PeerRelation.NON_CLIENT, peer);
            }
        }
    }

    private static void connectIfKnown(SpeakerNetwork net, Collection<ProviderNode> nodes, Ip4Address rr,
                                       PeerRelation relation, Ip4Address peer) {
        if (net.speaker(peer) == null || net.connected(rr, peer)) {
            return;
        }
        boolean peerListsRrAsClient = nodes.stream().anyMatch(n -> n.routerId().equals(peer)
                && n.routeReflector().map(c -> c.clients().contains(rr)).orElse(false));
        net.connect(rr, relation, peer, peerListsRrAsClient ? PeerRelation.CLIENT : PeerRelation.NON_CLIENT);
    }
}
