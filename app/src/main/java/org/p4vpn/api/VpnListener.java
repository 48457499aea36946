package org.p4vpn.api;

import org.onosproject.event.EventListener;

/** Listens to VPN configuration changes. */
public interface VpnListener extends EventListener<VpnEvent> {
}
