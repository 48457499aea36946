package org.p4vpn.emulator.net;

import java.util.List;

/** What the network needs of a switch: frames in on a port, frames out on ports. */
public interface SwitchDataPlane {

    /** A frame leaving a port. */
    final class Output {
        private final int port;
        private final byte[] frame;

        /**
         * Creates an output.
         *
         * @param port  egress port
         * @param frame frame
         */
        public Output(int port, byte[] frame) {
            this.port = port;
            this.frame = frame;
        }

        /**
         * Returns the egress port.
         *
         * @return port
         */
        public int port() {
            return port;
        }

        /**
         * Returns the frame.
         *
         * @return bytes
         */
        public byte[] frame() {
            return frame;
        }
    }

    /**
     * Processes one frame.
     *
     * @param ingressPort the port it came in on
     * @param frame       the frame
     * @return what leaves, in order
     */
    List<Output> process(int ingressPort, byte[] frame);
}
