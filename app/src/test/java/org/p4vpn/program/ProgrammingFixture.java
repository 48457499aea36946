package org.p4vpn.program;

import com.google.common.util.concurrent.MoreExecutors;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.MacAddress;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.event.EventDeliveryService;
import org.onosproject.mastership.MastershipEvent;
import org.onosproject.mastership.MastershipInfo;
import org.onosproject.mastership.MastershipListener;
import org.onosproject.mastership.MastershipServiceAdapter;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultLink;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Link;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceListener;
import org.onosproject.net.device.DeviceServiceAdapter;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.PiCriterion;
import org.onosproject.net.flow.instructions.PiInstruction;
import org.onosproject.net.group.Group;
import org.onosproject.net.group.GroupBucket;
import org.onosproject.net.host.HostServiceAdapter;
import org.onosproject.net.link.LinkEvent;
import org.onosproject.net.link.LinkListener;
import org.onosproject.net.link.LinkServiceAdapter;
import org.onosproject.net.pi.model.PiTableId;
import org.onosproject.net.pi.runtime.PiActionProfileGroup;
import org.onosproject.net.pi.runtime.PiActionProfileMember;
import org.onosproject.net.pi.runtime.PiActionProfileMemberId;
import org.onosproject.net.pi.runtime.PiTableAction;
import org.onosproject.net.pi.runtime.PiTableEntry;
import org.onosproject.net.provider.ProviderId;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.RouteDistinguisher;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.Site;
import org.p4vpn.api.TunnelMode;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;
import org.p4vpn.impl.L3VpnManager;
import org.p4vpn.impl.SyncEventDispatcher;
import org.p4vpn.impl.VpnRouteManager;
import org.p4vpn.lsp.TransportPlanner;
import org.p4vpn.lsp.TransportTopology;
import org.p4vpn.store.DistributedVpnStore;
import org.p4vpn.store.TestVpnStores;
import org.p4vpn.translate.DeviceEntries;
import org.p4vpn.translate.PipelineTranslator;
import org.p4vpn.translate.StateAssembler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The programmer among the real configuration manager, route manager and store, on ONOS test
 * adapters: recording flow rule and group services, and link, device and mastership services
 * the tests drive. Also computes the translation the programmer should have written.
 */
final class ProgrammingFixture {

    static final DeviceId PE1 = DeviceId.deviceId("device:pe1");
    static final DeviceId PE2 = DeviceId.deviceId("device:pe2");
    static final DeviceId P = DeviceId.deviceId("device:p");
    static final DeviceId P2 = DeviceId.deviceId("device:p2");
    static final DeviceId P3 = DeviceId.deviceId("device:p3");
    static final ApplicationId APP = new DefaultApplicationId(7, L3VpnManager.APP_NAME);

    static final class Vpns extends L3VpnManager {
        Vpns(DistributedVpnStore store, EventDeliveryService dispatcher) {
            this.store = store;
            this.coreService = new CoreServiceAdapter();
            this.eventDispatcher = dispatcher;
        }
    }

    static final class Routes extends VpnRouteManager {
        Routes(DistributedVpnStore store, L3VpnManager vpns, EventDeliveryService dispatcher) {
            this.store = store;
            this.vpnService = vpns;
            this.eventDispatcher = dispatcher;
            this.executor = MoreExecutors.directExecutor();
        }
    }

    static final class Links extends LinkServiceAdapter {
        final List<Link> links = new ArrayList<>();
        final List<LinkListener> listeners = new ArrayList<>();

        @Override
        public Iterable<Link> getActiveLinks() {
            return new ArrayList<>(links);
        }

        @Override
        public void addListener(LinkListener l) {
            listeners.add(l);
        }

        @Override
        public void removeListener(LinkListener l) {
            listeners.remove(l);
        }

        /** Takes a link down in both directions and tells the listeners, one direction after the other. */
        void fail(ConnectPoint a, ConnectPoint b) {
            List<Link> gone = links.stream().filter(l -> l.src().equals(a) && l.dst().equals(b)
                    || l.src().equals(b) && l.dst().equals(a)).collect(Collectors.toList());
            links.removeAll(gone);
            for (Link l : gone) {
                LinkEvent e = new LinkEvent(LinkEvent.Type.LINK_REMOVED, l);
                listeners.stream().filter(x -> x.isRelevant(e)).forEach(x -> x.event(e));
            }
        }
    }

    static final class Devices extends DeviceServiceAdapter {
        final Set<DeviceId> down = new HashSet<>();
        final List<DeviceListener> listeners = new ArrayList<>();

        @Override
        public boolean isAvailable(DeviceId d) {
            return !down.contains(d);
        }

