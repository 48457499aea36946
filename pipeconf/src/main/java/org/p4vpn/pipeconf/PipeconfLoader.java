package org.p4vpn.pipeconf;

import org.onosproject.net.pi.service.PiPipeconfService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers the VPN pipeconf with ONOS while the application is active. */
@Component(immediate = true)
public class PipeconfLoader {

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected PiPipeconfService pipeconfService;

    /** Registers the pipeconf. */
    @Activate
    public void activate() {
        if (pipeconfService.getPipeconf(VpnPipeconf.ID).isPresent()) {
            pipeconfService.unregister(VpnPipeconf.ID);
        }
        pipeconfService.register(VpnPipeconf.build());
        log.info("Registered pipeconf {}", VpnPipeconf.ID);
    }

    /** Unregisters it. */
    @Deactivate
    public void deactivate() {
        pipeconfService.unregister(VpnPipeconf.ID);
        log.info("Unregistered pipeconf {}", VpnPipeconf.ID);
    }
}
