package org.p4vpn.bgp.bridge;

import org.onlab.packet.Ip4Address;
import org.p4vpn.api.L3VpnAdminService;
import org.p4vpn.api.L3VpnException;
import org.p4vpn.api.RibEntry;
import org.p4vpn.api.RouteSource;
import org.p4vpn.api.SpeakerState;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;
import org.p4vpn.api.VpnRouteService;
import org.p4vpn.api.VrfRouteListener;
import org.p4vpn.bgp.wire.AdjRibInListener;
import org.p4vpn.bgp.wire.WireSpeaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Joins a {@link WireSpeaker} to the product, in both directions:
 * <ul>
 * <li>every route a BGP neighbor sends (and the speaker keeps) enters the central store as a route
 * of that peer ({@link L3VpnAdminService#announceRoute}); the route engine's reflectors then hand
 * it to the P4 PEs whose VRFs import one of its route targets. Withdrawals, and a neighbor's
 * session going down, withdraw it from the store;</li>
 * <li>every VPN route a P4 PE exports (its RD, export targets, allocated VPN label and the PE's
 * address as next hop, as the route engine originated it) is given to the speaker, which reflects
 * it to the neighbors as coming from that PE; what a PE stops exporting is withdrawn.</li>
 * </ul>
 * Work runs on one thread of its own: store writes never block the speaker's event loop, and the
 * PE side is re-read (coalesced) after route-engine events.
 */
public final class VpnBgpBridge implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VpnBgpBridge.class);

    private final WireSpeaker speaker;
    private final L3VpnAdminService admin;
    private final VpnRouteService routes;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bgp-bridge");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean syncQueued = new AtomicBoolean();
    /** What was given to the speaker, per PE. Touched only on the worker. */
    private final Map<Ip4Address, Map<VpnPrefix, VpnRoute>> advertised = new HashMap<>();
    private final VrfRouteListener onRouteEvent = e -> queueSync();
    private volatile boolean closed;

    /**
     * Creates the bridge and starts it: neighbors' routes flow into the store, PE routes out.
     *
     * @param speaker the wire speaker
     * @param admin   where peer routes are written
     * @param routes  the route engine's views and events
     */
    public VpnBgpBridge(WireSpeaker speaker, L3VpnAdminService admin, VpnRouteService routes) {
        this.speaker = speaker;
        this.admin = admin;
        this.routes = routes;
        speaker.addAdjRibInListener(new AdjRibInListener() {
            @Override
            public void learned(Ip4Address neighbor, VpnRoute route) {
                submit(() -> toStore(route));
            }

            @Override
            public void withdrawn(Ip4Address neighbor, VpnPrefix prefix) {
                submit(() -> fromStore(neighbor, prefix));
            }
        });
        routes.addListener(onRouteEvent);
        queueSync();
    }

    private void submit(Runnable task) {
        if (!closed) {
            worker.execute(task);
        }
    }

    private void toStore(VpnRoute route) {
        try {
            admin.announceRoute(route);
        } catch (L3VpnException e) {
            log.warn("route {} from {} not taken into the store: {}", route.prefix(),
                     route.source().peerAddress(), e.getMessage());
        }
    }

    private void fromStore(Ip4Address neighbor, VpnPrefix prefix) {
        try {
            admin.withdrawRoute(neighbor, prefix);
        } catch (L3VpnException e) {
            log.debug("withdrawal of {} from {}: {}", prefix, neighbor, e.getMessage());
        }
    }

    private void queueSync() {
        if (syncQueued.compareAndSet(false, true)) {
            submit(() -> {
                syncQueued.set(false);
                syncPeRoutes();
            });
        }
    }

    /** Gives the speaker what each P4 PE exports now, and withdraws what it no longer does. */
    private void syncPeRoutes() {
        if (!routes.isLoaded()) {
            return;
        }
        Map<Ip4Address, Map<VpnPrefix, VpnRoute>> now = new HashMap<>();
        for (SpeakerState s : routes.getSpeakers()) {
            if (s.clusterId().isPresent()) {
                continue; // a reflector: it originates nothing
            }
            Map<VpnPrefix, VpnRoute> mine = new HashMap<>();
            for (RibEntry e : routes.getVpnRib(s.routerId())) {
                if (e.isBest() && e.route().source().type() == RouteSource.Type.LOCAL) {
                    mine.put(e.route().prefix(), e.route());
                }
            }
            now.put(s.routerId(), mine);
        }
        now.forEach((pe, mine) -> {
            Map<VpnPrefix, VpnRoute> before = advertised.getOrDefault(pe, Map.of());
            mine.forEach((prefix, route) -> {
                if (!route.equals(before.get(prefix))) {
                    speaker.advertiseFromPe(pe, route);
                }
            });
        });
        advertised.forEach((pe, before) -> before.keySet().forEach(prefix -> {
            if (!now.getOrDefault(pe, Map.of()).containsKey(prefix)) {
                speaker.withdrawFromPe(pe, prefix);
            }
        }));
        advertised.clear();
        advertised.putAll(now);
    }

    @Override
    public void close() {
        closed = true;
        routes.removeListener(onRouteEvent);
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
