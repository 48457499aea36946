package org.p4vpn.runtime;

import org.p4vpn.p4rt.Bmv2Switch;
import org.p4vpn.p4rt.Commands;
import org.p4vpn.p4rt.VethLink;
import org.p4vpn.p4rt.topo.NetworkFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The network on BMv2: one {@code simple_switch_grpc} per device, a veth pair per link, and each CE
 * host in its own network namespace ({@code p4vpn-<host>}) with the file's MAC, address, VLAN and
 * gateway, so pings are the kernel's own. Needs root and BMv2 on PATH ({@link #unavailableReason()}).
 * Everything made is removed on close; leftovers of a killed run are removed on the next start.
 */
public final class Bmv2DataPlane implements DataPlane {

    private final Map<String, Bmv2Switch> switches = new LinkedHashMap<>();
    private final List<VethLink> links = new ArrayList<>();
    // The veth pair of each switch-to-switch link, by both of its ends ("device:p1/2").
    private final Map<String, VethLink> cables = new HashMap<>();
    // nftables tables that cut links, removed on close.
    private final Set<String> cut = new HashSet<>();
    private final List<String> namespaces = new ArrayList<>();
    private final Map<String, NetworkFile.Host> hosts = new HashMap<>();
    private NetworkFile network;

    private Bmv2DataPlane() {
    }

    /**
     * Tells why BMv2 cannot run here, if it cannot.
     *
     * @return the reason, empty if it can
     */
    public static Optional<String> unavailableReason() {
        Optional<String> why = Bmv2Switch.unavailableReason();
        if (why.isEmpty() && !Files.isExecutable(Path.of("/usr/bin/ping"))
                && !Files.isExecutable(Path.of("/bin/ping"))) {
            return Optional.of("ping (Debian package iputils-ping) is not installed");
        }
        return why;
    }

    /**
     * Starts the switches, links and hosts.
     *
     * @param file   network file
     * @param logDir where each switch writes {@code bmv2-<name>.log}
     * @return the data plane
     * @throws IllegalStateException if BMv2 cannot run here or a switch does not start
     */
    public static Bmv2DataPlane start(NetworkFile file, Path logDir) {
        unavailableReason().ifPresent(r -> {
            throw new IllegalStateException("cannot run the BMv2 data plane: " + r);
        });
        Bmv2DataPlane dp = new Bmv2DataPlane();
        try {
            Map<String, Map<Integer, String>> ports = new LinkedHashMap<>();
            file.devices().keySet().forEach(id -> ports.put(id, new TreeMap<>()));
            int i = 0;
            for (NetworkFile.Link l : file.links()) {
                VethLink link = VethLink.create("pvl" + i + "a", "pvl" + i + "b");
                dp.links.add(link);
                dp.cables.put(l.deviceA + "/" + l.portA, link);
                dp.cables.put(l.deviceB + "/" + l.portB, link);
                ports.get(l.deviceA).put(l.portA, link.a());
                ports.get(l.deviceB).put(l.portB, link.b());
                i++;
            }
            i = 0;
            for (NetworkFile.Host h : file.hosts()) {
                String ns = "p4vpn-" + h.name;
                Commands.run(true, "ip", "netns", "del", ns);
                VethLink link = VethLink.create("pvh" + i + "s", "pvh" + i + "h");
                dp.links.add(link);
                Commands.run(false, "ip", "netns", "add", ns);
                dp.namespaces.add(ns);
                Commands.run(false, "ip", "link", "set", link.b(), "netns", ns);
                configureHost(ns, link.b(), h);
                ports.get(h.device).put(h.port, link.a());
                dp.hosts.put(h.name, h);
                i++;
            }
            Map<String, Integer> grpc = new LinkedHashMap<>();
            for (NetworkFile.Device d : file.devices().values()) {
                Bmv2Switch sw = Bmv2Switch.start(d.name, d.deviceId, ports.get(d.id),
                                                 logDir.resolve("bmv2-" + d.name + ".log"), false);
                dp.switches.put(d.id, sw);
                grpc.put(d.id, sw.grpcPort());
            }
            dp.network = file.withGrpcPorts(grpc);
            return dp;
        } catch (RuntimeException e) {
            dp.close();
            throw e;
        }
    }

