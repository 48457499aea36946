package org.p4vpn.tests.pipeline;

import org.p4vpn.p4rt.P4RuntimeClient;
import org.p4vpn.p4rt.PiCodec;
import p4.v1.P4RuntimeOuterClass.PacketIn;

import java.util.List;

/**
 * A switch running the VPN pipeline, for packet tests: real BMv2 or the emulator, each behind
 * its P4Runtime server. The same tests run on both and must see the same packets.
 */
public interface DataPlaneTarget extends AutoCloseable {

    /** A frame that came out of a port. */
    final class Output {
        final int port;
        final byte[] frame;

        Output(int port, byte[] frame) {
            this.port = port;
            this.frame = frame;
        }
    }

    /**
     * Returns the target's name ("bmv2", "emulator").
     *
     * @return name
     */
    String name();

    /**
     * Returns a primary P4Runtime client with the pipeline pushed.
     *
     * @return client
     */
    P4RuntimeClient client();

    /**
     * Returns the codec of the pipeline's P4Info.
     *
     * @return codec
     */
    PiCodec codec();

    /**
     * Sends a frame into a port.
     *
     * @param port  port 1..N
     * @param frame frame
     */
    void send(int port, byte[] frame);

    /**
     * Returns what came out of the data ports since the last call, waiting until the switch has
     * been quiet for a moment.
     *
     * @return frames
     */
    List<Output> collect();

    /**
     * Returns what came out of the data ports, waiting (up to a few seconds, for a loaded machine)
     * until at least {@code expected} frames have come, then until the switch is quiet, so extra
     * frames are seen too.
     *
     * @param expected frames the caller expects
     * @return frames
     */
    default List<Output> collect(int expected) {
        List<Output> out = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        do {
            out.addAll(collect());
        } while (out.size() < expected && System.nanoTime() < deadline);
        return out;
    }

    /**
     * Returns the packet-ins received since the last call.
     *
     * @return packet-ins
     */
    List<PacketIn> packetIns();

    @Override
    void close();

    /**
     * Takes everything out of a queue.
     *
     * @param queue queue
     * @param <T>   element type
     * @return the elements, in order
     */
    static <T> List<T> drain(java.util.Queue<T> queue) {
        List<T> out = new java.util.ArrayList<>();
        T t;
        while ((t = queue.poll()) != null) {
            out.add(t);
        }
        return out;
    }
}
