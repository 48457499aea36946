package org.p4vpn.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.p4vpn.p4rt.Bmv2Switch;
import org.p4vpn.p4rt.P4InfoIndex;
import org.p4vpn.p4rt.P4RuntimeClient;
import org.p4vpn.p4rt.VethPorts;
import org.p4vpn.p4rt.WriteResult;
import p4.config.v1.P4InfoOuterClass;
import p4.v1.P4RuntimeOuterClass;
import p4.v1.P4RuntimeOuterClass.Update;

/**
 * The emulator and a real BMv2 simple_switch_grpc driven identically: every control-plane
 * operation goes to both (the emulator through its API, BMv2 through P4Runtime) and must
 * succeed or fail with the same status code; frames are sent to both and the outputs compared
 * byte for byte (packet-ins rebuilt with their packet_in header).
 */
final class Bmv2Pair implements AutoCloseable {

    final EmulatedSwitch emu;
    private final P4rtTranslator tr;
    private final P4InfoIndex p4info;
    private final VethPorts ports;
    private final Bmv2Process bmv2;
    private final P4RuntimeClient client;
    private final LinkedBlockingQueue<P4RuntimeOuterClass.PacketIn> packetIns = new LinkedBlockingQueue<>();
    private final Path log;
    /** 802.1Q-tagged frames the emulator sent on data ports during the last {@link #run}. */
    int emulatorTagged;

    Bmv2Pair(String name, Path json, Path p4infoText, int nports, Path logDir) throws Exception {
        byte[] jsonBytes = Files.readAllBytes(json);
        P4InfoOuterClass.P4Info info = P4RuntimeClient.parseP4Info(Files.readString(p4infoText));
        this.p4info = new P4InfoIndex(info);
        this.tr = new P4rtTranslator(p4info);
        this.emu = new EmulatedSwitch(P4Program.load(Programs.MAPPER.readTree(jsonBytes)));
        this.ports = VethPorts.create(name, nports);
        Map<Integer, String> ifaces = new HashMap<>();
        for (int i = 1; i <= nports; i++) {
            ifaces.put(i, ports.switchIface(i));
        }
        this.log = logDir.resolve(name + "-bmv2.log");
        this.bmv2 = new Bmv2Process(ifaces, log);
        this.client = P4RuntimeClient.connect("127.0.0.1", bmv2.grpcPort, 1, 1);
        client.setPipeline(info, jsonBytes);
        client.addPacketListener(packetIns::add);
    }

    /** Applies one update to BMv2 and the matching call to the emulator; both must agree. */
    void both(Update.Type type, P4RuntimeOuterClass.Entity entity, Runnable emulatorCall) {
        WriteResult r = client.write(List.of(Bmv2Pair.update(type, entity)));
        int bmv2Code = r.errors().get(0).getCanonicalCode();
        String emuCode = "OK";
        try {
            emulatorCall.run();
        } catch (SwitchException e) {
            emuCode = e.code().name();
        }
        String bmv2Name = io.grpc.Status.Code.values()[bmv2Code].name();
        assertEquals(bmv2Name, emuCode, () -> type + " " + entity + " BMv2 says " + r.errors().get(0).getMessage());
    }

    private static Update update(Update.Type type, P4RuntimeOuterClass.Entity e) {
        return P4rtTranslator.update(type, e);
    }

    void insert(TableEntry e) {
        both(Update.Type.INSERT, tr.tableEntry(e), () -> emu.insertEntry(e));
    }

    void modify(TableEntry e) {
        both(Update.Type.MODIFY, tr.tableEntry(e), () -> emu.modifyEntry(e));
    }

    void delete(TableEntry e) {
        both(Update.Type.DELETE, tr.tableEntry(e), () -> emu.deleteEntry(e));
    }

    void setDefault(String table, ActionCall a) {
        both(Update.Type.MODIFY, tr.defaultEntry(table, a), () -> emu.setDefaultAction(table, a));
    }

    void insertMember(String profile, int id, ActionCall a) {
        both(Update.Type.INSERT, tr.member(profile, id, a), () -> emu.insertMember(profile, id, a));
    }

    void deleteMember(String profile, int id) {
        both(Update.Type.DELETE, tr.member(profile, id, null), () -> emu.deleteMember(profile, id));
    }

    void insertGroup(String profile, int id, Map<Integer, Integer> weights) {
        both(Update.Type.INSERT, tr.group(profile, id, weights), () -> emu.insertGroup(profile, id, weights));
    }

    void modifyGroup(String profile, int id, Map<Integer, Integer> weights) {
        both(Update.Type.MODIFY, tr.group(profile, id, weights), () -> emu.modifyGroup(profile, id, weights));
    }

    void deleteGroup(String profile, int id) {
        both(Update.Type.DELETE, tr.group(profile, id, Map.of()), () -> emu.deleteGroup(profile, id));
    }

    /** A frame in: data ports through the veths, port 255 as a P4Runtime packet-out. */
    static final class In {
        final int port;
        final byte[] frame;

        In(int port, byte[] frame) {
            this.port = port;
            this.frame = frame;
        }
    }

