package org.p4vpn.runtime;

import org.p4vpn.api.L3VpnAdminService;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.VpnRouteService;
import org.p4vpn.impl.L3VpnManager;
import org.p4vpn.impl.VpnRouteManager;
import org.p4vpn.store.DistributedVpnStore;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The application's components wired in one JVM: the same store and managers ONOS runs, on an
 * embedded storage service (journaled to a data directory, or in memory), core service and event
 * dispatcher.
 */
public final class EmbeddedRuntime implements AutoCloseable {

    private final ComponentContainer container = new ComponentContainer();
    private final EmbeddedStorageService storage;
    private final EmbeddedEventDispatcher dispatcher = new EmbeddedEventDispatcher();
    private final ExecutorService routeExecutor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "route-engine");
        t.setDaemon(true);
        return t;
    });

    private EmbeddedRuntime(EmbeddedStorageService storage) {
        this.storage = storage;
        container.register(storage);
        container.register(dispatcher);
        container.register(new EmbeddedCoreService());
        container.start(new DistributedVpnStore());
        container.start(new L3VpnManager());
        VpnRouteManager routes = new VpnRouteManager();
        ComponentContainer.setField(routes, "executor", routeExecutor);
        container.start(routes);
    }

    /**
     * Starts the components on a store in a data directory.
     *
     * @param dataDir data directory, or null to keep everything in memory
     * @return the running runtime
     */
    public static EmbeddedRuntime start(Path dataDir) {
        return new EmbeddedRuntime(dataDir == null ? EmbeddedStorageService.inMemory()
                                           : EmbeddedStorageService.persistent(dataDir));
    }

    /**
     * Returns the VPN configuration service.
     *
     * @return service
     */
    public L3VpnService vpnService() {
        return container.get(L3VpnService.class);
    }

    /**
     * Returns the VPN administration service.
     *
     * @return service
     */
    public L3VpnAdminService adminService() {
        return container.get(L3VpnAdminService.class);
    }

    /**
     * Returns the central store.
     *
     * @return store
     */
    public org.p4vpn.api.VpnStore store() {
        return container.get(org.p4vpn.api.VpnStore.class);
    }

    /**
     * Returns the storage service (journaled when the runtime has a data directory).
     *
     * @return storage
     */
    public org.onosproject.store.service.StorageService storageService() {
        return storage;
    }

    /**
     * Returns the route service.
     *
     * @return service
     */
    public VpnRouteService routeService() {
        return container.get(VpnRouteService.class);
    }

    /**
     * Waits until every configuration change made so far has reached the route engine and been
     * applied.
     *
     * @param timeoutMillis how long to wait at most
     * @return true if settled in time
     */
    public boolean awaitSettled(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        try {
            for (int round = 0; round < 2; round++) {
                if (!dispatcher.awaitIdle(Math.max(1, deadline - System.currentTimeMillis()))) {
                    return false;
                }
                routeExecutor.submit(() -> { }).get(Math.max(1, deadline - System.currentTimeMillis()),
                                                    TimeUnit.MILLISECONDS);
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        container.stopAll();
        routeExecutor.shutdownNow();
        dispatcher.close();
        storage.close();
    }
}
