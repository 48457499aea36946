package org.p4vpn.program;

import org.onosproject.net.DeviceId;
import org.onosproject.net.HostId;
import org.onosproject.net.config.ConfigFactory;
import org.onosproject.net.config.NetworkConfigRegistry;
import org.onosproject.net.config.basics.SubjectFactories;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Registers the {@code p4vpn} sections of devices and hosts with ONOS network configuration, so
 * that the network files push into ONOS as they are: ONOS checks them and the programmer reads
 * the router MACs from them.
 */
@Component(immediate = true)
public class VpnConfigRegistrar {

    private static final Logger LOG = LoggerFactory.getLogger(VpnConfigRegistrar.class);

    /** The device section's factory. */
    public static final ConfigFactory<DeviceId, VpnDeviceConfig> DEVICE = new ConfigFactory<>(
            SubjectFactories.DEVICE_SUBJECT_FACTORY, VpnDeviceConfig.class, VpnDeviceConfig.KEY) {
        @Override
        public VpnDeviceConfig createConfig() {
            return new VpnDeviceConfig();
        }
    };

    /** The host section's factory. */
    public static final ConfigFactory<HostId, VpnHostConfig> HOST = new ConfigFactory<>(
            SubjectFactories.HOST_SUBJECT_FACTORY, VpnHostConfig.class, VpnHostConfig.KEY) {
        @Override
        public VpnHostConfig createConfig() {
            return new VpnHostConfig();
        }
    };

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected NetworkConfigRegistry registry;

    @Activate
    protected void activate() {
        List.of(DEVICE, HOST).forEach(registry::registerConfigFactory);
        LOG.info("Started: netcfg sections devices.*.{} and hosts.*.{}", VpnDeviceConfig.KEY, VpnHostConfig.KEY);
    }

    @Deactivate
    protected void deactivate() {
        List.of(DEVICE, HOST).forEach(registry::unregisterConfigFactory);
        LOG.info("Stopped");
    }
}
