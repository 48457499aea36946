package org.p4vpn.gui;

import com.google.common.collect.ImmutableList;
import org.onosproject.net.link.LinkService;
import org.onosproject.ui.UiExtension;
import org.onosproject.ui.UiExtensionService;
import org.onosproject.ui.UiView;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.LspService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the application's GUI extension with ONOS: the VPN table view in the Network menu and
 * the VPN overlay of the topology view. The browser side lives in the resources
 * {@value #RESOURCE_PATH}/ (css.html, js.html) and app/view/ (one folder per view and overlay).
 * ONOS's GUI is optional: the component is active without it and registers the extension when the
 * GUI's {@link UiExtensionService} appears (and withdraws it when the GUI goes).
 */
@Component(immediate = true)
public class VpnGuiComponent {

    /** Class path folder of the extension's css.html and js.html. */
    public static final String RESOURCE_PATH = "p4vpn-gui";

    private static final Logger LOG = LoggerFactory.getLogger(VpnGuiComponent.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            bind = "bindUiExtensionService", unbind = "unbindUiExtensionService")
    protected volatile UiExtensionService uiExtensionService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected L3VpnService vpnService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected LspService lspService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected LinkService linkService;

    private UiExtension extension;

    /**
     * Builds the extension over the given services (also used by tests).
     *
     * @param vpns  VPN configuration
     * @param lsps  the programmer's LSPs
     * @param links the topology's links
     * @return the extension
     */
    public static UiExtension extension(L3VpnService vpns, LspService lsps, LinkService links) {
        VpnHighlighter highlighter = new VpnHighlighter(vpns, lsps, links);
        return new UiExtension.Builder(VpnGuiComponent.class.getClassLoader(),
                ImmutableList.of(new UiView(UiView.Category.NETWORK, VpnTableMessageHandler.VIEW_ID, "VPNs")))
                .resourcePath(RESOURCE_PATH)
                .messageHandlerFactory(() -> ImmutableList.of(new VpnTableMessageHandler(vpns),
                                                              new VpnOverlayMessageHandler(vpns, highlighter)))
                .topoOverlayFactory(() -> ImmutableList.of(new VpnTopoOverlay(vpns)))
                .build();
    }

    @Activate
    protected void activate() {
        synchronized (this) {
            extension = extension(vpnService, lspService, linkService);
            if (uiExtensionService != null) {
                uiExtensionService.register(extension);
                LOG.info("Started: VPN view and topology overlay registered");
            } else {
                LOG.info("Started: no ONOS GUI here; the VPN view and overlay register when it appears");
            }
        }
    }

    @Deactivate
    protected void deactivate() {
        synchronized (this) {
            if (uiExtensionService != null && extension != null) {
                uiExtensionService.unregister(extension);
            }
            extension = null;
            LOG.info("Stopped");
        }
    }

    /**
     * Called when ONOS's GUI (its extension service) appears.
     *
     * @param service the GUI's extension service
     */
    protected void bindUiExtensionService(UiExtensionService service) {
        synchronized (this) {
            uiExtensionService = service;
            if (extension != null) {
                service.register(extension);
                LOG.info("ONOS GUI appeared: VPN view and topology overlay registered");
            }
        }
    }

    /**
     * Called when ONOS's GUI goes away.
     *
     * @param service the GUI's extension service
     */
    protected void unbindUiExtensionService(UiExtensionService service) {
        synchronized (this) {
            if (uiExtensionService == service) {
                if (extension != null) {
                    service.unregister(extension);
                }
                uiExtensionService = null;
            }
        }
    }

    /** @return whether the extension is registered with a GUI now */
    boolean registered() {
        return extension != null && uiExtensionService != null;
    }
}
