"""A lab described once: switches, links, CE hosts and the core link the lab check fails.

The same description gives the Mininet topology, the netcfg (ONOS's network-configuration format,
the one the embedded runtime reads with org.p4vpn.p4rt.topo.NetworkFile) and a JSON dump that the
JUnit test compares with the committed netcfg.
"""

import json

GRPC_BASE = 50000          # P4Runtime server of device N listens on 127.0.0.1:GRPC_BASE+N
PIPECONF = "org.p4vpn.bmv2"


class Switch:
    def __init__(self, name, label, role, device_id, router_id):
        self.name = name                  # Mininet node name, e.g. "pe1"
        self.label = label                # display name in ONOS and the runtime, e.g. "PE1"
        self.role = role                  # PE or P
        self.device_id = device_id        # P4Runtime device id
        self.router_id = router_id        # loopback / BGP next hop
        self.grpc_port = GRPC_BASE + device_id
        self.mac = "00:aa:00:00:00:%02x" % device_id

    @property
    def onos_id(self):
        return "device:" + self.name


class Link:
    def __init__(self, a, port_a, b, port_b, metric):
        self.a, self.port_a, self.b, self.port_b, self.metric = a, port_a, b, port_b, metric


class Host:
    def __init__(self, name, mac, ip, prefix_length, gateway, switch, port):
        self.name, self.mac, self.ip = name, mac, ip
        self.prefix_length, self.gateway = prefix_length, gateway
        self.switch, self.port = switch, port


class Lab:
    """A topology. Add switches first, then links and hosts (both name switches by node name)."""

    def __init__(self, description, as_number=65000, tunnel_mode="PHP"):
        self.description = description
        self.as_number = as_number
        self.tunnel_mode = tunnel_mode
        self.switches = {}
        self.links = []
        self.hosts = []
        self.failover = None      # (switch, switch): the core link the lab check fails; None: no alternative

    def switch(self, name, role, device_id, router_id, label=None):
        if name in self.switches or any(s.device_id == device_id for s in self.switches.values()):
            raise ValueError("switch %s or device id %d given twice" % (name, device_id))
        self.switches[name] = Switch(name, label or name.upper(), role, device_id, router_id)

    def link(self, a, port_a, b, port_b, metric=10):
        self._free_port(a, port_a)
        self._free_port(b, port_b)
        self.links.append(Link(a, port_a, b, port_b, metric))

    def host(self, name, mac, ip, gateway, switch, port, prefix_length=24):
        if len(name) > 10:
            raise ValueError("host name %s: at most 10 characters (its interface is NAME-eth0)" % name)
        self._free_port(switch, port)
        self.hosts.append(Host(name, mac, ip, prefix_length, gateway, switch, port))

    def relocate(self, grpc_base):
        """Moves every switch's P4Runtime server to 127.0.0.1:grpc_base+N (the netcfg follows)."""
        for s in self.switches.values():
            s.grpc_port = grpc_base + s.device_id

    def fail_link(self, a, b):
        if not any({l.a, l.b} == {a, b} for l in self.links):
            raise ValueError("no link %s-%s to fail" % (a, b))
        self.failover = (a, b)

    def _free_port(self, switch, port):
        if switch not in self.switches:
            raise ValueError("no switch %s" % switch)
        if port in self.ports(switch):
            raise ValueError("%s port %d used twice" % (switch, port))

    def ports(self, switch):
        """The switch's port numbers in use."""
        used = [l.port_a for l in self.links if l.a == switch] + [l.port_b for l in self.links if l.b == switch]
        return used + [h.port for h in self.hosts if h.switch == switch]

    @staticmethod
    def switch_intf(switch, port):
        # Switch-side interfaces live in the root namespace: the "lab-" prefix keeps them apart
        # from other tools' veths, and the cleanup removes exactly these names.
        return "lab-%s-eth%d" % (switch, port)

    def switch_intfs(self):
        return [self.switch_intf(s, p) for s in self.switches for p in self.ports(s)]

    def netcfg(self):
        """The network file: ONOS netcfg with the "p4vpn" sections the app and the runtime read."""
        devices = {}
        for s in self.switches.values():
            devices[s.onos_id] = {
                "basic": {"name": s.label,
                          "managementAddress": "grpc://127.0.0.1:%d?device_id=%d" % (s.grpc_port, s.device_id),
                          "driver": "bmv2", "pipeconf": PIPECONF},
                "p4vpn": {"role": s.role, "routerId": s.router_id, "routerMac": s.mac}}
        links = {}
        for l in self.links:
            key = "%s/%d-%s/%d" % (self.switches[l.a].onos_id, l.port_a, self.switches[l.b].onos_id, l.port_b)
            links[key] = {"basic": {"metric": l.metric}}
        hosts = {}
        for h in self.hosts:
            hosts[h.mac + "/None"] = {
                "basic": {"name": h.name, "ips": [h.ip],
                          "locations": ["%s/%d" % (self.switches[h.switch].onos_id, h.port)]},
                "p4vpn": {"prefixLength": h.prefix_length, "gateway": h.gateway}}
        return {"devices": devices, "links": links, "hosts": hosts,
                "apps": {"org.p4vpn.app": {"p4vpn": {"asNumber": self.as_number,
                                                     "tunnelMode": self.tunnel_mode}}}}

    def dump(self, topo):
        """What a built Mininet topology holds, in the network file's terms (for the JUnit test)."""
        switches, links, hosts = [], [], []
        for name in topo.switches():
            info = topo.nodeInfo(name)
            switches.append({"device": "device:" + name, "p4DeviceId": info["device_id"],
                             "grpcPort": info["grpc_port"]})
        for a, b, info in topo.links(sort=True, withInfo=True):
            # Mininet may store a link either way round: name the switch end of a host link first.
            if info["node1"] not in topo.switches() or (info["node2"] in topo.switches()
                                                       and (info["node1"], info["port1"]) > (info["node2"], info["port2"])):
                n1, p1, n2, p2 = info["node2"], info["port2"], info["node1"], info["port1"]
            else:
                n1, p1, n2, p2 = info["node1"], info["port1"], info["node2"], info["port2"]
            if n2 in topo.switches():
                links.append({"a": "device:" + n1, "portA": p1, "b": "device:" + n2, "portB": p2,
                              "metric": info["metric"]})
            else:
                h = topo.nodeInfo(n2)
                hosts.append({"name": n2, "mac": h["mac"], "ip": h["ip"].split("/")[0],
                              "prefixLength": int(h["ip"].split("/")[1]),
                              "gateway": h["defaultRoute"].split()[-1], "device": "device:" + n1, "port": p1})
        failover = None
        if self.failover:
            failover = ["device:" + self.failover[0], "device:" + self.failover[1]]
        return {"switches": switches, "links": links, "hosts": hosts, "failover": failover}

    def to_json(self, what):
        return json.dumps(what, indent=2) + "\n"
