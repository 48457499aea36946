package org.p4vpn.store;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onlab.util.KryoNamespace;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.store.serializers.KryoNamespaces;
import org.p4vpn.api.LabelKey;
import org.p4vpn.api.LabelMode;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.RouteDistinguisher;
import org.p4vpn.api.RouteReflectorConfig;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.Site;
import org.p4vpn.api.TransportPolicy;
import org.p4vpn.api.VpnId;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;
import org.p4vpn.api.AsPath;
import org.p4vpn.api.Origin;
import org.p4vpn.api.PathAttributes;
import org.p4vpn.api.RouteSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Kryo serializers of the stored model. Each writes the value's wire or primitive parts
 * explicitly, not its Java fields, so the stored form does not change when a class's internals do.
 */
public final class VpnSerializers {

    private VpnSerializers() {
    }

    /** Namespace of every type the VPN store keeps, on top of ONOS's API types. */
    public static final KryoNamespace NAMESPACE = KryoNamespace.newBuilder()
            .register(KryoNamespaces.API)
            .register(new VpnInstanceSerializer(), VpnInstance.class)
            .register(new SiteSerializer(), Site.class)
            .register(new NodeSerializer(), ProviderNode.class)
            .register(new LabelKeySerializer(), LabelKey.class)
            .register(new DeviceLabelSerializer(), DeviceLabel.class)
            .register(new RdSerializer(), RouteDistinguisher.class)
            .register(new VpnPrefixSerializer(), VpnPrefix.class)
            .register(new VpnRouteSerializer(), VpnRoute.class)
            .register(new PeerRouteKeySerializer(), PeerRouteKey.class)
            .build("p4vpn");

    private static final class RdSerializer extends Serializer<RouteDistinguisher> {
        @Override
        public void write(Kryo kryo, Output out, RouteDistinguisher rd) {
            out.writeLong(rd.toLong());
        }

        @Override
        public RouteDistinguisher read(Kryo kryo, Input in, Class<RouteDistinguisher> type) {
            return RouteDistinguisher.ofLong(in.readLong());
        }
    }

    private static final class VpnInstanceSerializer extends Serializer<VpnInstance> {
        @Override
        public void write(Kryo kryo, Output out, VpnInstance v) {
            out.writeString(v.name());
            out.writeLong(v.routeDistinguisher().toLong());
            writeList(out, new ArrayList<>(v.importTargets()), (o, rt) -> o.writeLong(rt.toLong()));
            writeList(out, new ArrayList<>(v.exportTargets()), (o, rt) -> o.writeLong(rt.toLong()));
            out.writeByte(v.labelMode().ordinal());
            out.writeBoolean(v.vpnId().isPresent());
            v.vpnId().ifPresent(id -> {
                out.writeInt(id.oui());
                out.writeLong(id.index());
            });
            out.writeString(v.description());
            // Added after the first release: last, so values stored before it still read (as SHARED).
            out.writeBoolean(v.transport().privateLsps());
            out.writeByte(v.transport().qosClass());
        }

        @Override
        public VpnInstance read(Kryo kryo, Input in, Class<VpnInstance> type) {
            VpnInstance.Builder b = VpnInstance.builder().name(in.readString())
                    .routeDistinguisher(RouteDistinguisher.ofLong(in.readLong()))
                    .importTargets(readList(in, i -> RouteTarget.ofLong(i.readLong())))
                    .exportTargets(readList(in, i -> RouteTarget.ofLong(i.readLong())))
                    .labelMode(LabelMode.values()[in.readByte()]);
            if (in.readBoolean()) {
                b.vpnId(VpnId.of(in.readInt(), in.readLong()));
            }
            b.description(in.readString());
            if (!in.eof()) {
                b.transport(TransportPolicy.of(in.readBoolean(), in.readByte()));
            }
            return b.build();
        }
    }

    private static final class SiteSerializer extends Serializer<Site> {
        @Override
        public void write(Kryo kryo, Output out, Site s) {
            out.writeString(s.name());
            out.writeString(s.device().toString());
            out.writeLong(s.port().toLong());
            out.writeShort(s.vlan().toShort());
            out.writeString(s.vpn());
            out.writeInt(s.peAddress().toInt());
            out.writeByte(s.prefixLength());
            out.writeInt(s.ceAddress().toInt());
            out.writeBoolean(s.ceMac().isPresent());
            s.ceMac().ifPresent(m -> out.writeLong(m.toLong()));
            writeList(out, new ArrayList<>(s.staticRoutes()), (o, p) -> {
                o.writeInt(p.address().toInt());
                o.writeByte(p.prefixLength());
            });
            out.writeString(s.description());
        }

