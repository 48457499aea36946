package org.p4vpn.bgp.onos;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.onlab.packet.Ip4Address;
import org.onosproject.core.DefaultApplicationId;
import org.p4vpn.api.InvalidInputException;
import org.p4vpn.api.PeerRelation;
import org.p4vpn.bgp.wire.SpeakerConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The netcfg {@code bgp} section: defaults, and an error naming the field for each kind of mistake. */
class BgpConfigTest {

    private static BgpConfig config(String json) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        BgpConfig c = new BgpConfig();
        c.init(new DefaultApplicationId(1, "org.p4vpn.app"), BgpConfig.KEY, mapper.readTree(json), mapper, null);
        return c;
    }

    @Test
    void readsSettingsWithDefaults() throws Exception {
        BgpConfig c = config("{\"routerId\": \"10.0.0.100\", \"asNumber\": 65000,"
                + " \"neighbors\": [{\"address\": \"10.0.0.1\", \"remoteAs\": 65001, \"relation\": \"ebgp\"}]}");
        assertTrue(c.isValid());
        SpeakerConfig s = c.speaker();
        assertEquals(Ip4Address.valueOf("10.0.0.100"), s.routerId());
        assertEquals(65000, s.localAs());
        assertNull(s.clusterId());
        assertEquals(Ip4Address.valueOf("0.0.0.0"), s.listenAddress());
        assertEquals(179, s.port());
        assertEquals(90, s.holdTime());
        assertEquals(PeerRelation.EBGP, c.neighbors().get(0).relation());
        assertFalse(c.neighbors().get(0).passive());
    }

    private static void wrong(String json, String field) throws Exception {
        BgpConfig c = config(json);
        assertFalse(c.isValid(), json);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
            c.speaker();
            c.neighbors();
        });
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void namesTheFieldAtFault() throws Exception {
        wrong("{\"asNumber\": 65000}", "bgp.routerId");
        wrong("{\"routerId\": \"10.0.0.1\"}", "bgp.asNumber");
        wrong("{\"routerId\": \"10.0.0.300\", \"asNumber\": 65000}", "bgp.routerId");
        wrong("{\"routerId\": \"10.0.0.1\", \"asNumber\": 0}", "bgp.asNumber");
        wrong("{\"routerId\": \"10.0.0.1\", \"asNumber\": \"65000\"}", "bgp.asNumber");
        wrong("{\"routerId\": \"10.0.0.1\", \"asNumber\": 1, \"port\": 70000}", "bgp.port");
        wrong("{\"routerId\": \"10.0.0.1\", \"asNumber\": 1, \"holdTime\": 2}", "holdTime");
        wrong("{\"routerId\": \"10.0.0.1\", \"asNumber\": 1, \"clusterId\": 5}", "bgp.clusterId");
        wrong("{\"routerId\": \"10.0.0.1\", \"asNumber\": 1, \"routerID\": \"x\"}", "bgp.routerID");
        wrong("{\"routerId\": \"10.0.0.1\", \"asNumber\": 1, \"neighbors\": {}}", "bgp.neighbors");
        wrong("{\"routerId\": \"10.0.0.1\", \"asNumber\": 1, \"neighbors\": [{\"address\": \"10.0.0.2\","
                      + " \"remoteAs\": 1, \"relation\": \"client\"}, {\"address\": \"10.0.0.2\","
                      + " \"remoteAs\": 1, \"relation\": \"client\"}]}", "bgp.neighbors[1].address");
    }
}
