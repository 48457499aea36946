package org.p4vpn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.p4vpn.p4rt.Poll;
import org.p4vpn.p4rt.topo.NetworkFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * A running ONOS with the application installed, seen from outside over its REST API: the
 * network file pushed as network configuration (with the P4Runtime addresses where the switches
 * really listen, and the ports the plain {@code bmv2} driver cannot discover), waits for the
 * devices, links and hosts, and the application's own API at {@code /onos/l3vpn/v1}.
 */
public final class OnosController {

    /** The application's pipeconf, as the pipeconf bundle registers it. */
    public static final String PIPECONF = "org.p4vpn.bmv2";
    /** ONOS's driver for BMv2 (and for the emulator, which answers what it asks). */
    public static final String DRIVER = "bmv2";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String user;
    private final String password;
    private final RestClient onos;

    /**
     * Creates the controller's client.
     *
     * @param base     ONOS's web address, e.g. {@code http://127.0.0.1:8181}
     * @param user     ONOS user
     * @param password password
     */
    public OnosController(String base, String user, String password) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.user = user;
        this.password = password;
        this.onos = new RestClient(this.base + "/onos/v1", user, password);
    }

    /**
     * Returns the application's API address.
     *
     * @return e.g. {@code http://127.0.0.1:8181/onos/l3vpn/v1}
     */
    public String apiBase() {
        return base + "/onos/l3vpn/v1";
    }

    /**
     * Returns a client of the application's API with ONOS's credentials.
     *
     * @return client
     */
    public RestClient api() {
        return new RestClient(apiBase(), user, password);
    }

    /**
     * Returns a provisioner over the application's API.
     *
     * @return provisioner
     */
    public RestProvisioner provisioner() {
        return new RestProvisioner(apiBase(), user, password);
    }

    /**
     * The ONOS network configuration of a network file: devices (address, driver, pipeconf, the
     * {@code p4vpn} section, every port that a link or a host uses), links with their metrics,
     * hosts, and the application's section.
     *
     * @param n network (with the switches' real P4Runtime ports)
     * @return netcfg JSON
     */
    public static ObjectNode netcfg(NetworkFile n) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode devices = root.putObject("devices");
        n.devices().forEach((id, d) -> {
            ObjectNode dev = devices.putObject(id);
            dev.putObject("basic").put("name", d.name)
                    .put("managementAddress", "grpc://" + d.grpcHost + ":" + d.grpcPort + "?device_id=" + d.deviceId)
                    .put("driver", DRIVER).put("pipeconf", PIPECONF);
            dev.putObject("p4vpn").put("role", d.role).put("routerId", d.routerId).put("routerMac", d.routerMac);
            ObjectNode ports = dev.putObject("ports");
            for (int p : usedPorts(n, id)) {
                ports.putObject(Integer.toString(p)).put("number", p).put("enabled", true);
            }
        });
        ObjectNode links = root.putObject("links");
        for (NetworkFile.Link l : n.links()) {
            links.putObject(l.deviceA + "/" + l.portA + "-" + l.deviceB + "/" + l.portB).putObject("basic")
                    .put("metric", l.metric);
        }
        ObjectNode hosts = root.putObject("hosts");
        for (NetworkFile.Host h : n.hosts()) {
            ObjectNode host = hosts.putObject(h.mac + "/" + (h.vlan == 0 ? "None" : Integer.toString(h.vlan)));
            ObjectNode basic = host.putObject("basic").put("name", h.name);
            basic.putArray("ips").add(h.ip);
            basic.putArray("locations").add(h.device + "/" + h.port);
            host.putObject("p4vpn").put("prefixLength", h.prefixLength).put("gateway", h.gateway);
        }
        ObjectNode app = root.putObject("apps").putObject("org.p4vpn.app");
        app.putObject("p4vpn").put("asNumber", n.asNumber()).put("tunnelMode", n.tunnelMode());
        n.bgp().ifPresent(b -> app.set("bgp", b));
        return root;
    }

    private static Set<Integer> usedPorts(NetworkFile n, String device) {
        Set<Integer> ports = new TreeSet<>();
        for (NetworkFile.Link l : n.links()) {
            if (l.deviceA.equals(device)) {
                ports.add(l.portA);
            }
            if (l.deviceB.equals(device)) {
                ports.add(l.portB);
            }
        }
        n.hosts().stream().filter(h -> h.device.equals(device)).forEach(h -> ports.add(h.port));
        return ports;
    }

    /**
     * Pushes a network's configuration.
     *
     * @param n network
     */
    public void push(NetworkFile n) {
        HttpResponse<String> r = onos.exchange("POST", "/network/configuration", netcfg(n).toString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("ONOS refused the network configuration: " + r.statusCode() + " "
                                                    + r.body());
        }
    }

    /**
     * GETs an ONOS REST resource.
     *
     * @param path below {@code /onos/v1}
     * @return the JSON answer
     */
    public JsonNode get(String path) {
        HttpResponse<String> r = onos.exchange("GET", path, null);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /onos/v1" + path + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What ONOS does not have yet of a network: devices not available with the product's pipeconf,
     * links not discovered, hosts not known.
     *
     * @param n network
     * @return what is missing, empty when ONOS has it all
     */
    public Set<String> missing(NetworkFile n) {
        Set<String> missing = new TreeSet<>();
        Set<String> ready = new HashSet<>();
        JsonNode devices;
        try {
            devices = get("/devices");
        } catch (IllegalStateException e) {
            // ONOS 2.7 answers 404 "pipeconf-merged driver was not found" while a device is being set up.
            missing.add("devices (" + e.getMessage() + ")");
            return missing;
        }
        for (JsonNode d : devices.path("devices")) {
            if (d.path("available").asBoolean() && d.path("driver").asText().endsWith(":" + PIPECONF)) {
                ready.add(d.path("id").asText());
            }
        }
        n.devices().keySet().stream().filter(id -> !ready.contains(id)).forEach(id -> missing.add("device " + id));
        Set<String> links = new HashSet<>();
        for (JsonNode l : get("/links").path("links")) {
            if (l.path("state").asText("ACTIVE").equals("ACTIVE")) {
                links.add(l.path("src").path("device").asText() + "/" + l.path("src").path("port").asText() + "-"
                                  + l.path("dst").path("device").asText() + "/" + l.path("dst").path("port").asText());
            }
        }
        for (NetworkFile.Link l : n.links()) {
            String ab = l.deviceA + "/" + l.portA + "-" + l.deviceB + "/" + l.portB;
            String ba = l.deviceB + "/" + l.portB + "-" + l.deviceA + "/" + l.portA;
            if (!links.contains(ab) || !links.contains(ba)) {
                missing.add("link " + ab);
            }
        }
        Set<String> hosts = new HashSet<>();
        for (JsonNode h : get("/hosts").path("hosts")) {
            hosts.add(h.path("mac").asText().toLowerCase());
        }
        n.hosts().stream().filter(h -> !hosts.contains(h.mac.toLowerCase())).forEach(h -> missing.add("host " + h.name));
        return missing;
    }

    /**
     * Waits until ONOS has every device (with the pipeconf), link and host of a network.
     *
     * @param n       network
     * @param timeout how long at most
     * @throws IllegalStateException naming what is still missing
     */
    public void awaitNetwork(NetworkFile n, Duration timeout) {
        if (!Poll.until(timeout, () -> missing(n).isEmpty())) {
            throw new IllegalStateException("ONOS still lacks " + String.join(", ", missing(n)) + " after "
                                                    + timeout.toSeconds() + " s");
        }
    }

    /**
     * Removes a network from ONOS: the application's sites, VPNs and nodes, then the network
     * configuration, the hosts and the devices, so that another run starts clean.
     *
     * @param n network
     */
    public void forget(NetworkFile n) {
        RestClient app = api();
        for (String kind : new String[] {"sites", "vpns", "nodes"}) {
            HttpResponse<String> r = app.exchange("GET", "/" + kind, null);
            if (r.statusCode() != 200) {
                continue;
            }
            try {
                for (JsonNode o : (ArrayNode) JSON.readTree(r.body())) {
                    String name = kind.equals("nodes") ? o.path("device").asText() : o.path("name").asText();
                    app.exchange("DELETE", "/" + kind + "/" + encode(name), null);
                }
            } catch (IOException | ClassCastException e) {
                throw new IllegalStateException("GET /" + kind + ": not a JSON array: " + r.body(), e);
            }
        }
        // Devices before their configuration: ONOS 2.7 needs a device's driver and pipeconf (from
        // its netcfg) to tear its connection down, and cannot even list a device left without them.
        n.devices().keySet().forEach(this::removeDevice);
        for (NetworkFile.Host h : n.hosts()) {
            onos.exchange("DELETE", "/hosts/" + encode(h.mac + "/" + (h.vlan == 0 ? "None" : h.vlan)), null);
        }
        onos.exchange("DELETE", "/network/configuration", null);
    }

    /**
     * Removes a device from ONOS, trying again while ONOS cannot answer for it (ONOS 2.7 encodes the
     * device before removing it, which fails while its pipeconf-merged driver is being made).
     *
     * @param id device id
     * @return whether the device is gone
     */
    public boolean removeDevice(String id) {
        return Poll.until(Duration.ofSeconds(15), () -> {
            HttpResponse<String> r = onos.exchange("DELETE", "/devices/" + encode(id), null);
            return r.statusCode() == 200 || r.statusCode() == 404 && r.body().contains("Device is not found");
        });
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
