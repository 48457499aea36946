package org.p4vpn.tests.pipeline;

import org.onlab.packet.IPv4;
import org.onlab.packet.MacAddress;
import org.onlab.packet.UDP;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Builds the frames of packet tests: Ethernet, an optional 802.1Q tag, an MPLS label stack, and
 * an IPv4/UDP packet (checksums by ONOS's packet library), padded to Ethernet's minimum size.
 */
final class Frames {

    static final int ETH_IPV4 = 0x0800;
    static final int ETH_MPLS = 0x8847;
    static final int ETH_VLAN = 0x8100;

    /** One MPLS label stack entry. */
    static final class Label {
        final int label;
        final int ttl;
        final int tc;

        Label(int label, int ttl) {
            this(label, ttl, 0);
        }

        Label(int label, int ttl, int tc) {
            this.label = label;
            this.ttl = ttl;
            this.tc = tc;
        }
    }

    private MacAddress src = MacAddress.valueOf("00:00:00:00:00:01");
    private MacAddress dst = MacAddress.valueOf("00:00:00:00:00:02");
    private int vlan;
    private Label[] labels = new Label[0];
    private int ipSrc = 0x0A010102;
    private int ipDst = 0xC0A80201;
    private int ttl = 64;
    private int srcPort = 4000;
    private int dstPort = 5000;

    static Frames ipv4() {
        return new Frames();
    }

    Frames macs(String s, String d) {
        src = MacAddress.valueOf(s);
        dst = MacAddress.valueOf(d);
        return this;
    }

    Frames vlan(int id) {
        vlan = id;
        return this;
    }

    Frames labels(Label... stack) {
        labels = stack.clone();
        return this;
    }

    Frames ip(String s, String d, int timeToLive) {
        ipSrc = IPv4.toIPv4Address(s);
        ipDst = IPv4.toIPv4Address(d);
        ttl = timeToLive;
        return this;
    }

    Frames ports(int s, int d) {
        srcPort = s;
        dstPort = d;
        return this;
    }

    byte[] build() {
        UDP udp = new UDP();
        udp.setSourcePort(srcPort).setDestinationPort(dstPort);
        udp.setPayload(new org.onlab.packet.Data("p4vpn packet test payload".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        IPv4 ip = new IPv4();
        ip.setSourceAddress(ipSrc).setDestinationAddress(ipDst).setTtl((byte) ttl).setProtocol(IPv4.PROTOCOL_UDP)
                .setIdentification((short) 1);
        ip.setPayload(udp);
        byte[] ipBytes = ip.serialize();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(dst.toBytes());
        out.writeBytes(src.toBytes());
        if (vlan != 0) {
            out.writeBytes(ByteBuffer.allocate(4).putShort((short) ETH_VLAN).putShort((short) vlan).array());
        }
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) (labels.length > 0 ? ETH_MPLS : ETH_IPV4)).array());
        for (int i = 0; i < labels.length; i++) {
            int bos = i == labels.length - 1 ? 1 : 0;
            out.writeBytes(ByteBuffer.allocate(4).putInt(labels[i].label << 12 | labels[i].tc << 9 | bos << 8
                    | labels[i].ttl).array());
        }
        out.writeBytes(ipBytes);
        byte[] frame = out.toByteArray();
        return frame.length >= 60 ? frame : java.util.Arrays.copyOf(frame, 60);
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            sb.append(String.format("%02x", b[i])).append(i % 16 == 15 ? "\n" : " ");
        }
        return sb.toString();
    }
}