    private static void configureHost(String ns, String iface, NetworkFile.Host h) {
        Commands.run(false, "ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
        Commands.run(false, "ip", "-n", ns, "link", "set", iface, "address", h.mac);
        Commands.run(false, "ip", "-n", ns, "link", "set", "lo", "up");
        Commands.run(false, "ip", "-n", ns, "link", "set", iface, "up");
        String l3 = iface;
        if (h.vlan != 0) {
            l3 = iface + "." + h.vlan;
            Commands.run(false, "ip", "-n", ns, "link", "add", "link", iface, "name", l3, "type", "vlan", "id",
                String.valueOf(h.vlan));
            Commands.run(false, "ip", "-n", ns, "link", "set", l3, "up");
        }
        Commands.run(false, "ip", "-n", ns, "addr", "add", h.ip + "/" + h.prefixLength, "dev", l3);
        Commands.run(false, "ip", "-n", ns, "route", "add", "default", "via", h.gateway);
    }

    @Override
    public NetworkFile network() {
        return network;
    }

    @Override
    public boolean ping(String from, String to, Duration timeout) {
        NetworkFile.Host src = hosts.get(from);
        NetworkFile.Host dst = hosts.get(to);
        if (src == null || dst == null) {
            throw new IllegalArgumentException("no host " + (dst == null ? to : from) + " in the network file");
        }
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        return Commands.run(true, "ip", "netns", "exec", "p4vpn-" + from, "ping", "-n", "-q", "-c", "1", "-W",
                   String.valueOf(seconds), dst.ip) == 0;
    }

    /**
     * Cuts a link by dropping everything leaving either veth end (an nftables netdev egress chain).
     * Setting the veths down is not a cable pull for BMv2: its sends on a down veth stall the other
     * ports of the switch too.
     */
    @Override
    public void setLinkUp(String device, int port, boolean up) {
        VethLink link = cables.get(device + "/" + port);
        if (link == null) {
            throw new IllegalArgumentException("no link ends at " + device + "/" + port);
        }
        linkCutUnavailableReason().ifPresent(r -> {
            throw new IllegalStateException("cannot cut a link on BMv2: " + r);
        });
        String table = "p4vpn_cut_" + link.a();
        Commands.run(true, "nft", "delete", "table", "netdev", table);
        cut.remove(table);
        if (!up) {
            Commands.run(false, "nft", "add", "table", "netdev", table);
            cut.add(table);
            for (String end : List.of(link.a(), link.b())) {
                Commands.run(false, "nft", "add", "chain", "netdev", table, "out_" + end, "{ type filter hook egress device \""
                        + end + "\" priority 0; policy drop; }");
            }
        }
    }

    /**
     * Tells why links cannot be cut on BMv2 here, if they cannot.
     *
     * @return the reason, empty if they can
     */
    public static Optional<String> linkCutUnavailableReason() {
        return Files.isExecutable(Path.of("/usr/sbin/nft")) ? Optional.empty()
                : Optional.of("nft (Debian package nftables) is not installed");
    }

    @Override
    public synchronized void restartSwitch(String device) {
        Bmv2Switch sw = switches.get(device);
        if (sw == null) {
            throw new IllegalArgumentException("no switch " + device);
        }
        switches.put(device, sw.restart());
    }

    @Override
    public String describe() {
        return "BMv2 (simple_switch_grpc, CEs in network namespaces p4vpn-*);" + DataPlane.addresses(network);
    }

    @Override
    public void close() {
        cut.forEach(t -> Commands.run(true, "nft", "delete", "table", "netdev", t));
        switches.values().forEach(Bmv2Switch::close);
        namespaces.forEach(ns -> Commands.run(true, "ip", "netns", "del", ns));
        links.forEach(VethLink::close);
    }
}
