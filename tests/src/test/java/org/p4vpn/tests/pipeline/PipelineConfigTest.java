package org.p4vpn.tests.pipeline;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p4vpn.emulator.server.P4RuntimeServer;
import org.p4vpn.p4rt.Bmv2Switch;
import org.p4vpn.p4rt.P4RuntimeClient;
import org.p4vpn.pipeconf.PipelineOutputs;
import p4.v1.P4RuntimeGrpc;
import p4.v1.P4RuntimeOuterClass.ForwardingPipelineConfig;
import p4.v1.P4RuntimeOuterClass.GetForwardingPipelineConfigRequest;
import p4.config.v1.P4InfoOuterClass.P4Info;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading the pipeline of a switch that has none: BMv2 answers FAILED_PRECONDITION, the emulator
 * the same, and the client turns it into an empty config (so a controller pushes the pipeline);
 * after a push, the cookie comes back, with only the parts each response type asks for.
 */
class PipelineConfigTest {

    @TempDir
    Path logs;

    private static Status.Code rawCode(int port) {
        ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            return assertThrows(StatusRuntimeException.class, () -> P4RuntimeGrpc.newBlockingStub(ch)
                    .getForwardingPipelineConfig(GetForwardingPipelineConfigRequest.newBuilder().setDeviceId(1)
                            .build())).getStatus().getCode();
        } finally {
            ch.shutdownNow();
        }
    }

    private static void pushThenRead(int port) {
        try (P4RuntimeClient c = P4RuntimeClient.connect("127.0.0.1", port, 1, 1)) {
            assertEquals(ForwardingPipelineConfig.getDefaultInstance(), c.getPipeline(), "none yet");
            P4Info info = P4RuntimeClient.parseP4Info(PipelineOutputs.text(PipelineOutputs.P4INFO));
            c.setPipeline(info, PipelineOutputs.read(PipelineOutputs.BMV2_JSON), 4242);
            ForwardingPipelineConfig have = c.getPipeline();
            assertEquals(4242, have.getCookie().getCookie());
            assertTrue(have.getP4Info().getTablesCount() > 0);
        }
        onlyWhatIsAsked(port);
    }

    /** ONOS asks COOKIE_ONLY to check a switch's pipeline; BMv2 then sends no P4Info (ONOS warns if it comes). */
    private static void onlyWhatIsAsked(int port) {
        ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            var stub = P4RuntimeGrpc.newBlockingStub(ch);
            for (GetForwardingPipelineConfigRequest.ResponseType t : List.of(
                    GetForwardingPipelineConfigRequest.ResponseType.ALL,
                    GetForwardingPipelineConfigRequest.ResponseType.COOKIE_ONLY,
                    GetForwardingPipelineConfigRequest.ResponseType.P4INFO_AND_COOKIE,
                    GetForwardingPipelineConfigRequest.ResponseType.DEVICE_CONFIG_AND_COOKIE)) {
                ForwardingPipelineConfig c = stub.getForwardingPipelineConfig(GetForwardingPipelineConfigRequest
                        .newBuilder().setDeviceId(1).setResponseType(t).build()).getConfig();
                boolean info = t == GetForwardingPipelineConfigRequest.ResponseType.ALL
                        || t == GetForwardingPipelineConfigRequest.ResponseType.P4INFO_AND_COOKIE;
                boolean device = t == GetForwardingPipelineConfigRequest.ResponseType.ALL
                        || t == GetForwardingPipelineConfigRequest.ResponseType.DEVICE_CONFIG_AND_COOKIE;
                assertEquals(4242, c.getCookie().getCookie(), t + ": cookie");
                assertEquals(info, c.hasP4Info(), t + ": P4Info");
                assertEquals(device, !c.getP4DeviceConfig().isEmpty(), t + ": device config");
            }
        } finally {
            ch.shutdownNow();
        }
    }

    @Test
    void emulator() {
        try (P4RuntimeServer s = new P4RuntimeServer("emu", 1, PipelineOutputs.cpuPort())) {
            int port = s.start(0);
            assertEquals(Status.Code.FAILED_PRECONDITION, rawCode(port));
            pushThenRead(port);
        }
    }

    @Test
    void bmv2() {
        Assumptions.assumeTrue(Bmv2Switch.unavailableReason().isEmpty(),
                () -> "BMv2 run skipped: " + Bmv2Switch.unavailableReason().get());
        try (Bmv2Switch s = Bmv2Switch.start("cfg", 1, Map.of(), logs.resolve("bmv2.log"), false)) {
            assertEquals(Status.Code.FAILED_PRECONDITION, rawCode(s.grpcPort()));
            pushThenRead(s.grpcPort());
        }
    }
}
