package org.p4vpn.emulator;

import java.util.Arrays;

/**
 * One packet in flight: the PHV (validity and field values of every header instance, stack
 * "next" indexes) plus the packet buffer and the per-packet registers simple_switch keeps.
 *
 * <p>Unlike BMv2, which reuses PHVs and leaves stale values in invalid headers, every field
 * starts at 0; metadata headers are always valid.</p>
 */
final class PacketState {

    final PhvLayout layout;
    final boolean[] valid;
    final BitValue[][] values;
    final int[] stackNext;

    /** The frame as received; the unparsed payload starts at {@link #payloadOffset}. */
    final byte[] frame;
    int payloadOffset;
    /** Length as received (BMv2's ingress length, used by counters). */
    final int ingressLength;
    /** simple_switch's PACKET_LENGTH register, moved by add_header / remove_header. */
    int packetLengthReg;
    /** Set by the exit primitive; stops the current pipeline before its next node. */
    boolean exit;
    int parserError;
    boolean checksumError;

    PacketState(PhvLayout layout, byte[] frame) {
        this.layout = layout;
        int n = layout.headers.size();
        this.valid = new boolean[n];
        this.values = new BitValue[n][];
        for (int i = 0; i < n; i++) {
            PhvLayout.HeaderDef h = layout.headers.get(i);
            values[i] = new BitValue[h.type.widths.length];
            Arrays.fill(values[i], BitValue.ZERO);
            valid[i] = h.metadata;
        }
        this.stackNext = new int[layout.stacks.size()];
        this.frame = frame;
        this.ingressLength = frame.length;
        this.packetLengthReg = frame.length;
    }

    BitValue get(FieldRef f) {
        if (f.field == FieldRef.VALID) {
            return BitValue.of(valid[f.header]);
        }
        return values[f.header][f.field];
    }

    BitValue get(int header, int field) {
        return field == FieldRef.VALID ? BitValue.of(valid[header]) : values[header][field];
    }

    void set(FieldRef f, BitValue v) {
        set(f.header, f.field, v);
    }

    /** Stores {@code v} truncated to the field's width, as BMv2's Field::export_bytes. */
    void set(int header, int field, BitValue v) {
        if (field == FieldRef.VALID) {
            return; // read-only hidden field
        }
        PhvLayout.HeaderType t = layout.headers.get(header).type;
        values[header][field] = t.signed[field] ? v.toSigned(t.widths[field]) : v.truncate(t.widths[field]);
    }

    /** BMv2's Header::reset: every field to 0 (validity unchanged). */
    void zero(int header) {
        Arrays.fill(values[header], BitValue.ZERO);
    }

    void swap(int a, int b) {
        BitValue[] v = values[a];
        values[a] = values[b];
        values[b] = v;
        boolean va = valid[a];
        valid[a] = valid[b];
        valid[b] = va;
    }

    /** Copies {@code header}'s fields from the buffer at {@code byteOffset} and marks it valid. */
    void extract(int header, byte[] data, int byteOffset) {
        PhvLayout.HeaderType t = layout.headers.get(header).type;
        long base = (long) byteOffset * 8;
        for (int i = 0; i < t.widths.length; i++) {
            BitValue v = Bits.read(data, base + t.bitOffsets[i], t.widths[i]);
            values[header][i] = t.signed[i] ? v.toSigned(t.widths[i]) : v;
        }
        valid[header] = true;
    }

    /** Serializes {@code header}'s fields into {@code out} at {@code byteOffset}. */
    void deparse(int header, byte[] out, int byteOffset) {
        PhvLayout.HeaderType t = layout.headers.get(header).type;
        long base = (long) byteOffset * 8;
        for (int i = 0; i < t.widths.length; i++) {
            Bits.write(out, base + t.bitOffsets[i], t.widths[i], values[header][i]);
        }
    }

    int payloadLength() {
        return frame.length - payloadOffset;
    }
}
