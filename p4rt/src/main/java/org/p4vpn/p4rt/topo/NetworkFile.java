package org.p4vpn.p4rt.topo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A network file in ONOS's network-configuration format:
 * <pre>
 * { "devices": { "device:pe1": {
 *       "basic": { "name": "PE1", "managementAddress": "grpc://127.0.0.1:50001?device_id=1",
 *                  "driver": "bmv2", "pipeconf": "org.p4vpn.bmv2" },
 *       "p4vpn": { "role": "PE", "routerId": "1.1.1.1", "routerMac": "00:aa:00:00:00:01" } } },
 *   "links": { "device:pe1/10-device:p1/1": { "basic": { "metric": 10 } } },
 *   "hosts": { "00:00:00:00:0c:01/None": {
 *       "basic": { "name": "ce1", "ips": ["10.1.1.2"], "locations": ["device:pe1/1"] },
 *       "p4vpn": { "prefixLength": 24, "gateway": "10.1.1.1" } } },
 *   "apps": { "org.p4vpn.app": { "p4vpn": { "asNumber": 65000, "tunnelMode": "PHP" } } } }
 * </pre>
 * Links are bidirectional. Errors name the entry and field.
 */
public final class NetworkFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK_KEY = Pattern.compile("(.+)/(\\d+)-(.+)/(\\d+)");
    private static final Pattern GRPC = Pattern.compile("grpc://([^:/?]+):(\\d+)\\?device_id=(\\d+)");

    /** A switch. */
    public static final class Device {
        public final String id;
        public final String name;
        public final String grpcHost;
        public final int grpcPort;
        public final long deviceId;
        public final String role;
        public final String routerId;
        public final String routerMac;

        Device(String id, String name, String grpcHost, int grpcPort, long deviceId, String role, String routerId,
               String routerMac) {
            this.id = id;
            this.name = name;
            this.grpcHost = grpcHost;
            this.grpcPort = grpcPort;
            this.deviceId = deviceId;
            this.role = role;
            this.routerId = routerId;
            this.routerMac = routerMac;
        }
    }

    /** A bidirectional link between two switch ports. */
    public static final class Link {
        public final String deviceA;
        public final int portA;
        public final String deviceB;
        public final int portB;
        public final long metric;

        Link(String deviceA, int portA, String deviceB, int portB, long metric) {
            this.deviceA = deviceA;
            this.portA = portA;
            this.deviceB = deviceB;
            this.portB = portB;
            this.metric = metric;
        }
    }

    /** A host (CE) on a switch port. */
    public static final class Host {
        public final String name;
        public final String mac;
        public final int vlan;
        public final String ip;
        public final int prefixLength;
        public final String gateway;
        public final String device;
        public final int port;

        Host(String name, String mac, int vlan, String ip, int prefixLength, String gateway, String device, int port) {
            this.name = name;
            this.mac = mac;
            this.vlan = vlan;
            this.ip = ip;
            this.prefixLength = prefixLength;
            this.gateway = gateway;
            this.device = device;
            this.port = port;
        }
    }

    private final Map<String, Device> devices = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();
    private final List<Host> hosts = new ArrayList<>();
    private long asNumber = 65000;
    private String tunnelMode = "PHP";
    private JsonNode bgp;

    private NetworkFile() {
    }

    /**
     * Returns the BGP speaker's section, {@code apps / org.p4vpn.app / bgp}, as ONOS network
     * configuration takes it; unchecked here.
     *
     * @return the section, if the file has one
     */
    public java.util.Optional<JsonNode> bgp() {
        return java.util.Optional.ofNullable(bgp);
    }

    /**
     * Reads a network file.
     *
     * @param in JSON
     * @return the network
     * @throws IOException if not JSON
     * @throws IllegalArgumentException naming the bad entry and field
     */
    public static NetworkFile read(InputStream in) throws IOException {
        return parse(JSON.readTree(in));
    }

    /**
     * Parses a network file.
     *
     * @param root JSON
     * @return the network
     * @throws IllegalArgumentException naming the bad entry and field
     */
    public static NetworkFile parse(JsonNode root) {
        NetworkFile n = new NetworkFile();
        known(root, "", Set.of("devices", "links", "hosts", "apps", "ports"));
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("devices").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            n.devices.put(e.getKey(), device(e.getKey(), e.getValue()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("links").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Matcher m = LINK_KEY.matcher(e.getKey());
            if (!m.matches()) {
                throw new IllegalArgumentException("links." + e.getKey() + ": a link key is DEVICE/PORT-DEVICE/PORT");
            }
            for (String d : List.of(m.group(1), m.group(3))) {
                if (!n.devices.containsKey(d)) {
                    throw new IllegalArgumentException("links." + e.getKey() + ": no device " + d + " in devices");
                }
            }
            long metric = e.getValue().path("basic").path("metric").asLong(1);
            if (metric < 1) {
                throw new IllegalArgumentException("links." + e.getKey() + ".basic.metric must be at least 1");
            }
            n.links.add(new Link(m.group(1), Integer.parseInt(m.group(2)), m.group(3), Integer.parseInt(m.group(4)),
                                 metric));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("hosts").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            n.hosts.add(host(e.getKey(), e.getValue(), n));
        }
        JsonNode app = root.path("apps").path("org.p4vpn.app").path("p4vpn");
        n.asNumber = app.path("asNumber").asLong(65000);
        n.tunnelMode = app.path("tunnelMode").asText("PHP");
        // ONOS's netcfg "bgp" section of the app, kept as is: the BGP module checks it (BgpConfig)
        n.bgp = root.path("apps").path("org.p4vpn.app").get("bgp");
        return n;
    }

    private static void known(JsonNode node, String path, Set<String> fields) {
        if (!node.isObject()) {
            throw new IllegalArgumentException((path.isEmpty() ? "the file" : path) + " must be a JSON object");
        }
        node.fieldNames().forEachRemaining(f -> {
            if (!fields.contains(f)) {
                throw new IllegalArgumentException((path.isEmpty() ? "" : path + ".") + f + ": unknown field; the"
                        + " fields are " + fields);
            }
        });
    }

    private static String text(JsonNode n, String path) {
        if (!n.isTextual() || n.asText().isEmpty()) {
            throw new IllegalArgumentException(path + " is required (a string)");
        }
        return n.asText();
    }

    private static Device device(String id, JsonNode d) {
        String path = "devices." + id;
        JsonNode basic = d.path("basic");
        JsonNode vpn = d.path("p4vpn");
        String mgmt = text(basic.path("managementAddress"), path + ".basic.managementAddress");
        Matcher m = GRPC.matcher(mgmt);
        if (!m.matches()) {
            throw new IllegalArgumentException(path + ".basic.managementAddress: expected grpc://HOST:PORT?device_id=N,"
                    + " got " + mgmt);
        }
        URI.create(mgmt);
        return new Device(id, basic.path("name").asText(id), m.group(1), Integer.parseInt(m.group(2)),
                          Long.parseLong(m.group(3)), text(vpn.path("role"), path + ".p4vpn.role"),
                          text(vpn.path("routerId"), path + ".p4vpn.routerId"),
                          text(vpn.path("routerMac"), path + ".p4vpn.routerMac"));
    }

    private static Host host(String key, JsonNode h, NetworkFile n) {
        String path = "hosts." + key;
        int slash = key.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException(path + ": a host key is MAC/VLAN, e.g. 00:00:00:00:00:01/None");
        }
        String vlanText = key.substring(slash + 1);
        int vlan = vlanText.equalsIgnoreCase("None") ? 0 : Integer.parseInt(vlanText);
        JsonNode basic = h.path("basic");
        JsonNode ips = basic.path("ips");
        JsonNode locations = basic.path("locations");
        if (!ips.isArray() || ips.size() != 1 || !locations.isArray() || locations.size() != 1) {
            throw new IllegalArgumentException(path + ".basic: a host has one IP in ips and one location in locations");
        }
        String loc = locations.get(0).asText();
        int ls = loc.lastIndexOf('/');
        String device = ls < 0 ? loc : loc.substring(0, ls);
        if (ls < 0 || !n.devices.containsKey(device)) {
            throw new IllegalArgumentException(path + ".basic.locations: " + loc + " is not DEVICE/PORT of a device");
        }
        JsonNode vpn = h.path("p4vpn");
        return new Host(basic.path("name").asText(key), key.substring(0, slash), vlan, ips.get(0).asText(),
                        vpn.path("prefixLength").asInt(24), text(vpn.path("gateway"), path + ".p4vpn.gateway"),
                        device, Integer.parseInt(loc.substring(ls + 1)));
    }

    /**
     * Returns this network with other P4Runtime ports (e.g. where an emulated lab listens on free
     * ports).
     *
     * @param ports port by device id
     * @return network
     */
    public NetworkFile withGrpcPorts(Map<String, Integer> ports) {
        NetworkFile n = new NetworkFile();
        devices.forEach((id, d) -> n.devices.put(id, new Device(d.id, d.name, d.grpcHost,
                ports.getOrDefault(id, d.grpcPort), d.deviceId, d.role, d.routerId, d.routerMac)));
        n.links.addAll(links);
        n.hosts.addAll(hosts);
        n.asNumber = asNumber;
        n.tunnelMode = tunnelMode;
        return n;
    }

    /**
     * Returns the switches by device id.
     *
     * @return devices
     */
    public Map<String, Device> devices() {
        return devices;
    }

    /**
     * Returns the links.
     *
     * @return links
     */
    public List<Link> links() {
        return links;
    }

    /**
     * Returns the hosts.
     *
     * @return hosts
     */
    public List<Host> hosts() {
        return hosts;
    }

    /**
     * Returns the provider's AS.
     *
     * @return AS number
     */
    public long asNumber() {
        return asNumber;
    }

    /**
     * Returns how tunnels end (PHP, EXPLICIT_NULL, UHP).
     *
     * @return mode name
     */
    public String tunnelMode() {
        return tunnelMode;
    }
}
