package org.p4vpn.gui;

import org.onosproject.net.DeviceId;
import org.onosproject.ui.UiTopoOverlay;
import org.onosproject.ui.topo.PropertyPanel;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.Site;

import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The VPN overlay of ONOS's topology view: while it is active, a device's details panel also lists
 * the device's p4vpn role and the VPNs with sites on it; the highlighting itself is requested by
 * the overlay's script from {@link VpnOverlayMessageHandler}.
 */
public class VpnTopoOverlay extends UiTopoOverlay {

    /** The overlay's id, as its script registers it. */
    public static final String OVERLAY_ID = "p4vpn-overlay";

    private final L3VpnService vpns;

    /**
     * Creates the overlay.
     *
     * @param vpns VPN configuration
     */
    public VpnTopoOverlay(L3VpnService vpns) {
        super(OVERLAY_ID);
        this.vpns = vpns;
    }

    @Override
    public void modifyDeviceDetails(PropertyPanel pp, DeviceId deviceId) {
        pp.addSeparator();
        pp.addProp("p4vpnRole", "p4vpn role",
                   vpns.getNode(deviceId).map(n -> n.role().name()).orElse("not configured"));
        pp.addProp("p4vpnVpns", "VPNs with sites here", vpns.getSites().stream()
                .filter(s -> s.device().equals(deviceId)).map(Site::vpn)
                .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(", ")));
    }
}