        @Override
        public void addListener(DeviceListener l) {
            listeners.add(l);
        }

        @Override
        public void removeListener(DeviceListener l) {
            listeners.remove(l);
        }
    }

    static final class Mastership extends MastershipServiceAdapter {
        final Set<DeviceId> elsewhere = new HashSet<>();
        final List<MastershipListener> listeners = new ArrayList<>();

        @Override
        public boolean isLocalMaster(DeviceId d) {
            return !elsewhere.contains(d);
        }

        @Override
        public void addListener(MastershipListener l) {
            listeners.add(l);
        }

        @Override
        public void removeListener(MastershipListener l) {
            listeners.remove(l);
        }

        /** This instance becomes master of a device. */
        void gain(DeviceId d) {
            elsewhere.remove(d);
            MastershipEvent e = new MastershipEvent(MastershipEvent.Type.MASTER_CHANGED, d, new MastershipInfo());
            listeners.stream().filter(l -> l.isRelevant(e)).forEach(l -> l.event(e));
        }
    }

    final DistributedVpnStore store = TestVpnStores.create();
    final SyncEventDispatcher dispatcher = new SyncEventDispatcher();
    final Vpns vpns = new Vpns(store, dispatcher);
    final Routes routes;
    final Links links = new Links();
    final Devices devices = new Devices();
    final Mastership mastership = new Mastership();
    final Map<DeviceId, MacAddress> macs = new LinkedHashMap<>();
    final RecordingServices onos = new RecordingServices();
    VpnProgrammingManager programmer;

    ProgrammingFixture() {
        vpns.activate();
        routes = new Routes(store, vpns, dispatcher);
        routes.activate();
    }

    void node(DeviceId id, NodeRole role, int n) {
        vpns.setNode(ProviderNode.of(id, role, Ip4Address.valueOf(n + "." + n + "." + n + "." + n)));
        macs.put(id, MacAddress.valueOf(String.format("00:aa:00:00:00:%02x", n)));
    }

    void link(DeviceId a, int pa, DeviceId b, int pb) {
        ConnectPoint ca = new ConnectPoint(a, PortNumber.portNumber(pa));
        ConnectPoint cb = new ConnectPoint(b, PortNumber.portNumber(pb));
        ProviderId pid = new ProviderId("test", "p4vpn");
        links.links.add(DefaultLink.builder().providerId(pid).src(ca).dst(cb).type(Link.Type.DIRECT)
                                .state(Link.State.ACTIVE).build());
        links.links.add(DefaultLink.builder().providerId(pid).src(cb).dst(ca).type(Link.Type.DIRECT)
                                .state(Link.State.ACTIVE).build());
    }

    /** The seed network: PE1 port 10 - port 1 P port 2 - port 10 PE2. */
    void seedCore() {
        node(PE1, NodeRole.PE, 1);
        node(PE2, NodeRole.PE, 2);
        node(P, NodeRole.P, 3);
        link(PE1, 10, P, 1);
        link(P, 2, PE2, 10);
    }

    /** A ring: PE1 - P - PE2 (short side) and PE1 port 11 - P2 - P3 - port 11 PE2 (long side). */
    void ringCore() {
        seedCore();
        node(P2, NodeRole.P, 4);
        node(P3, NodeRole.P, 5);
        link(PE1, 11, P2, 1);
        link(P2, 2, P3, 1);
        link(P3, 2, PE2, 11);
    }

    /** Starts a programmer writing into the given services. */
    VpnProgrammingManager start(RecordingServices into) {
        VpnProgrammingManager m = new VpnProgrammingManager();
        m.coreService = new CoreServiceAdapter() {
            @Override
            public ApplicationId registerApplication(String name) {
                return APP;
            }
        };
        m.vpnService = vpns;
        m.routeService = routes;
        m.store = store;
        m.linkService = links;
        m.deviceService = devices;
        m.hostService = new HostServiceAdapter();
        m.mastershipService = mastership;
        m.flowRuleService = into.flows;
        m.groupService = into.groups;
        m.executor = MoreExecutors.directExecutor();
        m.addressing = new SwitchAddressing() {
            @Override
            public Optional<MacAddress> routerMac(DeviceId device) {
                return Optional.ofNullable(macs.get(device));
            }

            @Override
            public Optional<MacAddress> ceMac(Site site) {
                return site.ceMac();
            }
        };
        m.activate();
        return m;
    }

    void start() {
        programmer = start(onos);
    }

