"""The lab check: one topology on BMv2 in Mininet, the embedded runtime attached to it, the scenario
provisioned over REST, then the controller's views, real pings and traceroutes between the CEs, a
cut core link, and a table of what passed. Everything it starts is stopped and removed however it
ends (an exception, Ctrl-C, SIGTERM; after kill -9, the next run removes the leftovers first).
"""

import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import time

from p4vpnlab import cleanup, cut, probes, steps, views
from p4vpnlab.runtime import Runtime

# The check's switches listen on 127.0.0.1:28000+N instead of the netcfg's 50000+N: below the
# kernel's ephemeral range (32768-60999), so no other program's outgoing connection can hold one,
# and apart from ./p4vpn and the tests, which use 5000x. The runtime gets the netcfg with these ports.
CHECK_GRPC_BASE = 28000
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(HERE)


class Table:
    """The rows of the check, printed as they come and as a table at the end."""

    def __init__(self):
        self.rows = []

    def add(self, step, expected, result, seconds, passed):
        self.rows.append((step, expected, result, seconds, passed))
        print("  %-4s %-44s %s (%.2f s)" % ("PASS" if passed else "FAIL", step, result, seconds), flush=True)
        return passed

    def print(self, title):
        widths = [max([len(r[i]) for r in self.rows] + [len(h)]) for i, h in enumerate(("step", "expected", "result"))]
        line = "%%-%ds  %%-%ds  %%-%ds  %%8s  %%s" % tuple(widths)
        print("\n%s" % title)
        print(line % ("step", "expected", "result", "time", ""))
        for step, expected, result, seconds, passed in self.rows:
            print(line % (step, expected, result, "%.2f s" % seconds, "PASS" if passed else "FAIL"))
        failed = sum(1 for r in self.rows if not r[4])
        print("%d checks, %d passed, %d failed" % (len(self.rows), len(self.rows) - failed, failed))
        return failed == 0


class Abort(Exception):
    """A step failed that the rest depends on."""


def topologies():
    return sorted(d for d in os.listdir(HERE) if os.path.exists(os.path.join(HERE, d, "topo.py")))


