package org.p4vpn.rest;

import org.p4vpn.api.ConflictException;
import org.p4vpn.api.L3VpnException;
import org.p4vpn.api.NotFoundException;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.Provider;

/** Maps the service's typed errors: invalid input 400, not found 404, conflict 409. */
@Provider
public class L3VpnExceptionMapper implements ExceptionMapper<L3VpnException> {

    @Override
    public Response toResponse(L3VpnException e) {
        return ErrorBody.response(status(e), e.field(), e.value(), e.getMessage());
    }

    static Response.Status status(L3VpnException e) {
        if (e instanceof NotFoundException) {
            return Response.Status.NOT_FOUND;
        }
        if (e instanceof ConflictException) {
            return Response.Status.CONFLICT;
        }
        // InvalidInputException, and any future kind of bad input
        return Response.Status.BAD_REQUEST;
    }
}
