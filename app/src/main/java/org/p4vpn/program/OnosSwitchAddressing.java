package org.p4vpn.program;

import org.onlab.packet.MacAddress;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.host.HostService;
import org.p4vpn.api.Site;

import java.util.Optional;

/**
 * Addresses from ONOS: the router MAC from the device's {@code p4vpn} netcfg section
 * ({@link VpnDeviceConfig}), else from the device annotation {@value #ROUTER_MAC}; the CE MAC from the host ONOS
 * learned with the CE's address at the site's port and VLAN, else the MAC configured on the site.
 */
public final class OnosSwitchAddressing implements SwitchAddressing {

    /** Device annotation carrying the router MAC. */
    public static final String ROUTER_MAC = "routerMac";

    private final DeviceService devices;
    private final HostService hosts;
    private final NetworkConfigService netcfg;

    /**
     * Creates the addressing.
     *
     * @param devices device service
     * @param hosts   host service
     * @param netcfg  network configuration (null: annotations only)
     */
    public OnosSwitchAddressing(DeviceService devices, HostService hosts, NetworkConfigService netcfg) {
        this.devices = devices;
        this.hosts = hosts;
        this.netcfg = netcfg;
    }

    @Override
    public Optional<MacAddress> routerMac(DeviceId device) {
        VpnDeviceConfig cfg = netcfg == null ? null : netcfg.getConfig(device, VpnDeviceConfig.class);
        if (cfg != null && cfg.routerMac().isPresent()) {
            return cfg.routerMac();
        }
        Device d = devices.getDevice(device);
        String mac = d == null ? null : d.annotations().value(ROUTER_MAC);
        if (mac == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MacAddress.valueOf(mac));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<MacAddress> ceMac(Site site) {
        for (Host h : hosts.getHostsByIp(site.ceAddress())) {
            if (h.locations().stream().anyMatch(l -> l.deviceId().equals(site.device())
                    && l.port().equals(site.port())) && h.vlan().equals(site.vlan())) {
                return Optional.of(h.mac());
            }
        }
        return site.ceMac();
    }
}
