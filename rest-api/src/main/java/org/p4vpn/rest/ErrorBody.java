package org.p4vpn.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.p4vpn.codec.VpnJson;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** The JSON body of every error response: {@code {"field": ..., "value": ..., "message": ...}}. */
final class ErrorBody {

    private ErrorBody() {
    }

    /**
     * Builds an error response.
     *
     * @param status  HTTP status
     * @param field   offending field, or null
     * @param value   offending value, or null
     * @param message what is wrong
     * @return response
     */
    static Response response(Response.StatusType status, String field, String value, String message) {
        ObjectNode o = VpnJson.mapper().createObjectNode();
        o.put("field", field);
        o.put("value", value);
        o.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(o).build();
    }
}