        @Override
        public Site read(Kryo kryo, Input in, Class<Site> type) {
            Site.Builder b = Site.builder().name(in.readString()).device(DeviceId.deviceId(in.readString()))
                    .port(PortNumber.portNumber(in.readLong())).vlan(VlanId.vlanId(in.readShort()))
                    .vpn(in.readString()).peAddress(Ip4Address.valueOf(in.readInt())).prefixLength(in.readByte())
                    .ceAddress(Ip4Address.valueOf(in.readInt()));
            if (in.readBoolean()) {
                b.ceMac(MacAddress.valueOf(in.readLong()));
            }
            b.staticRoutes(readList(in, i -> Ip4Prefix.valueOf(i.readInt(), i.readByte())));
            return b.description(in.readString()).build();
        }
    }

    private static final class NodeSerializer extends Serializer<ProviderNode> {
        @Override
        public void write(Kryo kryo, Output out, ProviderNode n) {
            out.writeString(n.deviceId().toString());
            out.writeByte(n.role().ordinal());
            out.writeInt(n.routerId().toInt());
            out.writeBoolean(n.routeReflector().isPresent());
            n.routeReflector().ifPresent(rr -> {
                out.writeInt(rr.clusterId().toInt());
                writeList(out, new ArrayList<>(rr.clients()), (o, a) -> o.writeInt(a.toInt()));
                writeList(out, new ArrayList<>(rr.nonClients()), (o, a) -> o.writeInt(a.toInt()));
                out.writeBoolean(rr.clientToClientReflection());
            });
        }

        @Override
        public ProviderNode read(Kryo kryo, Input in, Class<ProviderNode> type) {
            DeviceId id = DeviceId.deviceId(in.readString());
            NodeRole role = NodeRole.values()[in.readByte()];
            Ip4Address routerId = Ip4Address.valueOf(in.readInt());
            RouteReflectorConfig rr = null;
            if (in.readBoolean()) {
                Ip4Address cluster = Ip4Address.valueOf(in.readInt());
                List<Ip4Address> clients = readList(in, i -> Ip4Address.valueOf(i.readInt()));
                List<Ip4Address> nonClients = readList(in, i -> Ip4Address.valueOf(i.readInt()));
                rr = new RouteReflectorConfig(cluster, clients, nonClients, in.readBoolean());
            }
            return new ProviderNode(id, role, routerId, rr);
        }
    }

    private static final class LabelKeySerializer extends Serializer<LabelKey> {
        @Override
        public void write(Kryo kryo, Output out, LabelKey k) {
            out.writeString(k.device().toString());
            out.writeByte(k.purpose().ordinal());
            out.writeString(k.vpn());
            out.writeString(k.owner());
        }

        @Override
        public LabelKey read(Kryo kryo, Input in, Class<LabelKey> type) {
            DeviceId d = DeviceId.deviceId(in.readString());
            LabelKey.Purpose p = LabelKey.Purpose.values()[in.readByte()];
            String vpn = in.readString();
            String owner = in.readString();
            switch (p) {
                case VPN_PER_VRF:
                    return LabelKey.perVrf(d, vpn);
                case VPN_PER_CE:
                    return LabelKey.perCe(d, vpn, owner);
                case VPN_PER_PREFIX:
                    return LabelKey.perPrefix(d, vpn, Ip4Prefix.valueOf(owner));
                case VRF_ID:
                    return LabelKey.vrfId(vpn);
                case NEXT_HOP:
                    return LabelKey.nextHop(d, owner);
                default:
                    return LabelKey.transport(d, owner);
            }
        }
    }

    private static final class DeviceLabelSerializer extends Serializer<DeviceLabel> {
        @Override
        public void write(Kryo kryo, Output out, DeviceLabel k) {
            out.writeString(k.device().toString());
            out.writeInt(k.label());
        }

        @Override
        public DeviceLabel read(Kryo kryo, Input in, Class<DeviceLabel> type) {
            return new DeviceLabel(DeviceId.deviceId(in.readString()), in.readInt());
        }
    }

