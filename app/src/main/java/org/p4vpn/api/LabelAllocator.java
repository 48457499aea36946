package org.p4vpn.api;

/**
 * Hands out MPLS labels from the 20-bit space above the reserved range 0-15 (RFC 3032), unique
 * per device and stable for a key until it is released.
 */
public interface LabelAllocator {

    /** Lowest label that may be allocated (0-15 are reserved, RFC 3032 section 2.1). */
    int MIN_LABEL = 16;
    /** Highest label (20 bits). */
    int MAX_LABEL = VpnRoute.MAX_LABEL;

    /**
     * Returns the label of a key, allocating one if the key has none.
     *
     * @param key what the label is for
     * @return label
     * @throws LabelSpaceExhaustedException if the device has no free label
     */
    int allocate(LabelKey key);

    /**
     * Releases the label of a key; nothing happens if it has none.
     *
     * @param key what the label was for
     */
    void release(LabelKey key);
}
