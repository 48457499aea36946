package org.p4vpn.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A hash over a list of inputs, as BMv2's BufBuilder + calculation: fields are packed bit by
 * bit (no byte padding) in order, fields of invalid headers are skipped, constants take their
 * declared bit width, whole headers are appended when valid, and "payload" appends the
 * unparsed rest of the packet. Used for checksums, selectors and hash().
 */
final class Calculation {

    private interface Input {
        /** Appends to the bit buffer; returns the new bit length. */
        long append(PacketState s, BitBuffer buf);
    }

    /** Growable big-endian bit buffer. */
    static final class BitBuffer {
        byte[] bytes = new byte[64];
        long nbits;

        void append(BitValue v, int width) {
            ensure(nbits + width);
            Bits.write(bytes, nbits, width, v);
            nbits += width;
        }

        void appendBytes(byte[] src, int off, int len) {
            ensure(nbits + len * 8L);
            if ((nbits & 7) == 0) {
                System.arraycopy(src, off, bytes, (int) (nbits >>> 3), len);
                nbits += len * 8L;
            } else {
                for (int i = 0; i < len; i++) {
                    append(BitValue.of(src[off + i] & 0xff), 8);
                }
            }
        }

        private void ensure(long bits) {
            int need = (int) ((bits + 7) >>> 3);
            if (need > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(need, bytes.length * 2));
            }
        }

        int length() {
            return (int) ((nbits + 7) >>> 3);
        }
    }

    final String name;
    private final HashAlgorithm algorithm;
    private final List<Input> inputs = new ArrayList<>();

    Calculation(String name, String algo, List<JsonNode> jsonInputs, PhvLayout layout, String where) {
        this.name = name;
        this.algorithm = HashAlgorithm.byName(algo, where);
        for (JsonNode in : jsonInputs) {
            String type = Json.str(in, "type", where);
            JsonNode value = in.get("value");
            switch (type) {
                case "field": {
                    FieldRef f = layout.field(value.get(0).asText(), value.get(1).asText(), where);
                    inputs.add((s, buf) -> {
                        if (s.valid[f.header]) {
                            buf.append(s.get(f), f.width);
                        }
                        return buf.nbits;
                    });
                    break;
                }
                case "hexstr": {
                    BitValue v = ExprCompiler.hex(value.asText(), where);
                    int width = Json.integer(in, "bitwidth", "hexstr input of " + where);
                    inputs.add((s, buf) -> {
                        buf.append(v, width);
                        return buf.nbits;
                    });
                    break;
                }
                case "header": {
                    int h = layout.header(value.asText(), where).index;
                    int nbits = layout.headers.get(h).type.nbits;
                    inputs.add((s, buf) -> {
                        if (s.valid[h]) {
                            byte[] tmp = new byte[Bits.bytesFor(nbits)];
                            s.deparse(h, tmp, 0);
                            buf.appendBytes(tmp, 0, tmp.length);
                        }
                        return buf.nbits;
                    });
                    break;
                }
                case "payload":
                    inputs.add((s, buf) -> {
                        buf.appendBytes(s.frame, s.payloadOffset, s.payloadLength());
                        return buf.nbits;
                    });
                    break;
                default:
                    throw new UnsupportedConstructException("unsupported calculation input type '" + type + "' in " + where);
            }
        }
    }

    /** Builds the input buffer for {@code s} (exposed for tests). */
    BitBuffer buffer(PacketState s) {
        BitBuffer buf = new BitBuffer();
        for (Input in : inputs) {
            in.append(s, buf);
        }
        return buf;
    }

    /** The hash as an unsigned 64-bit quantity (BMv2's uint64_t output). */
    long output(PacketState s) {
        BitBuffer buf = buffer(s);
        return algorithm.compute(buf.bytes, buf.length());
    }
}
