package org.p4vpn.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.p4vpn.api.InvalidInputException;
import org.p4vpn.codec.VpnJson;

import java.util.Collection;
import java.util.function.Function;

/** Parsing of path and query parameters with errors naming the parameter, and small JSON helpers. */
final class Params {

    private Params() {
    }

    /**
     * Parses a parameter; a parse failure becomes an {@link InvalidInputException} on that name.
     *
     * @param name   parameter name
     * @param text   its text
     * @param parser parser
     * @param <T>    result type
     * @return value
     */
    static <T> T parse(String name, String text, Function<String, T> parser) {
        if (text == null || text.isEmpty()) {
            throw new InvalidInputException(name, text, name + " is required");
        }
        try {
            return parser.apply(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(name, text, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name, text, "'" + text + "' is not a valid " + name
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /**
     * Returns a copy of an object body with a field taken from the path: set if absent, an error if
     * the body gives another value.
     *
     * @param body  request body
     * @param field field name
     * @param value value from the path
     * @return object with the field set
     */
    static ObjectNode withPathField(JsonNode body, String field, String value) {
        if (!body.isObject()) {
            throw new InvalidInputException("body", body.toString(), "the body must be a JSON object");
        }
        ObjectNode o = ((ObjectNode) body).deepCopy();
        JsonNode given = o.get(field);
        if (given != null && !given.isNull() && !(given.isTextual() && given.asText().equals(value))) {
            throw new InvalidInputException(field, given.isTextual() ? given.asText() : given.toString(),
                    field + " in the body must match the path ('" + value + "') or be left out");
        }
        o.put(field, value);
        return o;
    }

    /**
     * Encodes items into a JSON array.
     *
     * @param items   items
     * @param encoder encoder
     * @param <T>     item type
     * @return array
     */
    static <T> ArrayNode array(Collection<T> items, Function<T, ? extends JsonNode> encoder) {
        ArrayNode a = VpnJson.mapper().createArrayNode();
        items.forEach(i -> a.add(encoder.apply(i)));
        return a;
    }
}
