package org.p4vpn.bgp.onos;

import org.onosproject.cluster.ClusterService;
import org.onosproject.cluster.LeadershipEvent;
import org.onosproject.cluster.LeadershipEventListener;
import org.onosproject.cluster.LeadershipService;
import org.onosproject.cluster.NodeId;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.net.config.ConfigFactory;
import org.onosproject.net.config.NetworkConfigEvent;
import org.onosproject.net.config.NetworkConfigListener;
import org.onosproject.net.config.NetworkConfigRegistry;
import org.onosproject.net.config.basics.SubjectFactories;
import org.onosproject.store.service.StorageService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.p4vpn.api.BgpNeighbor;
import org.p4vpn.api.BgpNeighborService;
import org.p4vpn.api.BgpNeighborState;
import org.p4vpn.api.InvalidInputException;
import org.p4vpn.api.L3VpnAdminService;
import org.p4vpn.api.VpnRoute;
import org.p4vpn.api.VpnRouteService;
import org.p4vpn.bgp.bridge.NeighborStore;
import org.p4vpn.bgp.bridge.StoredNeighborService;
import org.p4vpn.bgp.bridge.VpnBgpBridge;
import org.p4vpn.bgp.wire.SpeakerConfig;
import org.p4vpn.bgp.wire.WireSpeaker;
import org.onlab.packet.Ip4Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs the controller's BGP speaker inside ONOS: the wire speaker and its bridge to the store and
 * route engine run only on the instance that {@link LeadershipService} elects for
 * {@value #TOPIC}; the other instances are candidates, so one of them takes over (with the same
 * cluster id, from the same configuration and neighbors) when the leader goes. Settings come from
 * network configuration ({@link BgpConfig}, {@code apps / org.p4vpn.app / bgp}); neighbors from
 * there and from REST / CLI are kept in the cluster's {@link NeighborStore}. Registered as
 * {@link BgpNeighborService}, so {@code /onos/l3vpn/v1/bgp/neighbors} works.
 */
@Component(immediate = true, service = BgpNeighborService.class)
public class BgpSpeakerComponent implements BgpNeighborService {

    /** The leadership topic. */
    public static final String TOPIC = "org.p4vpn.bgp";
    /** The application whose network configuration holds the {@code bgp} section. */
    public static final String APP = "org.p4vpn.app";

    private static final Logger log = LoggerFactory.getLogger(BgpSpeakerComponent.class);

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected CoreService coreService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected ClusterService clusterService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected LeadershipService leadershipService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected NetworkConfigRegistry configRegistry;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected StorageService storageService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected L3VpnAdminService adminService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected VpnRouteService routeService;

    private final ConfigFactory<ApplicationId, BgpConfig> factory =
            new ConfigFactory<>(SubjectFactories.APP_SUBJECT_FACTORY, BgpConfig.class, BgpConfig.KEY) {
                @Override
                public BgpConfig createConfig() {
                    return new BgpConfig();
                }
            };
    private final LeadershipEventListener leadershipListener = new LeadershipEventListener() {
        @Override
        public boolean isRelevant(LeadershipEvent event) {
            return TOPIC.equals(event.subject().topic());
        }

        @Override
        public void event(LeadershipEvent event) {
            reconsider();
        }
    };
    private final NetworkConfigListener configListener = new NetworkConfigListener() {
        @Override
        public boolean isRelevant(NetworkConfigEvent event) {
            return event.configClass() == BgpConfig.class;
        }

        @Override
        public void event(NetworkConfigEvent event) {
            applyConfig();
        }
    };

    private ApplicationId appId;
    private NodeId localNode;
    private StoredNeighborService neighbors;
    /** The settings last applied (valid), or null. */
    private SpeakerConfig settings;
    /** The neighbors the applied config listed, so a config change removes those it dropped. */
    private List<BgpNeighbor> configNeighbors = List.of();
    private WireSpeaker speaker;
    private VpnBgpBridge bridge;

