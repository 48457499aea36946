package org.p4vpn.tests.network;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;
import org.p4vpn.emulator.net.EmulatedHost;
import org.p4vpn.emulator.net.EmulatedLab;
import org.p4vpn.emulator.net.EmulatedNetwork;
import org.p4vpn.p4rt.topo.NetworkFile;
import org.p4vpn.pipeconf.PipelineOutputs;
import org.p4vpn.tests.pipeline.Entries;
import org.p4vpn.tests.pipeline.ProgrammedSwitch;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The emulated network of the seed's basic lab (CE1-PE1-P-PE2-CE2), loaded from the labs' own
 * network file, its switches programmed by hand over P4Runtime: hosts ping across the label-
 * switched path, frames can be injected and read where they arrive, and a failed link stops
 * traffic until restored.
 */
class EmulatedNetworkTest {

    private static final String PE1 = "device:pe1";
    private static final String P = "device:p1";
    private static final String PE2 = "device:pe2";
    private static final String PE1_MAC = "00:aa:00:00:00:01";
    private static final String PE2_MAC = "00:aa:00:00:00:02";
    private static final String P_MAC = "00:aa:00:00:00:03";

    private EmulatedLab lab;
    private final List<ProgrammedSwitch> switches = new ArrayList<>();

    private Entries program(String device, long id) {
        ProgrammedSwitch s = new ProgrammedSwitch(lab.grpcPort(device), id);
        switches.add(s);
        return s.entries();
    }

    @BeforeEach
    void start() throws Exception {
        NetworkFile file;
        try (InputStream in = Files.newInputStream(Paths.get("..", "mininet-topologies", "seed-basic",
                                                              "network.json"))) {
            file = NetworkFile.read(in);
        }
        lab = EmulatedLab.start(file, PipelineOutputs.cpuPort(), true);
        // red VPN: vrf 1 on both PEs; VPN labels 100 (at PE2) and 101 (at PE1); PHP at P.
        program(PE1, 1).ceAttachment(1, 0, 1).corePort(10).myStation(PE1_MAC)
                .vrfRouteVpn(1, "10.2.1.0", 24, 100, 10).next(10, Entries.mplsOut(200, 10, PE1_MAC, P_MAC))
                .mplsPopToVrf(101, 1).vrfRouteLocal(1, "10.1.1.0", 24, 30)
                .next(30, Entries.ceOut(1, PE1_MAC, "00:00:00:00:0a:01", 0));
        program(P, 3).corePort(1).corePort(2).myStation(P_MAC)
                .mplsTransit(200, 20).next(20, Entries.mplsPopOut(2, P_MAC, PE2_MAC))
                .mplsTransit(201, 21).next(21, Entries.mplsPopOut(1, P_MAC, PE1_MAC));
        program(PE2, 2).ceAttachment(1, 0, 1).corePort(10).myStation(PE2_MAC)
                .mplsPopToVrf(100, 1).vrfRouteLocal(1, "10.2.1.0", 24, 30)
                .next(30, Entries.ceOut(1, PE2_MAC, "00:00:00:00:0a:02", 0))
                .vrfRouteVpn(1, "10.1.1.0", 24, 101, 10).next(10, Entries.mplsOut(201, 10, PE2_MAC, P_MAC));
        // No controller answers ARP in this test: the CEs know their gateway's MAC.
        lab.network().host("red-1").learn(Ip4Address.valueOf("10.1.1.1"), MacAddress.valueOf(PE1_MAC));
        lab.network().host("red-2").learn(Ip4Address.valueOf("10.2.1.1"), MacAddress.valueOf(PE2_MAC));
    }

    @AfterEach
    void stop() {
        switches.forEach(ProgrammedSwitch::close);
        lab.close();
    }

    @Test
    void hostsPingAcrossTheLabelSwitchedPath() {
        assertTrue(lab.network().ping("red-1", Ip4Address.valueOf("10.2.1.2"), Duration.ofSeconds(2)));
        assertTrue(lab.network().ping("red-2", Ip4Address.valueOf("10.1.1.2"), Duration.ofSeconds(2)));
        assertFalse(lab.network().ping("blue-1", Ip4Address.valueOf("10.2.1.2"), Duration.ofMillis(300)),
                    "blue's port is in no VRF");
    }

    @Test
    void injectedFramesArriveWhereTheyShould() {
        EmulatedHost red1 = lab.network().host("red-1");
        EmulatedHost red2 = lab.network().host("red-2");
        red2.takeReceived();
        lab.network().sendFromHost("red-1", red1.echoRequest(Ip4Address.valueOf("10.2.1.2"), 64, (short) 9));
        List<byte[]> got = red2.takeReceived();
        assertEquals(1, got.size(), "the request reached red-2 once");
        assertEquals(64 - 3, got.get(0)[22] & 0xFF, "three routers (PE1, P, PE2) decremented the TTL");
        assertTrue(lab.network().host("blue-2").takeReceived().isEmpty(), "nothing leaked to blue-2");
        assertEquals(List.of(Ip4Address.valueOf("10.2.1.2")), red1.takeEchoReplies(), "red-2 answered");
    }

    @Test
    void aFailedLinkStopsTrafficUntilRestored() {
        EmulatedNetwork.PortRef pe1Core = new EmulatedNetwork.PortRef(PE1, 10);
        lab.network().setLinkUp(pe1Core, false);
        assertFalse(lab.network().isUp(new EmulatedNetwork.PortRef(P, 1)), "both ends are down");
        assertFalse(lab.network().ping("red-1", Ip4Address.valueOf("10.2.1.2"), Duration.ofMillis(300)));
        lab.network().setLinkUp(pe1Core, true);
        assertTrue(lab.network().ping("red-1", Ip4Address.valueOf("10.2.1.2"), Duration.ofSeconds(2)));
    }
}
