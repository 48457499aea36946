package org.p4vpn.api;

/**
 * Globally unique VPN identifier of RFC 2685, used by RFC 2917 (section 6) to name a VPN across
 * providers: a 3-octet OUI and a 4-octet index, written in hex as {@code OUI:INDEX}
 * ({@code 00a0c9:00000001}).
 */
public final class VpnId {

    private static final String FIELD = "vpnId";

    private final int oui;
    private final long index;

    private VpnId(int oui, long index) {
        this.oui = oui;
        this.index = index;
    }

    /**
     * Creates a VPN id.
     *
     * @param oui   organizationally unique identifier, 24 bits
     * @param index VPN index, 32 bits
     * @return VPN id
     * @throws InvalidInputException if a part is out of range
     */
    public static VpnId of(int oui, long index) {
        if (oui < 0 || oui > 0xFFFFFF) {
            throw new InvalidInputException(FIELD, oui, "the OUI of a VPN id is 3 octets (0..ffffff)");
        }
        if (index < 0 || index > 0xFFFFFFFFL) {
            throw new InvalidInputException(FIELD, index, "the index of a VPN id is 4 octets (0..ffffffff)");
        }
        return new VpnId(oui, index);
    }

    /**
     * Parses {@code OUI:INDEX} in hex.
     *
     * @param text text form
     * @return VPN id
     * @throws InvalidInputException if malformed
     */
    public static VpnId of(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split(":", -1);
        if (parts.length != 2 || !isHex(parts[0], 6) || !isHex(parts[1], 8)) {
            throw new InvalidInputException(FIELD, text,
                    "a VPN id (RFC 2685) is OUI:INDEX in hex, e.g. 00a0c9:00000001");
        }
        return of(Integer.parseInt(parts[0], 16), Long.parseLong(parts[1], 16));
    }

    private static boolean isHex(String s, int maxDigits) {
        return !s.isEmpty() && s.length() <= maxDigits
                && s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /**
     * Returns the OUI.
     *
     * @return 24-bit OUI
     */
    public int oui() {
        return oui;
    }

    /**
     * Returns the VPN index.
     *
     * @return 32-bit index
     */
    public long index() {
        return index;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VpnId && ((VpnId) o).oui == oui && ((VpnId) o).index == index;
    }

    @Override
    public int hashCode() {
        return 31 * oui + Long.hashCode(index);
    }

    @Override
    public String toString() {
        return String.format("%06x:%08x", oui, index);
    }
}
