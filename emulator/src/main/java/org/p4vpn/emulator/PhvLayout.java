package org.p4vpn.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packet header vector's shape from the JSON: header types, header instances (including
 * metadata), header stacks, error codes and field aliases.
 */
final class PhvLayout {

    /** A header type: ordered fields with widths and signedness. */
    static final class HeaderType {
        final String name;
        final String[] fieldNames;
        final int[] widths;
        final boolean[] signed;
        final int[] bitOffsets;
        final int nbits;
        final Map<String, Integer> index = new HashMap<>();

        HeaderType(String name, List<String> names, List<Integer> widths, List<Boolean> signed) {
            this.name = name;
            this.fieldNames = names.toArray(new String[0]);
            this.widths = widths.stream().mapToInt(Integer::intValue).toArray();
            this.signed = new boolean[signed.size()];
            this.bitOffsets = new int[widths.size()];
            int off = 0;
            for (int i = 0; i < this.widths.length; i++) {
                this.signed[i] = signed.get(i);
                bitOffsets[i] = off;
                off += this.widths[i];
                index.put(fieldNames[i], i);
            }
            this.nbits = off;
        }

        int nbytes() {
            return nbits / 8;
        }
    }

    /** A header (or metadata) instance. */
    static final class HeaderDef {
        final String name;
        final int index;
        final HeaderType type;
        final boolean metadata;

        HeaderDef(String name, int index, HeaderType type, boolean metadata) {
            this.name = name;
            this.index = index;
            this.type = type;
            this.metadata = metadata;
        }
    }

    /** A header stack: its element header instances in order. */
    static final class StackDef {
        final String name;
        final int index;
        final HeaderType type;
        final int[] headers;

        StackDef(String name, int index, HeaderType type, int[] headers) {
            this.name = name;
            this.index = index;
            this.type = type;
            this.headers = headers;
        }
    }

    final List<HeaderDef> headers = new ArrayList<>();
    final List<StackDef> stacks = new ArrayList<>();
    private final Map<String, HeaderType> types = new HashMap<>();
    private final Map<String, HeaderDef> headersByName = new HashMap<>();
    private final Map<String, StackDef> stacksByName = new HashMap<>();
    private final Map<String, String[]> aliases = new HashMap<>();
    /** Error name to value, as in the JSON plus the core errors BMv2 adds when missing. */
    final Map<String, Integer> errors = new LinkedHashMap<>();

