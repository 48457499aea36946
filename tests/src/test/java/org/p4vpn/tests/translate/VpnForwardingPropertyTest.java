package org.p4vpn.tests.translate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.pi.runtime.PiActionProfileGroup;
import org.onosproject.net.pi.runtime.PiActionProfileMember;
import org.onosproject.net.pi.runtime.PiTableEntry;
import org.p4vpn.api.LabelAllocator;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.RouteDistinguisher;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.Site;
import org.p4vpn.api.TunnelMode;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.emulator.net.EmulatedHost;
import org.p4vpn.emulator.net.EmulatedLab;
import org.p4vpn.lsp.TransportPlan;
import org.p4vpn.lsp.TransportPlanner;
import org.p4vpn.lsp.TransportTopology;
import org.p4vpn.p4rt.PiCodec;
import org.p4vpn.p4rt.WriteResult;
import org.p4vpn.p4rt.topo.NetworkFile;
import org.p4vpn.pipeconf.PipelineOutputs;
import org.p4vpn.routing.VpnRouteEngine;
import org.p4vpn.tests.pipeline.ProgrammedSwitch;
import org.p4vpn.translate.DeviceEntries;
import org.p4vpn.translate.ForwardingState;
import org.p4vpn.translate.PipelineTranslator;
import org.p4vpn.translate.StateAssembler;
import p4.v1.P4RuntimeOuterClass.Update;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For random VPN configurations on a diamond (PE1 and PE2 joined by P1 and P2, equal costs, three
 * CEs on each PE, random label modes and tunnel endings), the whole control pipeline runs (route engine, LSP planner, translator) and its
 * entries are written over P4Runtime into emulated switches running the real P4 program; then every
 * CE pings every other. A ping must succeed exactly when each site's VRF imports a target the other
 * exports, and a forbidden CE must not receive a single frame from the other. This walks the
 * translator's entries with the pipeline itself rather than with a second model of it.
 */
class VpnForwardingPropertyTest {

    private static final int TRIALS = 8;
    private static final DeviceId PE1 = DeviceId.deviceId("device:pe1");
    private static final DeviceId PE2 = DeviceId.deviceId("device:pe2");
    private static final DeviceId P1 = DeviceId.deviceId("device:p1");
    private static final DeviceId P2 = DeviceId.deviceId("device:p2");
    private static final List<DeviceId> SWITCHES = List.of(PE1, PE2, P1, P2);

    /** Sequential ids per device, from 16, remembered by key (the label store's contract). */
    private static final class Ids implements LabelAllocator {
        final Map<LabelKey, Integer> map = new HashMap<>();
        private final Map<DeviceId, Integer> next = new HashMap<>();

        @Override
        public int allocate(LabelKey key) {
            return map.computeIfAbsent(key, k -> next.merge(k.device(), 1, Integer::sum) + 15);
        }

        @Override
        public void release(LabelKey key) {
            map.remove(key);
        }
    }

    private static String mac(int i) {
        return String.format("00:aa:00:00:00:%02x", i);
    }

