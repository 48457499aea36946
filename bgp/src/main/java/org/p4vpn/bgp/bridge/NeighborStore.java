package org.p4vpn.bgp.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onlab.packet.Ip4Address;
import org.onosproject.store.serializers.KryoNamespaces;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.MapEventListener;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.Versioned;
import org.p4vpn.api.BgpNeighbor;
import org.p4vpn.codec.VpnJson;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The configured BGP neighbors, kept in a consistent map so they survive a restart (the embedded
 * runtime's journal, ONOS's cluster store) and every controller instance sees the same set. A
 * neighbor is kept as the JSON {@code POST /bgp/neighbors} takes, so the store needs no Kryo
 * registration of its own and reads back through the same checked parser.
 */
public final class NeighborStore {

    /** The map's name. */
    public static final String MAP_NAME = "p4vpn-bgp-neighbors";

    private final ConsistentMap<String, String> map;

    /**
     * Opens (or creates) the store.
     *
     * @param storage where the map lives
     */
    public NeighborStore(StorageService storage) {
        this.map = storage.<String, String>consistentMapBuilder().withName(MAP_NAME)
                .withSerializer(Serializer.using(KryoNamespaces.BASIC)).build();
    }

    /**
     * Adds a neighbor unless one with its address is kept.
     *
     * @param n the neighbor
     * @return true if added, false if its address was taken
     */
    public boolean addIfAbsent(BgpNeighbor n) {
        return map.putIfAbsent(n.address().toString(), encode(n)) == null;
    }

    /**
     * Adds or replaces a neighbor.
     *
     * @param n the neighbor
     */
    public void put(BgpNeighbor n) {
        map.put(n.address().toString(), encode(n));
    }

    /**
     * Removes a neighbor.
     *
     * @param address its address
     * @return true if one was kept
     */
    public boolean remove(Ip4Address address) {
        return map.remove(address.toString()) != null;
    }

    /** @return the kept neighbors */
    public List<BgpNeighbor> all() {
        return map.values().stream().map(Versioned::value).map(NeighborStore::decode).collect(Collectors.toList());
    }

    /**
     * Listens to changes, also those made by other instances.
     *
     * @param listener the listener
     */
    public void addListener(MapEventListener<String, String> listener) {
        map.addListener(listener);
    }

    /**
     * Stops listening.
     *
     * @param listener the listener
     */
    public void removeListener(MapEventListener<String, String> listener) {
        map.removeListener(listener);
    }

    /**
     * Encodes a neighbor as {@code POST /bgp/neighbors} takes it.
     *
     * @param n the neighbor
     * @return its JSON text
     */
    static String encode(BgpNeighbor n) {
        ObjectNode o = VpnJson.mapper().createObjectNode();
        o.put("address", n.address().toString());
        o.put("remoteAs", n.remoteAs());
        o.put("relation", n.relation().name());
        o.put("passive", n.passive());
        return o.toString();
    }

    private static BgpNeighbor decode(String json) {
        try {
            return VpnJson.bgpNeighbor(VpnJson.mapper().readTree(json), "stored neighbor");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