    /**
     * Sends the frames to both and returns the outputs of each, sorted ("port:hex"), BMv2's first.
     */
    List<List<String>> run(List<In> frames, int cpuHeaderBytes) {
        List<String> expected = new ArrayList<>();
        emulatorTagged = 0;
        for (In in : frames) {
            for (OutputPacket o : emu.process(in.port, in.frame)) {
                byte[] b = o.bytes();
                if (o.port() != Bmv2Switch.CPU_PORT && isTagged(b)) {
                    emulatorTagged++;
                    b = untag(b);
                } else if (o.port() == Bmv2Switch.CPU_PORT && b.length > cpuHeaderBytes + 1
                        && isTagged(java.util.Arrays.copyOfRange(b, cpuHeaderBytes + 1, b.length))) {
                    emulatorTagged++; // our packet_in header is 3 bytes: the tag is deparsed too
                }
                expected.add(o.port() + ":" + Bits.hex(b));
            }
            if (in.port == Bmv2Switch.CPU_PORT) {
                packetOut(in.frame, cpuHeaderBytes);
            } else {
                ports.send(in.port, in.frame);
            }
        }
        List<String> actual = new ArrayList<>();
        for (VethPorts.Frame f : ports.collect(700)) {
            actual.add(f.port() + ":" + Bits.hex(isTagged(f.bytes()) ? untag(f.bytes()) : f.bytes()));
        }
        P4RuntimeOuterClass.PacketIn pi;
        try {
            while ((pi = packetIns.poll(200, TimeUnit.MILLISECONDS)) != null) {
                actual.add(Bmv2Switch.CPU_PORT + ":" + Bits.hex(withHeader("packet_in", pi.getMetadataList(),
                        pi.getPayload().toByteArray())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Collections.sort(expected);
        Collections.sort(actual);
        return List.of(actual, expected);
    }

    /**
     * The veth capture (an AF_PACKET socket without PACKET_AUXDATA) loses 802.1Q tags: data-port
     * frames are compared without their tag, and tags are counted in BMv2's deparser log instead.
     */
    static boolean isTagged(byte[] f) {
        return f.length >= 18 && (f[12] & 0xff) == 0x81 && f[13] == 0;
    }

    static byte[] untag(byte[] f) {
        byte[] out = new byte[f.length - 4];
        System.arraycopy(f, 0, out, 0, 12);
        System.arraycopy(f, 16, out, 12, f.length - 16);
        return out;
    }

    /** How many times BMv2 has deparsed the given header so far (from its debug log). */
    long bmv2Deparsed(String header) throws java.io.IOException {
        try (java.util.stream.Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("Deparsing header '" + header + "'")).count();
        }
    }

    /** Splits our controller header off a CPU-port frame and sends it as a packet-out. */
    private void packetOut(byte[] frame, int headerBytes) {
        P4InfoOuterClass.ControllerPacketMetadata md = p4info.packetMetadata("packet_out");
        List<P4RuntimeOuterClass.PacketMetadata> meta = new ArrayList<>();
        long bit = 0;
        for (P4InfoOuterClass.ControllerPacketMetadata.Metadata m : md.getMetadataList()) {
            BitValue v = Bits.read(frame, bit, m.getBitwidth());
            bit += m.getBitwidth();
            meta.add(P4RuntimeOuterClass.PacketMetadata.newBuilder().setMetadataId(m.getId())
                    .setValue(ByteString.copyFrom(v.toBytes(Bits.bytesFor(m.getBitwidth())))).build());
        }
        client.packetOut(java.util.Arrays.copyOfRange(frame, headerBytes, frame.length), meta);
    }

    private byte[] withHeader(String name, List<P4RuntimeOuterClass.PacketMetadata> values, byte[] payload) {
        P4InfoOuterClass.ControllerPacketMetadata md = p4info.packetMetadata(name);
        int bits = 0;
        for (P4InfoOuterClass.ControllerPacketMetadata.Metadata m : md.getMetadataList()) {
            bits += m.getBitwidth();
        }
        byte[] out = new byte[bits / 8 + payload.length];
        long bit = 0;
        for (P4InfoOuterClass.ControllerPacketMetadata.Metadata m : md.getMetadataList()) {
            for (P4RuntimeOuterClass.PacketMetadata v : values) {
                if (v.getMetadataId() == m.getId()) {
                    Bits.write(out, bit, m.getBitwidth(), BitValue.ofUnsigned(v.getValue().toByteArray()));
                }
            }
            bit += m.getBitwidth();
        }
        System.arraycopy(payload, 0, out, bits / 8, payload.length);
        return out;
    }

    /** Reads a direct counter from BMv2 through P4Runtime. */
    CounterValue bmv2DirectCounter(TableEntry e) {
        P4RuntimeOuterClass.TableEntry te = tr.tableEntry(e).getTableEntry().toBuilder().clearAction().build();
        P4RuntimeOuterClass.Entity filter = P4RuntimeOuterClass.Entity.newBuilder().setDirectCounterEntry(
                P4RuntimeOuterClass.DirectCounterEntry.newBuilder().setTableEntry(te)).build();
        P4RuntimeOuterClass.CounterData d = client.read(List.of(filter)).get(0).getDirectCounterEntry().getData();
        return new CounterValue(d.getPacketCount(), d.getByteCount());
    }

    /** Reads an indirect counter cell from BMv2 through P4Runtime. */
    CounterValue bmv2Counter(String name, int index) {
        P4RuntimeOuterClass.Entity filter = P4RuntimeOuterClass.Entity.newBuilder().setCounterEntry(
                P4RuntimeOuterClass.CounterEntry.newBuilder().setCounterId(p4info.counter(name).getPreamble().getId())
                        .setIndex(P4RuntimeOuterClass.Index.newBuilder().setIndex(index))).build();
        P4RuntimeOuterClass.CounterData d = client.read(List.of(filter)).get(0).getCounterEntry().getData();
        return new CounterValue(d.getPacketCount(), d.getByteCount());
    }

    @Override
    public void close() {
        client.close();
        bmv2.close();
        ports.close();
    }
}
