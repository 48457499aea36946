package org.p4vpn.api;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import com.google.common.collect.Interner;
import com.google.common.collect.Interners;
import org.onlab.packet.Ip4Address;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The BGP path attributes of a VPNv4 route that best-path selection and route reflection read:
 * ORIGIN, AS_PATH, MED, LOCAL_PREF, ORIGINATOR_ID, CLUSTER_LIST (RFC 4456) and the route targets
 * (RFC 4360). Immutable; routes that share attributes share one instance ({@link #intern()}), as
 * BGP implementations do, so that a million routes do not carry a million copies.
 */
public final class PathAttributes {

    /** LOCAL_PREF assumed when none is carried (RFC 4271 leaves it to configuration; 100 is usual). */
    public static final long DEFAULT_LOCAL_PREF = 100;

    private static final byte[] NONE = new byte[0];
    private static final Interner<PathAttributes> INTERNER = Interners.newWeakInterner();

    private final Origin origin;
    private final AsPath asPath;
    private final Long med;
    private final long localPref;
    private final Ip4Address originatorId;
    private final ImmutableList<Ip4Address> clusterList;
    private final ImmutableSortedSet<RouteTarget> routeTargets;
    /** Other attributes passed on unchanged, in wire form (see {@link #otherAttributes()}). */
    private final byte[] other;
    private final int hash;

    private PathAttributes(Origin origin, AsPath asPath, Long med, long localPref, Ip4Address originatorId,
                           ImmutableList<Ip4Address> clusterList, ImmutableSortedSet<RouteTarget> routeTargets) {
        this(origin, asPath, med, localPref, originatorId, clusterList, routeTargets, NONE);
    }

    private PathAttributes(Origin origin, AsPath asPath, Long med, long localPref, Ip4Address originatorId,
                           ImmutableList<Ip4Address> clusterList, ImmutableSortedSet<RouteTarget> routeTargets,
                           byte[] other) {
        this.origin = Names.required("origin", origin);
        this.asPath = Names.required("asPath", asPath);
        if (med != null && (med < 0 || med > 0xFFFFFFFFL)) {
            throw new InvalidInputException("med", med, "MED is 0 to 4294967295");
        }
        if (localPref < 0 || localPref > 0xFFFFFFFFL) {
            throw new InvalidInputException("localPref", localPref, "LOCAL_PREF is 0 to 4294967295");
        }
        this.med = med;
        this.localPref = localPref;
        this.originatorId = originatorId;
        this.clusterList = clusterList;
        this.routeTargets = routeTargets;
        this.other = other;
        this.hash = Objects.hash(origin, asPath, med, localPref, originatorId, clusterList, routeTargets)
                * 31 + Arrays.hashCode(other);
    }

    /**
     * Returns the attributes of a route originated in this AS with the given route targets:
     * ORIGIN INCOMPLETE (redistributed from a VRF), empty AS_PATH, LOCAL_PREF 100, no MED.
     *
     * @param routeTargets export route targets
     * @return interned attributes
     */
    public static PathAttributes local(Collection<RouteTarget> routeTargets) {
        return new PathAttributes(Origin.INCOMPLETE, AsPath.EMPTY, null, DEFAULT_LOCAL_PREF, null,
                                  ImmutableList.of(), ImmutableSortedSet.copyOf(routeTargets)).intern();
    }

    /**
     * Creates attributes.
     *
     * @param origin       ORIGIN
     * @param asPath       AS_PATH
     * @param med          MED, or null when absent
     * @param localPref    LOCAL_PREF
     * @param originatorId ORIGINATOR_ID, or null when absent
     * @param clusterList  CLUSTER_LIST, nearest cluster first
     * @param routeTargets route targets
     * @return interned attributes
     */
    public static PathAttributes of(Origin origin, AsPath asPath, Long med, long localPref,
                                    Ip4Address originatorId, List<Ip4Address> clusterList,
                                    Collection<RouteTarget> routeTargets) {
        return new PathAttributes(origin, asPath, med, localPref, originatorId,
                                  ImmutableList.copyOf(clusterList), ImmutableSortedSet.copyOf(routeTargets))
                .intern();
    }

    /**
     * Returns the shared instance equal to this one.
     *
     * @return interned attributes
     */
    public PathAttributes intern() {
        return INTERNER.intern(this);
    }

    /**
     * Returns ORIGIN.
     *
     * @return origin
     */
    public Origin origin() {
        return origin;
    }

    /**
     * Returns AS_PATH.
     *
     * @return AS path
     */
    public AsPath asPath() {
        return asPath;
    }

    /**
     * Returns MED if present.
     *
     * @return MED
     */
    public OptionalLong med() {
        return med == null ? OptionalLong.empty() : OptionalLong.of(med);
    }

    /**
     * Returns LOCAL_PREF.
     *
     * @return local preference
     */
    public long localPref() {
        return localPref;
    }

    /**
     * Returns ORIGINATOR_ID if present.
     *
     * @return originator id
     */
    public Optional<Ip4Address> originatorId() {
        return Optional.ofNullable(originatorId);
    }

    /**
     * Returns CLUSTER_LIST, the most recent cluster first.
     *
     * @return cluster ids
     */
    public List<Ip4Address> clusterList() {
        return clusterList;
    }

    /**
     * Returns the route targets.
     *
     * @return sorted route targets
     */
    public Set<RouteTarget> routeTargets() {
        return routeTargets;
    }

    /**
     * Returns these attributes with another LOCAL_PREF.
     *
     * @param value LOCAL_PREF
     * @return attributes
     */
    public PathAttributes withLocalPref(long value) {
        return new PathAttributes(origin, asPath, med, value, originatorId, clusterList, routeTargets, other)
                .intern();
    }

    /**
     * Returns these attributes with another MED.
     *
     * @param value MED or null
     * @return attributes
     */
    public PathAttributes withMed(Long value) {
        return new PathAttributes(origin, asPath, value, localPref, originatorId, clusterList, routeTargets,
                                  other).intern();
    }

    /**
     * Returns these attributes with other route targets.
     *
     * @param targets route targets
     * @return attributes
     */
    public PathAttributes withRouteTargets(Collection<RouteTarget> targets) {
        return new PathAttributes(origin, asPath, med, localPref, originatorId, clusterList,
                                  ImmutableSortedSet.copyOf(targets), other).intern();
    }

    /**
     * Returns these attributes with another AS_PATH.
     *
     * @param path AS path
     * @return attributes
     */
    public PathAttributes withAsPath(AsPath path) {
        return new PathAttributes(origin, path, med, localPref, originatorId, clusterList, routeTargets, other)
                .intern();
    }

    /**
     * Returns these attributes as a route reflector sends them on (RFC 4456 section 8):
     * ORIGINATOR_ID set to {@code originator} unless already present, the local cluster id
     * prepended to CLUSTER_LIST.
     *
     * @param originator router id of the peer the route came from
     * @param clusterId  the reflector's cluster id
     * @return attributes
     */
    public PathAttributes reflected(Ip4Address originator, Ip4Address clusterId) {
        ImmutableList<Ip4Address> list = ImmutableList.<Ip4Address>builder().add(clusterId)
                .addAll(clusterList).build();
        return new PathAttributes(origin, asPath, med, localPref, originatorId != null ? originatorId : originator,
                                  list, routeTargets, other).intern();
    }

    /**
     * Returns these attributes as sent to an eBGP peer: own AS prepended, the iBGP-only
     * LOCAL_PREF, ORIGINATOR_ID and CLUSTER_LIST removed (RFC 4271 5.1.5, RFC 4456 section 8).
     *
     * @param localAs own AS
     * @return attributes
     */
    public PathAttributes toExternal(long localAs) {
        return new PathAttributes(origin, asPath.prepend(localAs), med, DEFAULT_LOCAL_PREF, null,
                                  ImmutableList.of(), routeTargets, other).intern();
    }

    /**
     * Returns these attributes carrying other attributes through unchanged: COMMUNITIES, extended
     * communities that are not route targets, and optional transitive attributes this speaker does
     * not interpret (RFC 4271 section 5: passed on with the Partial bit set), in wire form
     * (flags, type, length, value; one after another). A reflector must pass them on, and the
     * route engine has no use for them.
     *
     * @param wire the attributes in wire form, empty for none
     * @return attributes
     */
    public PathAttributes withOtherAttributes(byte[] wire) {
        return new PathAttributes(origin, asPath, med, localPref, originatorId, clusterList, routeTargets,
                                  wire.length == 0 ? NONE : wire.clone()).intern();
    }

    /**
     * Returns the other attributes carried through (see {@link #withOtherAttributes}).
     *
     * @return a copy of their wire form, empty if none
     */
    public byte[] otherAttributes() {
        return other.length == 0 ? NONE : other.clone();
    }

    /**
     * Returns the length of the other attributes' wire form.
     *
     * @return bytes
     */
    public int otherAttributesLength() {
        return other.length;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PathAttributes)) {
            return false;
        }
        PathAttributes a = (PathAttributes) o;
        return hash == a.hash && origin == a.origin && localPref == a.localPref && Objects.equals(med, a.med)
                && asPath.equals(a.asPath) && Objects.equals(originatorId, a.originatorId)
                && clusterList.equals(a.clusterList) && routeTargets.equals(a.routeTargets)
                && Arrays.equals(other, a.other);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).omitNullValues().add("origin", origin).add("asPath", asPath)
                .add("med", med).add("localPref", localPref).add("originatorId", originatorId)
                .add("clusterList", clusterList.isEmpty() ? null : clusterList).add("rt", routeTargets)
                .add("other", other.length == 0 ? null : other.length + " bytes").toString();
    }
}
