package org.p4vpn.api;

import org.onosproject.event.EventListener;

/** Listens to best-route changes in VRFs. */
public interface VrfRouteListener extends EventListener<VrfRouteEvent> {
}
