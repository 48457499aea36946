package org.p4vpn.runtime;

import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.core.IdGenerator;
import org.onosproject.core.Version;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** ONOS's core service for one JVM: application ids and id generators. */
public final class EmbeddedCoreService implements CoreService {

    private final Map<String, ApplicationId> apps = new LinkedHashMap<>();
    private final Map<String, AtomicLong> ids = new LinkedHashMap<>();

    @Override
    public Version version() {
        return Version.version("2.7.0");
    }

    @Override
    public synchronized Set<ApplicationId> getAppIds() {
        return Set.copyOf(apps.values());
    }

    @Override
    public synchronized ApplicationId getAppId(Short id) {
        return apps.values().stream().filter(a -> a.id() == id).findFirst().orElse(null);
    }

    @Override
    public synchronized ApplicationId getAppId(String name) {
        return apps.get(name);
    }

    @Override
    public synchronized ApplicationId registerApplication(String name) {
        return apps.computeIfAbsent(name, n -> new DefaultApplicationId(apps.size() + 1, n));
    }

    @Override
    public ApplicationId registerApplication(String name, Runnable preDeactivate) {
        return registerApplication(name);
    }

    @Override
    public synchronized IdGenerator getIdGenerator(String topic) {
        AtomicLong counter = ids.computeIfAbsent(topic, t -> new AtomicLong());
        return counter::incrementAndGet;
    }
}
