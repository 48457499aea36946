package org.p4vpn.gui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSet;
import org.onosproject.ui.RequestHandler;
import org.onosproject.ui.UiMessageHandler;
import org.onosproject.ui.topo.Highlights;
import org.onosproject.ui.topo.TopoJson;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.VpnInstance;

import java.util.Collection;
import java.util.Comparator;

/**
 * The topology overlay's server side. The overlay's script asks for the VPN names
 * ({@value #VPNS_REQUEST}, answered with {@value #VPNS_RESPONSE}), then for one VPN's highlights
 * ({@value #SHOW_REQUEST} with {@code {vpn}}), answered with ONOS's own {@code showHighlights};
 * {@value #CLEAR_REQUEST} takes them away.
 */
public class VpnOverlayMessageHandler extends UiMessageHandler {

    static final String VPNS_REQUEST = "p4vpnTopoVpnsRequest";
    static final String VPNS_RESPONSE = "p4vpnTopoVpnsResponse";
    static final String SHOW_REQUEST = "p4vpnTopoShowVpn";
    static final String CLEAR_REQUEST = "p4vpnTopoClear";

    private final L3VpnService vpns;
    private final VpnHighlighter highlighter;

    /**
     * Creates the handler.
     *
     * @param vpns        VPN configuration
     * @param highlighter computes a VPN's highlights
     */
    public VpnOverlayMessageHandler(L3VpnService vpns, VpnHighlighter highlighter) {
        this.vpns = vpns;
        this.highlighter = highlighter;
    }

    @Override
    protected Collection<RequestHandler> createRequestHandlers() {
        return ImmutableSet.of(
                new RequestHandler(VPNS_REQUEST) {
                    @Override
                    public void process(ObjectNode payload) {
                        ObjectNode out = objectNode();
                        ArrayNode names = out.putArray("vpns");
                        vpns.getVpnInstances().stream().map(VpnInstance::name).sorted(Comparator.naturalOrder())
                                .forEach(names::add);
                        sendMessage(VPNS_RESPONSE, out);
                    }
                },
                new RequestHandler(SHOW_REQUEST) {
                    @Override
                    public void process(ObjectNode payload) {
                        sendMessage(TopoJson.highlightsMessage(highlighter.highlights(string(payload, "vpn"))));
                    }
                },
                new RequestHandler(CLEAR_REQUEST) {
                    @Override
                    public void process(ObjectNode payload) {
                        sendMessage(TopoJson.highlightsMessage(new Highlights()));
                    }
                });
    }
}
