package org.p4vpn.api;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableSortedSet;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A VPN instance (a VRF definition, RFC 4364 section 3): its name, route distinguisher, import and
 * export route targets (several of each, independent of one another), VPN label mode, optional
 * RFC 2685 VPN id and a description. It is instantiated as a VRF on every PE where one of its sites
 * attaches.
 */
public final class VpnInstance {

    private final String name;
    private final RouteDistinguisher routeDistinguisher;
    private final ImmutableSortedSet<RouteTarget> importTargets;
    private final ImmutableSortedSet<RouteTarget> exportTargets;
    private final LabelMode labelMode;
    private final VpnId vpnId;
    private final String description;
    private final TransportPolicy transport;

    private VpnInstance(Builder b) {
        this.name = Names.check("name", b.name);
        this.routeDistinguisher = Names.required("routeDistinguisher", b.routeDistinguisher);
        this.importTargets = ImmutableSortedSet.copyOf(b.importTargets);
        this.exportTargets = ImmutableSortedSet.copyOf(b.exportTargets);
        this.labelMode = b.labelMode == null ? LabelMode.PER_VRF : b.labelMode;
        this.vpnId = b.vpnId;
        this.description = Names.description(b.description);
        this.transport = b.transport == null ? TransportPolicy.SHARED : b.transport;
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
     * Returns a builder initialised with this instance's values.
     *
     * @return builder
     */
    public Builder toBuilder() {
        return builder().name(name).routeDistinguisher(routeDistinguisher).importTargets(importTargets)
                .exportTargets(exportTargets).labelMode(labelMode).vpnId(vpnId).description(description)
                .transport(transport);
    }

    /**
     * Returns the name.
     *
     * @return name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the route distinguisher.
     *
     * @return RD
     */
    public RouteDistinguisher routeDistinguisher() {
        return routeDistinguisher;
    }

    /**
     * Returns the import route targets.
     *
     * @return sorted, immutable set
     */
    public Set<RouteTarget> importTargets() {
        return importTargets;
    }

    /**
     * Returns the export route targets.
     *
     * @return sorted, immutable set
     */
    public Set<RouteTarget> exportTargets() {
        return exportTargets;
    }

    /**
     * Returns the label mode.
     *
     * @return label mode
     */
    public LabelMode labelMode() {
        return labelMode;
    }

    /**
     * Returns the RFC 2685 VPN id if one is set.
     *
     * @return VPN id
     */
    public Optional<VpnId> vpnId() {
        return Optional.ofNullable(vpnId);
    }

    /**
     * Returns the description.
     *
     * @return description, possibly empty
     */
    public String description() {
        return description;
    }

    /**
     * Returns how the VPN's traffic crosses the core (private LSPs, QoS class).
     *
     * @return transport policy
     */
    public TransportPolicy transport() {
        return transport;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VpnInstance)) {
            return false;
        }
        VpnInstance that = (VpnInstance) o;
        return name.equals(that.name) && routeDistinguisher.equals(that.routeDistinguisher)
                && importTargets.equals(that.importTargets) && exportTargets.equals(that.exportTargets)
                && labelMode == that.labelMode && Objects.equals(vpnId, that.vpnId)
                && description.equals(that.description) && transport.equals(that.transport);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, routeDistinguisher, importTargets, exportTargets, labelMode, vpnId, transport);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).omitNullValues().add("name", name)
                .add("rd", routeDistinguisher).add("import", importTargets).add("export", exportTargets)
                .add("labelMode", labelMode).add("vpnId", vpnId)
                .add("transport", transport).toString();
    }

    /** Builder of {@link VpnInstance}; {@link #build()} checks every field. */
    public static final class Builder {
        private String name;
        private RouteDistinguisher routeDistinguisher;
        private Collection<RouteTarget> importTargets = Set.of();
        private Collection<RouteTarget> exportTargets = Set.of();
        private LabelMode labelMode;
        private VpnId vpnId;
        private String description;
        private TransportPolicy transport;

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
         * Sets the route distinguisher.
         *
         * @param rd route distinguisher
         * @return this builder
         */
        public Builder routeDistinguisher(RouteDistinguisher rd) {
            this.routeDistinguisher = rd;
            return this;
        }

        /**
         * Sets the import route targets.
         *
         * @param targets targets
         * @return this builder
         */
        public Builder importTargets(Collection<RouteTarget> targets) {
            this.importTargets = Names.required("importTargets", targets);
            return this;
        }

        /**
         * Sets the export route targets.
         *
         * @param targets targets
         * @return this builder
         */
        public Builder exportTargets(Collection<RouteTarget> targets) {
            this.exportTargets = Names.required("exportTargets", targets);
            return this;
        }

        /**
         * Sets the same targets for import and export, the usual full-mesh VPN.
         *
         * @param targets targets
         * @return this builder
         */
        public Builder routeTargets(Collection<RouteTarget> targets) {
            return importTargets(targets).exportTargets(targets);
        }

        /**
         * Sets the label mode (default per VRF).
         *
         * @param mode mode
         * @return this builder
         */
        public Builder labelMode(LabelMode mode) {
            this.labelMode = mode;
            return this;
        }

        /**
         * Sets the VPN id.
         *
         * @param id VPN id, or null
         * @return this builder
         */
        public Builder vpnId(VpnId id) {
            this.vpnId = id;
            return this;
        }

        /**
         * Sets the transport policy (default: shared best-effort LSPs).
         *
         * @param policy policy
         * @return this builder
         */
        public Builder transport(TransportPolicy policy) {
            this.transport = policy;
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
         * Builds the instance.
         *
         * @return VPN instance
         * @throws InvalidInputException if a field is missing or invalid
         */
        public VpnInstance build() {
            return new VpnInstance(this);
        }
    }
}
