package org.p4vpn.p4rt;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import com.google.rpc.Code;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p4.config.v1.P4InfoOuterClass.P4Info;
import p4.v1.P4RuntimeGrpc;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.Error;
import p4.v1.P4RuntimeOuterClass.ForwardingPipelineConfig;
import p4.v1.P4RuntimeOuterClass.GetForwardingPipelineConfigRequest;
import p4.v1.P4RuntimeOuterClass.MasterArbitrationUpdate;
import p4.v1.P4RuntimeOuterClass.PacketIn;
import p4.v1.P4RuntimeOuterClass.PacketMetadata;
import p4.v1.P4RuntimeOuterClass.PacketOut;
import p4.v1.P4RuntimeOuterClass.ReadRequest;
import p4.v1.P4RuntimeOuterClass.ReadResponse;
import p4.v1.P4RuntimeOuterClass.SetForwardingPipelineConfigRequest;
import p4.v1.P4RuntimeOuterClass.StreamMessageRequest;
import p4.v1.P4RuntimeOuterClass.StreamMessageResponse;
import p4.v1.P4RuntimeOuterClass.Uint128;
import p4.v1.P4RuntimeOuterClass.Update;
import p4.v1.P4RuntimeOuterClass.WriteRequest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A P4Runtime v1 client of one device: opens the stream channel and takes part in primary
 * election with an election id, pushes the pipeline, writes in batches (reporting each update's
 * outcome), reads entities, and sends and receives packets. One client per device connection;
 * thread-safe.
 */
