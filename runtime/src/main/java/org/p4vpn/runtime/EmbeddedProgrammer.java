package org.p4vpn.runtime;

import org.onlab.packet.ARP;
import org.onlab.packet.DeserializationException;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.Site;
import org.p4vpn.api.TunnelMode;
import org.p4vpn.api.VpnListener;
import org.p4vpn.api.VpnRouteService;
import org.p4vpn.api.VpnStore;
import org.p4vpn.api.VrfRouteListener;
import org.p4vpn.lsp.TransportPlan;
import org.p4vpn.lsp.TransportPlanner;
import org.p4vpn.lsp.TransportTopology;
import org.p4vpn.p4rt.P4RuntimeClient;
import org.p4vpn.p4rt.topo.NetworkFile;
import org.p4vpn.pipeconf.PipelineOutputs;
import org.p4vpn.translate.DeviceEntries;
import org.p4vpn.translate.ForwardingState;
import org.p4vpn.translate.PipelineTranslator;
import org.p4vpn.translate.StateAssembler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p4.config.v1.P4InfoOuterClass.P4Info;
import p4.v1.P4RuntimeOuterClass.PacketIn;
import p4.v1.P4RuntimeOuterClass.PacketMetadata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded runtime's device programmer: follows the VPN configuration and the route engine,
 * plans LSPs over the network file's links, translates everything into P4 entities and keeps each
 * switch at them over P4Runtime (a reconnecting switch is reconciled by diff, never wiped). It
 * answers ARP for PE interface addresses and learns CE MACs from ARP. One thread does all of it.
 */
public final class EmbeddedProgrammer implements AutoCloseable, org.p4vpn.api.LspService {

