package org.p4vpn.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.onosproject.ui.UiExtension;
import org.onosproject.ui.UiExtensionServiceAdapter;
import org.onosproject.ui.UiMessageHandler;
import org.onosproject.ui.UiTopoOverlay;
import org.onosproject.ui.table.TableModel;
import org.onosproject.ui.topo.Highlights;
import org.onosproject.ui.topo.LinkHighlight;
import org.onosproject.ui.topo.PropertyPanel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ONOS GUI extension over the app's manager and store: table rows, overlay highlights, resources. */
class VpnGuiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final GuiFixture f = new GuiFixture();

    private static Map<String, TableModel.Row> byName(TableModel tm) {
        return Arrays.stream(tm.getRows()).collect(Collectors.toMap(r -> (String) r.get("name"), Function.identity()));
    }

    @Test
    void tableHasOneRowPerVpnWithItsTargetsSitesAndPes() {
        TableModel tm = new TableModel(VpnTableMessageHandler.COLUMNS);
        new VpnTableMessageHandler.VpnTable(f.vpns).populateTable(tm, MAPPER.createObjectNode());
        Map<String, TableModel.Row> rows = byName(tm);
        assertEquals(2, tm.rowCount());
        TableModel.Row red = rows.get("red");
        assertEquals("65000:1", red.get("rd"));
        assertEquals("65000:1", red.get("imports"));
        assertEquals("PER_VRF", red.get("labelMode"));
        assertEquals("red-1, red-2", red.get("sites"));
        assertEquals("device:pe1, device:pe2", red.get("pes"));
        assertEquals("red customer", red.get("description"));
        assertEquals("blue-1", rows.get("blue").get("sites"));
        assertEquals("device:pe1", rows.get("blue").get("pes"));

        f.vpns.removeVpnInstance("blue");
        TableModel after = new TableModel(VpnTableMessageHandler.COLUMNS);
        new VpnTableMessageHandler.VpnTable(f.vpns).populateTable(after, MAPPER.createObjectNode());
        assertEquals(List.of("red"), List.copyOf(byName(after).keySet()), "a deleted VPN leaves the table");
    }

    @Test
    void tableRequestIsAnsweredSortedOverTheConnection() {
        GuiFixture.Connection c = new GuiFixture.Connection();
        VpnTableMessageHandler h = new VpnTableMessageHandler(f.vpns);
        h.init(c, null);
        ObjectNode payload = MAPPER.createObjectNode().put("firstCol", "name").put("firstDir", "desc");
        h.process(MAPPER.createObjectNode().put("event", VpnTableMessageHandler.DATA_REQUEST).set("payload", payload));
        assertEquals(1, c.sent.size());
        JsonNode m = c.sent.get(0);
        assertEquals(VpnTableMessageHandler.DATA_RESPONSE, m.path("event").asText());
        JsonNode rows = m.path("payload").path(VpnTableMessageHandler.TABLE);
        assertEquals(2, rows.size(), m.toString());
        assertEquals("red", rows.get(0).path("name").asText(), "sorted by name, descending");
        assertEquals("red-1, red-2", rows.get(0).path("sites").asText());
    }

    @Test
    void overlayHighlightsTheVpnsPesAndTheLinksOfItsLspsWithLabels() {
        Highlights h = new VpnHighlighter(f.vpns, f.lsps, f.links).highlights("red");
        assertEquals(List.of("device:p1", "device:p2", "device:pe1", "device:pe2"), GuiFixture.ids(h.devices()),
                     "PEs with sites and the core on the primary and backup paths");
        assertEquals("1", h.getDevice("device:pe1").badge().text(), "one red site on PE1");
        assertEquals(null, h.getDevice("device:p1").badge(), "no badge on a P router");
        assertEquals(Highlights.Amount.MINIMALLY, h.subdueLevel(), "the rest is subdued");
        Map<String, LinkHighlight> links = h.links().stream()
                .collect(Collectors.toMap(LinkHighlight::elementId, Function.identity()));
        assertEquals(4, links.size(), links.keySet().toString());
        List<LinkHighlight> primary = h.links().stream()
                .filter(l -> l.flavor() == LinkHighlight.Flavor.PRIMARY_HIGHLIGHT).collect(Collectors.toList());
        assertEquals(2, primary.size());
        // PE1-P1 carries 17 toward PE2 and 16's pop happens on P1-PE1: labels of both directions
        LinkHighlight pe1p1 = primary.stream().filter(l -> l.elementId().contains("device:pe1")).findFirst().orElseThrow();
        assertEquals("label 17 / pop", pe1p1.label());
        LinkHighlight p1pe2 = primary.stream().filter(l -> l.elementId().contains("device:pe2")).findFirst().orElseThrow();
        assertEquals("label 16 / pop", p1pe2.label());
        assertEquals(2, h.links().stream().filter(l -> l.flavor() == LinkHighlight.Flavor.SECONDARY_HIGHLIGHT).count(),
                     "the backup path through P2");
    }

    @Test
    void aVpnOnOnePeHasNoLspsAndAnUnknownVpnNothing() {
        VpnHighlighter hl = new VpnHighlighter(f.vpns, f.lsps, f.links);
        Highlights blue = hl.highlights("blue");
        assertEquals(List.of("device:pe1"), GuiFixture.ids(blue.devices()));
        assertTrue(blue.links().isEmpty(), "blue has sites on PE1 only: no LSP carries it");
        Highlights none = hl.highlights("nope");
        assertTrue(none.devices().isEmpty() && none.links().isEmpty());
        assertEquals(Highlights.Amount.ZERO, none.subdueLevel(), "an unknown VPN fades nothing");
    }

    @Test
    void overlayMessagesListVpnsAndSendOnosHighlights() {
        GuiFixture.Connection c = new GuiFixture.Connection();
        VpnOverlayMessageHandler h = new VpnOverlayMessageHandler(f.vpns, new VpnHighlighter(f.vpns, f.lsps, f.links));
        h.init(c, null);
        h.process(event(VpnOverlayMessageHandler.VPNS_REQUEST, MAPPER.createObjectNode()));
        assertEquals("[\"blue\",\"red\"]", c.sent.get(0).path("payload").path("vpns").toString());
        h.process(event(VpnOverlayMessageHandler.SHOW_REQUEST, MAPPER.createObjectNode().put("vpn", "red")));
        JsonNode show = c.sent.get(1);
        assertEquals("showHighlights", show.path("event").asText());
        assertEquals(4, show.path("payload").path("devices").size());
        assertEquals(4, show.path("payload").path("links").size());
        h.process(event(VpnOverlayMessageHandler.CLEAR_REQUEST, MAPPER.createObjectNode()));
        assertEquals(0, c.sent.get(2).path("payload").path("devices").size(), "cleared");
    }

    private static ObjectNode event(String type, ObjectNode payload) {
        ObjectNode m = MAPPER.createObjectNode().put("event", type);
        m.set("payload", payload);
        return m;
    }

    @Test
    void deviceDetailsNameTheRoleAndTheVpnsWithSitesThere() {
        PropertyPanel pp = new PropertyPanel("PE1", "router");
        new VpnTopoOverlay(f.vpns).modifyDeviceDetails(pp, GuiFixture.PE1);
        Map<String, String> props = pp.properties().stream()
                .filter(p -> p.key() != null && p.key().startsWith("p4vpn"))
                .collect(Collectors.toMap(PropertyPanel.Prop::key, PropertyPanel.Prop::value));
        assertEquals(Map.of("p4vpnRole", "PE", "p4vpnVpns", "blue, red"), props);
    }

    @Test
    void extensionBringsItsViewOverlayHandlersAndEveryResourceItNames() throws IOException {
        UiExtension ext = VpnGuiComponent.extension(f.vpns, f.lsps, f.links);
        assertEquals(List.of(VpnTableMessageHandler.VIEW_ID),
                     ext.views().stream().map(v -> v.id()).collect(Collectors.toList()));
        Collection<UiMessageHandler> handlers = ext.messageHandlerFactory().newHandlers();
        assertEquals(2, handlers.size());
        Collection<UiTopoOverlay> overlays = ext.topoOverlayFactory().newOverlays();
        assertEquals(List.of(VpnTopoOverlay.OVERLAY_ID),
                     overlays.stream().map(UiTopoOverlay::id).collect(Collectors.toList()));
        assertNotNull(ext.resource(VpnTableMessageHandler.VIEW_ID, VpnTableMessageHandler.VIEW_ID + ".html"));
        // every file css.html and js.html point at is in the bundle
        Pattern ref = Pattern.compile("(?:href|src)=\"([^\"]+)\"");
        for (InputStream in : List.of(ext.css(), ext.js())) {
            assertNotNull(in);
            Matcher m = ref.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            int found = 0;
            while (m.find()) {
                found++;
                assertNotNull(getClass().getClassLoader().getResource(m.group(1)), m.group(1));
            }
            assertTrue(found > 0);
        }
    }

    /** ONOS's GUI adapter that records what is registered. */
    private static final class RecordingGui extends UiExtensionServiceAdapter {
        final List<UiExtension> registered = new java.util.ArrayList<>();

        @Override
        public void register(UiExtension extension) {
            registered.add(extension);
        }

        @Override
        public void unregister(UiExtension extension) {
            registered.remove(extension);
        }
    }

    @Test
    void theComponentRunsWithoutOnosGuiAndRegistersWhenItAppears() {
        VpnGuiComponent c = new VpnGuiComponent();
        c.vpnService = f.vpns;
        c.lspService = f.lsps;
        c.linkService = f.links;
        c.activate();
        assertTrue(!c.registered(), "no GUI yet: active, nothing registered");

        RecordingGui gui = new RecordingGui();
        c.bindUiExtensionService(gui);
        assertEquals(1, gui.registered.size(), "the GUI appeared: the extension is registered with it");
        assertTrue(c.registered());

        c.unbindUiExtensionService(gui);
        assertEquals(0, gui.registered.size(), "the GUI went: the extension is withdrawn");
        c.bindUiExtensionService(gui);
        c.deactivate();
        assertEquals(0, gui.registered.size(), "deactivation withdraws it");
    }
}
