package org.p4vpn.gui;

import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Link;
import org.onosproject.net.LinkKey;
import org.onosproject.net.link.LinkService;
import org.onosproject.ui.topo.BiLink;
import org.onosproject.ui.topo.BiLinkMap;
import org.onosproject.ui.topo.DeviceHighlight;
import org.onosproject.ui.topo.Highlights;
import org.onosproject.ui.topo.LinkHighlight;
import org.onosproject.ui.topo.NodeBadge;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.Lsp;
import org.p4vpn.api.LspHop;
import org.p4vpn.api.LspService;
import org.p4vpn.api.Site;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What ONOS's topology view shows for one VPN: the PEs where it has sites (badged with their site
 * count), the devices and links its transport LSPs cross (primary paths highlighted, backup paths
 * in the secondary style, each link labelled with the labels packets carry over it), and
 * everything else subdued.
 */
public final class VpnHighlighter {

    private final L3VpnService vpns;
    private final LspService lsps;
    private final LinkService links;

    /**
     * Creates a highlighter over the services.
     *
     * @param vpns  VPN configuration
     * @param lsps  the programmer's LSPs
     * @param links the topology's links (their ids are what the GUI knows)
     */
    public VpnHighlighter(L3VpnService vpns, LspService lsps, LinkService links) {
        this.vpns = vpns;
        this.lsps = lsps;
        this.links = links;
    }

    /**
     * Returns the highlights of a VPN; nothing highlighted for an unknown VPN.
     *
     * @param vpn VPN instance name
     * @return highlights for {@code showHighlights}
     */
    public Highlights highlights(String vpn) {
        Highlights h = new Highlights();
        if (vpn == null || vpns.getVpnInstance(vpn).isEmpty()) {
            return h;
        }
        List<Site> sites = vpns.getSites().stream().filter(s -> s.vpn().equals(vpn)).collect(Collectors.toList());
        Map<DeviceId, Long> pes = sites.stream().collect(Collectors.groupingBy(Site::device, Collectors.counting()));
        Set<DeviceId> onPath = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
        onPath.addAll(pes.keySet());

        LspLinks map = new LspLinks();
        links.getLinks().forEach(map::add);
        Map<LinkKey, LspLink> byKey = map.biLinks().stream().collect(Collectors.toMap(BiLink::key, Function.identity()));
        for (Lsp lsp : lsps.getLsps()) {
            if (lsp.ingress().equals(lsp.egress()) || !pes.containsKey(lsp.ingress())
                    || !pes.containsKey(lsp.egress())) {
                continue;
            }
            lsp.primaries().forEach(path -> mark(path, true, byKey, onPath));
            lsp.backup().ifPresent(path -> mark(path, false, byKey, onPath));
        }
        h.subdueAllElse(Highlights.Amount.MINIMALLY);
        for (DeviceId d : onPath) {
            DeviceHighlight dh = new DeviceHighlight(d.toString());
            Long count = pes.get(d);
            if (count != null) {
                dh.setBadge(NodeBadge.number(NodeBadge.Status.INFO, count.intValue(), count + " site(s) of " + vpn));
            }
            h.add(dh);
        }
        byKey.values().stream().filter(LspLink::used).sorted((a, b) -> a.linkId().compareTo(b.linkId()))
                .forEach(l -> h.add(l.highlight(null)));
        return h;
    }

    private void mark(List<LspHop> path, boolean primary, Map<LinkKey, LspLink> byKey, Set<DeviceId> onPath) {
        for (LspHop hop : path) {
            if (hop.next() == null || hop.outPort() == null) {
                continue;
            }
            for (Link l : links.getEgressLinks(new ConnectPoint(hop.device(), hop.outPort()))) {
                if (l.dst().deviceId().equals(hop.next())) {
                    LspLink bi = byKey.get(org.onosproject.ui.topo.TopoUtils.canonicalLinkKey(l));
                    if (bi != null) {
                        bi.carry(primary, hop.outLabel());
                        onPath.add(hop.device());
                        onPath.add(hop.next());
                    }
                }
            }
        }
    }

    /** Text of a label for the GUI: 3 is implicit null (popped), -1 none. */
    static String labelText(int label) {
        return label == 3 ? "pop" : label < 0 ? "" : String.valueOf(label);
    }

    private static final class LspLinks extends BiLinkMap<LspLink> {
        @Override
        protected LspLink create(LinkKey key, Link link) {
            return new LspLink(key, link);
        }
    }

    /** A link (both directions) with the labels of the LSP hops that cross it. */
    private static final class LspLink extends BiLink {
        private final Set<String> labels = new TreeSet<>();
        private boolean primary;
        private boolean backup;

        LspLink(LinkKey key, Link link) {
            super(key, link);
        }

        void carry(boolean isPrimary, int label) {
            primary |= isPrimary;
            backup |= !isPrimary;
            String text = labelText(label);
            if (!text.isEmpty() && isPrimary) {
                labels.add(text);
            }
        }

        boolean used() {
            return primary || backup;
        }

        @Override
        public LinkHighlight highlight(Enum<?> type) {
            LinkHighlight.Flavor flavor = primary ? LinkHighlight.Flavor.PRIMARY_HIGHLIGHT
                    : LinkHighlight.Flavor.SECONDARY_HIGHLIGHT;
            LinkHighlight lh = new LinkHighlight(linkId(), flavor);
            if (!labels.isEmpty()) {
                lh.setLabel("label " + String.join(" / ", labels));
            } else if (!primary) {
                lh.setLabel("backup");
            }
            return lh;
        }
    }
}
