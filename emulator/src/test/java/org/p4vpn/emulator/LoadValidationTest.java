package org.p4vpn.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Unknown or unsupported JSON constructs fail at load time, naming the construct. */
class LoadValidationTest {

    static ObjectNode minimal() {
        return (ObjectNode) Programs.json("minimal.json");
    }

    static String failure(Consumer<ObjectNode> mutation) {
        ObjectNode root = minimal();
        mutation.accept(root);
        return assertThrows(UnsupportedConstructException.class, () -> P4Program.load(root)).getMessage();
    }

    static ObjectNode action(ObjectNode root, int i) {
        return (ObjectNode) root.get("actions").get(i);
    }

    static ObjectNode prim(String op, String params) {
        try {
            ObjectNode p = (ObjectNode) Programs.MAPPER.readTree("{\"op\":\"" + op + "\",\"parameters\":" + params + "}");
            return p;
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void theMinimalProgramAndTheRealPipelineLoad() {
        P4Program p = P4Program.load(minimal());
        assertTrue(p.tableNames().contains("t_lpm"));
        P4Program real = Programs.real();
        assertTrue(real.tableNames().contains("IngressPipeImpl.vrf_fib.vrf_fib"));
        assertTrue(real.actionProfileNames().contains("IngressPipeImpl.next.ecmp_selector"));
        assertEquals("IngressPipeImpl.vrf_fib.vrf_fib",
                real.directCounterTables().get("IngressPipeImpl.vrf_fib.vrf_fib_counter"));
    }

    @Test
    void unknownPrimitiveIsNamedWithItsAction() {
        String m = failure(r -> ((ArrayNode) action(r, 2).get("primitives")).add(prim("modify_field_rng_uniform",
                "[{\"type\":\"field\",\"value\":[\"h\",\"a\"]},{\"type\":\"hexstr\",\"value\":\"0x0\"},{\"type\":\"hexstr\",\"value\":\"0x7\"}]")));
        assertEquals("unsupported primitive 'modify_field_rng_uniform' in action fwd", m);
        assertTrue(failure(r -> ((ArrayNode) action(r, 1).get("primitives")).add(prim("clone_ingress_pkt_to_egress",
                "[{\"type\":\"hexstr\",\"value\":\"0x1\"},{\"type\":\"hexstr\",\"value\":\"0x0\"}]")))
                .contains("'clone_ingress_pkt_to_egress' in action drop"));
    }

    @Test
    void unknownExpressionOperatorIsNamed() {
        String m = failure(r -> ((ObjectNode) r.get("pipelines").get(0).get("conditionals").get(0).get("expression")
                .get("value")).put("op", "frobnicate"));
        assertEquals("unsupported expression op 'frobnicate' in conditional 'node_1'", m);
    }

    @Test
    void unsupportedSectionsHashesAndFieldsAreNamed() {
        assertTrue(failure(r -> ((ArrayNode) r.get("register_arrays")).addObject().put("name", "reg"))
                .contains("'register_arrays'"));
        assertTrue(failure(r -> ((ArrayNode) r.get("header_unions")).addObject().put("name", "u"))
                .contains("'header_unions'"));
        assertTrue(failure(r -> ((ArrayNode) r.get("calculations")).add(json("{\"name\":\"c\",\"id\":0,\"algo\":\"random\",\"input\":[]}")))
                .contains("unsupported hash algorithm 'random'"));
        assertTrue(failure(r -> ((ArrayNode) action(r, 2).get("primitives").get(0).get("parameters")).set(0,
                json("{\"type\":\"field\",\"value\":[\"h\",\"nope\"]}"))).contains("unknown field 'h.nope' in"));
        assertTrue(failure(r -> ((ObjectNode) r.get("pipelines").get(0).get("tables").get(0)).put("type", "weird"))
                .contains("unsupported table type 'weird'"));
        assertTrue(failure(r -> ((ArrayNode) r.get("header_types").get(3).get("fields")).add(json("[\"v\", \"*\"]")))
                .contains("variable-length field 'v'"));
        assertTrue(failure(r -> ((ObjectNode) r.get("parsers").get(0).get("parse_states").get(0).get("parser_ops").get(0))
                .put("op", "extract_VL")).contains("unsupported parser op 'extract_VL'"));
        assertTrue(failure(r -> ((ObjectNode) r.get("pipelines").get(0).get("tables").get(0).get("next_tables"))
                .put("fwd", "nowhere")).contains("unknown next node 'nowhere'"));
    }

    static JsonNode json(String s) {
        try {
            return Programs.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