    /** VPN "vpna" with CE1 on PE1 port 1 and CE2 on PE2 port 1, each with a static route. */
    void provision() {
        vpns.createVpnInstance(VpnInstance.builder().name("vpna").routeDistinguisher(RouteDistinguisher.of("65000:1"))
                                       .routeTargets(List.of(RouteTarget.of("65000:1"))).build());
        vpns.createSite(site("ce1", PE1, "10.1.1", "00:cc:00:00:00:01", "192.168.1.0/24"));
        vpns.createSite(site("ce2", PE2, "10.2.2", "00:cc:00:00:00:02", "192.168.2.0/24"));
    }

    private static Site site(String name, DeviceId pe, String net, String mac, String route) {
        return Site.builder().name(name).vpn("vpna").device(pe).port(PortNumber.portNumber(1))
                .peInterface(net + ".1/24").ceAddress(Ip4Address.valueOf(net + ".2")).ceMac(MacAddress.valueOf(mac))
                .staticRoutes(List.of(Ip4Prefix.valueOf(route))).build();
    }

    /** What the translator gives for the current configuration and links. */
    Map<DeviceId, DeviceEntries> expected() {
        List<TransportTopology.Link> tl = new ArrayList<>();
        links.links.forEach(l -> tl.add(new TransportTopology.Link(l.src(), l.dst(), 1)));
        List<DeviceId> pes = vpns.getNodes().stream().filter(n -> n.role() == NodeRole.PE)
                .map(ProviderNode::deviceId).sorted((a, b) -> a.toString().compareTo(b.toString()))
                .collect(Collectors.toList());
        Map<String, MacAddress> ceMacs = new HashMap<>();
        vpns.getSites().forEach(s -> ceMacs.put(s.name(), s.ceMac().orElseThrow()));
        return PipelineTranslator.translate(StateAssembler.assemble(
                vpns.getNodes(), macs, tl, vpns.getSites(), ceMacs, vpns.getVpnInstances(), routes.getVrfs(),
                this::best, store.getLabels(),
                new TransportPlanner(store.labelAllocator(), TunnelMode.PHP)
                        .plan(new TransportTopology(macs.keySet(), tl), pes),
                store.labelAllocator(), false));
    }

    private Map<Ip4Prefix, VrfRoute> best(VrfKey k) {
        Map<Ip4Prefix, VrfRoute> out = new TreeMap<>(Site.PREFIX_ORDER);
        routes.getVrfTable(k).stream().filter(VrfRoute::isBest).forEach(r -> out.put(r.prefix(), r));
        return out;
    }

    // ---------------------------------------------------------------- PI views of what was written

    /** A table entry as (table, field matches, action). */
    static List<Object> view(PiTableId table, java.util.Collection<?> matches, PiTableAction action) {
        return List.of(table, new HashSet<>(matches), action);
    }

    static List<Object> view(FlowRule r) {
        PiCriterion c = (PiCriterion) r.selector().getCriterion(Criterion.Type.PROTOCOL_INDEPENDENT);
        return view((PiTableId) r.table(), c.fieldMatches(), action(r.treatment().allInstructions().get(0)));
    }

    static PiTableAction action(Object instruction) {
        return ((PiInstruction) instruction).action();
    }

    static Set<List<Object>> entries(DeviceEntries e) {
        Set<List<Object>> out = new HashSet<>();
        for (PiTableEntry t : e.entries()) {
            out.add(view(t.table(), t.matchKey().fieldMatches(), t.action()));
        }
        return out;
    }

    static Map<Integer, List<PiTableAction>> groups(DeviceEntries e) {
        Map<PiActionProfileMemberId, PiActionProfileMember> members = new HashMap<>();
        e.members().forEach(m -> members.put(m.id(), m));
        Map<Integer, List<PiTableAction>> out = new HashMap<>();
        for (PiActionProfileGroup g : e.groups()) {
            out.put(g.id().id(), g.members().stream().map(m -> (PiTableAction) members.get(m.id()).action())
                    .collect(Collectors.toList()));
        }
        return out;
    }

    Set<List<Object>> written(RecordingServices s, DeviceId d) {
        return s.flows.of(d).stream().map(ProgrammingFixture::view).collect(Collectors.toSet());
    }

    Map<Integer, List<PiTableAction>> writtenGroups(RecordingServices s, DeviceId d) {
        Map<Integer, List<PiTableAction>> out = new HashMap<>();
        for (Group g : s.groups.groups.getOrDefault(d, Map.of()).values()) {
            out.put(g.id().id(), actions(g));
        }
        return out;
    }

    static List<PiTableAction> actions(Group g) {
        List<PiTableAction> out = new ArrayList<>();
        for (GroupBucket b : g.buckets().buckets()) {
            out.add(action(b.treatment().allInstructions().get(0)));
        }
        return out;
    }
}
