package org.p4vpn.rest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.Provider;

/** Logs a failure nobody expected and answers 500 with a JSON body (no stack trace to clients). */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<RuntimeException> {

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Override
    public Response toResponse(RuntimeException e) {
        log.error("REST request failed", e);
        return ErrorBody.response(Response.Status.INTERNAL_SERVER_ERROR, null, null,
                "internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
}
