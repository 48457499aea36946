package org.p4vpn.api;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableSet;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A customer site's attachment circuit: a PE port (optionally one VLAN on it) bound to one VPN
 * instance, the PE interface address and prefix length, the CE address and the static routes the
 * CE reaches (RFC 4364 section 3). A CE belongs to one site. A site that must be in several VPNs
 * (seed 000, Figure 3) is bound to a VPN instance whose route targets are those of every VPN it is
 * in.
 */
public final class Site {

    /** Orders prefixes by address, then length, so that sets of static routes print stably. */
    public static final Comparator<Ip4Prefix> PREFIX_ORDER =
            Comparator.comparing((Ip4Prefix p) -> p.address().toInt() & 0xFFFFFFFFL)
                    .thenComparingInt(Ip4Prefix::prefixLength);

    private final String name;
    private final DeviceId device;
    private final PortNumber port;
    private final VlanId vlan;
    private final String vpn;
    private final Ip4Address peAddress;
    private final int prefixLength;
    private final Ip4Address ceAddress;
    private final MacAddress ceMac;
    private final ImmutableSet<Ip4Prefix> staticRoutes;
    private final String description;

    private Site(Builder b) {
        this.name = Names.check("name", b.name);
        this.device = Names.required("device", b.device);
        this.port = Names.required("port", b.port);
        this.vlan = b.vlan == null ? VlanId.NONE : b.vlan;
        this.vpn = Names.check("vpn", b.vpn);
        this.peAddress = Names.required("peInterface", b.peAddress);
        this.prefixLength = b.prefixLength;
        this.ceAddress = Names.required("ceAddress", b.ceAddress);
        this.ceMac = b.ceMac;
        this.staticRoutes = ImmutableSet.copyOf(b.staticRoutes.stream().sorted(PREFIX_ORDER).iterator());
        this.description = Names.description(b.description);
        validate();
    }

    private void validate() {
        if (port.isLogical() || port.toLong() <= 0) {
            throw new InvalidInputException("port", port, "a site attaches to a physical PE port (1 or more)");
        }
        if (!vlan.equals(VlanId.NONE) && (vlan.toShort() < 1 || vlan.toShort() > 4094)) {
            throw new InvalidInputException("vlan", vlan, "a VLAN id is 1 to 4094");
        }
        if (prefixLength < 1 || prefixLength > 31) {
            throw new InvalidInputException("prefixLength", prefixLength,
                    "the PE interface prefix length must be 1 to 31 (a /32 leaves no room for the CE)");
        }
        Ip4Prefix subnet = connectedPrefix();
        if (!subnet.contains(ceAddress)) {
            throw new InvalidInputException("ceAddress", ceAddress,
                    "the CE address must be in the PE interface subnet " + subnet);
        }
        if (ceAddress.equals(peAddress)) {
            throw new InvalidInputException("ceAddress", ceAddress, "the CE address equals the PE address");
        }
        if (prefixLength <= 30) {
            int mask = -1 << (32 - prefixLength);
            for (Ip4Address a : new Ip4Address[] {peAddress, ceAddress}) {
                int host = a.toInt() & ~mask;
                if (host == 0 || host == ~mask) {
                    throw new InvalidInputException(a == peAddress ? "peInterface" : "ceAddress", a,
                            a + " is the network or broadcast address of " + subnet);
                }
            }
        }
    }

    /**
     * Returns a builder.
     *
     * @return builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder initialised with this site's values.
     *
     * @return builder
     */
    public Builder toBuilder() {
        return builder().name(name).device(device).port(port).vlan(vlan).vpn(vpn).peAddress(peAddress)
                .prefixLength(prefixLength).ceAddress(ceAddress).ceMac(ceMac).staticRoutes(staticRoutes)
                .description(description);
    }

    /**
     * Returns the site name.
     *
     * @return name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the PE device.
     *
     * @return device id
     */
    public DeviceId device() {
        return device;
    }

    /**
     * Returns the PE port.
     *
     * @return port
     */
    public PortNumber port() {
        return port;
    }

    /**
     * Returns the PE device and port.
     *
     * @return connect point
     */
    public ConnectPoint connectPoint() {
        return new ConnectPoint(device, port);
    }

    /**
     * Returns the VLAN, {@link VlanId#NONE} when the port is untagged.
     *
     * @return VLAN
     */
    public VlanId vlan() {
        return vlan;
    }

    /**
     * Returns the name of the VPN instance the site is bound to.
     *
     * @return VPN instance name
     */
    public String vpn() {
        return vpn;
    }

    /**
     * Returns the PE interface address.
     *
     * @return address
     */
    public Ip4Address peAddress() {
        return peAddress;
    }

    /**
     * Returns the PE interface prefix length.
     *
     * @return prefix length
     */
    public int prefixLength() {
        return prefixLength;
    }

    /**
     * Returns the connected subnet between PE and CE.
     *
     * @return subnet
     */
    public Ip4Prefix connectedPrefix() {
        return Ip4Prefix.valueOf(peAddress, prefixLength);
    }