    // The last plan, for getLsps() on other threads.
    private volatile TransportPlan published;
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedProgrammer.class);

    private final L3VpnService vpns;
    private final VpnRouteService routes;
    private final VpnStore store;
    private final NetworkFile network;
    private final TransportPlanner planner;
    private final Map<DeviceId, DeviceAgent> agents = new LinkedHashMap<>();
    private final Map<DeviceId, DeviceEntries> applied = new ConcurrentHashMap<>();
    private final Map<String, MacAddress> ceMacs = new ConcurrentHashMap<>();
    private final LinkMonitor monitor;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "programmer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    private final VrfRouteListener routeListener = e -> schedule();
    private final VpnListener vpnListener = e -> schedule();
    private volatile long programmed;

    /**
     * Creates the programmer (not started).
     *
     * @param vpns    configuration
     * @param routes  route engine
     * @param store   store (labels and ids)
     * @param network switches, links and hosts
     */
    public EmbeddedProgrammer(L3VpnService vpns, VpnRouteService routes, VpnStore store, NetworkFile network) {
        this.vpns = vpns;
        this.routes = routes;
        this.store = store;
        this.network = network;
        this.planner = new TransportPlanner(store.labelAllocator(), TunnelMode.valueOf(network.tunnelMode()));
        P4Info p4info = P4RuntimeClient.parseP4Info(PipelineOutputs.text(PipelineOutputs.P4INFO));
        byte[] json = PipelineOutputs.read(PipelineOutputs.BMV2_JSON);
        for (NetworkFile.Device d : network.devices().values()) {
            DeviceId id = DeviceId.deviceId(d.id);
            agents.put(id, new DeviceAgent(id, d.grpcHost, d.grpcPort, d.deviceId, p4info, json,
                                           p -> executor.execute(() -> packetIn(id, p))));
        }
        // A switch is judged by probes once it holds its entries (the LLDP punt among them).
        this.monitor = new LinkMonitor(network, id -> agents.containsKey(id) && agents.get(id).isReady()
                && applied.containsKey(id));
        for (NetworkFile.Host h : network.hosts()) {
            // CE MACs the network file knows; others are learned from ARP.
            ceMacs.put(h.device + "|" + h.port + "|" + h.ip, MacAddress.valueOf(h.mac));
        }
    }

    /** Starts following changes and keeping switches connected. */
    public void start() {
        routes.addListener(routeListener);
        vpns.addListener(vpnListener);
        executor.scheduleWithFixedDelay(this::tick, 0, 500, TimeUnit.MILLISECONDS);
    }

    /**
     * Returns how many times the switches have been brought up to date.
     *
     * @return count
     */
    public long programmed() {
        return programmed;
    }

    /**
     * Waits until every change scheduled so far has been programmed.
     *
     * @param timeoutMillis how long at most
     * @return true if done in time
     */
    public boolean awaitProgrammed(long timeoutMillis) {
        try {
            executor.submit(() -> { }).get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public java.util.Collection<org.p4vpn.api.Lsp> getLsps() {
        TransportPlan p = published;
        return p == null ? List.of() : p.lsps();
    }

    /**
     * Returns the switches and links as this programmer sees them (link state from LLDP probes).
     *
     * @return network state
     */
    public org.p4vpn.api.NetworkStateService networkState() {
        return monitor;
    }

    /**
     * Tells whether every switch is connected.
     *
     * @return true if all are ready
     */
    public boolean allConnected() {
        return agents.values().stream().allMatch(DeviceAgent::isReady);
    }

    private void schedule() {
        if (pending.compareAndSet(false, true)) {
            executor.execute(() -> {
                pending.set(false);
                program(false);
            });
        }
    }

    private void tick() {
        boolean reconnected = false;
        for (DeviceAgent a : agents.values()) {
            if (a.connectIfNeeded()) {
                applied.remove(a.device());
                reconnected = true;
            }
        }
        boolean linkChanged = monitor.probeRound((d, port, frame) -> agents.get(d).packetOut(port, frame));
        if (reconnected || linkChanged) {
            program(reconnected);
        }
    }

    private List<TransportTopology.Link> links() {
        List<TransportTopology.Link> out = new ArrayList<>();
        for (NetworkFile.Link l : network.links()) {
            ConnectPoint a = new ConnectPoint(DeviceId.deviceId(l.deviceA), PortNumber.portNumber(l.portA));
            ConnectPoint b = new ConnectPoint(DeviceId.deviceId(l.deviceB), PortNumber.portNumber(l.portB));
            if (!monitor.isUp(a)) {
                continue;
            }
            out.add(new TransportTopology.Link(a, b, l.metric));
            out.add(new TransportTopology.Link(b, a, l.metric));
        }
        return out;
    }

    /** Computes the desired entities of every switch and brings connected switches to them. */
    private void program(boolean reconcileAll) {
        if (!routes.isLoaded()) {
            // Programming half-loaded routes would remove entries the switches rightly hold.
            executor.schedule(() -> program(reconcileAll), 100, TimeUnit.MILLISECONDS);
            return;
        }
        try {
            List<ProviderNode> nodes = new ArrayList<>(vpns.getNodes());
            Map<DeviceId, MacAddress> macs = new HashMap<>();
            network.devices().values().forEach(d -> macs.put(DeviceId.deviceId(d.id), MacAddress.valueOf(d.routerMac)));
            // Only switches registered as provider nodes carry LSPs (the ONOS programmer does the same);
            // a switch of the network file not registered yet has no role, router id or entries.
            Set<DeviceId> switches = new HashSet<>();
            nodes.stream().filter(n -> n.role() != org.p4vpn.api.NodeRole.RR && macs.containsKey(n.deviceId()))
                    .forEach(n -> switches.add(n.deviceId()));
            List<TransportTopology.Link> links = new ArrayList<>();
            links().stream().filter(l -> switches.contains(l.src().deviceId()) && switches.contains(l.dst().deviceId()))
                    .forEach(links::add);
            List<DeviceId> pes = new ArrayList<>();
            nodes.stream().filter(n -> n.role() == org.p4vpn.api.NodeRole.PE).forEach(n -> pes.add(n.deviceId()));
            TransportPlan plan = planner.plan(new TransportTopology(switches, links), pes,
                    StateAssembler.privateLspPes(vpns.getVpnInstances(), vpns.getSites()));
            published = plan;
            Map<String, MacAddress> siteMacs = new HashMap<>();
            for (Site s : vpns.getSites()) {
                MacAddress m = s.ceMac().orElse(ceMacs.get(s.device() + "|" + s.port().toLong() + "|" + s.ceAddress()));
                if (m != null) {
                    siteMacs.put(s.name(), m);
                }
            }
            Map<LabelKey, Integer> labels = new HashMap<>();
            Map<LabelKey, Integer> all = store.getLabels();
            routes.getVpnLabelKeys().forEach(k -> {
                if (all.containsKey(k)) {
                    labels.put(k, all.get(k));
                }
            });
            ForwardingState state = StateAssembler.assemble(nodes, macs, links, vpns.getSites(), siteMacs,
                    vpns.getVpnInstances(), routes.getVrfs(), routes::getBestRoutes, labels, plan,
                    store.labelAllocator(), true);
            Map<DeviceId, DeviceEntries> desired = PipelineTranslator.translate(state);
            for (Map.Entry<DeviceId, DeviceEntries> e : desired.entrySet()) {
                DeviceAgent a = agents.get(e.getKey());
                if (a == null || !a.isReady() || e.getValue().equals(applied.get(e.getKey())) && !reconcileAll) {
                    continue;
                }
                a.reconcile(e.getValue());
                applied.put(e.getKey(), e.getValue());
            }
            programmed++;
        } catch (RuntimeException ex) {
            LOG.error("Programming failed: {}", ex.getMessage(), ex);
        }
    }

    /** ARP: answer for PE interface addresses; learn the CE's MAC. */
    private void packetIn(DeviceId device, PacketIn p) {
        long port = -1;
        for (PacketMetadata m : p.getMetadataList()) {
            String name = agents.get(device).codec().p4info().packetMetadata("packet_in").getMetadataList().stream()
                    .filter(x -> x.getId() == m.getMetadataId()).findFirst().map(x -> x.getName()).orElse("");
            if (name.equals("ingress_port")) {
                port = new java.math.BigInteger(1, m.getValue().toByteArray()).longValue();
            }
        }
        byte[] bytes = p.getPayload().toByteArray();
        Ethernet eth;
        try {
            eth = Ethernet.deserializer().deserialize(bytes, 0, bytes.length);
        } catch (DeserializationException e) {
            return;
        }
        if (monitor.received(device, port, eth) || eth.getEtherType() != Ethernet.TYPE_ARP) {
            return;
        }
        ARP arp = (ARP) eth.getPayload();
        Ip4Address sender = Ip4Address.valueOf(arp.getSenderProtocolAddress());
        Ip4Address target = Ip4Address.valueOf(arp.getTargetProtocolAddress());
        String key = device + "|" + port + "|" + sender;
        MacAddress senderMac = MacAddress.valueOf(arp.getSenderHardwareAddress());
        if (!senderMac.equals(ceMacs.put(key, senderMac))) {
            LOG.info("{}: learned CE {} at port {} ({})", device, sender, port, senderMac);
            schedule();
        }
        if (arp.getOpCode() != ARP.OP_REQUEST) {
            return;
        }
        MacAddress routerMac = MacAddress.valueOf(network.devices().get(device.toString()).routerMac);
        for (Site s : vpns.getSites()) {
            if (s.device().equals(device) && s.port().toLong() == port && s.peAddress().equals(target)) {
                Ethernet reply = ARP.buildArpReply(target, routerMac, eth);
                agents.get(device).packetOut(port, reply.serialize());
                return;
            }
        }
    }

    @Override
    public void close() {
        routes.removeListener(routeListener);
        vpns.removeListener(vpnListener);
        executor.shutdownNow();
        agents.values().forEach(DeviceAgent::close);
    }
}
