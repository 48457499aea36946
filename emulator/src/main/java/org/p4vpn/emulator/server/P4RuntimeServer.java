package org.p4vpn.emulator.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.rpc.Code;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.p4vpn.emulator.EmulatedSwitch;
import org.p4vpn.emulator.OutputPacket;
import org.p4vpn.emulator.P4Program;
import org.p4vpn.emulator.net.SwitchDataPlane;
import org.p4vpn.p4rt.P4InfoIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p4.config.v1.P4InfoOuterClass.P4Info;
import p4.v1.P4RuntimeGrpc;
import p4.v1.P4RuntimeOuterClass.CapabilitiesRequest;
import p4.v1.P4RuntimeOuterClass.CapabilitiesResponse;
import p4.v1.P4RuntimeOuterClass.ForwardingPipelineConfig;
import p4.v1.P4RuntimeOuterClass.GetForwardingPipelineConfigRequest;
import p4.v1.P4RuntimeOuterClass.GetForwardingPipelineConfigResponse;
import p4.v1.P4RuntimeOuterClass.MasterArbitrationUpdate;
import p4.v1.P4RuntimeOuterClass.PacketIn;
import p4.v1.P4RuntimeOuterClass.PacketMetadata;
import p4.v1.P4RuntimeOuterClass.ReadRequest;
import p4.v1.P4RuntimeOuterClass.ReadResponse;
import p4.v1.P4RuntimeOuterClass.SetForwardingPipelineConfigRequest;
import p4.v1.P4RuntimeOuterClass.SetForwardingPipelineConfigResponse;
import p4.v1.P4RuntimeOuterClass.StreamMessageRequest;
import p4.v1.P4RuntimeOuterClass.StreamMessageResponse;
import p4.v1.P4RuntimeOuterClass.Uint128;
import p4.v1.P4RuntimeOuterClass.WriteRequest;
import p4.v1.P4RuntimeOuterClass.WriteResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The P4Runtime v1 server of one emulated switch, on a loopback port: primary election by
 * election id, SetForwardingPipelineConfig (BMv2 JSON + P4Info) that loads the program into the
 * emulator, Write and Read with the per-entity errors PI reports, and packet-in/out through the
 * controller headers. It is also the switch's data plane in an {@link
 * org.p4vpn.emulator.net.EmulatedNetwork}: frames the program sends to the CPU port become
 * packet-ins to the primary client.
 */
