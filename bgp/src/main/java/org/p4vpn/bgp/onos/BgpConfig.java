package org.p4vpn.bgp.onos;

import com.fasterxml.jackson.databind.JsonNode;
import org.onlab.packet.Ip4Address;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.config.Config;
import org.p4vpn.api.BgpNeighbor;
import org.p4vpn.api.InvalidInputException;
import org.p4vpn.bgp.wire.Bgp;
import org.p4vpn.bgp.wire.SpeakerConfig;
import org.p4vpn.codec.VpnJson;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The BGP speaker's settings in ONOS network configuration, under
 * {@code apps / org.p4vpn.app / bgp}:
 * <pre>
 * {"routerId": "10.0.0.100", "asNumber": 65000, "clusterId": "10.0.0.100",
 *  "listenAddress": "0.0.0.0", "port": 179, "holdTime": 90, "connectRetry": 5, "restartTime": 120,
 *  "neighbors": [{"address": "10.0.0.1", "remoteAs": 65000, "relation": "CLIENT"}]}
 * </pre>
 * Only routerId and asNumber are required. Neighbors take the form {@code POST /bgp/neighbors}
 * takes. {@link #isValid()} is false, and {@link #speaker()} / {@link #neighbors()} throw an error
 * naming the field, on anything wrong.
 */
public final class BgpConfig extends Config<ApplicationId> {

    /** The config key under the app. */
    public static final String KEY = "bgp";

    private static final Set<String> FIELDS = Set.of("routerId", "asNumber", "clusterId", "listenAddress", "port",
                                                     "holdTime", "connectRetry", "restartTime", "neighbors");

    @Override
    public boolean isValid() {
        try {
            speaker();
            neighbors();
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /**
     * Reads the speaker's settings.
     *
     * @return the settings
     * @throws InvalidInputException naming the field that is missing or wrong
     */
    public SpeakerConfig speaker() {
        if (object == null) {
            throw new InvalidInputException(KEY, node, "the bgp config is a JSON object");
        }
        for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidInputException(KEY + "." + name, null, "unknown field " + name + "; known: " + FIELDS);
            }
        }
        Ip4Address routerId = address("routerId", null);
        long as = number("asNumber", -1, 1, 0xFFFF_FFFFL);
        Ip4Address clusterId = object.hasNonNull("clusterId") ? address("clusterId", null) : null;
        Ip4Address listen = address("listenAddress", "0.0.0.0");
        return new SpeakerConfig(routerId, as, clusterId, listen, (int) number("port", Bgp.PORT, 0, 0xFFFF),
                                 (int) number("holdTime", 90, 0, 0xFFFF), (int) number("connectRetry", 5, 1, 3600),
                                 (int) number("restartTime", 120, 0, 4095));
    }

    /**
     * Reads the neighbors.
     *
     * @return the neighbors, none if the field is absent
     * @throws InvalidInputException naming the entry and field that is wrong
     */
    public List<BgpNeighbor> neighbors() {
        JsonNode list = object == null ? null : object.get("neighbors");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new InvalidInputException(KEY + ".neighbors", list, "neighbors is a JSON array");
        }
        List<BgpNeighbor> all = new ArrayList<>();
        Set<Ip4Address> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = KEY + ".neighbors[" + i + "]";
            BgpNeighbor n = VpnJson.bgpNeighbor(list.get(i), path);
            if (!seen.add(n.address())) {
                throw new InvalidInputException(path + ".address", n.address(),
                                                "neighbor " + n.address() + " is given twice");
            }
            all.add(n);
        }
        return all;
    }

    private Ip4Address address(String field, String dflt) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            if (dflt == null) {
                throw new InvalidInputException(KEY + "." + field, null, field + " is required");
            }
            return Ip4Address.valueOf(dflt);
        }
        try {
            if (!v.isTextual()) {
                throw new IllegalArgumentException();
            }
            return Ip4Address.valueOf(v.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(KEY + "." + field, v.toString(), field + " is an IPv4 address");
        }
    }

    private long number(String field, long dflt, long min, long max) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            if (dflt < 0) {
                throw new InvalidInputException(KEY + "." + field, null, field + " is required");
            }
            return dflt;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw new InvalidInputException(KEY + "." + field, v.toString(),
                                            field + " is a whole number from " + min + " to " + max);
        }
        return v.asLong();
    }
}