public final class P4RuntimeClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(P4RuntimeClient.class);
    private static final long TIMEOUT_SECONDS = 10;

    private final String target;
    private final long deviceId;
    private final Uint128 electionId;
    private final ManagedChannel channel;
    private final P4RuntimeGrpc.P4RuntimeBlockingStub blocking;
    private final List<Consumer<PacketIn>> packetListeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Boolean> arbitration = new CompletableFuture<>();
    private volatile boolean primary;
    private volatile Throwable streamError;
    private StreamObserver<StreamMessageRequest> stream;

    private P4RuntimeClient(String host, int port, long deviceId, long electionId) {
        this.target = host + ":" + port + "/" + deviceId;
        this.deviceId = deviceId;
        this.electionId = Uint128.newBuilder().setHigh(0).setLow(electionId).build();
        this.channel = NettyChannelBuilder.forAddress(host, port).usePlaintext()
                .maxInboundMessageSize(256 << 20).build();
        this.blocking = P4RuntimeGrpc.newBlockingStub(channel);
    }

    /**
     * Connects to a device and takes part in primary election.
     *
     * @param host       address
     * @param port       gRPC port
     * @param deviceId   P4Runtime device id
     * @param electionId election id (the highest among connected clients is primary)
     * @return client; {@link #isPrimary()} says whether it won
     * @throws P4RuntimeException if the device does not answer the arbitration
     */
    public static P4RuntimeClient connect(String host, int port, long deviceId, long electionId) {
        P4RuntimeClient c = new P4RuntimeClient(host, port, deviceId, electionId);
        try {
            c.openStream();
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void openStream() {
        stream = P4RuntimeGrpc.newStub(channel).streamChannel(new StreamObserver<>() {
            @Override
            public void onNext(StreamMessageResponse msg) {
                switch (msg.getUpdateCase()) {
                    case ARBITRATION:
                        primary = msg.getArbitration().getStatus().getCode() == Code.OK_VALUE;
                        arbitration.complete(primary);
                        break;
                    case PACKET:
                        packetListeners.forEach(l -> l.accept(msg.getPacket()));
                        break;
                    case ERROR:
                        LOG.warn("{}: stream error {}", target, msg.getError());
                        break;
                    default:
                        break;
                }
            }

            @Override
            public void onError(Throwable t) {
                streamError = t;
                primary = false;
                arbitration.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                primary = false;
            }
        });
        synchronized (this) {
            stream.onNext(StreamMessageRequest.newBuilder().setArbitration(MasterArbitrationUpdate.newBuilder()
                    .setDeviceId(deviceId).setElectionId(electionId)).build());
        }
        try {
            arbitration.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new P4RuntimeException(target + ": interrupted during arbitration", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new P4RuntimeException(target + ": no arbitration answer: "
                    + (e.getCause() != null ? e.getCause().getMessage() : "timeout"), e);
        }
    }

    /**
     * Tells whether this client is the primary controller of the device.
     *
     * @return true if primary and the stream is up
     */
    public boolean isPrimary() {
        return primary && streamError == null;
    }

    /**
     * Tells whether the stream channel has failed (the device went away).
     *
     * @return true if failed
     */
    public boolean streamFailed() {
        return streamError != null;
    }

    /**
     * Returns the device id.
     *
     * @return device id
     */
    public long deviceId() {
        return deviceId;
    }

    /**
     * Parses a P4Info in protobuf text format (p4c's {@code --p4runtime-files x.txt}).
     *
     * @param text P4Info text
     * @return P4Info
     * @throws IllegalArgumentException if it does not parse
     */
    public static P4Info parseP4Info(String text) {
        try {
            return TextFormat.parse(text, P4Info.class);
        } catch (TextFormat.ParseException e) {
            throw new IllegalArgumentException("not a P4Info text: " + e.getMessage(), e);
        }
    }

    /**
     * Pushes a pipeline (VERIFY_AND_COMMIT).
     *
     * @param p4info       P4Info
     * @param deviceConfig target-specific config (BMv2: the JSON from p4c)
     * @throws P4RuntimeException with the device's reason if it rejects it
     */
    public void setPipeline(P4Info p4info, byte[] deviceConfig) {
        setPipeline(p4info, deviceConfig, 0);
    }

    /**
     * Pushes a pipeline with a cookie that identifies it, so that a later client can tell
     * whether the device already runs it (GetForwardingPipelineConfig returns the cookie).
     *
     * @param p4info       P4Info
     * @param deviceConfig target-specific config
     * @param cookie       identifier of this pipeline
     */
    public void setPipeline(P4Info p4info, byte[] deviceConfig, long cookie) {
        call("SetForwardingPipelineConfig", () -> blocking.withDeadlineAfter(60, TimeUnit.SECONDS)
                .setForwardingPipelineConfig(SetForwardingPipelineConfigRequest.newBuilder()
                        .setDeviceId(deviceId).setElectionId(electionId)
                        .setAction(SetForwardingPipelineConfigRequest.Action.VERIFY_AND_COMMIT)
                        .setConfig(ForwardingPipelineConfig.newBuilder().setP4Info(p4info)
                                           .setP4DeviceConfig(ByteString.copyFrom(deviceConfig))
                                           .setCookie(ForwardingPipelineConfig.Cookie.newBuilder().setCookie(cookie)))
                        .build()));
    }

    /**
     * Reads the device's pipeline.
     *
     * @return the config, empty (no P4Info, cookie 0) when the device has none: BMv2 answers
     *         FAILED_PRECONDITION then, other targets an empty config
     */
    public ForwardingPipelineConfig getPipeline() {
        try {
            return blocking.withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .getForwardingPipelineConfig(GetForwardingPipelineConfigRequest.newBuilder().setDeviceId(deviceId)
                            .setResponseType(GetForwardingPipelineConfigRequest.ResponseType.P4INFO_AND_COOKIE)
                            .build()).getConfig();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.FAILED_PRECONDITION) {
                return ForwardingPipelineConfig.getDefaultInstance();
            }
            throw new P4RuntimeException(target + ": GetForwardingPipelineConfig failed: "
                    + e.getStatus().getCode() + " " + e.getStatus().getDescription(), e);
        }
    }

    /**
     * Writes updates in one batch (CONTINUE_ON_ERROR) and reports each update's outcome.
     *
     * @param updates updates
     * @return per-update results
     * @throws P4RuntimeException if the call as a whole fails (e.g. not primary, device gone)
     */
    public WriteResult write(List<Update> updates) {
        if (updates.isEmpty()) {
            return new WriteResult(updates, List.of());
        }
        WriteRequest req = WriteRequest.newBuilder().setDeviceId(deviceId).setElectionId(electionId)
                .setAtomicity(WriteRequest.Atomicity.CONTINUE_ON_ERROR).addAllUpdates(updates).build();
        try {
            blocking.withDeadlineAfter(TIMEOUT_SECONDS * 6, TimeUnit.SECONDS).write(req);
            List<Error> ok = new ArrayList<>();
            updates.forEach(u -> ok.add(Error.newBuilder().setCanonicalCode(Code.OK_VALUE).build()));
            return new WriteResult(updates, ok);
        } catch (StatusRuntimeException e) {
            com.google.rpc.Status status = StatusProto.fromThrowable(e);
            if (status == null || status.getDetailsCount() != updates.size()) {
                throw new P4RuntimeException(target + ": Write of " + updates.size() + " updates failed: "
                        + e.getStatus(), e);
            }
            List<Error> errors = new ArrayList<>();
            for (Any any : status.getDetailsList()) {
                try {
                    errors.add(any.unpack(Error.class));
                } catch (InvalidProtocolBufferException x) {
                    throw new P4RuntimeException(target + ": unreadable Write error detail", x);
                }
            }
            return new WriteResult(updates, errors);
        }
    }

    /**
     * Reads entities matching the given filters (an empty table entry with a table id reads the
     * whole table; table id 0 reads every table).
     *
     * @param filters entities to match
     * @return the entities read
     */
    public List<Entity> read(List<Entity> filters) {
        return call("Read", () -> {
            List<Entity> out = new ArrayList<>();
            Iterator<ReadResponse> it = blocking.withDeadlineAfter(TIMEOUT_SECONDS * 6, TimeUnit.SECONDS)
                    .read(ReadRequest.newBuilder().setDeviceId(deviceId).addAllEntities(filters).build());
            it.forEachRemaining(r -> out.addAll(r.getEntitiesList()));
            return out;
        });
    }

    /**
     * Sends a packet out of the device through the controller header.
     *
     * @param payload  the frame
     * @param metadata controller-header fields (e.g. egress_port)
     */
    public synchronized void packetOut(byte[] payload, List<PacketMetadata> metadata) {
        stream.onNext(StreamMessageRequest.newBuilder().setPacket(PacketOut.newBuilder()
                .setPayload(ByteString.copyFrom(payload)).addAllMetadata(metadata)).build());
    }

    /**
     * Registers a receiver of packet-ins.
     *
     * @param listener receiver, called on a gRPC thread
     */
    public void addPacketListener(Consumer<PacketIn> listener) {
        packetListeners.add(listener);
    }

    private interface Call<T> {
        T run();
    }

    private <T> T call(String what, Call<T> call) {
        try {
            return call.run();
        } catch (StatusRuntimeException e) {
            throw new P4RuntimeException(target + ": " + what + " failed: " + e.getStatus().getCode() + " "
                    + e.getStatus().getDescription(), e);
        }
    }

    @Override
    public void close() {
        try {
            synchronized (this) {
                if (stream != null && streamError == null) {
                    stream.onCompleted();
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("{}: closing the stream: {}", target, e.getMessage());
        }
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
