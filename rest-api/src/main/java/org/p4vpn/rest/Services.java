package org.p4vpn.rest;

import java.util.Map;
import java.util.Objects;

/**
 * Hands the REST resources the services they use ({@code L3VpnService}, {@code L3VpnAdminService},
 * {@code VpnRouteService}). In ONOS this wraps the service directory; in the embedded runtime, the
 * managers it started. Keeps the resources free of OSGi.
 */
public interface Services {

    /**
     * Returns the service of a type.
     *
     * @param type service interface
     * @param <T>  its type
     * @return the service
     * @throws IllegalStateException if there is none
     */
    <T> T get(Class<T> type);

    /**
     * Returns a locator over fixed service instances.
     *
     * @param services implementation by interface
     * @return locator
     */
    static Services of(Map<Class<?>, Object> services) {
        Map<Class<?>, Object> copy = Map.copyOf(services);
        return new Services() {
            @Override
            public <T> T get(Class<T> type) {
                Object s = copy.get(Objects.requireNonNull(type, "type"));
                if (s == null) {
                    throw new IllegalStateException("no " + type.getSimpleName() + " is available");
                }
                return type.cast(s);
            }
        };
    }
}
