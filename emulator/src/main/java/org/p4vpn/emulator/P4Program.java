package org.p4vpn.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A p4c-bm2-ss (v1model) BMv2 JSON program, validated and compiled once. Every construct is
 * checked at load time: anything the emulator does not implement makes {@link #load} fail
 * with an {@link UnsupportedConstructException} naming it. Immutable and shareable between
 * {@link EmulatedSwitch}es.
 */
public final class P4Program {

    /** An indirect counter array. */
    static final class CounterArray {
        final String name;
        final int index;
        final int size;

        CounterArray(String name, int index, int size) {
            this.name = name;
            this.index = index;
            this.size = size;
        }
    }

    final PhvLayout layout;
    final Map<Integer, ActionDef> actionsById = new LinkedHashMap<>();
    final Map<String, Calculation> calculations = new HashMap<>();
    final Map<String, CounterArray> counters = new LinkedHashMap<>();
    /** direct counter name to table name, and back. */
    final Map<String, String> directCounters = new LinkedHashMap<>();
    final Map<String, TableDef> tables = new LinkedHashMap<>();
    final Map<String, Calculation> selectors = new LinkedHashMap<>();
    final Map<String, Map<String, ActionDef>> profileActions = new LinkedHashMap<>();
    final Map<String, Integer> valueSets = new LinkedHashMap<>();
    final Map<String, Integer> valueSetWidths = new HashMap<>();
    final ParserEngine parser;
    final Deparser deparser;
    final ControlFlow.Node ingress;
    final ControlFlow.Node egress;
    final FieldRef ingressPort;
    final FieldRef egressSpec;
    final FieldRef egressPort;
    final FieldRef packetLength;
    final FieldRef instanceType;
    final FieldRef parserError;
    final FieldRef checksumError;
    final FieldRef mcastGrp;

    private P4Program(JsonNode root) {
        checkVersion(root);
        for (String section : new String[] {"meter_arrays", "register_arrays", "extern_instances", "learn_lists"}) {
            if (!Json.array(root, section).isEmpty()) {
                throw new UnsupportedConstructException("unsupported JSON section '" + section + "'");
            }
        }
        this.layout = new PhvLayout(root);
        ExprCompiler exprs = new ExprCompiler(layout);
        for (JsonNode c : Json.array(root, "calculations")) {
            String name = Json.str(c, "name", "calculation");
            calculations.put(name, new Calculation(name, Json.str(c, "algo", "calculation '" + name + "'"),
                    Json.array(c, "input"), layout, "calculation '" + name + "'"));
        }
        for (JsonNode c : Json.array(root, "counter_arrays")) {
            String name = Json.str(c, "name", "counter array");
            if (Json.bool(c, "is_direct", false)) {
                directCounters.put(name, Json.str(c, "binding", "counter array '" + name + "'"));
            } else {
                counters.put(name, new CounterArray(name, counters.size(), Json.integer(c, "size", "counter array '" + name + "'")));
            }
        }
        Map<String, Integer> counterIndex = new HashMap<>();
        counters.values().forEach(c -> counterIndex.put(c.name, c.index));
        PrimitiveCompiler prims = new PrimitiveCompiler(layout, exprs, counterIndex, calculations);
        for (JsonNode a : Json.array(root, "actions")) {
            ActionDef def = new ActionDef(a, prims);
            actionsById.put(def.id, def);
        }
        for (JsonNode v : Json.array(root, "parse_vsets")) {
            String name = Json.str(v, "name", "parse value set");
            valueSetWidths.put(name, Json.integer(v, "compressed_bitwidth", "parse value set '" + name + "'"));
            valueSets.put(name, valueSets.size());
        }
        ParserEngine p = null;
        for (JsonNode pj : Json.array(root, "parsers")) {
            ParserEngine pe = new ParserEngine(pj, layout, exprs, prims, valueSets);
            if (pe.name.equals("parser")) {
                p = pe;
            }
        }
        Deparser d = null;
        for (JsonNode dj : Json.array(root, "deparsers")) {
            Deparser de = new Deparser(dj, layout, prims);
            if (de.name.equals("deparser")) {
                d = de;
            }
        }
        if (p == null || d == null) {
            throw new UnsupportedConstructException("simple_switch needs a parser and a deparser named 'parser' and 'deparser'");
        }
        this.parser = p;
        this.deparser = d;
        for (JsonNode c : Json.array(root, "checksums")) {
            Checksum ck = new Checksum(c, layout, exprs, calculations);
            if (ck.verify) {
                parser.addVerifyChecksum(ck);
            }
            if (ck.update) {
                deparser.addUpdateChecksum(ck);
            }
        }
        Map<String, ControlFlow.Node> nodes = new HashMap<>();
        Map<String, String> inits = new HashMap<>();
        for (JsonNode pl : Json.array(root, "pipelines")) {
            loadPipeline(pl, exprs, nodes, inits);
        }
        for (ControlFlow.Node n : nodes.values()) {
            n.resolve(nodes);
        }
        for (Map.Entry<String, String> dc : directCounters.entrySet()) {
            TableDef t = tables.get(dc.getValue());
            if (t == null || !t.withCounters) {
                throw new UnsupportedConstructException("direct counter '" + dc.getKey() + "' bound to unknown table");
            }
        }
        if (!inits.containsKey("ingress") || !inits.containsKey("egress")) {
            throw new UnsupportedConstructException("simple_switch needs pipelines named 'ingress' and 'egress'");
        }
        this.ingress = ControlFlow.Node.lookup(nodes, inits.get("ingress"), "pipeline 'ingress'");
        this.egress = ControlFlow.Node.lookup(nodes, inits.get("egress"), "pipeline 'egress'");
        this.ingressPort = required("standard_metadata.ingress_port");
        this.egressSpec = required("standard_metadata.egress_spec");
        this.egressPort = required("standard_metadata.egress_port");
        this.packetLength = required("standard_metadata.packet_length");
        this.instanceType = required("standard_metadata.instance_type");
        this.parserError = layout.target("standard_metadata.parser_error");
        this.checksumError = layout.target("standard_metadata.checksum_error");
        this.mcastGrp = layout.target("intrinsic_metadata.mcast_grp");
    }

    /**
     * Loads and validates a BMv2 JSON program produced by p4c-bm2-ss for v1model.
     *
     * @param bmv2Json the parsed JSON document
     * @return the compiled program
     * @throws UnsupportedConstructException naming the first unsupported or malformed construct
     */
    public static P4Program load(JsonNode bmv2Json) {
        try {
            return new P4Program(bmv2Json);
        } catch (UnsupportedConstructException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnsupportedConstructException("malformed BMv2 JSON: " + e, e);
        }
    }

    /** @return the names of all tables, including p4c's hidden keyless ones */
    public Set<String> tableNames() {
        return Collections.unmodifiableSet(tables.keySet());
    }

    /** @return the names of the action profiles and selectors */
    public Set<String> actionProfileNames() {
        return Collections.unmodifiableSet(profileActions.keySet());
    }

    /** @return the names of the indirect counter arrays */
    public Set<String> counterNames() {
        return Collections.unmodifiableSet(counters.keySet());
    }

    /** @return the names of the direct counters, each bound to a table */
    public Map<String, String> directCounterTables() {
        return Collections.unmodifiableMap(directCounters);
    }

    private FieldRef required(String name) {
        FieldRef f = layout.target(name);
        if (f == null) {
            throw new UnsupportedConstructException("simple_switch requires field '" + name + "'");
        }
        return f;
    }

    private static void checkVersion(JsonNode root) {
        JsonNode meta = root.get("__meta__");
        if (meta != null && meta.has("version")) {
            int major = meta.get("version").get(0).asInt();
            if (major != 2) {
                throw new UnsupportedConstructException("unsupported BMv2 JSON version " + meta.get("version"));
            }
        }
    }

    private void loadPipeline(JsonNode pl, ExprCompiler exprs, Map<String, ControlFlow.Node> nodes,
                              Map<String, String> inits) {
        String pname = Json.str(pl, "name", "pipeline");
        inits.put(pname, Json.nullableText(pl, "init_table"));
        for (JsonNode ap : Json.array(pl, "action_profiles")) {
            String name = Json.str(ap, "name", "action profile");
            JsonNode sel = ap.get("selector");
            if (sel != null && !sel.isNull()) {
                selectors.put(name, new Calculation(name, Json.str(sel, "algo", "selector of '" + name + "'"),
                        Json.array(sel, "input"), layout, "selector of action profile '" + name + "'"));
            }
            profileActions.put(name, new LinkedHashMap<>());
        }
        for (JsonNode t : Json.array(pl, "tables")) {
            TableDef def = new TableDef(t, layout, actionsById);
            if (def.indirect()) {
                Map<String, ActionDef> acts = profileActions.get(def.actionProfile);
                if (acts == null) {
                    throw new UnsupportedConstructException("unknown action profile '" + def.actionProfile
                            + "' of table '" + def.name + "'");
                }
                if (def.type.equals("indirect_ws") != selectors.containsKey(def.actionProfile)) {
                    throw new UnsupportedConstructException("table '" + def.name + "' of type " + def.type
                            + " does not match its action profile's selector");
                }
                acts.putAll(def.actions);
            }
            tables.put(def.name, def);
            put(nodes, new ControlFlow.TableNode(def));
        }
        for (JsonNode c : Json.array(pl, "conditionals")) {
            String name = Json.str(c, "name", "conditional");
            Expr e = exprs.compile(Json.req(c, "expression", "conditional '" + name + "'"), 0,
                    "conditional '" + name + "'", Expr.Kind.BOOL);
            put(nodes, new ControlFlow.ConditionalNode(name, e, Json.nullableText(c, "true_next"),
                    Json.nullableText(c, "false_next")));
        }
        for (JsonNode ac : Json.array(pl, "action_calls")) {
            String name = Json.str(ac, "name", "action call");
            ActionDef a = actionsById.get(Json.integer(ac, "action_id", "action call '" + name + "'"));
            if (a == null || a.paramWidths.length > 0) {
                throw new UnsupportedConstructException("bad action of action call '" + name + "'");
            }
            put(nodes, new ControlFlow.ActionCallNode(name, a, Json.nullableText(ac, "next_node")));
        }
    }

    private static void put(Map<String, ControlFlow.Node> nodes, ControlFlow.Node n) {
        if (nodes.put(n.name, n) != null) {
            throw new UnsupportedConstructException("duplicate control node name '" + n.name + "'");
        }
    }

    List<PhvLayout.HeaderDef> headers() {
        return layout.headers;
    }
}