def load_lab(topology):
    script = os.path.join(HERE, topology, "topo.py")
    if not os.path.exists(script):
        raise SystemExit("labcheck: no topology %s; the topologies are: %s" % (topology, ", ".join(topologies())))
    spec = importlib.util.spec_from_file_location("topo_" + topology.replace("-", "_"), script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.LAB


def preflight():
    """Reasons the lab cannot run here (empty if it can)."""
    why = []
    if os.geteuid() != 0:
        why.append("run as root (Mininet and BMv2 need it)")
    if shutil.which("simple_switch_grpc") is None:
        why.append("simple_switch_grpc (BMv2) is not on PATH (try PATH=/opt/p4/bin:$PATH)")
    for tool, package in (("java", "openjdk-17-jre-headless"), ("traceroute", "traceroute"), ("ping", "iputils-ping"),
                          ("nft", "nftables"), ("ethtool", "ethtool")):
        if shutil.which(tool) is None:
            why.append("%s is missing (apt-get install %s)" % (tool, package))
    return why


def _raise_exit(signum, frame):
    raise SystemExit(128 + signum)


def attempt(what, action):
    """Runs one clean-up action; a failure is reported and the clean-up goes on."""
    try:
        action()
    except Exception as e:  # noqa: BLE001 - whatever went wrong, the next action must still run
        print("  %s failed: %r; cleaning up by name and pid" % (what, e), file=sys.stderr)


class LabRun:
    """One run of the check on one topology."""

    def __init__(self, topology):
        self.topology = topology
        self.lab = load_lab(topology)
        self.dir = os.path.join(HERE, topology)
        self.state = cleanup.state_dir(topology)
        with open(os.path.join(self.dir, "scenario.json")) as f:
            self.scenario = json.load(f)
        self.table = Table()
        self.lab.relocate(CHECK_GRPC_BASE)
        self.network = os.path.join(self.state, "network.json")
        with open(self.network, "w") as f:
            f.write(self.lab.to_json(self.lab.netcfg()))
        self.net = None
        self.runtime = None
        self.recorded = []       # (pid, command-line marker) of every process started

    def record(self, pid, marker):
        self.recorded.append((pid, marker))
        cleanup.record(self.topology, [(pid, marker)])

    def execute(self):
        print("labcheck %s: %s" % (self.topology, self.lab.description), flush=True)
        stale = (cleanup.kill_recorded(self.topology) + cleanup.remove_interfaces(self.lab.switch_intfs())
                 + cut.remove(self.lab))
        if stale:
            print("  removed leftovers of an earlier run: %s" % stale)
        for s in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(s, _raise_exit)
        # Also when started with SIGINT ignored (a background job of a script): Ctrl-C must clean up.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            self.start_mininet()
            self.start_runtime()
            checks = self.scenario.get("checks", {})
            views.check_routes(self.table, self.runtime, checks)
            views.check_cluster_loops(self.table, self.runtime, checks)
            sites = {s["name"]: s for s in self.scenario.get("sites", [])}
            reachable = steps.check_pairs(self.table, self.net, self.lab, checks)
            if reachable:
                steps.trace(self.table, self.lab, self.net, self.runtime, sites, reachable[0], None)
            if self.lab.failover is None:
                self.table.add("re-route after a core link failure", "n/a", "skipped: no alternative core path", 0,
                               True)
            elif reachable:
                steps.fail_and_reroute(self.table, self.lab, self.net, self.runtime, sites, reachable)
        except Abort:
            pass
        except KeyboardInterrupt:
            self.table.add("interrupted", "-", "Ctrl-C", 0, False)
        except SystemExit as e:
            self.table.add("interrupted", "-", "signal %d" % (e.code - 128), 0, False)
        except Exception as e:  # noqa: BLE001 - any failure still gets the clean-up and the table
            self.table.add("error", "-", "%s: %s" % (type(e).__name__, e), 0, False)
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            self.teardown()
            signal.signal(signal.SIGINT, signal.default_int_handler)
        return self.table.print("labcheck %s" % self.topology)

    def start_mininet(self):
        from mininet.log import setLogLevel
        from mininet.net import Mininet
        from p4vpnlab.bmv2 import LabTopo
        setLogLevel("warning")
        t = time.monotonic()
        self.net = Mininet(topo=LabTopo(self.lab, log_dir=self.state, on_start=self.record), controller=None,
                           autoSetMacs=False, waitConnected=False, build=False)
        self.net.build()
        for node in self.net.hosts + self.net.switches:
            self.record(node.pid, "mininet:" + node.name)
        self.net.start()
        for h in self.net.hosts:
            probes.quiet_host(h)
        ports = [s.grpc_port for s in self.lab.switches.values()]
        self.table.add("mininet up", "%d BMv2, %d CEs" % (len(self.lab.switches), len(self.lab.hosts)),
                       "P4Runtime on %d-%d" % (min(ports), max(ports)), time.monotonic() - t, True)

    def start_runtime(self):
        t = time.monotonic()
        self.runtime = Runtime.start(Runtime.jar(REPO), self.network,
                                     os.path.join(self.dir, "scenario.json"), os.path.join(self.state, "runtime.log"))
        self.record(self.runtime.pid, "p4vpn-runtime")
        ok = self.runtime.await_rest(90)
        self.table.add("runtime attached, REST up", "HTTP 200", self.runtime.rest_status(), time.monotonic() - t, ok)
        if ok:
            t = time.monotonic()
            ok = self.runtime.await_serving(180)
            counts = self.runtime.counts()
            want = (len(self.scenario.get("vpns", [])), len(self.scenario.get("sites", [])))
            self.table.add("scenario provisioned over REST", "%d VPNs, %d sites" % want,
                           "%s; %d VPNs, %d sites" % (self.runtime.provisioned(), counts[0], counts[1]),
                           time.monotonic() - t, ok and counts == want)
        if not ok:
            print("  runtime output (last lines):\n    " + "\n    ".join(self.runtime.tail(25)))
            raise Abort()

    def teardown(self):
        t = time.monotonic()
        if self.runtime is not None:
            attempt("stopping the runtime", self.runtime.stop)
        if self.net is not None:
            attempt("stopping Mininet", self.stop_mininet)
        # What Mininet could not stop (or a run cut short before it recorded anything) goes here.
        cleanup.kill_recorded(self.topology)
        cleanup.remove_interfaces(self.lab.switch_intfs())
        attempt("removing the link cut", lambda: cut.remove(self.lab))
        left = cleanup.leftovers(self.topology, self.lab.switch_intfs(), self.recorded) + cut.present(self.lab)
        self.table.add("cleanup", "nothing left", "left: " + ", ".join(left) if left else "nothing left",
                       time.monotonic() - t, not left)

    def stop_mininet(self):
        # A command cut short by Ctrl-C leaves its node's shell marked busy; Mininet refuses new
        # commands on it (the interface removal is one), so interrupt it first.
        for node in self.net.hosts + self.net.switches:
            if node.waiting:
                node.sendInt()
                node.waiting = False
        self.net.stop()


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print("usage: labcheck TOPOLOGY   (as root, BMv2 on PATH)\ntopologies: " + ", ".join(topologies()))
        return 2
    problems = preflight()
    if problems:
        print("labcheck: cannot run: " + "; ".join(problems), file=sys.stderr)
        return 2
    try:
        return 0 if LabRun(argv[1]).execute() else 1
    except subprocess.CalledProcessError as e:
        print("labcheck: %s failed with %d" % (" ".join(e.cmd), e.returncode), file=sys.stderr)
        return 2
