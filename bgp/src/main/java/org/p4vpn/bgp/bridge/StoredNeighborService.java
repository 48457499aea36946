package org.p4vpn.bgp.bridge;

import org.onlab.packet.Ip4Address;
import org.onosproject.store.service.MapEventListener;
import org.p4vpn.api.BgpNeighbor;
import org.p4vpn.api.BgpNeighborService;
import org.p4vpn.api.BgpNeighborState;
import org.p4vpn.api.ConflictException;
import org.p4vpn.api.NotFoundException;
import org.p4vpn.api.VpnRoute;
import org.p4vpn.bgp.wire.PeerStatus;
import org.p4vpn.bgp.wire.WireSpeaker;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@link BgpNeighborService} whose neighbors live in a {@link NeighborStore}: they outlive the
 * speaker (a restart, a change of leader) and the running speaker, if this instance has one, is
 * kept in step with the store, also when another instance changed it. Without a running speaker
 * (a backup instance, or no speaker settings yet) the kept neighbors are listed in state
 * {@value #STANDBY}.
 */
public final class StoredNeighborService implements BgpNeighborService, AutoCloseable {

    /** The state shown for a neighbor while no speaker runs on this instance. */
    public static final String STANDBY = "STANDBY";

    private final NeighborStore store;
    private final MapEventListener<String, String> onChange = e -> sync();
    private WireSpeaker speaker;

    /**
     * Creates the service and follows the store's changes.
     *
     * @param store where the neighbors are kept
     */
    public StoredNeighborService(NeighborStore store) {
        this.store = store;
        store.addListener(onChange);
    }

    /** @return where the neighbors are kept */
    public NeighborStore store() {
        return store;
    }

    /**
     * Hands the kept neighbors to a speaker that now runs here, or (null) forgets the speaker.
     *
     * @param running the speaker, or null
     */
    public synchronized void attach(WireSpeaker running) {
        this.speaker = running;
        sync();
    }

    /** Makes the speaker's neighbors those of the store: adds the missing, removes the extra. */
    private synchronized void sync() {
        if (speaker == null) {
            return;
        }
        Map<Ip4Address, BgpNeighbor> kept = store.all().stream()
                .collect(Collectors.toMap(BgpNeighbor::address, Function.identity()));
        Set<Ip4Address> running = speaker.peers().stream().map(p -> p.config().address()).collect(Collectors.toSet());
        for (PeerStatus p : speaker.peers()) {
            BgpNeighbor want = kept.get(p.config().address());
            if (!p.config().equals(want)) {
                speaker.removePeer(p.config().address());
                running.remove(p.config().address());
            }
        }
        kept.forEach((address, n) -> {
            if (!running.contains(address)) {
                speaker.addPeer(n);
            }
        });
    }

    private synchronized WireNeighborService live() {
        return speaker == null ? null : new WireNeighborService(speaker);
    }

    @Override
    public List<BgpNeighborState> getNeighbors() {
        WireNeighborService live = live();
        if (live != null) {
            return live.getNeighbors();
        }
        return store.all().stream().map(StoredNeighborService::standby).collect(Collectors.toList());
    }

    @Override
    public Optional<BgpNeighborState> getNeighbor(Ip4Address address) {
        return getNeighbors().stream().filter(s -> s.neighbor().address().equals(address)).findFirst();
    }

    @Override
    public void addNeighbor(BgpNeighbor n) {
        if (!store.addIfAbsent(n)) {
            throw new ConflictException("address", n.address(), "neighbor " + n.address() + " is already configured");
        }
        sync(); // the map's own event may come later, on another thread; the caller reads back at once
    }

    @Override
    public void removeNeighbor(Ip4Address address) {
        if (!store.remove(address)) {
            throw new NotFoundException("address", address, "no BGP neighbor " + address);
        }
        sync();
    }

    @Override
    public List<VpnRoute> getAdjRibIn(Ip4Address address) {
        WireNeighborService live = live();
        known(address);
        return live == null ? List.of() : live.getAdjRibIn(address);
    }

    @Override
    public List<VpnRoute> getAdjRibOut(Ip4Address address) {
        WireNeighborService live = live();
        known(address);
        return live == null ? List.of() : live.getAdjRibOut(address);
    }

    private void known(Ip4Address address) {
        if (store.all().stream().noneMatch(n -> n.address().equals(address))) {
            throw new NotFoundException("address", address, "no BGP neighbor " + address);
        }
    }

    private static BgpNeighborState standby(BgpNeighbor n) {
        return new BgpNeighborState(n, STANDBY, null, 0, 0, 0, 0, null);
    }

    @Override
    public void close() {
        store.removeListener(onChange);
    }
}
