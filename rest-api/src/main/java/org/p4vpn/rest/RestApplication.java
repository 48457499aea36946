package org.p4vpn.rest;

import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

import java.util.List;

/** The Jersey application of {@code /l3vpn/v1}: resources, JSON, error mapping, authentication. */
public final class RestApplication {

    /** Base path of the API. */
    public static final String BASE_PATH = "/l3vpn/v1";

    /** The resource classes, which {@code openapi.yaml} must describe exactly. */
    public static final List<Class<?>> RESOURCES = List.of(VpnResource.class, SiteResource.class,
            NodeResource.class, RouteViewResource.class, LspResource.class, TopologyResource.class,
            TraceResource.class, BgpNeighborResource.class, OpenApiResource.class);

    private RestApplication() {
    }

    /**
     * Builds the Jersey configuration.
     *
     * @param services where the resources find the VPN services
     * @param users    who may use the API
     * @return configuration to deploy under {@link #BASE_PATH}
     */
    public static ResourceConfig config(Services services, Users users) {
        ResourceConfig rc = new ResourceConfig();
        RESOURCES.forEach(rc::register);
        rc.register(JsonNodeProvider.class);
        rc.register(L3VpnExceptionMapper.class);
        rc.register(WebApplicationExceptionMapper.class);
        rc.register(UnexpectedExceptionMapper.class);
        rc.register(new BasicAuthFilter(users));
        rc.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(services).to(Services.class);
            }
        });
        // WADL needs JAXB, which is not in the JDK since 11; the API is described by openapi.yaml.
        rc.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        return rc;
    }
}
