package org.p4vpn.store;

import org.onosproject.store.service.TestStorageService;

/** Builds activated stores on ONOS's TestStorageService for tests of other packages. */
public final class TestVpnStores {

    private TestVpnStores() {
    }

    /**
     * Returns a new, activated store.
     *
     * @return store
     */
    public static DistributedVpnStore create() {
        DistributedVpnStore store = new DistributedVpnStore();
        store.storageService = new TestStorageService();
        store.activate();
        return store;
    }
}
