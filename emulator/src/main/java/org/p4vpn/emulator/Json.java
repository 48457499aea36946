package org.p4vpn.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Small helpers to read BMv2 JSON strictly, failing with {@link UnsupportedConstructException}. */
final class Json {

    private Json() {
    }

    static JsonNode req(JsonNode node, String key, String where) {
        JsonNode v = node == null ? null : node.get(key);
        if (v == null || v.isMissingNode()) {
            throw new UnsupportedConstructException("missing attribute '" + key + "' in " + where);
        }
        return v;
    }

    static String str(JsonNode node, String key, String where) {
        JsonNode v = req(node, key, where);
        if (!v.isTextual()) {
            throw new UnsupportedConstructException("attribute '" + key + "' of " + where + " is not a string");
        }
        return v.asText();
    }

    static int integer(JsonNode node, String key, String where) {
        JsonNode v = req(node, key, where);
        if (!v.canConvertToInt()) {
            throw new UnsupportedConstructException("attribute '" + key + "' of " + where + " is not an integer");
        }
        return v.asInt();
    }

    static boolean bool(JsonNode node, String key, boolean dflt) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? dflt : v.asBoolean();
    }

    /** The array at {@code key}, empty when absent or null. */
    static List<JsonNode> array(JsonNode node, String key) {
        JsonNode v = node == null ? null : node.get(key);
        if (v == null || v.isNull()) {
            return Collections.emptyList();
        }
        if (!v.isArray()) {
            throw new UnsupportedConstructException("attribute '" + key + "' is not an array");
        }
        List<JsonNode> out = new ArrayList<>(v.size());
        v.forEach(out::add);
        return out;
    }

    static String nullableText(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