    PhvLayout(JsonNode root) {
        for (String section : new String[] {"header_union_types", "header_unions", "header_union_stacks"}) {
            if (!Json.array(root, section).isEmpty()) {
                throw new UnsupportedConstructException("unsupported JSON section '" + section + "' (header unions)");
            }
        }
        for (JsonNode t : Json.array(root, "header_types")) {
            String name = Json.str(t, "name", "header type");
            if (t.has("length_exp") && !t.get("length_exp").isNull()) {
                throw new UnsupportedConstructException("unsupported variable-length header type '" + name + "'");
            }
            List<String> names = new ArrayList<>();
            List<Integer> widths = new ArrayList<>();
            List<Boolean> signed = new ArrayList<>();
            for (JsonNode f : Json.array(t, "fields")) {
                names.add(f.get(0).asText());
                if (!f.get(1).canConvertToInt()) {
                    throw new UnsupportedConstructException(
                            "unsupported variable-length field '" + f.get(0).asText() + "' in header type '" + name + "'");
                }
                widths.add(f.get(1).asInt());
                signed.add(f.size() > 2 && f.get(2).asBoolean());
                if (f.size() > 3 && f.get(3).asBoolean()) {
                    throw new UnsupportedConstructException(
                            "unsupported saturating field '" + f.get(0).asText() + "' in header type '" + name + "'");
                }
            }
            types.put(name, new HeaderType(name, names, widths, signed));
        }
        for (JsonNode h : Json.array(root, "headers")) {
            String name = Json.str(h, "name", "header");
            String typeName = Json.str(h, "header_type", "header '" + name + "'");
            HeaderType type = types.get(typeName);
            if (type == null) {
                throw new UnsupportedConstructException("unknown header type '" + typeName + "' of header '" + name + "'");
            }
            HeaderDef def = new HeaderDef(name, headers.size(), type, Json.bool(h, "metadata", false));
            headers.add(def);
            headersByName.put(name, def);
        }
        Map<Integer, HeaderDef> byId = new HashMap<>();
        List<JsonNode> jsonHeaders = Json.array(root, "headers");
        for (int i = 0; i < jsonHeaders.size(); i++) {
            byId.put(Json.integer(jsonHeaders.get(i), "id", "header"), headers.get(i));
        }
        for (JsonNode s : Json.array(root, "header_stacks")) {
            String name = Json.str(s, "name", "header stack");
            List<JsonNode> ids = Json.array(s, "header_ids");
            int[] idx = new int[ids.size()];
            for (int i = 0; i < idx.length; i++) {
                HeaderDef h = byId.get(ids.get(i).asInt());
                if (h == null) {
                    throw new UnsupportedConstructException("unknown header id " + ids.get(i) + " in stack '" + name + "'");
                }
                idx[i] = h.index;
            }
            HeaderType type = types.get(Json.str(s, "header_type", "header stack '" + name + "'"));
            StackDef def = new StackDef(name, stacks.size(), type, idx);
            stacks.add(def);
            stacksByName.put(name, def);
        }
        for (JsonNode e : Json.array(root, "errors")) {
            errors.put(e.get(0).asText(), e.get(1).asInt());
        }
        int next = errors.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        for (String core : new String[] {"NoError", "PacketTooShort", "NoMatch", "StackOutOfBounds",
            "HeaderTooShort", "ParserTimeout", "ParserInvalidArgument"}) {
            if (!errors.containsKey(core)) {
                errors.put(core, next++);
            }
        }
        for (JsonNode a : Json.array(root, "field_aliases")) {
            aliases.put(a.get(0).asText(), new String[] {a.get(1).get(0).asText(), a.get(1).get(1).asText()});
        }
    }

    HeaderDef header(String name, String where) {
        HeaderDef h = headersByName.get(name);
        if (h == null) {
            throw new UnsupportedConstructException("unknown header '" + name + "' in " + where);
        }
        return h;
    }

    StackDef stack(String name, String where) {
        StackDef s = stacksByName.get(name);
        if (s == null) {
            throw new UnsupportedConstructException("unknown header stack '" + name + "' in " + where);
        }
        return s;
    }

    FieldRef field(String header, String field, String where) {
        HeaderDef h = header(header, where);
        return fieldOf(h, field, where);
    }

    FieldRef fieldOf(HeaderDef h, String field, String where) {
        if ("$valid$".equals(field)) {
            return new FieldRef(h.index, FieldRef.VALID, 1, false, h.name + ".$valid$");
        }
        Integer i = h.type.index.get(field);
        if (i == null) {
            throw new UnsupportedConstructException("unknown field '" + h.name + "." + field + "' in " + where);
        }
        return new FieldRef(h.index, i, h.type.widths[i], h.type.signed[i], h.name + "." + field);
    }

    /** Field offset within a header type (for access_field / stack fields). */
    int fieldIndex(HeaderType type, String field, String where) {
        Integer i = type.index.get(field);
        if (i == null) {
            throw new UnsupportedConstructException("unknown field '" + field + "' of type '" + type.name + "' in " + where);
        }
        return i;
    }

    /**
     * A field simple_switch refers to by its standard name ("standard_metadata.egress_spec",
     * "intrinsic_metadata.mcast_grp"...), through the JSON's field aliases; null if absent.
     */
    FieldRef target(String qualified) {
        String[] alias = aliases.get(qualified);
        String[] parts = alias != null ? alias : qualified.split("\\.", 2);
        HeaderDef h = headersByName.get(parts[0]);
        if (h == null || !h.type.index.containsKey(parts[1])) {
            return null;
        }
        return fieldOf(h, parts[1], "target");
    }

    String errorName(int value) {
        for (Map.Entry<String, Integer> e : errors.entrySet()) {
            if (e.getValue() == value) {
                return e.getKey();
            }
        }
        return Integer.toString(value);
    }

    List<HeaderDef> headers() {
        return Collections.unmodifiableList(headers);
    }
}
