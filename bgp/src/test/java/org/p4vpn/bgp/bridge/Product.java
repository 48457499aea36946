package org.p4vpn.bgp.bridge;

import com.google.common.util.concurrent.MoreExecutors;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.store.service.TestStorageService;
import org.p4vpn.api.NodeRole;
import org.p4vpn.api.ProviderNode;
import org.p4vpn.api.RouteDistinguisher;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.Site;
import org.p4vpn.api.VrfKey;
import org.p4vpn.api.VrfRoute;
import org.p4vpn.api.VpnInstance;
import org.p4vpn.impl.L3VpnManager;
import org.p4vpn.impl.SyncEventDispatcher;
import org.p4vpn.impl.VpnRouteManager;
import org.p4vpn.store.DistributedVpnStore;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The product for the bridge's tests: the real managers (store on ONOS's test storage, route
 * engine) with two P4 PEs (1.1.1.1, 2.2.2.2), VPN red (RD and RT 65000:1), site red-1 on PE1 with
 * the static route 192.168.1.0/24 and site red-2 on PE2.
 */
public final class Product implements AutoCloseable {

    /** PE1. */
    public static final DeviceId PE1 = DeviceId.deviceId("device:pe1");
    /** PE2. */
    public static final DeviceId PE2 = DeviceId.deviceId("device:pe2");
    /** PE1's router id. */
    public static final Ip4Address PE1_ID = Ip4Address.valueOf("1.1.1.1");

    /** Configuration service. */
    public final L3VpnManager vpns = new L3VpnManager();
    /** Route engine. */
    public final VpnRouteManager routes = new VpnRouteManager();

    /**
     * Starts the managers and provisions the VPN.
     *
     * @throws ReflectiveOperationException if a manager's reference field is missing
     */
    public Product() throws ReflectiveOperationException {
        DistributedVpnStore store = new DistributedVpnStore();
        set(store, "storageService", new TestStorageService());
        store.activate();
        SyncEventDispatcher dispatcher = new SyncEventDispatcher();
        set(vpns, "store", store);
        set(vpns, "coreService", new CoreServiceAdapter());
        set(vpns, "eventDispatcher", dispatcher);
        vpns.activate();
        set(routes, "vpnService", vpns);
        set(routes, "store", store);
        set(routes, "eventDispatcher", dispatcher);
        set(routes, "executor", MoreExecutors.directExecutor());
        routes.activate();
        vpns.setNode(ProviderNode.of(PE1, NodeRole.PE, PE1_ID));
        vpns.setNode(ProviderNode.of(PE2, NodeRole.PE, Ip4Address.valueOf("2.2.2.2")));
        vpns.createVpnInstance(VpnInstance.builder().name("red").routeDistinguisher(RouteDistinguisher.of("65000:1"))
                                       .routeTargets(List.of(RouteTarget.of("65000:1"))).build());
        vpns.createSite(site("red-1", PE1, "10.1.1", "192.168.1.0/24"));
        vpns.createSite(site("red-2", PE2, "10.2.2"));
    }

    // The managers' @Reference fields are protected in their package, as in the REST tests' fixture.
    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                f.set(target, value);
                return;
            } catch (NoSuchFieldException e) {
                // the superclass then
            }
        }
        throw new NoSuchFieldException(name);
    }

    private static Site site(String name, DeviceId pe, String net, String... statics) {
        return Site.builder().name(name).vpn("red").device(pe).port(PortNumber.portNumber(1))
                .peInterface(net + ".1/24").ceAddress(Ip4Address.valueOf(net + ".2"))
                .staticRoutes(Arrays.stream(statics).map(Ip4Prefix::valueOf).collect(Collectors.toList())).build();
    }

    /**
     * Returns PE2's best route for a prefix in VPN red.
     *
     * @param prefix IPv4 prefix
     * @return route, if any
     */
    public Optional<VrfRoute> inPe2(String prefix) {
        return routes.getBestRoute(new VrfKey(PE2, "red"), Ip4Prefix.valueOf(prefix));
    }

    @Override
    public void close() {
        routes.deactivate();
        vpns.deactivate();
    }
}
