package org.p4vpn.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the hand-written OpenAPI 3 description of this API: {@code /openapi.yaml}. */
@Path("openapi.yaml")
public class OpenApiResource {

    /** Classpath location of the document. */
    static final String DOCUMENT = "/openapi.yaml";
    /** Media type of YAML. */
    static final String YAML = "application/yaml";

    /**
     * Returns the OpenAPI document.
     *
     * @return YAML text
     */
    @GET
    @Produces(YAML)
    public Response document() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the classpath");
            }
            return Response.ok(in.readAllBytes(), YAML).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
