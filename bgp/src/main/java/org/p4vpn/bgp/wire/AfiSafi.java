package org.p4vpn.bgp.wire;

import java.util.Objects;

/** An address family: AFI and SAFI (RFC 4760). */
public final class AfiSafi {

    /** IPv4 unicast (1/1). */
    public static final AfiSafi IPV4_UNICAST = new AfiSafi(Bgp.AFI_IPV4, Bgp.SAFI_UNICAST);
    /** VPN-IPv4 (1/128). */
    public static final AfiSafi VPNV4 = new AfiSafi(Bgp.AFI_IPV4, Bgp.SAFI_VPN);

    private final int afi;
    private final int safi;

    private AfiSafi(int afi, int safi) {
        this.afi = afi;
        this.safi = safi;
    }

    /**
     * Returns the address family with these numbers.
     *
     * @param afi  AFI, 0..65535
     * @param safi SAFI, 0..255
     * @return address family
     */
    public static AfiSafi of(int afi, int safi) {
        if (afi == Bgp.AFI_IPV4 && safi == Bgp.SAFI_VPN) {
            return VPNV4;
        }
        if (afi == Bgp.AFI_IPV4 && safi == Bgp.SAFI_UNICAST) {
            return IPV4_UNICAST;
        }
        return new AfiSafi(afi & 0xFFFF, safi & 0xFF);
    }

    /**
     * Returns the AFI.
     *
     * @return AFI
     */
    public int afi() {
        return afi;
    }

    /**
     * Returns the SAFI.
     *
     * @return SAFI
     */
    public int safi() {
        return safi;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AfiSafi && ((AfiSafi) o).afi == afi && ((AfiSafi) o).safi == safi;
    }

    @Override
    public int hashCode() {
        return Objects.hash(afi, safi);
    }

    @Override
    public String toString() {
        if (equals(VPNV4)) {
            return "vpnv4";
        }
        return equals(IPV4_UNICAST) ? "ipv4-unicast" : afi + "/" + safi;
    }
}
