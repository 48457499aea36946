package org.p4vpn.runtime;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a scenario's expectations with real packets: for every pair it declares reachable or
 * isolated, the first CE pings the second (ARP for the gateway answered by the controller) and the
 * outcome is compared with the expectation. Prints a table.
 */
public final class Verification {

    /** One checked pair. */
    public static final class Row {
        public final String from;
        public final String to;
        public final boolean expectReachable;
        public final boolean reached;
        public final long millis;

        Row(String from, String to, boolean expectReachable, boolean reached, long millis) {
            this.from = from;
            this.to = to;
            this.expectReachable = expectReachable;
            this.reached = reached;
            this.millis = millis;
        }

        /**
         * Tells whether the outcome was the expected one.
         *
         * @return true if it passed
         */
        public boolean passed() {
            return expectReachable == reached;
        }
    }

    private Verification() {
    }

    /**
     * Runs the checks (both directions of every pair).
     *
     * @param checks the scenario's "checks" ({"reachable": [[a, b]...], "isolated": [[a, b]...]})
     * @param net    the data plane with the hosts
     * @return the rows
     */
    public static List<Row> run(JsonNode checks, DataPlane net) {
        List<Row> rows = new ArrayList<>();
        if (checks == null) {
            return rows;
        }
        for (String kind : new String[] {"reachable", "isolated"}) {
            for (String[] pair : pairs(checks, kind)) {
                rows.add(ping(net, pair[0], pair[1], kind.equals("reachable")));
                rows.add(ping(net, pair[1], pair[0], kind.equals("reachable")));
            }
        }
        return rows;
    }

    /**
     * Returns the pairs of CE names a scenario's checks declare of one kind.
     *
     * @param checks the scenario's "checks", may be null
     * @param kind   "reachable" or "isolated"
     * @return the pairs, each {first, second}
     */
    public static List<String[]> pairs(JsonNode checks, String kind) {
        List<String[]> out = new ArrayList<>();
        if (checks != null) {
            for (JsonNode p : checks.path(kind)) {
                out.add(new String[] {p.get(0).asText(), p.get(1).asText()});
            }
        }
        return out;
    }

    private static Row ping(DataPlane net, String from, String to, boolean expect) {
        long t0 = System.nanoTime();
        boolean ok = net.ping(from, to, Duration.ofMillis(expect ? 3000 : 500));
        return new Row(from, to, expect, ok, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Prints the table.
     *
     * @param rows rows
     * @param out  where
     * @return true if every row passed
     */
    public static boolean print(List<Row> rows, PrintStream out) {
        out.printf("%n%-10s %-10s %-10s %-10s %-8s %s%n", "from", "to", "expected", "result", "time", "");
        boolean all = true;
        for (Row r : rows) {
            out.printf("%-10s %-10s %-10s %-10s %5d ms %s%n", r.from, r.to, r.expectReachable ? "reachable" : "isolated",
                       r.reached ? "reached" : "no reply", r.millis, r.passed() ? "PASS" : "FAIL");
            all &= r.passed();
        }
        out.printf("%d checks, %d passed%n", rows.size(), rows.stream().filter(Row::passed).count());
        return all;
    }
}
