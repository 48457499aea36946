package org.p4vpn.tests.pipeline;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onlab.util.ImmutableByteSequence;
import org.onosproject.net.pi.runtime.PiAction;
import org.onosproject.net.pi.runtime.PiActionParam;
import org.onosproject.net.pi.runtime.PiExactFieldMatch;
import org.onosproject.net.pi.runtime.PiMatchKey;
import org.onosproject.net.pi.runtime.PiTableEntry;
import org.p4vpn.p4rt.Bmv2Switch;
import org.p4vpn.p4rt.P4RuntimeException;
import org.p4vpn.p4rt.PiCodec;
import org.p4vpn.p4rt.WriteResult;
import p4.v1.P4RuntimeGrpc;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.ReadRequest;
import p4.v1.P4RuntimeOuterClass.TableEntry;
import p4.v1.P4RuntimeOuterClass.Update;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.p4vpn.pipeconf.P4InfoConstants.HDR_ETH_DST;
import static org.p4vpn.pipeconf.P4InfoConstants.HDR_INGRESS_PORT;
import static org.p4vpn.pipeconf.P4InfoConstants.HDR_VLAN_ID;
import static org.p4vpn.pipeconf.P4InfoConstants.INGRESS_PIPE_IMPL_MY_STATION_MY_STATION;
import static org.p4vpn.pipeconf.P4InfoConstants.INGRESS_PIPE_IMPL_MY_STATION_NOP;
import static org.p4vpn.pipeconf.P4InfoConstants.INGRESS_PIPE_IMPL_PORT_CLASSIFIER_PORT_CLASSIFIER;
import static org.p4vpn.pipeconf.P4InfoConstants.INGRESS_PIPE_IMPL_PORT_CLASSIFIER_SET_CE_PORT;
import static org.p4vpn.pipeconf.P4InfoConstants.VRF_ID;

/**
 * Malformed and conflicting P4Runtime requests get the same status codes from the emulator's
 * server as from BMv2's: each case is sent to both and the codes compared. Skipped without BMv2.
 */
class MalformedRequestsTest {

    @TempDir
    Path logs;

    private static ImmutableByteSequence bytes(long v, int bits) throws Exception {
        return ImmutableByteSequence.copyFrom(v).fit(bits);
    }

    private static Entity station(PiCodec c, long mac) throws Exception {
        return c.encode(PiTableEntry.builder().forTable(INGRESS_PIPE_IMPL_MY_STATION_MY_STATION)
                .withMatchKey(PiMatchKey.builder().addFieldMatch(new PiExactFieldMatch(HDR_ETH_DST,
                                                                                       bytes(mac, 48))).build())
                .withAction(PiAction.builder().withId(INGRESS_PIPE_IMPL_MY_STATION_NOP).build()).build());
    }

    private static Entity classifier(PiCodec c) throws Exception {
        return c.encode(PiTableEntry.builder().forTable(INGRESS_PIPE_IMPL_PORT_CLASSIFIER_PORT_CLASSIFIER)
                .withMatchKey(PiMatchKey.builder().addFieldMatch(new PiExactFieldMatch(HDR_INGRESS_PORT, bytes(1, 9)))
                                      .addFieldMatch(new PiExactFieldMatch(HDR_VLAN_ID, bytes(0, 12))).build())
                .withAction(PiAction.builder().withId(INGRESS_PIPE_IMPL_PORT_CLASSIFIER_SET_CE_PORT)
                                    .withParameter(new PiActionParam(VRF_ID, bytes(1, 16))).build()).build());
    }

    private static String code(DataPlaneTarget t, Update.Type type, Entity e) {
        try {
            WriteResult r = t.client().write(List.of(Update.newBuilder().setType(type).setEntity(e).build()));
            return com.google.rpc.Code.forNumber(r.errors().get(0).getCanonicalCode()).name();
        } catch (P4RuntimeException x) {
            return "RPC " + ((StatusRuntimeException) x.getCause()).getStatus().getCode();
        }
    }

