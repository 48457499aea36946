package org.p4vpn.api;

/** A device has no free MPLS label left (REST: 409; operator action: free labels or use per-VRF mode). */
public class LabelSpaceExhaustedException extends ConflictException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param key     the allocation that failed
     * @param message details
     */
    public LabelSpaceExhaustedException(LabelKey key, String message) {
        super("label", key, message);
    }
}
