package org.p4vpn.emulator;

/** A resolved field: header instance index and field index ({@link #VALID} for $valid$). */
final class FieldRef {

    /** Field index of the hidden {@code $valid$} field. */
    static final int VALID = -1;

    final int header;
    final int field;
    final int width;
    final boolean signed;
    final String name;

    FieldRef(int header, int field, int width, boolean signed, String name) {
        this.header = header;
        this.field = field;
        this.width = width;
        this.signed = signed;
        this.name = name;
    }

    @Override
    public String toString() {
        return name;
    }
}
