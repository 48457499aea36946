package org.p4vpn.gui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onlab.packet.Ip4Address;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultLink;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Link;
import org.onosproject.net.PortNumber;
import org.onosproject.net.link.LinkServiceAdapter;
import org.onosproject.net.provider.ProviderId;
import org.onosproject.ui.UiConnection;
import org.onosproject.ui.model.topo.UiTopoLayout;
import org.p4vpn.api.Lsp;
import org.p4vpn.api.LspHop;
import org.p4vpn.api.LspService;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.RouteDistinguisher;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.Site;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.impl.L3VpnManager;
import org.p4vpn.impl.SyncEventDispatcher;
import org.p4vpn.store.TestVpnStores;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A VPN configuration on the app's real manager and store (ONOS's TestStorageService): PE1 and PE2
 * with P1 between them and P2 as the backup way round; VPN red with a site on each PE, VPN blue
 * with one site on PE1; LSPs both ways (primary through P1, backup through P2); and a recording
 * GUI connection.
 */
final class GuiFixture {

    static final DeviceId PE1 = DeviceId.deviceId("device:pe1");
    static final DeviceId PE2 = DeviceId.deviceId("device:pe2");
    static final DeviceId P1 = DeviceId.deviceId("device:p1");
    static final DeviceId P2 = DeviceId.deviceId("device:p2");

    /** The manager with its store and dispatcher set (they are protected @Reference fields). */
    static final class Vpns extends L3VpnManager {
        Vpns() {
            this.store = TestVpnStores.create();
            this.coreService = new CoreServiceAdapter();
            this.eventDispatcher = new SyncEventDispatcher();
            activate();
        }
    }

    /** Links in both directions, answered as ONOS's link service would. */
    static final class Links extends LinkServiceAdapter {
        final List<Link> links = new ArrayList<>();

        void connect(DeviceId a, int aPort, DeviceId b, int bPort) {
            ConnectPoint x = new ConnectPoint(a, PortNumber.portNumber(aPort));
            ConnectPoint y = new ConnectPoint(b, PortNumber.portNumber(bPort));
            ProviderId pid = new ProviderId("test", "p4vpn");
            links.add(DefaultLink.builder().providerId(pid).src(x).dst(y).type(Link.Type.DIRECT).build());
            links.add(DefaultLink.builder().providerId(pid).src(y).dst(x).type(Link.Type.DIRECT).build());
        }

        @Override
        public Iterable<Link> getLinks() {
            return new ArrayList<>(links);
        }

        @Override
        public Set<Link> getEgressLinks(ConnectPoint cp) {
            return links.stream().filter(l -> l.src().equals(cp)).collect(Collectors.toSet());
        }
    }

    /** A GUI connection that keeps what the handlers send. */
    static final class Connection implements UiConnection {
        final List<ObjectNode> sent = new ArrayList<>();

        @Override
        public String userName() {
            return "tester";
        }

        @Override
        public UiTopoLayout currentLayout() {
            return null;
        }

        @Override
        public void setCurrentLayout(UiTopoLayout layout) {
        }

        @Override
        public String currentView() {
            return "topo";
        }

        @Override
        public void setCurrentView(String viewId) {
        }

        @Override
        public void sendMessage(ObjectNode message) {
            sent.add(message);
        }

        @Override
        public void sendMessage(String type, ObjectNode payload) {
            ObjectNode m = payload.objectNode();
            m.put("event", type);
            m.set("payload", payload);
            sent.add(m);
        }
    }

    final Vpns vpns = new Vpns();
    final Links links = new Links();
    final List<Lsp> lspList = new ArrayList<>();
    final LspService lsps = () -> lspList;

    GuiFixture() {
        vpns.setNode(ProviderNode.of(PE1, NodeRole.PE, Ip4Address.valueOf("1.1.1.1")));
        vpns.setNode(ProviderNode.of(PE2, NodeRole.PE, Ip4Address.valueOf("2.2.2.2")));
        vpns.setNode(ProviderNode.of(P1, NodeRole.P, Ip4Address.valueOf("3.3.3.3")));
        vpns.setNode(ProviderNode.of(P2, NodeRole.P, Ip4Address.valueOf("4.4.4.4")));
        links.connect(PE1, 10, P1, 1);
        links.connect(P1, 2, PE2, 10);
        links.connect(PE1, 11, P2, 1);
        links.connect(P2, 2, PE2, 11);
        vpns.createVpnInstance(vpn("red", "65000:1", "red customer"));
        vpns.createVpnInstance(vpn("blue", "65000:2", ""));
        vpns.createSite(site("red-1", "red", PE1, 1, "10.1.1"));
        vpns.createSite(site("red-2", "red", PE2, 1, "10.2.1"));
        vpns.createSite(site("blue-1", "blue", PE1, 2, "10.1.1"));
        // PHP: P1 pops; the backup through P2 has its own labels
        lspList.add(new Lsp(PE1, PE2, List.of(List.of(hop(PE1, -1, 10, P1, 17), hop(P1, 17, 2, PE2, 3))),
                            List.of(hop(PE1, -1, 11, P2, 30), hop(P2, 30, 2, PE2, 3)), Lsp.State.UP));
        lspList.add(new Lsp(PE2, PE1, List.of(List.of(hop(PE2, -1, 10, P1, 16), hop(P1, 16, 1, PE1, 3))),
                            List.of(), Lsp.State.UP));
    }

    private static LspHop hop(DeviceId d, int in, int port, DeviceId next, int out) {
        return new LspHop(d, in, PortNumber.portNumber(port), next, out);
    }

    private static VpnInstance vpn(String name, String rd, String description) {
        return VpnInstance.builder().name(name).routeDistinguisher(RouteDistinguisher.of(rd))
                .routeTargets(List.of(RouteTarget.of(rd))).description(description).build();
    }

    private static Site site(String name, String vpn, DeviceId pe, int port, String net) {
        return Site.builder().name(name).vpn(vpn).device(pe).port(PortNumber.portNumber(port))
                .peInterface(net + ".1/24").ceAddress(Ip4Address.valueOf(net + ".2")).build();
    }

    static Collection<String> ids(Collection<? extends org.onosproject.ui.topo.AbstractHighlight> items) {
        return items.stream().map(org.onosproject.ui.topo.AbstractHighlight::elementId).sorted()
                .collect(Collectors.toList());
    }
}
