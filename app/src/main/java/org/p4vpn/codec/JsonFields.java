package org.p4vpn.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.p4vpn.api.InvalidInputException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the fields of a JSON object with errors that name the field (with its path, e.g.
 * {@code sites[2].port}) and say what was expected.
 */
final class JsonFields {

    private final JsonNode node;
    private final String path;

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /**
     * Wraps an object, rejecting fields not in {@code allowed}.
     *
     * @param node    the JSON value (must be an object)
     * @param path    its path for errors, "" at the top
     * @param allowed the field names it may have
     * @return reader
     */
    static JsonFields of(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(path.isEmpty() ? "body" : path, node == null ? null : node.toString(),
                    (path.isEmpty() ? "the body" : path) + " must be a JSON object");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) {
                throw new InvalidInputException(name(path, n), node.get(n).toString(), "unknown field '" + n
                        + "'; the fields are " + new java.util.TreeSet<>(allowed));
            }
        }
        return new JsonFields(node, path);
    }

    static String name(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    String field(String f) {
        return name(path, f);
    }

    boolean has(String f) {
        return node.hasNonNull(f);
    }

    String string(String f) {
        JsonNode v = node.get(f);
        if (v == null || v.isNull()) {
            throw new InvalidInputException(field(f), null, field(f) + " is required");
        }
        if (!v.isTextual()) {
            throw new InvalidInputException(field(f), v.toString(), field(f) + " must be a string");
        }
        return v.asText();
    }

    String optString(String f, String dflt) {
        return has(f) ? string(f) : dflt;
    }

    long number(String f, long min, long max) {
        JsonNode v = node.get(f);
        if (v == null || v.isNull()) {
            throw new InvalidInputException(field(f), null, field(f) + " is required");
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw new InvalidInputException(field(f), v.toString(), field(f) + " must be a whole number from " + min
                    + " to " + max);
        }
        return v.asLong();
    }

    long optNumber(String f, long min, long max, long dflt) {
        return has(f) ? number(f, min, max) : dflt;
    }

    boolean optBoolean(String f, boolean dflt) {
        if (!has(f)) {
            return dflt;
        }
        JsonNode v = node.get(f);
        if (!v.isBoolean()) {
            throw new InvalidInputException(field(f), v.toString(), field(f) + " must be true or false");
        }
        return v.asBoolean();
    }

    /**
     * Parses a string field; parse errors are re-raised under this field's path.
     */
    <T> T parsed(String f, Function<String, T> parser) {
        String s = string(f);
        return parse(field(f), s, parser);
    }

    <T> List<T> list(String f, Function<String, T> parser) {
        List<T> out = new ArrayList<>();
        if (!has(f)) {
            return out;
        }
        JsonNode v = node.get(f);
        if (!v.isArray()) {
            throw new InvalidInputException(field(f), v.toString(), field(f) + " must be an array");
        }
        for (int i = 0; i < v.size(); i++) {
            String item = field(f) + "[" + i + "]";
            if (!v.get(i).isTextual()) {
                throw new InvalidInputException(item, v.get(i).toString(), item + " must be a string");
            }
            out.add(parse(item, v.get(i).asText(), parser));
        }
        return out;
    }

    List<JsonNode> objects(String f) {
        List<JsonNode> out = new ArrayList<>();
        if (!has(f)) {
            return out;
        }
        JsonNode v = node.get(f);
        if (!v.isArray()) {
            throw new InvalidInputException(field(f), v.toString(), field(f) + " must be an array");
        }
        v.forEach(out::add);
        return out;
    }

    JsonNode object(String f) {
        return node.get(f);
    }

    static <T> T parse(String field, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field, text, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, text, "'" + text + "' is not a valid " + field
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    ObjectNode raw() {
        return (ObjectNode) node;
    }
}
