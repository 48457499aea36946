package org.p4vpn.program;

import org.junit.jupiter.api.Test;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultAnnotations;
import org.onosproject.net.DefaultLink;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Link;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceServiceAdapter;
import org.onosproject.net.link.LinkServiceAdapter;
import org.onosproject.net.provider.ProviderId;
import org.p4vpn.api.NetworkLink;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ONOS's two links per cable become one link, up only when both directions are active. */
class OnosNetworkStateTest {

    private static final ProviderId PID = new ProviderId("lldp", "test");

    private static ConnectPoint cp(String d, long p) {
        return new ConnectPoint(DeviceId.deviceId(d), PortNumber.portNumber(p));
    }

    private static Link link(ConnectPoint a, ConnectPoint b, Link.State state, String metric) {
        DefaultAnnotations.Builder an = DefaultAnnotations.builder();
        if (metric != null) {
            an.set("metric", metric);
        }
        return DefaultLink.builder().providerId(PID).src(a).dst(b).type(Link.Type.DIRECT).state(state)
                .annotations(an.build()).build();
    }

    @Test
    void pairsDirectionsAndTakesTheMetric() {
        List<Link> links = List.of(
                link(cp("device:pe1", 10), cp("device:p1", 1), Link.State.ACTIVE, "10"),
                link(cp("device:p1", 1), cp("device:pe1", 10), Link.State.ACTIVE, "10"),
                link(cp("device:p1", 2), cp("device:pe2", 10), Link.State.ACTIVE, null),
                link(cp("device:pe2", 10), cp("device:p1", 2), Link.State.INACTIVE, null));
        OnosNetworkState state = new OnosNetworkState();
        state.deviceService = new DeviceServiceAdapter();
        state.linkService = new LinkServiceAdapter() {
            @Override
            public Iterable<Link> getLinks() {
                return links;
            }

            @Override
            public Link getLink(ConnectPoint src, ConnectPoint dst) {
                return links.stream().filter(l -> l.src().equals(src) && l.dst().equals(dst)).findFirst()
                        .orElse(null);
            }
        };
        List<NetworkLink> out = List.copyOf(state.getLinks());
        assertEquals(2, out.size(), out.toString());
        assertEquals(10, out.get(0).metric());
        assertTrue(out.get(0).isUp());
        assertEquals(1, out.get(1).metric(), "no metric: 1");
        assertFalse(out.get(1).isUp(), "one direction inactive: down");
    }
}
