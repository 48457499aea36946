package org.p4vpn.emulator.net;

import org.onlab.packet.ARP;
import org.onlab.packet.DeserializationException;
import org.onlab.packet.Ethernet;
import org.onlab.packet.ICMP;
import org.onlab.packet.IPv4;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A host (a CE) on one switch port: an interface with a MAC and an IPv4 address in a subnet, a
 * default gateway, an optional VLAN tag; it answers ARP for its address and ICMP echo requests,
 * learns MACs from ARP, and keeps every frame it receives for tests to read.
 */
public final class EmulatedHost {

    /** ICMP type 11 (RFC 792), which ONOS's packet library has no constant for. */
    private static final byte ICMP_TIME_EXCEEDED = 11;

    private final String name;
    private final MacAddress mac;
    private final Ip4Address ip;
    private final Ip4Prefix subnet;
    private final Ip4Address gateway;
    private final VlanId vlan;
    private final Map<Ip4Address, MacAddress> arpCache = new ConcurrentHashMap<>();
    private final List<byte[]> received = new ArrayList<>();
    private final List<Ip4Address> echoRepliesFrom = new ArrayList<>();
    private final List<Ip4Address> timeExceededFrom = new ArrayList<>();

    /**
     * Creates a host.
     *
     * @param name    name
     * @param mac     MAC
     * @param ip      address
     * @param prefix  prefix length of its subnet
     * @param gateway default gateway (the PE interface)
     * @param vlan    VLAN tag it sends, or {@link VlanId#NONE}
     */
    public EmulatedHost(String name, MacAddress mac, Ip4Address ip, int prefix, Ip4Address gateway, VlanId vlan) {
        this.name = name;
        this.mac = mac;
        this.ip = ip;
        this.subnet = Ip4Prefix.valueOf(ip, prefix);
        this.gateway = gateway;
        this.vlan = vlan;
    }

    /**
     * Returns the name.
     *
     * @return name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the MAC.
     *
     * @return MAC
     */
    public MacAddress mac() {
        return mac;
    }

    /**
     * Returns the address.
     *
     * @return address
     */
    public Ip4Address ip() {
        return ip;
    }

    /**
     * Returns the gateway.
     *
     * @return gateway
     */
    public Ip4Address gateway() {
        return gateway;
    }

    /**
     * Sets an ARP entry (e.g. the gateway's MAC when no controller answers ARP).
     *
     * @param address address
     * @param hw      MAC
     */
    public void learn(Ip4Address address, MacAddress hw) {
        arpCache.put(address, hw);
    }

    /**
     * Returns the MAC the host has for an address, if any.
     *
     * @param address address
     * @return MAC or null
     */
    public MacAddress arp(Ip4Address address) {
        return arpCache.get(address);
    }

    /** Frames the host sends in reply to one it received. */
    List<byte[]> receive(byte[] frame) {
        List<byte[]> replies = new ArrayList<>();
        Ethernet eth;
        try {
            eth = Ethernet.deserializer().deserialize(frame, 0, frame.length);
        } catch (DeserializationException e) {
            return replies;
        }
        synchronized (this) {
            received.add(frame);
        }
        if (!eth.getDestinationMAC().equals(mac) && !eth.isBroadcast()) {
            return replies;
        }
        if (eth.getEtherType() == Ethernet.TYPE_ARP) {
            ARP arp = (ARP) eth.getPayload();
            Ip4Address sender = Ip4Address.valueOf(arp.getSenderProtocolAddress());
            arpCache.put(sender, MacAddress.valueOf(arp.getSenderHardwareAddress()));
            if (arp.getOpCode() == ARP.OP_REQUEST && Ip4Address.valueOf(arp.getTargetProtocolAddress()).equals(ip)) {
                replies.add(tagged(ARP.buildArpReply(ip, mac, eth)));
            }
        } else if (eth.getEtherType() == Ethernet.TYPE_IPV4) {
            IPv4 ipv4 = (IPv4) eth.getPayload();
            if (ipv4.getProtocol() == IPv4.PROTOCOL_ICMP) {
                ICMP icmp = (ICMP) ipv4.getPayload();
                Ip4Address src = Ip4Address.valueOf(ipv4.getSourceAddress());
                if (icmp.getIcmpType() == ICMP.TYPE_ECHO_REQUEST && ipv4.getDestinationAddress() == ip.toInt()) {
                    replies.add(echoReply(eth, ipv4, icmp));
                } else if (icmp.getIcmpType() == ICMP.TYPE_ECHO_REPLY) {
                    synchronized (this) {
                        echoRepliesFrom.add(src);
                    }
                } else if (icmp.getIcmpType() == ICMP_TIME_EXCEEDED) {
                    synchronized (this) {
                        timeExceededFrom.add(src);
                    }
                }
            }
        }
        return replies;
    }

