package org.p4vpn.codec;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.p4vpn.api.InvalidInputException;
import org.p4vpn.api.LabelMode;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.Site;
import org.p4vpn.api.VpnInstance;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSON forms: round trips, and errors that name the field with its path. */
class VpnJsonTest {

    private static JsonNode json(String s) throws Exception {
        return VpnJson.mapper().readTree(s.replace('\'', '"'));
    }

    private static InvalidInputException error(Runnable r) {
        return assertThrows(InvalidInputException.class, r::run);
    }

    @Test
    void vpnInstanceRoundTrip() throws Exception {
        VpnInstance v = VpnJson.vpnInstance(json("{'name':'red','routeDistinguisher':'65000:1',"
                + "'importTargets':['65000:1','65000:2'],'exportTargets':['65000:1'],'labelMode':'per-ce',"
                + "'vpnId':'00a0c9:00000001'}"), "");
        assertEquals(LabelMode.PER_CE, v.labelMode());
        assertEquals(Set.of(RouteTarget.of("65000:1"), RouteTarget.of("65000:2")), v.importTargets());
        assertEquals(v, VpnJson.vpnInstance(VpnJson.encode(v), ""));
    }

    @Test
    void privateLspsAndQosClassRoundTripAndAreChecked() throws Exception {
        VpnInstance gold = VpnJson.vpnInstance(json("{'name':'gold','routeDistinguisher':'65000:9',"
                + "'routeTargets':['65000:9'],'privateLsps':true,'qosClass':5}"), "");
        assertEquals(org.p4vpn.api.TransportPolicy.of(true, 5), gold.transport());
        assertEquals(gold, VpnJson.vpnInstance(VpnJson.encode(gold), ""));
        VpnInstance plain = VpnJson.vpnInstance(json("{'name':'p','routeDistinguisher':'65000:8'}"), "");
        assertEquals(org.p4vpn.api.TransportPolicy.SHARED, plain.transport(), "shared best effort by default");
        InvalidInputException e = error(() -> VpnJson.vpnInstance(unchecked("{'name':'g','routeDistinguisher':"
                + "'65000:9','qosClass':8}"), ""));
        assertEquals("qosClass", e.field());
        assertTrue(e.getMessage().contains("0 to 7"), e.getMessage());
        e = error(() -> VpnJson.vpnInstance(unchecked("{'name':'g','routeDistinguisher':'65000:9',"
                + "'privateLsps':'yes'}"), ""));
        assertEquals("privateLsps", e.field());
    }

    @Test
    void siteRoundTrip() throws Exception {
        Site s = VpnJson.site(json("{'name':'ce1','vpn':'red','device':'device:pe1','port':3,'vlan':100,"
                + "'peInterface':'10.0.0.1/30','ceAddress':'10.0.0.2','ceMac':'00:00:00:00:00:01',"
                + "'staticRoutes':['192.168.0.0/16']}"), "");
        assertEquals(100, s.vlan().toShort());
        assertEquals(s, VpnJson.site(VpnJson.encode(s), ""));
    }

    @Test
    void nodeRoundTrip() throws Exception {
        ProviderNode n = VpnJson.node(json("{'device':'rr:1','role':'rr','routerId':'9.0.0.1',"
                + "'routeReflector':{'clusterId':'9.9.9.9','clients':['1.1.1.1'],'nonClients':[],"
                + "'clientToClientReflection':false}}"), "");
        assertEquals(NodeRole.RR, n.role());
        assertEquals(n, VpnJson.node(VpnJson.encode(n), ""));
    }

    @Test
    void errorsNameTheFieldAndItsPath() throws Exception {
        InvalidInputException e = error(() -> Scenario.parse(unchecked("{'sites':[{'name':'x','vpn':'v',"
                + "'device':'device:pe1','port':1,'peInterface':'10.0.0.1/24','ceAddress':'11.0.0.2'}]}")));
        assertEquals("sites[0].ceAddress", e.field());
        e = error(() -> Scenario.parse(unchecked("{'vpns':[{'name':'a','routeDistinguisher':'65000:1'},"
                + "{'name':'b','routeDistinguisher':'1.2.3.4:99999'}]}")));
        assertEquals("vpns[1].routeDistinguisher", e.field());
        assertTrue(e.getMessage().contains("65535"), e.getMessage());
        e = error(() -> VpnJson.vpnInstance(unchecked("{'name':'a','routeDistinguisher':'1:1',"
                + "'routeDistinguiser':'1:2'}"), ""));
        assertEquals("routeDistinguiser", e.field());
        assertTrue(e.getMessage().contains("unknown field"), e.getMessage());
        e = error(() -> VpnJson.vpnInstance(unchecked("{'name':'a','routeDistinguisher':'1:1',"
                + "'importTargets':['1:1','x']}"), ""));
        assertEquals("importTargets[1]", e.field());
        e = error(() -> VpnJson.site(unchecked("{'name':'x','vpn':'v','device':'device:pe1','port':'one',"
                + "'peInterface':'10.0.0.1/24','ceAddress':'10.0.0.2'}"), ""));
        assertEquals("port", e.field());
        e = error(() -> VpnJson.node(unchecked("{'device':'device:x','role':'ASBR','routerId':'1.1.1.1'}"), ""));
        assertEquals("role", e.field());
        e = error(() -> VpnJson.vpnInstance(unchecked("[1,2]"), ""));
        assertEquals("body", e.field());
        e = error(() -> VpnJson.vpnInstance(unchecked("{'name':'a','routeDistinguisher':'1:1',"
                + "'routeTargets':['1:1'],'importTargets':['1:1']}"), ""));
        assertEquals("routeTargets", e.field());
    }

    private static JsonNode unchecked(String s) {
        try {
            return json(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
