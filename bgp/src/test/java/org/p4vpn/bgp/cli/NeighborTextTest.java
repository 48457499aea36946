package org.p4vpn.bgp.cli;

import org.junit.jupiter.api.Test;
import org.onlab.packet.Ip4Address;
import org.p4vpn.api.BgpNeighbor;
import org.p4vpn.api.BgpNeighborState;
import org.p4vpn.api.InvalidInputException;
import org.p4vpn.api.PeerRelation;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI's listing and argument parsing, without Karaf. */
class NeighborTextTest {

    @Test
    void parsesTheAddArguments() {
        assertEquals(new BgpNeighbor(Ip4Address.valueOf("10.0.0.1"), 4200000000L, PeerRelation.NON_CLIENT, true),
                     NeighborText.neighbor(" 10.0.0.1", "4200000000", "non_client", true));
    }

    private static String wrongField(String address, String as, String relation) {
        return assertThrows(InvalidInputException.class,
                            () -> NeighborText.neighbor(address, as, relation, false)).field();
    }

    @Test
    void namesTheWrongArgument() {
        assertEquals("address", wrongField("10.0.0.256", "1", "EBGP"));
        assertEquals("remoteAs", wrongField("10.0.0.1", "x", "EBGP"));
        assertEquals("remoteAs", wrongField("10.0.0.1", "0", "EBGP"));
        assertEquals("remoteAs", wrongField("10.0.0.1", "4294967296", "EBGP"));
        assertEquals("relation", wrongField("10.0.0.1", "1", "PAL"));
        assertTrue(assertThrows(InvalidInputException.class, () -> NeighborText.address("x")).getMessage()
                           .contains("'x' is not an IPv4 address"));
    }

    @Test
    void listsNeighborsByAddressWithTheirSessions() {
        BgpNeighborState up = new BgpNeighborState(
                new BgpNeighbor(Ip4Address.valueOf("192.0.2.10"), 65001, PeerRelation.EBGP, false), "ESTABLISHED",
                Ip4Address.valueOf("9.9.9.9"), 42, 7, 3, 0, null);
        BgpNeighborState down = new BgpNeighborState(
                new BgpNeighbor(Ip4Address.valueOf("10.0.0.2"), 65000, PeerRelation.CLIENT, true), "ACTIVE",
                null, 0, 0, 0, 0, "hold timer expired");
        List<String> lines = NeighborText.table(List.of(up, down));
        assertEquals(3, lines.size());
        assertEquals(NeighborText.HEADER, lines.get(0));
        assertTrue(lines.get(1).startsWith("10.0.0.2 "), lines.get(1));
        assertTrue(lines.get(1).contains(" ACTIVE ") && lines.get(1).endsWith("hold timer expired"), lines.get(1));
        assertEquals(List.of("192.0.2.10", "65001", "EBGP", "no", "ESTABLISHED", "9.9.9.9", "42", "3", "7", "-"),
                     List.of(lines.get(2).trim().split("\\s+")));
    }
}
