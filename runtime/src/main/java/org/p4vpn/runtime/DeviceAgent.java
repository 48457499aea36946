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
import java.util.List;
import java.util.Map;
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
     * Brings the switch to the desired entities: reads what it has, then writes the difference in an
     * order the switch accepts at every step: table entries that go away first; then members, groups
     * and entries that are new or changed (a changed one, same key other contents, is modified in
     * place so nothing that uses it breaks); last, groups and members no longer used.
     *
     * @param desired entities the switch should hold
     * @return number of updates written
     */
    int reconcile(DeviceEntries desired) {
        DeviceEntries have = read();
        Diff<PiTableEntry> entries = Diff.of(have.entries(), desired.entries(),
                                             t -> List.of(t.table(), t.matchKey(), t.priority().orElse(-1)));
        Diff<PiActionProfileGroup> groups = Diff.of(have.groups(), desired.groups(),
                                                    g -> List.of(g.actionProfile(), g.id()));
        Diff<PiActionProfileMember> members = Diff.of(have.members(), desired.members(),
                                                      m -> List.of(m.actionProfile(), m.id()));
        List<List<Update>> phases = List.of(
                entries.removed(codec::encode),
                members.addedOrChanged(codec::encode),
                groups.addedOrChanged(codec::encode),
                entries.addedOrChanged(codec::encode),
                groups.removed(codec::encode),
                members.removed(codec::encode));
        int written = 0;
        int failed = 0;
        for (List<Update> phase : phases) {
            if (phase.isEmpty()) {
                continue;
            }
            WriteResult r = client.write(phase);
            written += phase.size();
            if (!r.allOk()) {
                failed += r.failures();
                LOG.warn("{}: {} of {} updates failed:\n{}", device, r.failures(), phase.size(), r);
            }
        }
        if (written > 0) {
            LOG.info("{}: {} updates ({} entries, {} groups, {} members changed){}", device, written,
                     entries.size(), groups.size(), members.size(), failed == 0 ? "" : ", " + failed + " failed");
        }
        return written;
    }

    /** What differs between two sets of entities of one kind, matched by key. */
    private static final class Diff<T> {
        private final List<T> removed = new ArrayList<>();
        private final List<T> added = new ArrayList<>();
        private final List<T> changed = new ArrayList<>();

        static <T> Diff<T> of(List<T> have, List<T> want, java.util.function.Function<T, Object> key) {
            Diff<T> d = new Diff<>();
            Map<Object, T> h = new java.util.LinkedHashMap<>();
            have.forEach(t -> h.put(key.apply(t), t));
            Map<Object, T> w = new java.util.LinkedHashMap<>();
            want.forEach(t -> w.put(key.apply(t), t));
            h.forEach((k, t) -> {
                if (!w.containsKey(k)) {
                    d.removed.add(t);
                }
            });
            w.forEach((k, t) -> {
                T old = h.get(k);
                if (old == null) {
                    d.added.add(t);
                } else if (!old.equals(t)) {
                    d.changed.add(t);
                }
            });
            return d;
        }

        int size() {
            return removed.size() + added.size() + changed.size();
        }

        List<Update> removed(Encoder<T> enc) {
            List<Update> out = new ArrayList<>();
            removed.forEach(t -> out.add(PiCodec.update(Update.Type.DELETE, enc.encode(t))));
            return out;
        }

        List<Update> addedOrChanged(Encoder<T> enc) {
            List<Update> out = new ArrayList<>();
            added.forEach(t -> out.add(PiCodec.update(Update.Type.INSERT, enc.encode(t))));
            changed.forEach(t -> out.add(PiCodec.update(Update.Type.MODIFY, enc.encode(t))));
            return out;
        }
    }

    private interface Encoder<T> {
        Entity encode(T t);
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
