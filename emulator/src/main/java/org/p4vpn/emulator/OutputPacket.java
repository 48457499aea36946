package org.p4vpn.emulator;

import java.util.Arrays;

/** A frame leaving the switch: egress port and bytes as deparsed. */
public final class OutputPacket {

    private final int port;
    private final byte[] bytes;

    /**
     * Creates an output.
     *
     * @param port  egress port
     * @param bytes frame
     */
    public OutputPacket(int port, byte[] bytes) {
        this.port = port;
        this.bytes = bytes;
    }

    /** @return the egress port (255 is the CPU port of our program) */
    public int port() {
        return port;
    }

    /** @return a copy of the frame */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputPacket && ((OutputPacket) o).port == port && Arrays.equals(((OutputPacket) o).bytes, bytes);
    }

    @Override
    public int hashCode() {
        return port * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "port " + port + ": " + Bits.hex(bytes);
    }
}