    private static NetworkFile network() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        ObjectNode devs = root.putObject("devices");
        for (int i = 0; i < SWITCHES.size(); i++) {
            ObjectNode d = devs.putObject(SWITCHES.get(i).toString());
            d.putObject("basic").put("managementAddress", "grpc://127.0.0.1:1?device_id=" + (i + 1));
            d.putObject("p4vpn").put("role", i < 2 ? "PE" : "P").put("routerId", (i + 1) + "." + (i + 1) + "."
                    + (i + 1) + "." + (i + 1)).put("routerMac", mac(i + 1));
        }
        ObjectNode links = root.putObject("links");
        links.putObject("device:pe1/10-device:p1/1").putObject("basic").put("metric", 10);
        links.putObject("device:pe1/11-device:p2/1").putObject("basic").put("metric", 10);
        links.putObject("device:p1/2-device:pe2/10").putObject("basic").put("metric", 10);
        links.putObject("device:p2/2-device:pe2/11").putObject("basic").put("metric", 10);
        ObjectNode hosts = root.putObject("hosts");
        for (int h = 1; h <= 6; h++) {
            ObjectNode host = hosts.putObject(String.format("00:00:00:00:0c:%02x/None", h));
            ObjectNode basic = host.putObject("basic").put("name", "h" + h);
            basic.putArray("ips").add("10.0." + h + ".2");
            basic.putArray("locations").add((h <= 3 ? "device:pe1/" : "device:pe2/") + ((h - 1) % 3 + 1));
            host.putObject("p4vpn").put("prefixLength", 24).put("gateway", "10.0." + h + ".1");
        }
        return NetworkFile.parse(root);
    }

    private static List<TransportTopology.Link> links(NetworkFile f) {
        List<TransportTopology.Link> out = new ArrayList<>();
        for (NetworkFile.Link l : f.links()) {
            ConnectPoint a = new ConnectPoint(DeviceId.deviceId(l.deviceA), PortNumber.portNumber(l.portA));
            ConnectPoint b = new ConnectPoint(DeviceId.deviceId(l.deviceB), PortNumber.portNumber(l.portB));
            out.add(new TransportTopology.Link(a, b, l.metric));
            out.add(new TransportTopology.Link(b, a, l.metric));
        }
        return out;
    }

    private static Set<RouteTarget> someTargets(Random rnd) {
        Set<RouteTarget> out = new HashSet<>();
        while (out.isEmpty()) {
            for (int t = 1; t <= 3; t++) {
                if (rnd.nextInt(3) == 0) {
                    out.add(RouteTarget.of("65000:" + t));
                }
            }
        }
        return out;
    }

    private int permittedPairs;
    private int forbiddenPairs;

    @Test
    void pingsSucceedExactlyWhereRouteTargetsAllow() {
        NetworkFile file = network();
        for (int trial = 0; trial < TRIALS; trial++) {
            runTrial(file, new Random(1000 + trial), TunnelMode.values()[trial % 3]);
        }
        // The random configurations must exercise both outcomes, or the test proves nothing.
        assertTrue(permittedPairs > 20 && forbiddenPairs > 20,
                   "permitted " + permittedPairs + ", forbidden " + forbiddenPairs);
    }

    private void runTrial(NetworkFile file, Random rnd, TunnelMode mode) {
        Ids ids = new Ids();
        VpnRouteEngine engine = new VpnRouteEngine(65000, ids, e -> { });
        List<ProviderNode> nodes = new ArrayList<>();
        Map<DeviceId, MacAddress> macs = new HashMap<>();
        for (NetworkFile.Device d : file.devices().values()) {
            ProviderNode n = ProviderNode.of(DeviceId.deviceId(d.id), NodeRole.valueOf(d.role),
                                             Ip4Address.valueOf(d.routerId));
            nodes.add(n);
            macs.put(n.deviceId(), MacAddress.valueOf(d.routerMac));
            engine.setNode(n);
        }
        List<VpnInstance> vpns = new ArrayList<>();
        List<Site> sites = new ArrayList<>();
        Map<String, MacAddress> ceMacs = new HashMap<>();
        for (NetworkFile.Host h : file.hosts()) {
            int i = Integer.parseInt(h.name.substring(1));
            VpnInstance v = VpnInstance.builder().name("v" + i).routeDistinguisher(RouteDistinguisher.of("65000:" + i))
                    .importTargets(someTargets(rnd)).exportTargets(someTargets(rnd))
                    .labelMode(org.p4vpn.api.LabelMode.values()[rnd.nextInt(3)]).build();
            Site s = Site.builder().name(h.name).vpn(v.name()).device(DeviceId.deviceId(h.device))
                    .port(PortNumber.portNumber(h.port)).peInterface(h.gateway + "/24")
                    .ceAddress(Ip4Address.valueOf(h.ip)).build();
            vpns.add(v);
            sites.add(s);
            ceMacs.put(s.name(), MacAddress.valueOf(h.mac));
            engine.setVpnInstance(v);
            engine.setSite(s);
        }
        List<TransportTopology.Link> links = links(file);
        TransportPlan plan = new TransportPlanner(ids, mode).plan(new TransportTopology(SWITCHES, links),
                                                                  List.of(PE1, PE2));
        Map<LabelKey, Integer> vpnLabels = new HashMap<>();
        engine.labelUse().keySet().forEach(k -> vpnLabels.put(k, ids.map.get(k)));
        ForwardingState state = StateAssembler.assemble(nodes, macs, links, sites, ceMacs, vpns, engine.vrfKeys(),
                                                        engine::bestRoutes, vpnLabels, plan, ids, false);
        Map<DeviceId, DeviceEntries> entries = PipelineTranslator.translate(state);
        try (EmulatedLab lab = EmulatedLab.start(file, PipelineOutputs.cpuPort(), true)) {
            List<ProgrammedSwitch> clients = new ArrayList<>();
            try {
                for (NetworkFile.Device d : file.devices().values()) {
                    ProgrammedSwitch sw = new ProgrammedSwitch(lab.grpcPort(d.id), d.deviceId);
                    clients.add(sw);
                    write(sw, entries.get(DeviceId.deviceId(d.id)));
                }
                checkPings(lab, file, vpns, mode);
            } finally {
                clients.forEach(ProgrammedSwitch::close);
            }
        }
    }

    private static void write(ProgrammedSwitch sw, DeviceEntries e) {
        PiCodec codec = sw.codec();
        List<Update> ups = new ArrayList<>();
        for (PiActionProfileMember m : e.members()) {
            ups.add(PiCodec.update(Update.Type.INSERT, codec.encode(m)));
        }
        for (PiActionProfileGroup g : e.groups()) {
            ups.add(PiCodec.update(Update.Type.INSERT, codec.encode(g)));
        }
        for (PiTableEntry t : e.entries()) {
            ups.add(PiCodec.update(Update.Type.INSERT, codec.encode(t)));
        }
        WriteResult r = sw.client().write(ups);
        assertTrue(r.allOk(), () -> "the switch rejected translated entries: " + r);
    }

    private void checkPings(EmulatedLab lab, NetworkFile file, List<VpnInstance> vpns, TunnelMode mode) {
        Map<String, VpnInstance> byHost = new LinkedHashMap<>();
        for (NetworkFile.Host h : file.hosts()) {
            byHost.put(h.name, vpns.get(Integer.parseInt(h.name.substring(1)) - 1));
            EmulatedHost host = lab.network().host(h.name);
            MacAddress gw = MacAddress.valueOf(file.devices().get(h.device).routerMac);
            host.learn(Ip4Address.valueOf(h.gateway), gw);
        }
        StringBuilder why = new StringBuilder();
        for (NetworkFile.Host x : file.hosts()) {
            for (NetworkFile.Host y : file.hosts()) {
                if (x == y) {
                    continue;
                }
                VpnInstance vx = byHost.get(x.name);
                VpnInstance vy = byHost.get(y.name);
                boolean permitted = meets(vx.importTargets(), vy.exportTargets())
                        && meets(vy.importTargets(), vx.exportTargets());
                if (permitted) {
                    permittedPairs++;
                } else {
                    forbiddenPairs++;
                }
                EmulatedHost hy = lab.network().host(y.name);
                hy.takeReceived();
                EmulatedHost hx = lab.network().host(x.name);
                hx.takeEchoReplies();
                lab.network().sendFromHost(x.name, hx.echoRequest(Ip4Address.valueOf(y.ip), 64, (short) 1));
                boolean replied = hx.takeEchoReplies().contains(Ip4Address.valueOf(y.ip));
                boolean yGotSomething = !hy.takeReceived().isEmpty();
                if (replied != permitted) {
                    why.append(String.format("%s(%s) -> %s(%s): permitted=%s replied=%s%n", x.name, vx, y.name, vy,
                                             permitted, replied));
                }
                if (!meets(vy.importTargets(), vx.exportTargets()) && yGotSomething) {
                    // x's VRF has no route to y unless y's targets allow it: nothing may reach y.
                    if (!meets(vx.importTargets(), vy.exportTargets())) {
                        why.append(String.format("%s reached %s although %s imports none of %s's targets%n",
                                                 x.name, y.name, x.name, y.name));
                    }
                }
            }
        }
        assertEquals("", why.toString(), "tunnel mode " + mode);
    }

    private static boolean meets(Set<RouteTarget> a, Set<RouteTarget> b) {
        for (RouteTarget t : a) {
            if (b.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