public final class P4RuntimeServer extends P4RuntimeGrpc.P4RuntimeImplBase implements SwitchDataPlane,
        AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(P4RuntimeServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final long deviceId;
    private final int cpuPort;
    private final Map<StreamObserver<StreamMessageResponse>, BigInteger> streams = new LinkedHashMap<>();
    private StreamObserver<StreamMessageResponse> primary;
    private Consumer<byte[]> cpuInjector;
    private Server server;

    private volatile Pipeline pipeline;

    /** A loaded pipeline: the program in the emulator and the P4Info it came with. */
    static final class Pipeline {
        final EmulatedSwitch sw;
        final P4Info p4info;
        final byte[] deviceConfig;
        final EntityCodec codec;
        final ControllerHeaders headers;
        final long cookie;

        Pipeline(EmulatedSwitch sw, P4Info p4info, byte[] deviceConfig, long cookie) {
            this.sw = sw;
            this.p4info = p4info;
            this.deviceConfig = deviceConfig;
            this.codec = new EntityCodec(new P4InfoIndex(p4info));
            this.headers = new ControllerHeaders(p4info);
            this.cookie = cookie;
        }
    }

    private final java.util.concurrent.atomic.AtomicLong updatesReceived = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Creates the server of a switch (not listening yet).
     *
     * @param name     switch name for logs
     * @param deviceId P4Runtime device id
     * @param cpuPort  the pipeline's CPU port
     */
    public P4RuntimeServer(String name, long deviceId, int cpuPort) {
        this.name = name;
        this.deviceId = deviceId;
        this.cpuPort = cpuPort;
    }

    /**
     * Returns the switch's name.
     *
     * @return name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the P4Runtime device id.
     *
     * @return device id
     */
    public long deviceId() {
        return deviceId;
    }

    /**
     * Starts listening on 127.0.0.1.
     *
     * @param port TCP port, 0 for any free one
     * @return the port listened on
     */
    public int start(int port) {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port)).addService(this)
                    .maxInboundMessageSize(256 << 20).build().start();
            LOG.info("Emulated switch {} (device {}): P4Runtime on 127.0.0.1:{}", name, deviceId, server.getPort());
            return server.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    /**
     * Sets where packet-outs go: the switch's CPU port in the network (the network calls back
     * {@link #process}).
     *
     * @param injector receives packet_out-headed frames for the CPU port
     */
    public void setCpuInjector(Consumer<byte[]> injector) {
        this.cpuInjector = injector;
    }

    /**
     * Returns the loaded switch, for tests and benchmarks that look inside.
     *
     * @return the emulated switch, null before a pipeline is pushed
     */
    public EmulatedSwitch emulatedSwitch() {
        Pipeline p = pipeline;
        return p == null ? null : p.sw;
    }

    // ------------------------------------------------------------------ data plane

    @Override
    public List<OutputPacket> process(int ingressPort, byte[] frame) {
        Pipeline p = pipeline;
        return p == null ? List.of() : p.sw.process(ingressPort, frame);
    }

    /**
     * Turns a frame the program sent to the CPU port into a packet-in for the primary client.
     *
     * @param frame frame with the packet_in header in front
     */
    @SuppressWarnings("unchecked")
    public void toController(byte[] frame) {
        Pipeline p = pipeline;
        Object[] split = p == null ? null : p.headers.splitPacketIn(frame);
        if (split == null) {
            return;
        }
        PacketIn in = PacketIn.newBuilder().setPayload(ByteString.copyFrom((byte[]) split[1]))
                .addAllMetadata((List<PacketMetadata>) split[0]).build();
        synchronized (streams) {
            if (primary != null) {
                primary.onNext(StreamMessageResponse.newBuilder().setPacket(in).build());
            }
        }
    }

    // ------------------------------------------------------------------ stream channel

    @Override
    public StreamObserver<StreamMessageRequest> streamChannel(StreamObserver<StreamMessageResponse> out) {
        return new StreamObserver<>() {
            @Override
            public void onNext(StreamMessageRequest msg) {
                switch (msg.getUpdateCase()) {
                    case ARBITRATION:
                        arbitrate(out, msg.getArbitration());
                        break;
                    case PACKET:
                        packetOut(out, msg.getPacket());
                        break;
                    default:
                        break;
                }
            }

            @Override
            public void onError(Throwable t) {
                drop(out);
            }

            @Override
            public void onCompleted() {
                drop(out);
                out.onCompleted();
            }
        };
    }

    private static BigInteger id(Uint128 u) {
        return BigInteger.valueOf(u.getHigh()).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(u.getLow())));
    }

    private void arbitrate(StreamObserver<StreamMessageResponse> out, MasterArbitrationUpdate a) {
        if (a.getDeviceId() != deviceId) {
            out.onError(SwitchErrors.status(Status.Code.NOT_FOUND, "no device " + a.getDeviceId()));
            return;
        }
        synchronized (streams) {
            streams.put(out, id(a.getElectionId()));
            electPrimary();
        }
    }

    /** Primary is the stream with the highest election id; every stream is told where it stands. */
    private void electPrimary() {
        StreamObserver<StreamMessageResponse> best = null;
        for (Map.Entry<StreamObserver<StreamMessageResponse>, BigInteger> e : streams.entrySet()) {
            if (best == null || e.getValue().compareTo(streams.get(best)) > 0) {
                best = e.getKey();
            }
        }
        primary = best;
        if (best == null) {
            return;
        }
        BigInteger top = streams.get(best);
        Uint128 topId = Uint128.newBuilder().setHigh(top.shiftRight(64).longValue()).setLow(top.longValue()).build();
        for (StreamObserver<StreamMessageResponse> s : streams.keySet()) {
            com.google.rpc.Status st = com.google.rpc.Status.newBuilder()
                    .setCode(s == best ? Code.OK_VALUE : Code.ALREADY_EXISTS_VALUE)
                    .setMessage(s == best ? "Is master" : "Is slave").build();
            s.onNext(StreamMessageResponse.newBuilder().setArbitration(MasterArbitrationUpdate.newBuilder()
                    .setDeviceId(deviceId).setElectionId(topId).setStatus(st)).build());
        }
    }

    private void drop(StreamObserver<StreamMessageResponse> out) {
        synchronized (streams) {
            streams.remove(out);
            if (primary == out) {
                electPrimary();
            }
        }
    }

    private void packetOut(StreamObserver<StreamMessageResponse> from, p4.v1.P4RuntimeOuterClass.PacketOut p) {
        Pipeline pl = pipeline;
        synchronized (streams) {
            if (from != primary || pl == null || cpuInjector == null) {
                return;
            }
        }
        try {
            cpuInjector.accept(pl.headers.joinPacketOut(p.getPayload().toByteArray(), p.getMetadataList()));
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: bad packet-out: {}", name, e.getMessage());
        }
    }

    private boolean isPrimary(Uint128 electionId) {
        synchronized (streams) {
            return primary != null && streams.get(primary).equals(id(electionId));
        }
    }

    // ------------------------------------------------------------------ pipeline

    @Override
    public void setForwardingPipelineConfig(SetForwardingPipelineConfigRequest req,
                                            StreamObserver<SetForwardingPipelineConfigResponse> out) {
        if (req.getDeviceId() != deviceId) {
            out.onError(SwitchErrors.status(Status.Code.NOT_FOUND, "no device " + req.getDeviceId()));
            return;
        }
        if (!isPrimary(req.getElectionId())) {
            out.onError(SwitchErrors.status(Status.Code.PERMISSION_DENIED, "Not master"));
            return;
        }
        ForwardingPipelineConfig c = req.getConfig();
        try {
            byte[] json = c.getP4DeviceConfig().toByteArray();
            P4Program program = P4Program.load(JSON.readTree(json));
            pipeline = new Pipeline(new EmulatedSwitch(program), c.getP4Info(), json, c.getCookie().getCookie());
            LOG.info("{}: pipeline loaded ({} tables)", name, c.getP4Info().getTablesCount());
            out.onNext(SetForwardingPipelineConfigResponse.getDefaultInstance());
            out.onCompleted();
        } catch (IOException | RuntimeException e) {
            out.onError(SwitchErrors.status(Status.Code.INVALID_ARGUMENT, "cannot load the pipeline: "
                    + e.getMessage()));
        }
    }

    @Override
    public void getForwardingPipelineConfig(GetForwardingPipelineConfigRequest req,
                                            StreamObserver<GetForwardingPipelineConfigResponse> out) {
        Pipeline p = pipeline;
        if (p == null) {
            // As BMv2 answers.
            out.onError(SwitchErrors.status(Status.Code.FAILED_PRECONDITION,
                                            "No forwarding pipeline config set for this device"));
            return;
        }
        // Only the parts asked for, as PI (BMv2) answers: ONOS asks COOKIE_ONLY to check the pipeline.
        GetForwardingPipelineConfigRequest.ResponseType type = req.getResponseType();
        ForwardingPipelineConfig.Builder c = ForwardingPipelineConfig.newBuilder();
        c.getCookieBuilder().setCookie(p.cookie);
        if (type == GetForwardingPipelineConfigRequest.ResponseType.ALL
                || type == GetForwardingPipelineConfigRequest.ResponseType.P4INFO_AND_COOKIE) {
            c.setP4Info(p.p4info);
        }
        if (type == GetForwardingPipelineConfigRequest.ResponseType.ALL
                || type == GetForwardingPipelineConfigRequest.ResponseType.DEVICE_CONFIG_AND_COOKIE) {
            c.setP4DeviceConfig(ByteString.copyFrom(p.deviceConfig));
        }
        out.onNext(GetForwardingPipelineConfigResponse.newBuilder().setConfig(c).build());
        out.onCompleted();
    }

    @Override
    public void capabilities(CapabilitiesRequest req, StreamObserver<CapabilitiesResponse> out) {
        out.onNext(CapabilitiesResponse.newBuilder().setP4RuntimeApiVersion("1.3.0").build());
        out.onCompleted();
    }

    // ------------------------------------------------------------------ write and read

    @Override
    public void write(WriteRequest req, StreamObserver<WriteResponse> out) {
        if (req.getDeviceId() != deviceId) {
            out.onError(SwitchErrors.status(Status.Code.NOT_FOUND, "no device " + req.getDeviceId()));
            return;
        }
        if (!isPrimary(req.getElectionId())) {
            out.onError(SwitchErrors.status(Status.Code.PERMISSION_DENIED, "Not master"));
            return;
        }
        Pipeline p = pipeline;
        if (p == null) {
            out.onError(SwitchErrors.status(Status.Code.FAILED_PRECONDITION, "No forwarding pipeline config set"));
            return;
        }
        updatesReceived.addAndGet(req.getUpdatesCount());
        List<p4.v1.P4RuntimeOuterClass.Error> errors = new Writer(p.sw, p.codec).apply(req.getUpdatesList());
        if (errors.stream().allMatch(e -> e.getCanonicalCode() == Code.OK_VALUE)) {
            out.onNext(WriteResponse.getDefaultInstance());
            out.onCompleted();
        } else {
            out.onError(SwitchErrors.batch(errors));
        }
    }

    @Override
    public void read(ReadRequest req, StreamObserver<ReadResponse> out) {
        if (req.getDeviceId() != deviceId) {
            out.onError(SwitchErrors.status(Status.Code.NOT_FOUND, "no device " + req.getDeviceId()));
            return;
        }
        Pipeline p = pipeline;
        if (p == null) {
            out.onError(SwitchErrors.status(Status.Code.FAILED_PRECONDITION, "No forwarding pipeline config set"));
            return;
        }
        try {
            out.onNext(ReadResponse.newBuilder().addAllEntities(new Reader(p.sw, p.codec)
                    .read(req.getEntitiesList())).build());
            out.onCompleted();
        } catch (org.p4vpn.emulator.SwitchException e) {
            out.onError(SwitchErrors.status(Status.Code.valueOf(e.code().name()), e.getMessage()));
        }
    }

    /**
     * Returns how many updates (INSERT, MODIFY, DELETE) primary controllers have sent since start,
     * accepted or not: a controller that touches nothing leaves it unchanged.
     *
     * @return updates received
     */
    public long updatesReceived() {
        return updatesReceived.get();
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdownNow();
        }
    }
}
