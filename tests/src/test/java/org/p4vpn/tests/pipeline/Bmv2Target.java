package org.p4vpn.tests.pipeline;

import org.p4vpn.p4rt.Bmv2Switch;
import org.p4vpn.p4rt.P4InfoIndex;
import org.p4vpn.p4rt.P4RuntimeClient;
import org.p4vpn.p4rt.PiCodec;
import org.p4vpn.p4rt.VethPorts;
import org.p4vpn.pipeconf.PipelineOutputs;
import p4.config.v1.P4InfoOuterClass.P4Info;
import p4.v1.P4RuntimeOuterClass.PacketIn;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Real BMv2 (simple_switch_grpc) with veth ports in a test namespace. */
final class Bmv2Target implements DataPlaneTarget {

    private final VethPorts ports;
    private final Bmv2Switch sw;
    private final P4RuntimeClient client;
    private final PiCodec codec;
    private final ConcurrentLinkedQueue<PacketIn> packetIns = new ConcurrentLinkedQueue<>();

    Bmv2Target(String prefix, int portCount, Path logDir) {
        VethPorts p = VethPorts.create(prefix, portCount);
        Bmv2Switch s = null;
        P4RuntimeClient c = null;
        try {
            Map<Integer, String> map = new HashMap<>();
            for (int i = 1; i <= portCount; i++) {
                map.put(i, p.switchIface(i));
            }
            s = Bmv2Switch.start(prefix, 1, map, logDir.resolve(prefix + "-bmv2.log"));
            c = P4RuntimeClient.connect("127.0.0.1", s.grpcPort(), 1, 1);
            P4Info info = P4RuntimeClient.parseP4Info(new String(PipelineOutputs.read(PipelineOutputs.P4INFO),
                                                                 StandardCharsets.UTF_8));
            c.setPipeline(info, PipelineOutputs.read(PipelineOutputs.BMV2_JSON));
            c.addPacketListener(packetIns::add);
            codec = new PiCodec(new P4InfoIndex(info));
        } catch (RuntimeException e) {
            if (c != null) {
                c.close();
            }
            if (s != null) {
                s.close();
            }
            p.close();
            throw e;
        }
        this.ports = p;
        this.sw = s;
        this.client = c;
    }

    @Override
    public String name() {
        return "bmv2";
    }

    int grpcPort() {
        return sw.grpcPort();
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
        ports.send(port, frame);
    }

    @Override
    public List<Output> collect() {
        List<Output> out = new ArrayList<>();
        for (VethPorts.Frame f : ports.collect(300)) {
            out.add(new Output(f.port(), f.bytes()));
        }
        return out;
    }

    @Override
    public List<PacketIn> packetIns() {
        return DataPlaneTarget.drain(packetIns);
    }

    @Override
    public void close() {
        client.close();
        sw.close();
        ports.close();
    }
}
