package org.p4vpn.rest;

import org.onlab.osgi.DefaultServiceDirectory;
import org.onlab.osgi.ServiceDirectory;
import org.onlab.osgi.ServiceNotFoundException;

import java.util.Objects;

/**
 * The services of the REST resources inside ONOS: looked up in ONOS's service directory (the
 * app's {@code L3VpnService}, {@code VpnRouteService}, {@code LspService} and
 * {@code NetworkStateService} components) on every request, so a restarted component is found.
 */
public final class OnosServices implements Services {

    private final ServiceDirectory directory;

    /** Uses ONOS's own directory. */
    public OnosServices() {
        this(new DefaultServiceDirectory());
    }

    /**
     * Uses a given directory (tests: onlab-osgi's TestServiceDirectory).
     *
     * @param directory service directory
     */
    public OnosServices(ServiceDirectory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public <T> T get(Class<T> type) {
        try {
            return directory.get(type);
        } catch (ServiceNotFoundException e) {
            throw new IllegalStateException("no " + type.getSimpleName() + " is available (is the p4vpn app active?)",
                                            e);
        }
    }
}
