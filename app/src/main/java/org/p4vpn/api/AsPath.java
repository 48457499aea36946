package org.p4vpn.api;

import com.google.common.collect.ImmutableList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BGP AS_PATH (RFC 4271 section 5.1.2) with 4-octet AS numbers (RFC 6793): a list of AS_SEQUENCE
 * and AS_SET segments. Its length for best-path selection counts each AS of a sequence and each
 * set as one.
 */
public final class AsPath {

    /** The empty path of routes originated inside the AS. */
    public static final AsPath EMPTY = new AsPath(ImmutableList.of());

    /** A segment of an AS path. */
    public static final class Segment {
        private final boolean set;
        private final long[] asns;

        private Segment(boolean set, long[] asns) {
            this.set = set;
            this.asns = asns;
        }

        /**
         * Creates an AS_SEQUENCE segment.
         *
         * @param asns AS numbers in order
         * @return segment
         */
        public static Segment sequence(long... asns) {
            return new Segment(false, checked(asns));
        }

        /**
         * Creates an AS_SET segment.
         *
         * @param asns AS numbers
         * @return segment
         */
        public static Segment set(long... asns) {
            return new Segment(true, checked(asns));
        }

        private static long[] checked(long[] asns) {
            for (long as : asns) {
                if (as < 0 || as > 0xFFFFFFFFL) {
                    throw new InvalidInputException("asPath", as, "an AS number is 0 to 4294967295");
                }
            }
            return asns.clone();
        }

        /**
         * Tells whether this is an AS_SET.
         *
         * @return true for AS_SET, false for AS_SEQUENCE
         */
        public boolean isSet() {
            return set;
        }

        /**
         * Returns the AS numbers.
         *
         * @return copy of the AS numbers
         */
        public long[] asns() {
            return asns.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Segment && ((Segment) o).set == set && Arrays.equals(((Segment) o).asns, asns);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(asns) * 2 + (set ? 1 : 0);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(set ? "{" : "");
            for (int i = 0; i < asns.length; i++) {
                sb.append(i == 0 ? "" : set ? "," : " ").append(asns[i]);
            }
            return sb.append(set ? "}" : "").toString();
        }
    }

    private final ImmutableList<Segment> segments;

    private AsPath(ImmutableList<Segment> segments) {
        this.segments = segments;
    }

    /**
     * Creates a path of the given segments.
     *
     * @param segments segments
     * @return AS path
     */
    public static AsPath of(List<Segment> segments) {
        return segments.isEmpty() ? EMPTY : new AsPath(ImmutableList.copyOf(segments));
    }

    /**
     * Creates a path of one AS_SEQUENCE.
     *
     * @param asns AS numbers, nearest first
     * @return AS path
     */
    public static AsPath sequence(long... asns) {
        return asns.length == 0 ? EMPTY : of(List.of(Segment.sequence(asns)));
    }

    /**
     * Returns the segments.
     *
     * @return segments
     */
    public List<Segment> segments() {
        return segments;
    }

    /**
     * Returns the path length used by best-path selection.
     *
     * @return number of AS in sequences plus number of sets
     */
    public int length() {
        int n = 0;
        for (Segment s : segments) {
            n += s.set ? 1 : s.asns.length;
        }
        return n;
    }

    /**
     * Returns the AS the route was received from (first AS of a leading sequence), or 0 for a route
     * from inside the AS; MED is compared only between routes of the same neighbour AS.
     *
     * @return neighbour AS or 0
     */
    public long neighbourAs() {
        if (segments.isEmpty() || segments.get(0).set || segments.get(0).asns.length == 0) {
            return 0;
        }
        return segments.get(0).asns[0];
    }

    /**
     * Tells whether the path contains an AS (loop detection on eBGP sessions).
     *
     * @param as AS number
     * @return true if present
     */
    public boolean contains(long as) {
        for (Segment s : segments) {
            for (long a : s.asns) {
                if (a == as) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Returns this path with an AS prepended, as an eBGP speaker does on export.
     *
     * @param as AS number
     * @return new path
     */
    public AsPath prepend(long as) {
        List<Segment> out = new ArrayList<>(segments.size() + 1);
        if (!segments.isEmpty() && !segments.get(0).set) {
            long[] old = segments.get(0).asns;
            long[] asns = new long[old.length + 1];
            asns[0] = as;
            System.arraycopy(old, 0, asns, 1, old.length);
            out.add(new Segment(false, asns));
            out.addAll(segments.subList(1, segments.size()));
        } else {
            out.add(Segment.sequence(as));
            out.addAll(segments);
        }
        return of(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AsPath && ((AsPath) o).segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            sb.append(sb.length() == 0 ? "" : " ").append(s);
        }
        return sb.toString();
    }
}
