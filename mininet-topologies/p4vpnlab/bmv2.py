"""BMv2 simple_switch_grpc as a Mininet switch, and the Mininet topology of a Lab."""

import os
import shutil
import socket
import subprocess
import time

from mininet.node import Switch
from p4vpnlab import cleanup
from mininet.topo import Topo

CPU_PORT = 255     # the pipeline's CPU port (p4src/define.p4)
THRIFT_BASE = 29000   # Thrift (BMv2's own CLI) of device N: 127.0.0.1:THRIFT_BASE+N


def simple_switch_grpc():
    """Path of simple_switch_grpc on PATH, or None."""
    return shutil.which("simple_switch_grpc")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port):
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


class Bmv2Switch(Switch):
    """A simple_switch_grpc process in the root namespace, its ports bound to the node's interfaces.

    Started without a P4 program (--no-p4): the controller (the embedded runtime or ONOS) pushes the
    pipeline over P4Runtime, as it would to a hardware target.
    """

    def __init__(self, name, device_id, grpc_port, log_dir="/tmp/p4vpn-lab", on_start=None, **params):
        Switch.__init__(self, name, dpid="%016x" % device_id, **params)
        self.device_id = device_id
        self.grpc_port = grpc_port
        self.on_start = on_start          # told (pid, command-line marker) as soon as the process exists
        self.log_file = os.path.join(log_dir, "bmv2-%s.log" % name)
        self.process = None

    def start(self, controllers):
        binary = simple_switch_grpc()
        if binary is None:
            raise RuntimeError("simple_switch_grpc (BMv2) is not on PATH (try PATH=/opt/p4/bin:$PATH)")
        if listening(self.grpc_port):
            raise RuntimeError("%s: 127.0.0.1:%d is taken; another lab or program uses it" % (self.name, self.grpc_port))
        # BMv2 also opens a Thrift port (default 9090 for all). A fixed one below the ephemeral range
        # cannot be taken by some other program's outgoing connection between our choice and BMv2's bind.
        thrift = THRIFT_BASE + self.device_id
        if listening(thrift):
            thrift = free_port()
        cmd = [binary, "--device-id", str(self.device_id), "--thrift-port", str(thrift), "--no-p4"]
        for port, intf in sorted(self.intfs.items()):
            if port > 0 and intf.name != "lo":
                # No IPv6 on the switch side: the kernel would send router solicitations into the pipeline.
                subprocess.call(["sysctl", "-q", "-w", "net.ipv6.conf.%s.disable_ipv6=1" % intf.name],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                cmd += ["-i", "%d@%s" % (port, intf.name)]
        cmd += ["--", "--grpc-server-addr", "127.0.0.1:%d" % self.grpc_port, "--cpu-port", str(CPU_PORT)]
        os.makedirs(os.path.dirname(self.log_file), exist_ok=True)
        env = dict(os.environ)
        lib = os.path.join(os.path.dirname(os.path.dirname(binary)), "lib")
        env["LD_LIBRARY_PATH"] = lib + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else "")
        with open(self.log_file, "w") as log:
            self.process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env,
                                            start_new_session=True)
        if self.on_start is not None:
            self.on_start(self.process.pid, "--grpc-server-addr 127.0.0.1:%d" % self.grpc_port)
        deadline = time.monotonic() + 20
        while not listening(self.grpc_port):
            if self.process.poll() is not None:
                raise RuntimeError("BMv2 %s exited with %d; see %s" % (self.name, self.process.returncode,
                                                                        self.log_file))
            if time.monotonic() > deadline:
                raise RuntimeError("BMv2 %s did not open 127.0.0.1:%d in 20 s; see %s"
                                   % (self.name, self.grpc_port, self.log_file))
            time.sleep(0.05)

    def stop(self, deleteIntfs=True):
        cleanup.stop(self.process, 5)
        Switch.stop(self, deleteIntfs)


class LabTopo(Topo):
    """The Mininet topology of a Lab: one Bmv2Switch per switch, one host per CE, port numbers as given."""

    def build(self, lab, log_dir="/tmp/p4vpn-lab", on_start=None):
        for s in lab.switches.values():
            self.addSwitch(s.name, cls=Bmv2Switch, device_id=s.device_id, grpc_port=s.grpc_port, log_dir=log_dir,
                           on_start=on_start)
        for l in lab.links:
            self.addLink(l.a, l.b, port1=l.port_a, port2=l.port_b, metric=l.metric,
                         intfName1=lab.switch_intf(l.a, l.port_a), intfName2=lab.switch_intf(l.b, l.port_b))
        for h in lab.hosts:
            self.addHost(h.name, ip="%s/%d" % (h.ip, h.prefix_length), mac=h.mac, defaultRoute="via " + h.gateway)
            self.addLink(h.switch, h.name, port1=h.port, port2=0,
                         intfName1=lab.switch_intf(h.switch, h.port), intfName2=h.name + "-eth0")