    private byte[] echoReply(Ethernet eth, IPv4 ipv4, ICMP icmp) {
        ICMP reply = new ICMP();
        reply.setIcmpType(ICMP.TYPE_ECHO_REPLY).setIcmpCode((byte) 0);
        reply.setPayload(icmp.getPayload());
        IPv4 ip4 = new IPv4();
        ip4.setSourceAddress(ip.toInt()).setDestinationAddress(ipv4.getSourceAddress()).setTtl((byte) 64)
                .setProtocol(IPv4.PROTOCOL_ICMP);
        ip4.setPayload(reply);
        Ethernet out = new Ethernet();
        out.setSourceMACAddress(mac).setDestinationMACAddress(eth.getSourceMAC()).setEtherType(Ethernet.TYPE_IPV4);
        out.setPayload(ip4);
        return tagged(out);
    }

    private byte[] tagged(Ethernet eth) {
        if (!vlan.equals(VlanId.NONE)) {
            eth.setVlanID(vlan.toShort());
        }
        return eth.serialize();
    }

    /**
     * Builds an ICMP echo request to an address, via the gateway unless it is on the subnet.
     *
     * @param dst destination
     * @param ttl IP TTL
     * @param seq sequence number
     * @return the frame, or null if the next hop's MAC is unknown
     */
    public byte[] echoRequest(Ip4Address dst, int ttl, short seq) {
        Ip4Address nextHop = subnet.contains(dst) ? dst : gateway;
        MacAddress dmac = arpCache.get(nextHop);
        if (dmac == null) {
            return null;
        }
        ICMP icmp = new ICMP();
        icmp.setIcmpType(ICMP.TYPE_ECHO_REQUEST).setIcmpCode((byte) 0);
        icmp.setPayload(new org.onlab.packet.ICMPEcho().setIdentifier((short) 7).setSequenceNum(seq));
        IPv4 ip4 = new IPv4();
        ip4.setSourceAddress(ip.toInt()).setDestinationAddress(dst.toInt()).setTtl((byte) ttl)
                .setProtocol(IPv4.PROTOCOL_ICMP).setIdentification(seq);
        ip4.setPayload(icmp);
        Ethernet eth = new Ethernet();
        eth.setSourceMACAddress(mac).setDestinationMACAddress(dmac).setEtherType(Ethernet.TYPE_IPV4);
        eth.setPayload(ip4);
        return tagged(eth);
    }

    /**
     * Builds an ARP request for an address.
     *
     * @param target address
     * @return frame
     */
    public byte[] arpRequest(Ip4Address target) {
        ARP arp = new ARP();
        arp.setHardwareType(ARP.HW_TYPE_ETHERNET).setProtocolType(ARP.PROTO_TYPE_IP)
                .setHardwareAddressLength((byte) 6).setProtocolAddressLength((byte) 4).setOpCode(ARP.OP_REQUEST)
                .setSenderHardwareAddress(mac.toBytes()).setSenderProtocolAddress(ip.toOctets())
                .setTargetHardwareAddress(MacAddress.ZERO.toBytes()).setTargetProtocolAddress(target.toOctets());
        Ethernet eth = new Ethernet();
        eth.setSourceMACAddress(mac).setDestinationMACAddress(MacAddress.BROADCAST).setEtherType(Ethernet.TYPE_ARP);
        eth.setPayload(arp);
        return tagged(eth);
    }

    /**
     * Returns and forgets the sources of the echo replies received so far.
     *
     * @return sources
     */
    public synchronized List<Ip4Address> takeEchoReplies() {
        List<Ip4Address> out = new ArrayList<>(echoRepliesFrom);
        echoRepliesFrom.clear();
        return out;
    }

    /**
     * Returns and forgets the sources of ICMP time-exceeded messages received so far.
     *
     * @return sources
     */
    public synchronized List<Ip4Address> takeTimeExceeded() {
        List<Ip4Address> out = new ArrayList<>(timeExceededFrom);
        timeExceededFrom.clear();
        return out;
    }

    /**
     * Returns and forgets every frame received so far.
     *
     * @return frames
     */
    public synchronized List<byte[]> takeReceived() {
        List<byte[]> out = new ArrayList<>(received);
        received.clear();
        return out;
    }

    @Override
    public String toString() {
        return name + " " + ip + "/" + subnet.prefixLength() + " " + mac;
    }
}
