package org.p4vpn.api;

import org.onosproject.store.StoreDelegate;

/** Receives the store's events (the manager, which hands them to the engine and listeners). */
public interface VpnStoreDelegate extends StoreDelegate<VpnEvent> {
}