    /** Registers the config, reads it, and runs for leadership. */
    @Activate
    protected void activate() {
        appId = coreService.registerApplication(APP);
        localNode = clusterService.getLocalNode().id();
        neighbors = new StoredNeighborService(new NeighborStore(storageService));
        configRegistry.registerConfigFactory(factory);
        configRegistry.addListener(configListener);
        leadershipService.addListener(leadershipListener);
        applyConfig();
        leadershipService.runForLeadership(TOPIC);
        reconsider();
        log.info("started; leader for {}: {}", TOPIC, leadershipService.getLeader(TOPIC));
    }

    /** Stops the speaker here and leaves the election, so a backup takes over. */
    @Deactivate
    protected void deactivate() {
        leadershipService.removeListener(leadershipListener);
        configRegistry.removeListener(configListener);
        synchronized (this) {
            stop();
        }
        leadershipService.withdraw(TOPIC);
        configRegistry.unregisterConfigFactory(factory);
        neighbors.close();
        log.info("stopped");
    }

    /**
     * Reads the {@code bgp} config; if valid, takes its settings and its neighbors into the store.
     * An invalid config is logged with the field at fault and changes nothing.
     */
    private synchronized void applyConfig() {
        BgpConfig cfg = configRegistry.getConfig(appId, BgpConfig.class);
        if (cfg == null) {
            settings = null;
            configNeighbors.forEach(n -> neighborStore().remove(n.address()));
            configNeighbors = List.of();
            reconsider();
            return;
        }
        SpeakerConfig s;
        List<BgpNeighbor> ns;
        try {
            s = cfg.speaker();
            ns = cfg.neighbors();
        } catch (InvalidInputException e) {
            log.error("bgp config not applied: {}: {}", e.field(), e.getMessage());
            return;
        }
        configNeighbors.stream().filter(old -> ns.stream().noneMatch(n -> n.address().equals(old.address())))
                .forEach(old -> neighborStore().remove(old.address()));
        ns.forEach(neighborStore()::put);
        configNeighbors = ns;
        if (!Objects.equals(String.valueOf(settings), String.valueOf(s))) {
            stop(); // new identity or listen address: restart under it
        }
        settings = s;
        reconsider();
    }

    private NeighborStore neighborStore() {
        return neighbors.store();
    }

    /** Runs the speaker if this instance leads and settings are known; else makes sure it is stopped. */
    private synchronized void reconsider() {
        boolean lead = localNode.equals(leadershipService.getLeader(TOPIC));
        if ((!lead || settings == null) && speaker != null) {
            stop();
        } else if (lead && settings != null && speaker == null) {
            start();
        }
    }

    private void start() {
        try {
            speaker = WireSpeaker.start(settings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            log.error("BGP speaker not started with {}: {}", settings, e.toString());
            return;
        }
        bridge = new VpnBgpBridge(speaker, adminService, routeService);
        neighbors.attach(speaker);
        log.info("BGP speaker runs here: {}", settings);
    }

    private void stop() {
        if (speaker == null) {
            return;
        }
        neighbors.attach(null);
        bridge.close();
        speaker.close();
        bridge = null;
        speaker = null;
        log.info("BGP speaker stopped here");
    }

    /** @return the running speaker's TCP port, or -1 if none runs here */
    public synchronized int port() {
        return speaker == null ? -1 : speaker.port();
    }

    /** @return true if the speaker runs on this instance */
    public synchronized boolean isRunning() {
        return speaker != null;
    }

    @Override
    public List<BgpNeighborState> getNeighbors() {
        return neighbors.getNeighbors();
    }

    @Override
    public Optional<BgpNeighborState> getNeighbor(Ip4Address address) {
        return neighbors.getNeighbor(address);
    }

    @Override
    public void addNeighbor(BgpNeighbor neighbor) {
        neighbors.addNeighbor(neighbor);
    }

    @Override
    public void removeNeighbor(Ip4Address address) {
        neighbors.removeNeighbor(address);
    }

    @Override
    public List<VpnRoute> getAdjRibIn(Ip4Address address) {
        return neighbors.getAdjRibIn(address);
    }

    @Override
    public List<VpnRoute> getAdjRibOut(Ip4Address address) {
        return neighbors.getAdjRibOut(address);
    }
}
