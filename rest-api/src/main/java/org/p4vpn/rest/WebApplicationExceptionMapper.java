package org.p4vpn.rest;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.Provider;

/**
 * Gives Jersey's own errors (unknown path 404, wrong method 405, wrong media type 415, ...) the
 * same JSON body as the service's errors.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response r = e.getResponse();
        String message = e.getMessage() != null ? e.getMessage() : r.getStatusInfo().getReasonPhrase();
        Response mapped = ErrorBody.response(r.getStatusInfo(), null, null, message);
        // keep headers such as Allow (405) or WWW-Authenticate (401)
        Response.ResponseBuilder b = Response.fromResponse(mapped);
        r.getHeaders().forEach((k, vs) -> {
            if (!k.equalsIgnoreCase("Content-Type")) {
                vs.forEach(v -> b.header(k, v));
            }
        });
        return b.build();
    }
}
