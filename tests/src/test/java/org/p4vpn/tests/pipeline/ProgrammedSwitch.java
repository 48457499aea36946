package org.p4vpn.tests.pipeline;

import org.p4vpn.p4rt.P4InfoIndex;
import org.p4vpn.p4rt.P4RuntimeClient;
import org.p4vpn.p4rt.PiCodec;
import org.p4vpn.pipeconf.PipelineOutputs;
import p4.config.v1.P4InfoOuterClass.P4Info;
import p4.v1.P4RuntimeOuterClass.PacketIn;

import java.util.List;

/**
 * A switch of a lab reached over P4Runtime, with the pipeline pushed: for writing entries with
 * {@link Entries}; its packets travel through the lab's network, not through this object.
 */
public final class ProgrammedSwitch implements DataPlaneTarget {

    private final P4RuntimeClient client;
    private final PiCodec codec;

    /**
     * Connects and pushes the pipeline.
     *
     * @param grpcPort P4Runtime port on 127.0.0.1
     * @param deviceId device id
     */
    public ProgrammedSwitch(int grpcPort, long deviceId) {
        client = P4RuntimeClient.connect("127.0.0.1", grpcPort, deviceId, 1);
        P4Info info = P4RuntimeClient.parseP4Info(PipelineOutputs.text(PipelineOutputs.P4INFO));
        client.setPipeline(info, PipelineOutputs.read(PipelineOutputs.BMV2_JSON));
        codec = new PiCodec(new P4InfoIndex(info));
    }

    /**
     * Returns an entry writer for this switch.
     *
     * @return entries
     */
    public Entries entries() {
        return new Entries(this);
    }

    @Override
    public String name() {
        return "lab switch";
    }

    @Override
    public P4RuntimeClient client() {
        return client;
    }

    @Override
    public PiCodec codec() {
        return codec;
    }

    @Override
    public void send(int port, byte[] frame) {
        throw new UnsupportedOperationException("a lab switch gets its packets from the lab's network");
    }

    @Override
    public List<Output> collect() {
        throw new UnsupportedOperationException("a lab switch gets its packets from the lab's network");
    }

    @Override
    public List<PacketIn> packetIns() {
        return List.of();
    }

    @Override
    public void close() {
        client.close();
    }
}
