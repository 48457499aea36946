package org.p4vpn.emulator;

/**
 * A counter cell: packets and bytes. As in BMv2, bytes are the length of the packet as
 * received on the ingress port (whatever headers were added or removed since).
 */
public final class CounterValue {

    /** Both counts zero. */
    public static final CounterValue ZERO = new CounterValue(0, 0);

    private final long packets;
    private final long bytes;

    /**
     * @param packets packet count
     * @param bytes   byte count
     */
    public CounterValue(long packets, long bytes) {
        this.packets = packets;
        this.bytes = bytes;
    }

    /** @return the packet count */
    public long packets() {
        return packets;
    }

    /** @return the byte count */
    public long bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CounterValue && ((CounterValue) o).packets == packets && ((CounterValue) o).bytes == bytes;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(packets) * 31 + Long.hashCode(bytes);
    }

    @Override
    public String toString() {
        return packets + " packets, " + bytes + " bytes";
    }
}
