package org.p4vpn.runtime;

import com.google.protobuf.ByteString;
import org.onosproject.net.DeviceId;
import org.onosproject.net.pi.runtime.PiActionProfileGroup;
import org.onosproject.net.pi.runtime.PiActionProfileMember;
import org.onosproject.net.pi.runtime.PiTableEntry;
import org.p4vpn.p4rt.P4InfoIndex;
import org.p4vpn.p4rt.P4RuntimeClient;
import org.p4vpn.p4rt.P4RuntimeException;
import org.p4vpn.p4rt.PiCodec;
import org.p4vpn.p4rt.WriteResult;
import org.p4vpn.translate.DeviceEntries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p4.config.v1.P4InfoOuterClass.P4Info;
import p4.v1.P4RuntimeOuterClass.ActionProfileGroup;
import p4.v1.P4RuntimeOuterClass.ActionProfileMember;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.ForwardingPipelineConfig;
import p4.v1.P4RuntimeOuterClass.PacketIn;
import p4.v1.P4RuntimeOuterClass.TableEntry;
import p4.v1.P4RuntimeOuterClass.Update;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The embedded runtime's link to one switch over P4Runtime: connects as primary, pushes the
 * pipeline only when the switch does not run it already (so a runtime restart leaves the data
 * plane untouched), and brings the switch to a desired set of entities by diff against what it
 * reads back from the switch: it never wipes and replays. Reconnects with exponential backoff.
 * Not thread-safe: driven by the programmer's single thread.
 */
