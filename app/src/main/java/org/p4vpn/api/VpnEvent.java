package org.p4vpn.api;

import org.onosproject.event.AbstractEvent;

import java.util.Optional;

/**
 * A change of VPN configuration (a VPN instance, a site or a provider node was added, updated or
 * removed) or of the VPNv4 routes learned from peers. The subject is the new value (the old one on
 * removal).
 */
public final class VpnEvent extends AbstractEvent<VpnEvent.Type, Object> {

    /** Kinds of change. */
    public enum Type {
        /** A VPN instance was created. */
        VPN_INSTANCE_ADDED,
        /** A VPN instance was changed. */
        VPN_INSTANCE_UPDATED,
        /** A VPN instance was deleted. */
        VPN_INSTANCE_REMOVED,
        /** A site was attached. */
        SITE_ADDED,
        /** A site was changed (e.g. static routes). */
        SITE_UPDATED,
        /** A site was detached. */
        SITE_REMOVED,
        /** A provider node was configured. */
        NODE_ADDED,
        /** A provider node's configuration changed. */
        NODE_UPDATED,
        /** A provider node was removed. */
        NODE_REMOVED,
        /** A VPNv4 route was learned from a peer (or replaced). */
        PEER_ROUTE_ADDED,
        /** A VPNv4 route learned from a peer was withdrawn. */
        PEER_ROUTE_REMOVED
    }

    private final Object prevSubject;

    /**
     * Creates an event.
     *
     * @param type        type
     * @param subject     new value (old value on removal)
     * @param prevSubject previous value on update, else null
     */
    public VpnEvent(Type type, Object subject, Object prevSubject) {
        super(type, subject);
        this.prevSubject = prevSubject;
    }

    /**
     * Returns the previous value of an update.
     *
     * @return previous value
     */
    public Optional<Object> prevSubject() {
        return Optional.ofNullable(prevSubject);
    }
}
