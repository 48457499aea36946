package org.p4vpn.emulator;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One match field of a table entry, named as in the JSON key ({@code "name"}, which p4c takes
 * from {@code @name} and which equals the P4Info match field name). Values are big-endian byte
 * strings with P4Runtime rules: shorter strings are zero-extended, longer ones must have only
 * leading zero bits. As in P4Runtime, a don't-care LPM, ternary, range or optional field is
 * omitted from the entry rather than given with a zero mask or prefix.
 */
public final class FieldMatch {

    /** The P4Runtime match kinds. */
    public enum Kind { EXACT, LPM, TERNARY, RANGE, OPTIONAL }

    private final String field;
    private final Kind kind;
    private final byte[] value;
    private final byte[] second;
    private final int prefixLength;

    private FieldMatch(String field, Kind kind, byte[] value, byte[] second, int prefixLength) {
        this.field = Objects.requireNonNull(field, "field");
        this.kind = kind;
        this.value = Objects.requireNonNull(value, "value").clone();
        this.second = second == null ? null : second.clone();
        this.prefixLength = prefixLength;
    }

    /**
     * @param field match field name
     * @param value the value
     * @return an exact match (also used for "valid" match fields: non-zero means valid)
     */
    public static FieldMatch exact(String field, byte[] value) {
        return new FieldMatch(field, Kind.EXACT, value, null, 0);
    }

    /**
     * @param field        match field name
     * @param value        the value, zero past the prefix
     * @param prefixLength 1..bitwidth
     * @return an LPM match
     */
    public static FieldMatch lpm(String field, byte[] value, int prefixLength) {
        return new FieldMatch(field, Kind.LPM, value, null, prefixLength);
    }

    /**
     * @param field match field name
     * @param value the value, with {@code value & mask == value}
     * @param mask  a non-zero mask
     * @return a ternary match
     */
    public static FieldMatch ternary(String field, byte[] value, byte[] mask) {
        return new FieldMatch(field, Kind.TERNARY, value, Objects.requireNonNull(mask, "mask"), 0);
    }

    /**
     * @param field match field name
     * @param low   lower bound, inclusive
     * @param high  upper bound, inclusive
     * @return a range match
     */
    public static FieldMatch range(String field, byte[] low, byte[] high) {
        return new FieldMatch(field, Kind.RANGE, low, Objects.requireNonNull(high, "high"), 0);
    }

    /**
     * @param field match field name
     * @param value the value
     * @return an optional match (a ternary match with a full mask)
     */
    public static FieldMatch optional(String field, byte[] value) {
        return new FieldMatch(field, Kind.OPTIONAL, value, null, 0);
    }

    /**
     * @param field match field name
     * @param value non-negative value
     * @return an exact match
     */
    public static FieldMatch exact(String field, long value) {
        return exact(field, ActionCall.toBytes(BigInteger.valueOf(value)));
    }

    /**
     * @param field        match field name
     * @param value        non-negative value
     * @param prefixLength prefix length
     * @return an LPM match
     */
    public static FieldMatch lpm(String field, long value, int prefixLength) {
        return lpm(field, ActionCall.toBytes(BigInteger.valueOf(value)), prefixLength);
    }

    /**
     * @param field match field name
     * @param value non-negative value
     * @param mask  non-negative mask
     * @return a ternary match
     */
    public static FieldMatch ternary(String field, long value, long mask) {
        return ternary(field, ActionCall.toBytes(BigInteger.valueOf(value)), ActionCall.toBytes(BigInteger.valueOf(mask)));
    }

    /** @return the match field name */
    public String field() {
        return field;
    }

    /** @return the match kind */
    public Kind kind() {
        return kind;
    }

    /** @return the value (low bound for ranges) */
    public byte[] value() {
        return value.clone();
    }

    /** @return the mask of a ternary match, else null */
    public byte[] mask() {
        return kind == Kind.TERNARY ? second.clone() : null;
    }

    /** @return the high bound of a range match, else null */
    public byte[] high() {
        return kind == Kind.RANGE ? second.clone() : null;
    }

    /** @return the prefix length of an LPM match, else 0 */
    public int prefixLength() {
        return prefixLength;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FieldMatch)) {
            return false;
        }
        FieldMatch m = (FieldMatch) o;
        return field.equals(m.field) && kind == m.kind && prefixLength == m.prefixLength
                && new BigInteger(1, value).equals(new BigInteger(1, m.value))
                && (second == null ? m.second == null
                    : m.second != null && new BigInteger(1, second).equals(new BigInteger(1, m.second)));
    }

    @Override
    public int hashCode() {
        return Objects.hash(field, kind, prefixLength, new BigInteger(1, value));
    }

    @Override
    public String toString() {
        String v = "0x" + new BigInteger(1, value).toString(16);
        switch (kind) {
            case LPM: return field + "=" + v + "/" + prefixLength;
            case TERNARY: return field + "=" + v + "&&&0x" + new BigInteger(1, second).toString(16);
            case RANGE: return field + "=" + v + "..0x" + new BigInteger(1, second).toString(16);
            default: return field + "=" + v;
        }
    }

    byte[] rawValue() {
        return value;
    }

    byte[] rawSecond() {
        return second;
    }

    static FieldMatch internal(String field, Kind kind, byte[] value, byte[] second, int prefixLength) {
        return new FieldMatch(field, kind, value, second, prefixLength);
    }
}
