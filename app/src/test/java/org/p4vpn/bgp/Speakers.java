package org.p4vpn.bgp;

import org.onlab.packet.Ip4Address;
import org.p4vpn.api.PathAttributes;
import org.p4vpn.api.PeerRelation;
import org.p4vpn.api.RouteSource;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds speaker networks by name for reflection tests: {@code speaker("c1")} has router id 10.0.0.N. */
final class Speakers {

    static final long AS = 65000;
    static final VpnPrefix PREFIX = VpnPrefix.of("65000:1:192.168.1.0/24");

    final SpeakerNetwork net = new SpeakerNetwork();
    private final Map<String, Ip4Address> ids = new HashMap<>();

    Ip4Address id(String name) {
        return ids.computeIfAbsent(name, n -> Ip4Address.valueOf("10.0.0." + (ids.size() + 1)));
    }

    BgpSpeaker speaker(String name) {
        return net.add(new BgpSpeaker(name, id(name), AS, null));
    }

    BgpSpeaker ebgpSpeaker(String name, long as) {
        return net.add(new BgpSpeaker(name, id(name), as, null));
    }

    BgpSpeaker rr(String name, String cluster) {
        return net.add(new BgpSpeaker(name, id(name), AS, Ip4Address.valueOf(cluster)));
    }

    BgpSpeaker get(String name) {
        return net.speaker(id(name));
    }

    /** Session where {@code client} is a client of reflector {@code rr}. */
    void client(String rr, String client) {
        net.connect(id(rr), PeerRelation.CLIENT, id(client), PeerRelation.NON_CLIENT);
    }

    /** Plain iBGP (or reflector-to-reflector non-client) session. */
    void ibgp(String a, String b) {
        net.connect(id(a), PeerRelation.NON_CLIENT, id(b), PeerRelation.NON_CLIENT);
    }

    void ebgp(String a, String b) {
        net.connect(id(a), PeerRelation.EBGP, id(b), PeerRelation.EBGP);
    }

    VpnRoute route(String origin) {
        return new VpnRoute(PREFIX, id(origin), 100, PathAttributes.local(List.of(RouteTarget.of("65000:1"))),
                            RouteSource.LOCAL);
    }

    void originate(String name) {
        net.originate(id(name), route(name));
    }

    List<VpnRoute> paths(String name) {
        return get(name).paths(PREFIX);
    }

    VpnRoute best(String name) {
        return get(name).best(PREFIX);
    }

    /** Router ids of the peers a speaker holds paths from. */
    List<Ip4Address> heardFrom(String name) {
        return paths(name).stream().map(r -> r.source().peerAddress()).collect(java.util.stream.Collectors.toList());
    }
}
