package org.p4vpn.program;

import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.MacAddress;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.mastership.MastershipEvent;
import org.onosproject.mastership.MastershipListener;
import org.onosproject.mastership.MastershipService;
import org.onosproject.net.AnnotationKeys;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Link;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceListener;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.group.GroupService;
import org.onosproject.net.host.HostEvent;
import org.onosproject.net.host.HostListener;
import org.onosproject.net.host.HostService;
import org.onosproject.net.link.LinkEvent;
import org.onosproject.net.link.LinkListener;
import org.onosproject.net.link.LinkService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.Lsp;
import org.p4vpn.api.LspService;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.Site;
import org.p4vpn.api.TunnelMode;
import org.p4vpn.api.VpnEvent;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.api.VpnListener;
import org.p4vpn.api.VpnRouteService;
import org.p4vpn.api.VpnStore;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;
import org.p4vpn.api.VrfRouteEvent;
import org.p4vpn.api.VrfRouteListener;
import org.p4vpn.impl.L3VpnManager;
import org.p4vpn.lsp.TransportPlan;
import org.p4vpn.lsp.TransportPlanner;
import org.p4vpn.lsp.TransportTopology;
import org.p4vpn.translate.DeviceEntries;
import org.p4vpn.translate.ForwardingState;
import org.p4vpn.translate.PipelineTranslator;
import org.p4vpn.translate.StateAssembler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.onlab.util.Tools.groupedThreads;

/**
 * Programs the switches this instance masters. Every relevant event (best routes, VPN
 * configuration, links, devices, mastership, hosts) leads, on one ordered executor, to a full
 * recomputation of the forwarding state (route engine, LSP plan, translator) and to the
 * difference between what each switch should hold and what was written to it. A switch seen for
 * the first time, reconnected, or newly mastered is diffed against what ONOS reports it holds, so
 * a restart or reconnect never removes and replays everything. A failed link is first bypassed
 * by switching the ingress PEs to their precomputed backups, then recomputed.
 */
@Component(immediate = true, service = LspService.class)
public class VpnProgrammingManager implements LspService {

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected CoreService coreService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected L3VpnService vpnService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected VpnRouteService routeService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected VpnStore store;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected LinkService linkService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DeviceService deviceService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected HostService hostService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected org.onosproject.net.config.NetworkConfigService netcfgService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected MastershipService mastershipService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected FlowRuleService flowRuleService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected GroupService groupService;

    /** Runs all programming in order; tests may set a direct executor before activating. */
    protected Executor executor;
    /** Router and CE MACs; tests may substitute their own before activating. */
    protected SwitchAddressing addressing;
    /** How LSPs end. */
    protected TunnelMode tunnelMode = TunnelMode.PHP;

    private final VrfRouteListener routeListener = e -> requestRecompute();
    private final VpnListener vpnListener = e -> requestRecompute();
    private final LinkListener linkListener = new InternalLinkListener();
    private final DeviceListener deviceListener = new InternalDeviceListener();
    private final HostListener hostListener = new InternalHostListener();
    private final MastershipListener mastershipListener = new InternalMastershipListener();
    // A device's p4vpn section (its router MAC) may arrive after the device.
    private final org.onosproject.net.config.NetworkConfigListener netcfgListener = e -> {
        if (e.configClass() == VpnDeviceConfig.class) {
            requestRecompute();
        }
    };
    private final AtomicBoolean recomputeQueued = new AtomicBoolean();

    private ExecutorService ownExecutor;
    private ApplicationId appId;
    private TransportPlanner planner;

    // Touched only on the executor.
    private TransportTopology lastTopology;
    private TransportPlan lastPlan;
    // What getLsps() answers from other threads.
    private volatile TransportPlan published;
    private Map<DeviceId, DeviceEntries> desired = Map.of();
    private final Map<DeviceId, DeviceProgram> written = new HashMap<>();
    private final java.util.ArrayDeque<Runnable> queue = new java.util.ArrayDeque<>();
    private boolean busy;

    @Override
    public Collection<Lsp> getLsps() {
        TransportPlan p = published;
        return p == null ? List.of() : p.lsps();
    }

    /** Starts: programs what is configured now, then follows events. */
    @Activate
    public void activate() {
        appId = coreService.registerApplication(L3VpnManager.APP_NAME);
        if (executor == null) {
            ownExecutor = Executors.newSingleThreadExecutor(groupedThreads("p4vpn", "programmer", log));
            executor = ownExecutor;
        }
        if (addressing == null) {
            addressing = new OnosSwitchAddressing(deviceService, hostService, netcfgService);
        }
        planner = new TransportPlanner(store.labelAllocator(), tunnelMode);
        routeService.addListener(routeListener);
        vpnService.addListener(vpnListener);
        linkService.addListener(linkListener);
        deviceService.addListener(deviceListener);
        hostService.addListener(hostListener);
        mastershipService.addListener(mastershipListener);
        if (netcfgService != null) {
            netcfgService.addListener(netcfgListener);
        }
        requestRecompute();
        log.info("Started");
    }

