package org.p4vpn.program;

import org.onosproject.net.AnnotationKeys;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.Device;
import org.onosproject.net.Link;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.link.LinkService;
import org.p4vpn.api.NetworkLink;
import org.p4vpn.api.NetworkStateService;
import org.p4vpn.api.NetworkSwitch;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The network state inside ONOS, for the REST topology view and traces: switches from
 * DeviceService (available or not), links from LinkService with their netcfg metric, one per pair
 * of ports (ONOS keeps one link per direction; the pair is up when both directions are active).
 */
@Component(immediate = true, service = NetworkStateService.class)
public class OnosNetworkState implements NetworkStateService {

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DeviceService deviceService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected LinkService linkService;

    @Override
    public Collection<NetworkSwitch> getSwitches() {
        List<NetworkSwitch> out = new ArrayList<>();
        for (Device d : deviceService.getDevices()) {
            String name = d.annotations().value(AnnotationKeys.NAME);
            out.add(new NetworkSwitch(d.id(), name == null ? d.id().toString() : name,
                                      deviceService.isAvailable(d.id())));
        }
        out.sort(Comparator.comparing(s -> s.id().toString()));
        return out;
    }

    @Override
    public Collection<NetworkLink> getLinks() {
        List<NetworkLink> out = new ArrayList<>();
        Set<ConnectPoint> seen = new HashSet<>();
        for (Link l : linkService.getLinks()) {
            if (!seen.add(l.src()) || seen.contains(l.dst())) {
                continue;
            }
            Link back = linkService.getLink(l.dst(), l.src());
            boolean up = l.state() == Link.State.ACTIVE && back != null && back.state() == Link.State.ACTIVE;
            seen.add(l.dst());
            out.add(new NetworkLink(l.src(), l.dst(), VpnProgrammingManager.metric(l), up));
        }
        return out;
    }
}