    private static final class VpnPrefixSerializer extends Serializer<VpnPrefix> {
        @Override
        public void write(Kryo kryo, Output out, VpnPrefix p) {
            writePrefix(out, p);
        }

        @Override
        public VpnPrefix read(Kryo kryo, Input in, Class<VpnPrefix> type) {
            return readPrefix(in);
        }
    }

    private static void writePrefix(Output out, VpnPrefix p) {
        out.writeLong(p.rdValue());
        out.writeInt(p.address());
        out.writeByte(p.prefixLength());
    }

    private static VpnPrefix readPrefix(Input in) {
        return VpnPrefix.of(in.readLong(), in.readInt(), in.readByte());
    }

    private static final class PeerRouteKeySerializer extends Serializer<PeerRouteKey> {
        @Override
        public void write(Kryo kryo, Output out, PeerRouteKey k) {
            out.writeInt(k.peer().toInt());
            writePrefix(out, k.prefix());
        }

        @Override
        public PeerRouteKey read(Kryo kryo, Input in, Class<PeerRouteKey> type) {
            return new PeerRouteKey(Ip4Address.valueOf(in.readInt()), readPrefix(in));
        }
    }

    /** A VPNv4 route with all its attributes, field by field. */
    private static final class VpnRouteSerializer extends Serializer<VpnRoute> {
        @Override
        public void write(Kryo kryo, Output out, VpnRoute r) {
            writePrefix(out, r.prefix());
            out.writeInt(r.nextHop().toInt());
            out.writeInt(r.label());
            out.writeByte(r.source().type().ordinal());
            out.writeInt(r.source().peerAddress().toInt());
            out.writeInt(r.source().peerRouterId().toInt());
            PathAttributes a = r.attributes();
            out.writeByte(a.origin().ordinal());
            writeList(out, a.asPath().segments(), (o, seg) -> {
                o.writeBoolean(seg.isSet());
                o.writeInt(seg.asns().length);
                o.writeLongs(seg.asns());
            });
            out.writeBoolean(a.med().isPresent());
            out.writeLong(a.med().orElse(0));
            out.writeLong(a.localPref());
            out.writeBoolean(a.originatorId().isPresent());
            out.writeInt(a.originatorId().map(Ip4Address::toInt).orElse(0));
            writeList(out, a.clusterList(), (o, c) -> o.writeInt(c.toInt()));
            writeList(out, new ArrayList<>(a.routeTargets()), (o, rt) -> o.writeLong(rt.toLong()));
        }

        @Override
        public VpnRoute read(Kryo kryo, Input in, Class<VpnRoute> type) {
            VpnPrefix prefix = readPrefix(in);
            Ip4Address nextHop = Ip4Address.valueOf(in.readInt());
            int label = in.readInt();
            RouteSource.Type st = RouteSource.Type.values()[in.readByte()];
            Ip4Address peer = Ip4Address.valueOf(in.readInt());
            Ip4Address peerId = Ip4Address.valueOf(in.readInt());
            Origin origin = Origin.values()[in.readByte()];
            List<AsPath.Segment> segs = readList(in, i -> {
                boolean set = i.readBoolean();
                int n = i.readInt();
                long[] asns = i.readLongs(n);
                return set ? AsPath.Segment.set(asns) : AsPath.Segment.sequence(asns);
            });
            boolean hasMed = in.readBoolean();
            long med = in.readLong();
            long localPref = in.readLong();
            boolean hasOriginator = in.readBoolean();
            int originator = in.readInt();
            List<Ip4Address> clusters = readList(in, i -> Ip4Address.valueOf(i.readInt()));
            List<RouteTarget> rts = readList(in, i -> RouteTarget.ofLong(i.readLong()));
            PathAttributes a = PathAttributes.of(origin, AsPath.of(segs), hasMed ? med : null, localPref,
                                                 hasOriginator ? Ip4Address.valueOf(originator) : null, clusters, rts);
            return new VpnRoute(prefix, nextHop, label, a, RouteSource.peer(st, peer, peerId));
        }
    }

    private static <T> void writeList(Output out, List<T> items, BiConsumer<Output, T> writer) {
        out.writeInt(items.size(), true);
        items.forEach(i -> writer.accept(out, i));
    }

    private static <T> List<T> readList(Input in, Function<Input, T> reader) {
        int n = in.readInt(true);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(reader.apply(in));
        }
        return out;
    }
}