final class DeviceAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceAgent.class);
    private static final long ELECTION_ID = 10;
    private static final long MAX_BACKOFF_MILLIS = 8000;

    private final DeviceId device;
    private final String host;
    private final int port;
    private final long p4DeviceId;
    private final P4Info p4info;
    private final byte[] deviceConfig;
    private final long cookie;
    private final PiCodec codec;
    private final Consumer<PacketIn> packetIns;
    private P4RuntimeClient client;
    private long nextAttempt;
    private long backoff = 250;

    DeviceAgent(DeviceId device, String host, int port, long p4DeviceId, P4Info p4info, byte[] deviceConfig,
                Consumer<PacketIn> packetIns) {
        this.device = device;
        this.host = host;
        this.port = port;
        this.p4DeviceId = p4DeviceId;
        this.p4info = p4info;
        this.deviceConfig = deviceConfig;
        this.cookie = java.util.Arrays.hashCode(deviceConfig) & 0xFFFFFFFFL | (long) p4info.hashCode() << 32;
        this.codec = new PiCodec(new P4InfoIndex(p4info));
        this.packetIns = packetIns;
    }

    DeviceId device() {
        return device;
    }

    PiCodec codec() {
        return codec;
    }

    /** Whether the switch is connected, with this runtime as primary. */
    boolean isReady() {
        return client != null && client.isPrimary() && !client.streamFailed();
    }

    /**
     * Connects if not connected and the backoff allows; pushes the pipeline if needed.
     *
     * @return true if the switch was (re)connected now and needs reconciling
     */
    boolean connectIfNeeded() {
        if (isReady()) {
            return false;
        }
        if (client != null) {
            LOG.warn("{}: connection lost; reconnecting", device);
            client.close();
            client = null;
        }
        long now = System.currentTimeMillis();
        if (now < nextAttempt) {
            return false;
        }
        try {
            client = P4RuntimeClient.connect(host, port, p4DeviceId, ELECTION_ID);
            if (!client.isPrimary()) {
                throw new P4RuntimeException(device + ": another controller is primary", null);
            }
            client.addPacketListener(packetIns);
            ForwardingPipelineConfig have = client.getPipeline();
            if (have.getCookie().getCookie() != cookie) {
                client.setPipeline(p4info, deviceConfig, cookie);
                LOG.info("{}: pipeline pushed to {}:{}", device, host, port);
            } else {
                LOG.info("{}: runs our pipeline already; reconciling its entries", device);
            }
            backoff = 250;
            return true;
        } catch (RuntimeException e) {
            LOG.warn("{}: cannot connect to {}:{} ({}); retrying in {} ms", device, host, port, e.getMessage(),
                     backoff);
            if (client != null) {
                client.close();
                client = null;
            }
            nextAttempt = now + backoff;
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            return false;
        }
    }

    /** What the switch holds now, read back. */
    private DeviceEntries read() {
        List<PiActionProfileMember> members = new ArrayList<>();
        List<PiActionProfileGroup> groups = new ArrayList<>();
        List<PiTableEntry> entries = new ArrayList<>();
        for (Entity e : client.read(List.of(Entity.newBuilder().setTableEntry(TableEntry.getDefaultInstance()).build(),
                Entity.newBuilder().setActionProfileMember(ActionProfileMember.getDefaultInstance()).build(),
                Entity.newBuilder().setActionProfileGroup(ActionProfileGroup.getDefaultInstance()).build()))) {
            switch (e.getEntityCase()) {
                case TABLE_ENTRY:
                    entries.add(codec.decode(e.getTableEntry()));
                    break;
                case ACTION_PROFILE_MEMBER:
                    members.add(codec.decode(e.getActionProfileMember()));
                    break;
                case ACTION_PROFILE_GROUP:
                    groups.add(codec.decode(e.getActionProfileGroup()));
                    break;
                default:
                    break;
            }
        }
        return DeviceEntries.of(members, groups, entries);
    }

    /**
     * Brings the switch to the desired entities: reads what it has, then deletes what is extra and
     * inserts what is missing (groups before entries that use them, and the reverse on delete).
     *
     * @param desired entities the switch should hold
     * @return number of updates written
     */
    int reconcile(DeviceEntries desired) {
        DeviceEntries have = read();
        List<Update> del = new ArrayList<>();
        List<Update> add = new ArrayList<>();
        diff(have.entries(), desired.entries(), codec::encode, del, add, true);
        diff(have.groups(), desired.groups(), codec::encode, del, add, false);
        diff(have.members(), desired.members(), codec::encode, del, add, false);
        // Deletes: entries, then groups, then members; inserts: members, groups, entries.
        List<Update> ordered = new ArrayList<>(del);
        List<Update> inserts = new ArrayList<>(add);
        java.util.Collections.reverse(inserts);
        ordered.addAll(inserts);
        if (!ordered.isEmpty()) {
            WriteResult r = client.write(ordered);
            if (!r.allOk()) {
                LOG.warn("{}: {} of {} updates failed:\n{}", device, r.failures(), ordered.size(), r);
            }
            LOG.info("{}: -{} +{} entities", device, del.size(), add.size());
        }
        return ordered.size();
    }

    private interface Encoder<T> {
        Entity encode(T t);
    }

    /** Appends deletes of extra and inserts of missing entities (inserts in reverse kind order). */
    private static <T> void diff(List<T> have, List<T> want, Encoder<T> enc, List<Update> del, List<Update> add,
                                 boolean first) {
        Set<T> h = new LinkedHashSet<>(have);
        Set<T> w = new LinkedHashSet<>(want);
        List<Update> ins = new ArrayList<>();
        for (T t : h) {
            if (!w.contains(t)) {
                del.add(PiCodec.update(Update.Type.DELETE, enc.encode(t)));
            }
        }
        for (T t : w) {
            if (!h.contains(t)) {
                ins.add(PiCodec.update(Update.Type.INSERT, enc.encode(t)));
            }
        }
        java.util.Collections.reverse(ins);
        add.addAll(ins);
    }

    /**
     * Sends a frame out of a switch port through the controller header.
     *
     * @param port  port
     * @param frame frame
     */
    void packetOut(long port, byte[] frame) {
        if (!isReady()) {
            return;
        }
        int id = codec.p4info().packetMetadata("packet_out").getMetadataList().stream()
                .filter(m -> m.getName().equals("egress_port")).findFirst().orElseThrow().getId();
        client.packetOut(frame, List.of(p4.v1.P4RuntimeOuterClass.PacketMetadata.newBuilder().setMetadataId(id)
                .setValue(ByteString.copyFrom(new byte[] {(byte) (port >> 8), (byte) port})).build()));
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
