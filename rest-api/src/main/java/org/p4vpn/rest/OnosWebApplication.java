package org.p4vpn.rest;

import org.glassfish.jersey.internal.inject.AbstractBinder;

import javax.ws.rs.core.Application;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The API as ONOS serves it, at {@code /onos/l3vpn/v1} (this bundle's web context, see web.xml):
 * the same resources and error mapping as the embedded runtime, the services from ONOS's
 * directory. Authentication is ONOS's own (its web container asks for its users), so the
 * embedded runtime's {@link BasicAuthFilter} is not registered here.
 */
public class OnosWebApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(RestApplication.RESOURCES);
        classes.addAll(List.of(JsonNodeProvider.class, L3VpnExceptionMapper.class,
                               WebApplicationExceptionMapper.class, UnexpectedExceptionMapper.class));
        return classes;
    }

    @Override
    public Set<Object> getSingletons() {
        Services services = new OnosServices();
        return Set.of(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(services).to(Services.class);
            }
        });
    }
}