    /** Stops following events; what was written stays on the switches (the next start reconciles). */
    @Deactivate
    public void deactivate() {
        mastershipService.removeListener(mastershipListener);
        if (netcfgService != null) {
            netcfgService.removeListener(netcfgListener);
        }
        hostService.removeListener(hostListener);
        deviceService.removeListener(deviceListener);
        linkService.removeListener(linkListener);
        vpnService.removeListener(vpnListener);
        routeService.removeListener(routeListener);
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
        log.info("Stopped");
    }

    // ---------------------------------------------------------------- on the executor

    private void requestRecompute() {
        if (recomputeQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                recomputeQueued.set(false);
                serially(() -> recompute(null));
            });
        }
    }

    private void retryLater() {
        java.util.concurrent.CompletableFuture.delayedExecutor(100, java.util.concurrent.TimeUnit.MILLISECONDS)
                .execute(this::requestRecompute);
    }

    /** Runs a task; one that arrives while another runs (a direct executor) runs right after it. */
    private void serially(Runnable task) {
        queue.add(task);
        if (busy) {
            return;
        }
        busy = true;
        try {
            Runnable next;
            while ((next = queue.poll()) != null) {
                try {
                    next.run();
                } catch (RuntimeException e) {
                    log.error("Programming failed: {}", e.getMessage(), e);
                }
            }
        } finally {
            busy = false;
        }
    }

    /** Recomputes everything and writes the differences; a non-null link is treated as down. */
    private void recompute(Link down) {
        if (!routeService.isLoaded()) {
            // Programming half-loaded routes would remove entries the switches rightly hold.
            retryLater();
            return;
        }
        TransportTopology topo = topology(down);
        TransportPlan plan = planner.plan(topo, pes(topo),
                StateAssembler.privateLspPes(vpnService.getVpnInstances(), vpnService.getSites()));
        lastTopology = topo;
        lastPlan = plan;
        published = plan;
        program(PipelineTranslator.translate(assemble(topo, plan)), null);
        releaseUnused(plan);
    }

    /** Bypasses a failed link on the precomputed backups, then recomputes without it. */
    private void linkDown(Link link) {
        if (lastPlan != null) {
            TransportPlan bypass = lastPlan.onLinkFailure(link.src(), link.dst());
            published = bypass;
            program(PipelineTranslator.translate(assemble(lastTopology, bypass)), null);
        }
        recompute(link);
    }

    /** Forgets what was written to a device and diffs it against what ONOS reports. */
    private void reconcile(DeviceId device) {
        written.remove(device);
        program(desired, device);
    }

    /** Writes the differences on every device (or one), against what it was last given. */
    private void program(Map<DeviceId, DeviceEntries> next, DeviceId only) {
        desired = next;
        Set<DeviceId> devices = new HashSet<>(next.keySet());
        devices.addAll(written.keySet());
        for (DeviceId d : devices) {
            if (only != null && !only.equals(d)) {
                continue;
            }
            if (!mastershipService.isLocalMaster(d) || !deviceService.isAvailable(d)) {
                written.remove(d);
                continue;
            }
            DeviceProgram want = DeviceProgram.of(d, next.get(d), appId);
            DeviceProgram have = written.get(d);
            if (have == null) {
                have = DeviceProgram.reported(d, flowRuleService.getFlowEntriesById(appId),
                                              groupService.getGroups(d, appId));
            }
            ChangeSet changes = have.diffTo(want);
            if (!changes.isEmpty()) {
                changes.apply(flowRuleService, groupService, appId);
                log.info("{}", changes);
            }
            if (want.rules().isEmpty() && want.groups().isEmpty()) {
                written.remove(d);
            } else {
                written.put(d, want);
            }
        }
    }

    // ---------------------------------------------------------------- gathering the state

    private List<ProviderNode> switches() {
        return vpnService.getNodes().stream().filter(n -> n.role() != NodeRole.RR)
                .filter(n -> addressing.routerMac(n.deviceId()).isPresent()).collect(Collectors.toList());
    }

    /** The provider switches with a router MAC and the active links between them. */
    private TransportTopology topology(Link down) {
        Set<DeviceId> ids = switches().stream().map(ProviderNode::deviceId).collect(Collectors.toSet());
        List<TransportTopology.Link> links = new ArrayList<>();
        for (Link l : linkService.getActiveLinks()) {
            if (ids.contains(l.src().deviceId()) && ids.contains(l.dst().deviceId())
                    && (down == null || !(l.src().equals(down.src()) || l.src().equals(down.dst())
                    || l.dst().equals(down.src()) || l.dst().equals(down.dst())))) {
                links.add(new TransportTopology.Link(l.src(), l.dst(), metric(l)));
            }
        }
        return new TransportTopology(ids, links);
    }

    /** The IGP metric of a link: the netcfg "metric" annotation if set, else 1. */
    /**
     * The IGP metric of a link: its {@code metric} annotation (netcfg), 1 if it has none.
     *
     * @param l link
     * @return metric, at least 1
     */
    static long metric(Link l) {
        String m = l.annotations().value(AnnotationKeys.METRIC);
        try {
            return m == null ? 1 : Math.max(1, Math.round(Double.parseDouble(m)));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private List<DeviceId> pes(TransportTopology topo) {
        return vpnService.getNodes().stream().filter(n -> n.role() == NodeRole.PE)
                .map(ProviderNode::deviceId).filter(topo.devices()::contains).sorted(
                        (a, b) -> a.toString().compareTo(b.toString())).collect(Collectors.toList());
    }

    private ForwardingState assemble(TransportTopology topo, TransportPlan plan) {
        List<ProviderNode> nodes = switches();
        Map<DeviceId, MacAddress> macs = new HashMap<>();
        nodes.forEach(n -> macs.put(n.deviceId(), addressing.routerMac(n.deviceId()).get()));
        Collection<Site> sites = vpnService.getSites();
        Map<String, MacAddress> ceMacs = new HashMap<>();
        sites.forEach(s -> addressing.ceMac(s).ifPresent(m -> ceMacs.put(s.name(), m)));
        return StateAssembler.assemble(nodes, macs, topo.links(), sites, ceMacs, vpnService.getVpnInstances(),
                                       routeService.getVrfs(), this::bestRoutes, store.getLabels(), plan,
                                       store.labelAllocator(), false);
    }

    private Map<Ip4Prefix, VrfRoute> bestRoutes(VrfKey vrf) {
        Map<Ip4Prefix, VrfRoute> out = new TreeMap<>(Site.PREFIX_ORDER);
        routeService.getVrfTable(vrf).stream().filter(VrfRoute::isBest).forEach(r -> out.put(r.prefix(), r));
        return out;
    }

    /** Releases transport labels, VRF ids and next-hop ids nothing uses any more. */
    private void releaseUnused(TransportPlan plan) {
        Set<LabelKey> used = new HashSet<>(plan.labelKeys());
        for (VpnInstance v : vpnService.getVpnInstances()) {
            used.add(LabelKey.vrfId(v.name()));
        }
        for (Site s : vpnService.getSites()) {
            used.add(LabelKey.nextHop(s.device(), s.name()));
        }
        for (LabelKey k : new LinkedHashMap<>(store.getLabels()).keySet()) {
            boolean ours = k.purpose() == LabelKey.Purpose.TRANSPORT || k.purpose() == LabelKey.Purpose.VRF_ID
                    || k.purpose() == LabelKey.Purpose.NEXT_HOP;
            if (ours && !used.contains(k)) {
                store.labelAllocator().release(k);
            }
        }
    }

    private boolean isProviderSwitch(DeviceId d) {
        return vpnService.getNode(d).map(n -> n.role() != NodeRole.RR).orElse(false);
    }

    // ---------------------------------------------------------------- listeners

    private class InternalLinkListener implements LinkListener {
        @Override
        public boolean isRelevant(LinkEvent e) {
            return isProviderSwitch(e.subject().src().deviceId()) && isProviderSwitch(e.subject().dst().deviceId());
        }

        @Override
        public void event(LinkEvent e) {
            if (e.type() == LinkEvent.Type.LINK_REMOVED) {
                executor.execute(() -> serially(() -> linkDown(e.subject())));
            } else {
                requestRecompute();
            }
        }
    }

    private class InternalDeviceListener implements DeviceListener {
        @Override
        public boolean isRelevant(DeviceEvent e) {
            switch (e.type()) {
                case DEVICE_ADDED:
                case DEVICE_AVAILABILITY_CHANGED:
                case DEVICE_UPDATED:
                    return isProviderSwitch(e.subject().id());
                default:
                    return false;
            }
        }

        @Override
        public void event(DeviceEvent e) {
            if (e.type() == DeviceEvent.Type.DEVICE_UPDATED) {
                requestRecompute();
            } else {
                DeviceId d = e.subject().id();
                executor.execute(() -> serially(() -> reconcile(d)));
            }
        }
    }

    private class InternalMastershipListener implements MastershipListener {
        @Override
        public boolean isRelevant(MastershipEvent e) {
            return e.type() == MastershipEvent.Type.MASTER_CHANGED && isProviderSwitch(e.subject());
        }

        @Override
        public void event(MastershipEvent e) {
            DeviceId d = e.subject();
            executor.execute(() -> serially(() -> reconcile(d)));
        }
    }

    private class InternalHostListener implements HostListener {
        @Override
        public boolean isRelevant(HostEvent e) {
            return e.subject() != null && vpnService.getSites().stream().anyMatch(s -> e.subject().locations()
                    .stream().anyMatch(l -> l.deviceId().equals(s.device()) && l.port().equals(s.port())));
        }

        @Override
        public void event(HostEvent e) {
            requestRecompute();
        }
    }
}