    /** The cases: name to a function that runs the case on a target and returns the code. */
    private static Map<String, Function<DataPlaneTarget, String>> cases() {
        Map<String, Function<DataPlaneTarget, String>> m = new LinkedHashMap<>();
        m.put("insert a valid entry", t -> unchecked(() -> code(t, Update.Type.INSERT, station(t.codec(), 1))));
        m.put("insert it again", t -> unchecked(() -> {
            code(t, Update.Type.INSERT, station(t.codec(), 2));
            return code(t, Update.Type.INSERT, station(t.codec(), 2));
        }));
        m.put("delete a missing entry", t -> unchecked(() -> code(t, Update.Type.DELETE, station(t.codec(), 3))));
        m.put("modify a missing entry", t -> unchecked(() -> code(t, Update.Type.MODIFY, station(t.codec(), 4))));
        m.put("unknown table id", t -> unchecked(() -> {
            Entity e = station(t.codec(), 5);
            return code(t, Update.Type.INSERT, e.toBuilder().setTableEntry(e.getTableEntry().toBuilder()
                    .setTableId(12345)).build());
        }));
        m.put("unknown action id", t -> unchecked(() -> {
            Entity e = station(t.codec(), 6);
            TableEntry te = e.getTableEntry();
            return code(t, Update.Type.INSERT, e.toBuilder().setTableEntry(te.toBuilder().setAction(
                    te.getAction().toBuilder().setAction(te.getAction().getAction().toBuilder().setActionId(999))))
                    .build());
        }));
        m.put("missing action parameter", t -> unchecked(() -> {
            Entity e = classifier(t.codec());
            TableEntry te = e.getTableEntry();
            return code(t, Update.Type.INSERT, e.toBuilder().setTableEntry(te.toBuilder().setAction(
                    te.getAction().toBuilder().setAction(te.getAction().getAction().toBuilder().clearParams())))
                    .build());
        }));
        m.put("match value too wide", t -> unchecked(() -> {
            Entity e = classifier(t.codec());
            TableEntry te = e.getTableEntry();
            return code(t, Update.Type.INSERT, e.toBuilder().setTableEntry(te.toBuilder().setMatch(0,
                    te.getMatch(0).toBuilder().setExact(te.getMatch(0).getExact().toBuilder()
                            .setValue(ByteString.copyFrom(new byte[] {0x7f, (byte) 0xff}))))).build());
        }));
        m.put("priority on an exact table", t -> unchecked(() -> {
            Entity e = station(t.codec(), 7);
            return code(t, Update.Type.INSERT, e.toBuilder().setTableEntry(e.getTableEntry().toBuilder()
                    .setPriority(10)).build());
        }));
        m.put("missing match field", t -> unchecked(() -> {
            Entity e = classifier(t.codec());
            return code(t, Update.Type.INSERT, e.toBuilder().setTableEntry(e.getTableEntry().toBuilder()
                    .removeMatch(1)).build());
        }));
        m.put("update type unset", t -> unchecked(() -> code(t, Update.Type.UNSPECIFIED, station(t.codec(), 8))));
        m.put("insert a default entry", t -> unchecked(() -> {
            Entity e = station(t.codec(), 9);
            return code(t, Update.Type.INSERT, e.toBuilder().setTableEntry(e.getTableEntry().toBuilder()
                    .clearMatch().setIsDefaultAction(true)).build());
        }));
        m.put("change a const default action", t -> unchecked(() -> {
            Entity e = station(t.codec(), 10);
            return code(t, Update.Type.MODIFY, e.toBuilder().setTableEntry(e.getTableEntry().toBuilder()
                    .clearMatch().setIsDefaultAction(true)).build());
        }));
        m.put("write by a backup controller", t -> unchecked(() -> {
            try (org.p4vpn.p4rt.P4RuntimeClient backup = org.p4vpn.p4rt.P4RuntimeClient.connect("127.0.0.1", port(t),
                                                                                                 1, 0)) {
                backup.write(List.of(Update.newBuilder().setType(Update.Type.INSERT)
                                             .setEntity(station(t.codec(), 11)).build()));
                return "OK";
            } catch (P4RuntimeException x) {
                return "RPC " + ((StatusRuntimeException) x.getCause()).getStatus().getCode();
            }
        }));
        m.put("read an unknown table", t -> {
            ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", port(t)).usePlaintext().build();
            try {
                P4RuntimeGrpc.newBlockingStub(ch).read(ReadRequest.newBuilder().setDeviceId(1)
                        .addEntities(Entity.newBuilder().setTableEntry(TableEntry.newBuilder().setTableId(12345)))
                        .build()).forEachRemaining(r -> { });
                return "OK";
            } catch (StatusRuntimeException x) {
                return "RPC " + x.getStatus().getCode();
            } finally {
                ch.shutdownNow();
            }
        });
        return m;
    }

    private static int port(DataPlaneTarget t) {
        return t instanceof Bmv2Target ? ((Bmv2Target) t).grpcPort() : ((EmulatorTarget) t).grpcPort();
    }

    private interface Case {
        String run() throws Exception;
    }

    private static String unchecked(Case c) {
        try {
            return c.run();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void emulatorAnswersMalformedRequestsAsBmv2Does() {
        Assumptions.assumeTrue(Bmv2Switch.unavailableReason().isEmpty(),
                () -> "BMv2 run skipped: " + Bmv2Switch.unavailableReason().get());
        Map<String, String> bmv2 = new LinkedHashMap<>();
        Map<String, String> emu = new LinkedHashMap<>();
        try (DataPlaneTarget b = new Bmv2Target("mal", 2, logs); DataPlaneTarget e = new EmulatorTarget()) {
            cases().forEach((name, run) -> {
                bmv2.put(name, run.apply(b));
                emu.put(name, run.apply(e));
            });
        }
        StringBuilder table = new StringBuilder(String.format("%n%-32s %-24s %s%n", "request", "bmv2", "emulator"));
        bmv2.forEach((k, v) -> table.append(String.format("%-32s %-24s %s%n", k, v, emu.get(k))));
        System.out.println(table);
        assertEquals(bmv2, emu, "status codes differ:" + table);
    }
}
