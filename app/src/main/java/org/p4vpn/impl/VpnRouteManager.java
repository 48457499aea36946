package org.p4vpn.impl;

import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onosproject.event.EventDeliveryService;
import org.onosproject.event.ListenerRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.RibEntry;
import org.p4vpn.api.Site;
import org.p4vpn.api.SpeakerState;
import org.p4vpn.api.VpnEvent;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.api.VpnRoute;
import org.p4vpn.api.VpnListener;
import org.p4vpn.api.VpnRouteService;
import org.p4vpn.api.VpnStore;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;
import org.p4vpn.api.VrfRouteEvent;
import org.p4vpn.api.VrfRouteListener;
import org.p4vpn.routing.VpnRouteEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.onlab.util.Tools.groupedThreads;

/**
 * Runs the route engine: VPN configuration events (which the store raises for changes made on any
 * instance) are applied to the engine in order on one executor; the engine's best-route changes
 * are posted to {@link VrfRouteListener}s; reads of VRF tables and RIBs come from the engine.
 */
@Component(immediate = true, service = VpnRouteService.class)
public class VpnRouteManager implements VpnRouteService {

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected L3VpnService vpnService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected VpnStore store;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected EventDeliveryService eventDispatcher;

    private final ListenerRegistry<VrfRouteEvent, VrfRouteListener> routeListeners = new ListenerRegistry<>();
    private final VpnListener vpnListener = new InternalVpnListener();
    private ExecutorService ownExecutor;
    /** Applies configuration events to the engine in order; tests may set a direct executor. */
    protected Executor executor;
    private VpnRouteEngine engine;
    private volatile boolean loaded;

    /** Starts the engine on what is configured and follows the configuration from then on. */
    @Activate
    public void activate() {
        if (executor == null) {
            ownExecutor = Executors.newSingleThreadExecutor(groupedThreads("p4vpn", "route-engine", log));
            executor = ownExecutor;
        }
        engine = new VpnRouteEngine(L3VpnManager.DEFAULT_AS, store.labelAllocator(), this::post);
        eventDispatcher.addSink(VrfRouteEvent.class, routeListeners);
        vpnService.addListener(vpnListener);
        executor.execute(this::loadAndReleaseOrphans);
        log.info("Started");
    }

    /**
     * Loads the configuration into the engine, then releases VPN labels the store holds for keys
     * nothing uses any more (e.g. a site removed while this instance was down). Other ids in the
     * label store (transport labels, VRF and next-hop ids) belong to the programming side.
     */
    private void loadAndReleaseOrphans() {
        // Readers block on the engine's lock until load() returns, so they see it whole.
        loaded = true;
        engine.load(vpnService.getNodes(), vpnService.getVpnInstances(), vpnService.getSites(),
                    vpnService.getPeerRoutes());
        Set<LabelKey> used = engine.labelUse().keySet();
        for (LabelKey k : store.getLabels().keySet()) {
            if (k.isVpnLabel() && !used.contains(k)) {
                log.info("Releasing unused label of {}", k);
                store.labelAllocator().release(k);
            }
        }
    }

    /** Stops following the configuration. */
    @Deactivate
    public void deactivate() {
        vpnService.removeListener(vpnListener);
        eventDispatcher.removeSink(VrfRouteEvent.class);
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
        log.info("Stopped");
    }

    private void post(VrfRouteEvent e) {
        log.debug("VRF {} {} {}", e.subject(), e.type(), e.prefix());
        eventDispatcher.post(e);
    }

    private void apply(VpnEvent e) {
        try {
            Object s = e.subject();
            switch (e.type()) {
                case VPN_INSTANCE_ADDED:
                case VPN_INSTANCE_UPDATED:
                    engine.setVpnInstance((VpnInstance) s);
                    break;
                case VPN_INSTANCE_REMOVED:
                    engine.removeVpnInstance(((VpnInstance) s).name());
                    break;
                case SITE_ADDED:
                case SITE_UPDATED:
                    engine.setSite((Site) s);
                    break;
                case SITE_REMOVED:
                    engine.removeSite(((Site) s).name());
                    break;
                case NODE_ADDED:
                case NODE_UPDATED:
                    engine.setNode((ProviderNode) s);
                    break;
                case NODE_REMOVED:
                    engine.removeNode(((ProviderNode) s).deviceId());
                    break;
                case PEER_ROUTE_ADDED:
                    engine.setPeerRoute((VpnRoute) s);
                    break;
                case PEER_ROUTE_REMOVED:
                    engine.removePeerRoute(((VpnRoute) s).source().peerAddress(), ((VpnRoute) s).prefix());
                    break;
                default:
                    break;
            }
        } catch (RuntimeException ex) {
            log.error("Route engine failed on {} {}: {}", e.type(), e.subject(), ex.getMessage(), ex);
        }
    }

    private class InternalVpnListener implements VpnListener {
        @Override
        public void event(VpnEvent event) {
            executor.execute(() -> apply(event));
        }
    }

    @Override
    public boolean isLoaded() {
        return loaded;
    }

    @Override
    public Set<VrfKey> getVrfs() {
        return engine.vrfKeys();
    }

    @Override
    public List<VrfRoute> getVrfTable(VrfKey vrf) {
        return engine.vrfTable(vrf);
    }

    @Override
    public Optional<VrfRoute> getBestRoute(VrfKey vrf, Ip4Prefix prefix) {
        return engine.bestRoute(vrf, prefix);
    }

    @Override
    public java.util.Map<Ip4Prefix, VrfRoute> getBestRoutes(VrfKey vrf) {
        return engine.bestRoutes(vrf);
    }

    @Override
    public Set<LabelKey> getVpnLabelKeys() {
        return engine.labelUse().keySet();
    }

    @Override
    public List<SpeakerState> getSpeakers() {
        return engine.speakers();
    }

    @Override
    public List<RibEntry> getVpnRib(Ip4Address routerId) {
        return engine.rib(routerId);
    }

    @Override
    public void addListener(VrfRouteListener listener) {
        routeListeners.addListener(listener);
    }

    @Override
    public void removeListener(VrfRouteListener listener) {
        routeListeners.removeListener(listener);
    }
}
