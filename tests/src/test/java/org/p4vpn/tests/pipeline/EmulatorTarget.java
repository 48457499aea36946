package org.p4vpn.tests.pipeline;

import org.p4vpn.emulator.OutputPacket;
import org.p4vpn.emulator.server.P4RuntimeServer;
import org.p4vpn.p4rt.P4InfoIndex;
import org.p4vpn.p4rt.P4RuntimeClient;
import org.p4vpn.p4rt.PiCodec;
import org.p4vpn.pipeconf.PipelineOutputs;
import p4.config.v1.P4InfoOuterClass.P4Info;
import p4.v1.P4RuntimeOuterClass.PacketIn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The emulator behind its own P4Runtime server, programmed and read over real gRPC. */
final class EmulatorTarget implements DataPlaneTarget {

    private final P4RuntimeServer server;
    private final P4RuntimeClient client;
    private final PiCodec codec;
    private final int grpcPort;
    private final int cpuPort = PipelineOutputs.cpuPort();
    private final ConcurrentLinkedQueue<Output> outputs = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<PacketIn> packetIns = new ConcurrentLinkedQueue<>();

    EmulatorTarget() {
        server = new P4RuntimeServer("emu", 1, cpuPort);
        server.setCpuInjector(frame -> deliver(server.process(cpuPort, frame)));
        grpcPort = server.start(0);
        client = P4RuntimeClient.connect("127.0.0.1", grpcPort, 1, 1);
        P4Info info = P4RuntimeClient.parseP4Info(PipelineOutputs.text(PipelineOutputs.P4INFO));
        client.setPipeline(info, PipelineOutputs.read(PipelineOutputs.BMV2_JSON));
        client.addPacketListener(packetIns::add);
        codec = new PiCodec(new P4InfoIndex(info));
    }

    private synchronized void deliver(List<OutputPacket> out) {
        for (OutputPacket o : out) {
            if (o.port() == cpuPort) {
                server.toController(o.bytes());
            } else {
                outputs.add(new Output(o.port(), o.bytes()));
            }
        }
    }

    @Override
    public String name() {
        return "emulator";
    }

    int grpcPort() {
        return grpcPort;
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
        deliver(server.process(port, frame));
    }

    @Override
    public List<Output> collect() {
        // Packet-outs arrive over gRPC; everything else was processed by send() before it returned.
        org.p4vpn.p4rt.Poll.until(java.time.Duration.ofMillis(200), () -> !outputs.isEmpty());
        return DataPlaneTarget.drain(outputs);
    }

    @Override
    public List<PacketIn> packetIns() {
        return DataPlaneTarget.drain(packetIns);
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
