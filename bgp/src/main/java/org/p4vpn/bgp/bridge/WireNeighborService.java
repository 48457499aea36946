package org.p4vpn.bgp.bridge;

import org.onlab.packet.Ip4Address;
import org.p4vpn.api.BgpNeighbor;
import org.p4vpn.api.BgpNeighborService;
import org.p4vpn.api.BgpNeighborState;
import org.p4vpn.api.ConflictException;
import org.p4vpn.api.NotFoundException;
import org.p4vpn.api.VpnRoute;
import org.p4vpn.bgp.wire.PeerStatus;
import org.p4vpn.bgp.wire.WireSpeaker;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@link BgpNeighborService} over a {@link WireSpeaker}: what REST and the CLI configure and read. */
public final class WireNeighborService implements BgpNeighborService {

    private final WireSpeaker speaker;

    /**
     * Creates the service.
     *
     * @param speaker the speaker it configures
     */
    public WireNeighborService(WireSpeaker speaker) {
        this.speaker = speaker;
    }

    private static BgpNeighborState state(PeerStatus s) {
        return new BgpNeighborState(s.config(), s.state().name(), s.bgpId(), s.establishedForMillis() / 1000,
                                    s.updatesIn(), s.prefixesIn(), s.treatedAsWithdraw(), s.lastError());
    }

    @Override
    public List<BgpNeighborState> getNeighbors() {
        return speaker.peers().stream().map(WireNeighborService::state).collect(Collectors.toList());
    }

    @Override
    public Optional<BgpNeighborState> getNeighbor(Ip4Address address) {
        return Optional.ofNullable(speaker.peer(address)).map(WireNeighborService::state);
    }

    @Override
    public void addNeighbor(BgpNeighbor n) {
        if (speaker.peer(n.address()) != null) {
            throw new ConflictException("address", n.address(), "neighbor " + n.address() + " is already configured");
        }
        speaker.addPeer(n);
    }

    @Override
    public void removeNeighbor(Ip4Address address) {
        if (!speaker.removePeer(address)) {
            throw notFound(address);
        }
    }

    @Override
    public List<VpnRoute> getAdjRibIn(Ip4Address address) {
        known(address);
        return speaker.adjRibIn(address);
    }

    @Override
    public List<VpnRoute> getAdjRibOut(Ip4Address address) {
        known(address);
        return speaker.adjRibOut(address);
    }

    private void known(Ip4Address address) {
        if (speaker.peer(address) == null) {
            throw notFound(address);
        }
    }

    private static NotFoundException notFound(Ip4Address address) {
        return new NotFoundException("address", address, "no BGP neighbor " + address);
    }
}
