package org.p4vpn.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Expression operators and assignment wrap-around on odd widths, signed and 128-bit fields:
 * hand-written primitives run as t_exact's default action in minimal.json, whose header h
 * (a: 4 bits, b: 12 bits, c: 8 bits) is emitted.
 */
class ExpressionTest {

    static String f(String h, String field) {
        return "{\"type\":\"field\",\"value\":[\"" + h + "\",\"" + field + "\"]}";
    }

    static String hex(String v) {
        return "{\"type\":\"hexstr\",\"value\":\"" + v + "\"}";
    }

    static String op(String op, String left, String right) {
        return "{\"type\":\"expression\",\"value\":{\"op\":\"" + op + "\",\"left\":" + left + ",\"right\":" + right + "}}";
    }

    static String assign(String dst, String src) {
        return "{\"op\":\"assign\",\"parameters\":[" + dst + "," + src + "]}";
    }

    /** Runs the primitives on a frame with h = (a, b, c) and returns the emitted (a, b, c). */
    static int[] run(int a, int b, int c, String... primitives) {
        ObjectNode root = LoadValidationTest.minimal();
        ObjectNode action = ((ArrayNode) root.get("actions")).addObject();
        action.put("name", "math").put("id", 9).putArray("runtime_data");
        ArrayNode prims = action.putArray("primitives");
        prims.add(LoadValidationTest.json(assign(f("standard_metadata", "egress_spec"), hex("0x2"))));
        for (String p : primitives) {
            prims.add(LoadValidationTest.json(p));
        }
        ObjectNode t = (ObjectNode) root.get("pipelines").get(0).get("tables").get(0);
        ((ArrayNode) t.get("action_ids")).add(9);
        ((ArrayNode) t.get("actions")).add("math");
        ((ObjectNode) t.get("next_tables")).put("math", (String) null);
        ((ObjectNode) t.get("default_entry")).put("action_id", 9).putArray("action_data");
        EmulatedSwitch sw = new EmulatedSwitch(P4Program.load(root));
        byte[] out = sw.process(1, TableSemanticsTest.frame(1, 0x0a01, a, b, c)).get(0).bytes();
        int v = ((out[14] & 0xff) << 16) | ((out[15] & 0xff) << 8) | (out[16] & 0xff);
        return new int[] {v >>> 20, (v >>> 8) & 0xfff, v & 0xff};
    }

    @Test
    void assignmentTruncatesToOddWidths() {
        assertArrayEquals(new int[] {3, 0xf0f, 0xf5}, run(10, 0x0f0, 5,
                assign(f("h", "a"), op("+", f("h", "a"), hex("0x9"))),
                assign(f("h", "b"), op("~", "null", f("h", "b"))),
                assign(f("h", "c"), op("-", f("h", "c"), hex("0x10")))));
        assertArrayEquals(new int[] {0, 0x0f0, 0}, run(8, 0xf0f, 1,
                assign(f("h", "a"), op("<<", f("h", "a"), hex("0x1"))),
                assign(f("h", "b"), op(">>", op("<<", f("h", "b"), hex("0x4")), hex("0x8"))),
                assign(f("h", "c"), op("<<", f("h", "c"), hex("0x9")))));
        assertArrayEquals(new int[] {0xf, 0xfff, 0xff}, run(0, 0, 0,
                assign(f("h", "a"), op("-", "null", hex("0x1"))),
                assign(f("h", "b"), hex("-0x1")),
                assign(f("h", "c"), op("*", hex("0xff"), hex("0xff01")))));
    }

    @Test
    void twoCompModAndSaturatingCasts() {
        assertArrayEquals(new int[] {1, 127, 0xff}, run(0, 0, 0,
                assign(f("h", "a"), op("two_comp_mod", hex("0x101"), hex("0x8"))),
                assign(f("h", "b"), op("two_comp_mod", hex("-0x81"), hex("0x8"))),
                assign(f("h", "c"), op("usat_cast", hex("0x1ff"), hex("0x8")))));
        assertArrayEquals(new int[] {0, 0xf80, 0x7f}, run(5, 0, 0,
                assign(f("h", "a"), op("usat_cast", hex("-0x5"), hex("0x4"))),
                assign(f("h", "b"), op("sat_cast", hex("-0x200"), hex("0x8"))),
                assign(f("h", "c"), op("sat_cast", hex("0x200"), hex("0x8")))));
    }

    @Test
    void signedFieldsCompareSignedAndWrap() {
        String s5 = f("scalars", "s5");
        String cond = "{\"type\":\"expression\",\"value\":{\"op\":\"?\",\"left\":" + hex("0x1") + ",\"right\":"
                + hex("0x2") + ",\"cond\":" + op("<", s5, hex("0x0")) + "}}";
        assertArrayEquals(new int[] {0, 0xffd, 1}, run(0, 0, 0,
                assign(s5, hex("0x1f")),
                assign(f("h", "c"), cond),
                assign(s5, op("*", s5, hex("0x3"))),
                assign(f("h", "b"), s5)));
        assertArrayEquals(new int[] {0, 0xfef, 2}, run(0, 0, 0,
                assign(s5, hex("0x10")),
                assign(s5, op("+", s5, hex("0xf"))),
                assign(f("h", "c"), cond.replace("\"op\":\"<\"", "\"op\":\">=\"")),
                assign(f("h", "b"), op("-", s5, hex("0x10")))));
    }

    @Test
    void wide128BitFieldWrapsAndBooleansConvert() {
        String w = f("scalars", "w128");
        String allOnes = hex("0xffffffffffffffffffffffffffffffff");
        assertArrayEquals(new int[] {1, 0xfff, 0}, run(0, 0, 9,
                assign(w, allOnes),
                assign(f("h", "a"), op("b2d", "null", op("==", w, allOnes))),
                assign(f("h", "b"), op(">>", w, hex("0x74"))),
                assign(w, op("+", w, hex("0x1"))),
                assign(f("h", "c"), op("b2d", "null", op("d2b", "null", w)))));
        assertArrayEquals(new int[] {0, 0, 0x80}, run(0, 0, 0,
                assign(w, op("<<", hex("0x1"), hex("0x7f"))),
                assign(f("h", "c"), op(">>", w, hex("0x78")))));
    }

    @Test
    void divisionByZeroAbortsAsBmv2() {
        assertThrows(PipelineAbortException.class, () -> run(0, 0, 0,
                assign(f("h", "c"), op("/", hex("0x4"), f("h", "a")))));
        assertEquals(2, run(0, 0, 0, assign(f("h", "c"), op("%", hex("0x7"), hex("0x5"))))[2]);
    }
}
