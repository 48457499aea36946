package org.p4vpn.emulator.server;

import com.google.protobuf.ByteString;
import p4.config.v1.P4InfoOuterClass.ControllerPacketMetadata;
import p4.config.v1.P4InfoOuterClass.P4Info;
import p4.v1.P4RuntimeOuterClass.PacketMetadata;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The packet_in and packet_out controller headers as the P4Info describes them
 * ({@code @controller_header}): fields in order with their bit widths, packed big-endian, padded
 * to whole bytes by the program's own pad field. This is what BMv2's P4Runtime server does:
 * strip packet_in from frames to the CPU port and prepend packet_out to packet-outs.
 */
final class ControllerHeaders {

    private final ControllerPacketMetadata packetIn;
    private final ControllerPacketMetadata packetOut;

    ControllerHeaders(P4Info p4info) {
        ControllerPacketMetadata in = null;
        ControllerPacketMetadata out = null;
        for (ControllerPacketMetadata m : p4info.getControllerPacketMetadataList()) {
            if (m.getPreamble().getName().equals("packet_in")) {
                in = m;
            } else if (m.getPreamble().getName().equals("packet_out")) {
                out = m;
            }
        }
        this.packetIn = in;
        this.packetOut = out;
    }

    private static int bytes(ControllerPacketMetadata m) {
        int bits = 0;
        for (ControllerPacketMetadata.Metadata f : m.getMetadataList()) {
            bits += f.getBitwidth();
        }
        return (bits + 7) / 8;
    }

    /**
     * Splits a frame sent to the CPU port into packet_in metadata and payload.
     *
     * @param frame frame with the packet_in header in front
     * @return metadata (index 0..n-1) and payload, or null if there is no packet_in header
     */
    Object[] splitPacketIn(byte[] frame) {
        if (packetIn == null || frame.length < bytes(packetIn)) {
            return null;
        }
        int len = bytes(packetIn);
        BigInteger header = new BigInteger(1, java.util.Arrays.copyOf(frame, len));
        int remaining = len * 8;
        List<PacketMetadata> meta = new ArrayList<>();
        for (ControllerPacketMetadata.Metadata f : packetIn.getMetadataList()) {
            remaining -= f.getBitwidth();
            BigInteger v = header.shiftRight(remaining).and(BigInteger.ONE.shiftLeft(f.getBitwidth())
                                                                     .subtract(BigInteger.ONE));
            if (f.getName().startsWith("_")) {
                continue;
            }
            meta.add(PacketMetadata.newBuilder().setMetadataId(f.getId())
                             .setValue(ByteString.copyFrom(canonical(v))).build());
        }
        return new Object[] {meta, java.util.Arrays.copyOfRange(frame, len, frame.length)};
    }

    /**
     * Prepends the packet_out header to a packet-out's payload.
     *
     * @param payload  frame
     * @param metadata metadata of the packet-out
     * @return bytes for the CPU port
     * @throws IllegalArgumentException if a metadata id is unknown or a value too wide
     */
    byte[] joinPacketOut(byte[] payload, List<PacketMetadata> metadata) {
        if (packetOut == null) {
            throw new IllegalArgumentException("the pipeline has no packet_out header");
        }
        int len = bytes(packetOut);
        BigInteger header = BigInteger.ZERO;
        for (ControllerPacketMetadata.Metadata f : packetOut.getMetadataList()) {
            BigInteger v = BigInteger.ZERO;
            for (PacketMetadata m : metadata) {
                if (m.getMetadataId() == f.getId()) {
                    v = new BigInteger(1, m.getValue().toByteArray());
                }
            }
            if (v.bitLength() > f.getBitwidth()) {
                throw new IllegalArgumentException("packet_out." + f.getName() + " value " + v + " exceeds "
                        + f.getBitwidth() + " bits");
            }
            header = header.shiftLeft(f.getBitwidth()).or(v);
        }
        for (PacketMetadata m : metadata) {
            if (packetOut.getMetadataList().stream().noneMatch(f -> f.getId() == m.getMetadataId())) {
                throw new IllegalArgumentException("packet_out has no metadata id " + m.getMetadataId());
            }
        }
        byte[] h = header.toByteArray();
        byte[] out = new byte[len + payload.length];
        int copy = Math.min(h.length, len);
        System.arraycopy(h, h.length - copy, out, len - copy, copy);
        System.arraycopy(payload, 0, out, len, payload.length);
        return out;
    }

    /** Big-endian bytes without leading zeros (one zero byte for zero), as P4Runtime 1.3 sends. */
    static byte[] canonical(BigInteger v) {
        byte[] b = v.toByteArray();
        int i = 0;
        while (i < b.length - 1 && b[i] == 0) {
            i++;
        }
        return java.util.Arrays.copyOfRange(b, i, b.length);
    }
}
