package org.p4vpn.bench;

import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;
import org.onlab.util.ImmutableByteSequence;
import org.onosproject.net.pi.runtime.PiAction;
import org.onosproject.net.pi.runtime.PiActionParam;
import org.onosproject.net.pi.runtime.PiExactFieldMatch;
import org.onosproject.net.pi.runtime.PiLpmFieldMatch;
import org.onosproject.net.pi.runtime.PiMatchKey;
import org.onosproject.net.pi.runtime.PiTableEntry;
import org.p4vpn.emulator.net.EmulatedHost;
import org.p4vpn.emulator.net.EmulatedLab;
import org.p4vpn.emulator.server.P4RuntimeServer;
import org.p4vpn.p4rt.Bmv2Switch;
import org.p4vpn.p4rt.P4RuntimeClient;
import org.p4vpn.p4rt.PiCodec;
import org.p4vpn.p4rt.VethLink;
import org.p4vpn.p4rt.VethPorts;
import org.p4vpn.p4rt.WriteResult;
import org.p4vpn.p4rt.topo.NetworkFile;
import org.p4vpn.pipeconf.P4InfoConstants;
import org.p4vpn.pipeconf.PipelineOutputs;
import org.p4vpn.tests.pipeline.Entries;
import org.p4vpn.tests.pipeline.ProgrammedSwitch;
import p4.v1.P4RuntimeOuterClass.Update;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Data-plane benchmark, emulator and BMv2 in the same run: packets per second through the seed's
 * PE1-P-PE2 chain (a CE's frames pushed, swapped, popped and delivered to the far CE), and
 * P4Runtime Write throughput (VRF routes, batched) of one switch's server. BMv2 figures need
 * simple_switch_grpc on PATH and root; BMv2 runs without its per-packet log.
 *
 * <p>Run: {@code bench/run-dataplane-bench [emulatorPackets] [bmv2Packets] [entries] [batch]}.
 */
public final class DataPlaneBench {

    private static final String PE1_MAC = "00:aa:00:00:00:01";
    private static final String PE2_MAC = "00:aa:00:00:00:02";
    private static final String P_MAC = "00:aa:00:00:00:03";
    /** Frames in flight at once on BMv2 (its queues hold 64 packets by default). */
    private static final int WINDOW = 32;

    private DataPlaneBench() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args emulator packets, BMv2 packets, entries, batch size
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int emuPackets = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int bmv2Packets = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int entries = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 1_000;
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "%-10s %-44s %s", "target", "measure", "result"));
        emulatorChain(emuPackets, rows);
        emulatorWrites(entries, batch, rows);
        if (Bmv2Switch.unavailableReason().isEmpty()) {
            bmv2Chain(bmv2Packets, rows);
            bmv2Writes(entries, batch, rows);
        } else {
            rows.add("bmv2       skipped: " + Bmv2Switch.unavailableReason().get());
        }
        rows.add(String.format(Locale.ROOT, "machine: %d cores, %s %s", Runtime.getRuntime().availableProcessors(),
                               System.getProperty("java.vm.name"), System.getProperty("java.version")));
        rows.forEach(System.out::println);
    }

    /** Programs the red VPN over PE1-P-PE2 (ports as in mininet-topologies/seed-basic). */
    static void programChain(Function<String, Entries> at) {
        at.apply("device:pe1").ceAttachment(1, 0, 1).corePort(10).myStation(PE1_MAC)
                .vrfRouteVpn(1, "10.2.1.0", 24, 100, 10).next(10, Entries.mplsOut(200, 10, PE1_MAC, P_MAC));
        at.apply("device:p1").corePort(1).corePort(2).myStation(P_MAC)
                .mplsTransit(200, 20).next(20, Entries.mplsPopOut(2, P_MAC, PE2_MAC));
        at.apply("device:pe2").ceAttachment(1, 0, 1).corePort(10).myStation(PE2_MAC)
                .mplsPopToVrf(100, 1).vrfRouteLocal(1, "10.2.1.0", 24, 30)
                .next(30, Entries.ceOut(1, PE2_MAC, "00:00:00:00:0a:02", 0));
    }

    private static byte[] ceFrame() {
        EmulatedHost ce = new EmulatedHost("red-1", MacAddress.valueOf("00:00:00:00:0a:01"),
                                           Ip4Address.valueOf("10.1.1.2"), 24, Ip4Address.valueOf("10.1.1.1"),
                                           org.onlab.packet.VlanId.NONE);
        ce.learn(Ip4Address.valueOf("10.1.1.1"), MacAddress.valueOf(PE1_MAC));
        return ce.echoRequest(Ip4Address.valueOf("10.2.1.2"), 64, (short) 1);
    }

    private static void emulatorChain(int packets, List<String> rows) throws Exception {
        NetworkFile file;
        try (InputStream in = Files.newInputStream(Paths.get("mininet-topologies", "seed-basic", "network.json"))) {
            file = NetworkFile.read(in);
        }
        try (EmulatedLab lab = EmulatedLab.start(file, PipelineOutputs.cpuPort(), true)) {
            Map<String, Long> ids = Map.of("device:pe1", 1L, "device:p1", 3L, "device:pe2", 2L);
            List<ProgrammedSwitch> sws = new ArrayList<>();
            programChain(d -> {
                ProgrammedSwitch s = new ProgrammedSwitch(lab.grpcPort(d), ids.get(d));
                sws.add(s);
                return s.entries();
            });
            byte[] frame = ceFrame();
            EmulatedHost red2 = lab.network().host("red-2");
            for (int i = 0; i < 20_000; i++) {
                lab.network().sendFromHost("red-1", frame);
            }
            red2.takeReceived();
            long t0 = System.nanoTime();
            for (int i = 0; i < packets; i++) {
                lab.network().sendFromHost("red-1", frame);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            int got = red2.takeReceived().size();
            rows.add(String.format(Locale.ROOT, "%-10s %-44s %,.0f packets/s (%,d sent, %,d delivered, %.2f s)",
                                   "emulator", "PE1-P-PE2 chain, CE to CE, one thread", got / secs, packets, got,
                                   secs));
            sws.forEach(ProgrammedSwitch::close);
        }
    }

    private static List<Update> routes(PiCodec codec, int count) throws Exception {
        List<Update> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int addr = 0x0A000000 + (i << 8);
            out.add(PiCodec.update(Update.Type.INSERT, codec.encode(PiTableEntry.builder()
                    .forTable(P4InfoConstants.INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB)
                    .withMatchKey(PiMatchKey.builder()
                            .addFieldMatch(new PiExactFieldMatch(P4InfoConstants.HDR_VRF_ID,
                                    ImmutableByteSequence.copyFrom((short) (1 + i % 100))))
                            .addFieldMatch(new PiLpmFieldMatch(P4InfoConstants.HDR_IPV4_DST,
                                    ImmutableByteSequence.copyFrom(addr), 24)).build())
                    .withAction(PiAction.builder().withId(P4InfoConstants.INGRESS_PIPE_IMPL_VRF_FIB_ROUTE_VPN)
                            .withParameter(new PiActionParam(P4InfoConstants.VPN_LABEL,
                                    ImmutableByteSequence.copyFrom(1000 + i % 1000).fit(20)))
                            .withParameter(new PiActionParam(P4InfoConstants.NEXT_ID,
                                    ImmutableByteSequence.copyFrom(10)))
                            .withParameter(new PiActionParam(P4InfoConstants.TC,
                                    ImmutableByteSequence.copyFrom((byte) 0).fit(3))).build()).build())));
        }
        return out;
    }

    private static String writeRate(ProgrammedSwitch sw, int entries, int batch) throws Exception {
        List<Update> all = routes(sw.codec(), entries);
        long t0 = System.nanoTime();
        for (int i = 0; i < all.size(); i += batch) {
            WriteResult r = sw.client().write(all.subList(i, Math.min(all.size(), i + batch)));
            if (!r.allOk()) {
                throw new IllegalStateException("write failed: " + r);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return String.format(Locale.ROOT, "%,.0f entries/s (%,d VRF routes in batches of %,d, %.2f s)",
                             entries / secs, entries, batch, secs);
    }

    private static void emulatorWrites(int entries, int batch, List<String> rows) throws Exception {
        try (P4RuntimeServer server = new P4RuntimeServer("bench", 1, PipelineOutputs.cpuPort())) {
            int port = server.start(0);
            try (ProgrammedSwitch sw = new ProgrammedSwitch(port, 1)) {
                rows.add(String.format(Locale.ROOT, "%-10s %-44s %s", "emulator", "P4Runtime Write",
                                       writeRate(sw, entries, batch)));
            }
        }
    }

    private static void bmv2Chain(int packets, List<String> rows) throws Exception {
        Path logs = Files.createTempDirectory("p4vpn-bench");
        try (VethPorts ce = VethPorts.create("bch", 2);
             VethLink l1 = VethLink.create("bchl1a", "bchl1b");
             VethLink l2 = VethLink.create("bchl2a", "bchl2b");
             Bmv2Switch pe1 = Bmv2Switch.start("pe1", 1, Map.of(1, ce.switchIface(1), 10, l1.a()),
                                               logs.resolve("pe1.log"), false);
             Bmv2Switch p = Bmv2Switch.start("p1", 3, Map.of(1, l1.b(), 2, l2.a()), logs.resolve("p1.log"), false);
             Bmv2Switch pe2 = Bmv2Switch.start("pe2", 2, Map.of(10, l2.b(), 1, ce.switchIface(2)),
                                               logs.resolve("pe2.log"), false)) {
            Map<String, ProgrammedSwitch> sws = Map.of("device:pe1", new ProgrammedSwitch(pe1.grpcPort(), 1),
                                                       "device:p1", new ProgrammedSwitch(p.grpcPort(), 3),
                                                       "device:pe2", new ProgrammedSwitch(pe2.grpcPort(), 2));
            programChain(d -> sws.get(d).entries());
            byte[] frame = ceFrame();
            ce.burst(1, frame, WINDOW);
            ce.await(WINDOW, java.time.Duration.ofSeconds(5));
            // Closed loop: a window of frames in flight at a time, so that no queue overflows and
            // what is measured is forwarding, not loss.
            int got = 0;
            long t0 = System.nanoTime();
            for (int sent = 0; sent < packets; sent += WINDOW) {
                ce.burst(1, frame, WINDOW);
                got += ce.await(WINDOW, java.time.Duration.ofSeconds(5)).size();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            rows.add(String.format(Locale.ROOT, "%-10s %-44s %,.0f packets/s (%,d sent in windows of %d, %,d"
                                           + " delivered, %.2f s)", "bmv2", "PE1-P-PE2 chain, CE to CE, veth + raw socket",
                                   got / secs, packets, WINDOW, got, secs));
            sws.values().forEach(ProgrammedSwitch::close);
        }
    }

    private static void bmv2Writes(int entries, int batch, List<String> rows) throws Exception {
        Path logs = Files.createTempDirectory("p4vpn-bench");
        try (VethPorts ports = VethPorts.create("bcw", 1);
             Bmv2Switch sw = Bmv2Switch.start("w", 1, Map.of(1, ports.switchIface(1)), logs.resolve("w.log"), false);
             ProgrammedSwitch ps = new ProgrammedSwitch(sw.grpcPort(), 1)) {
            rows.add(String.format(Locale.ROOT, "%-10s %-44s %s", "bmv2", "P4Runtime Write",
                                   writeRate(ps, entries, batch)));
        }
    }
}