    /**
     * Returns the CE address, the next hop of the site's static routes.
     *
     * @return address
     */
    public Ip4Address ceAddress() {
        return ceAddress;
    }

    /**
     * Returns the CE MAC address if configured (otherwise it is learned by ARP).
     *
     * @return MAC
     */
    public Optional<MacAddress> ceMac() {
        return Optional.ofNullable(ceMac);
    }

    /**
     * Returns the static routes toward the CE.
     *
     * @return prefixes, ordered
     */
    public Set<Ip4Prefix> staticRoutes() {
        return staticRoutes;
    }

    /**
     * Returns the description.
     *
     * @return description, possibly empty
     */
    public String description() {
        return description;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Site)) {
            return false;
        }
        Site s = (Site) o;
        return name.equals(s.name) && device.equals(s.device) && port.equals(s.port) && vlan.equals(s.vlan)
                && vpn.equals(s.vpn) && peAddress.equals(s.peAddress) && prefixLength == s.prefixLength
                && ceAddress.equals(s.ceAddress) && Objects.equals(ceMac, s.ceMac)
                && staticRoutes.equals(s.staticRoutes) && description.equals(s.description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, device, port, vlan, vpn, peAddress, prefixLength, ceAddress, staticRoutes);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).omitNullValues().add("name", name).add("vpn", vpn)
                .add("pe", device + "/" + port + (vlan.equals(VlanId.NONE) ? "" : "." + vlan))
                .add("peAddress", peAddress + "/" + prefixLength).add("ce", ceAddress)
                .add("staticRoutes", staticRoutes).toString();
    }

    /** Builder of {@link Site}; {@link #build()} checks every field. */
    public static final class Builder {
        private String name;
        private DeviceId device;
        private PortNumber port;
        private VlanId vlan;
        private String vpn;
        private Ip4Address peAddress;
        private int prefixLength;
        private Ip4Address ceAddress;
        private MacAddress ceMac;
        private Collection<Ip4Prefix> staticRoutes = Set.of();
        private String description;

        private Builder() {
        }

        /**
         * Sets the name.
         *
         * @param name name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets the PE device.
         *
         * @param device device id
         * @return this builder
         */
        public Builder device(DeviceId device) {
            this.device = device;
            return this;
        }

        /**
         * Sets the PE port.
         *
         * @param port port
         * @return this builder
         */
        public Builder port(PortNumber port) {
            this.port = port;
            return this;
        }

        /**
         * Sets the VLAN (null or {@link VlanId#NONE} for untagged).
         *
         * @param vlan VLAN
         * @return this builder
         */
        public Builder vlan(VlanId vlan) {
            this.vlan = vlan;
            return this;
        }

        /**
         * Sets the VPN instance.
         *
         * @param vpn VPN instance name
         * @return this builder
         */
        public Builder vpn(String vpn) {
            this.vpn = vpn;
            return this;
        }

        /**
         * Sets the PE interface address.
         *
         * @param address address
         * @return this builder
         */
        public Builder peAddress(Ip4Address address) {
            this.peAddress = address;
            return this;
        }

        /**
         * Sets the PE interface prefix length.
         *
         * @param length 1 to 31
         * @return this builder
         */
        public Builder prefixLength(int length) {
            this.prefixLength = length;
            return this;
        }

        /**
         * Sets the PE interface from {@code address/length} text.
         *
         * @param cidr e.g. 10.1.1.1/24
         * @return this builder
         */
        public Builder peInterface(String cidr) {
            int slash = cidr == null ? -1 : cidr.indexOf('/');
            if (slash < 0) {
                throw new InvalidInputException("peInterface", cidr, "the PE interface is ADDRESS/LENGTH");
            }
            try {
                this.peAddress = Ip4Address.valueOf(cidr.substring(0, slash));
                this.prefixLength = Integer.parseInt(cidr.substring(slash + 1));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("peInterface", cidr, "the PE interface is ADDRESS/LENGTH, e.g."
                        + " 10.1.1.1/24");
            }
            return this;
        }

        /**
         * Sets the CE address.
         *
         * @param address address
         * @return this builder
         */
        public Builder ceAddress(Ip4Address address) {
            this.ceAddress = address;
            return this;
        }

        /**
         * Sets the CE MAC address.
         *
         * @param mac MAC, or null to learn it by ARP
         * @return this builder
         */
        public Builder ceMac(MacAddress mac) {
            this.ceMac = mac;
            return this;
        }

        /**
         * Sets the static routes toward the CE.
         *
         * @param routes prefixes
         * @return this builder
         */
        public Builder staticRoutes(Collection<Ip4Prefix> routes) {
            this.staticRoutes = Names.required("staticRoutes", routes);
            return this;
        }

        /**
         * Sets the description.
         *
         * @param description text
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * Builds the site.
         *
         * @return site
         * @throws InvalidInputException if a field is missing or invalid
         */
        public Site build() {
            return new Site(this);
        }
    }
}
