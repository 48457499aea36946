"""The lab check: one topology on BMv2 in Mininet, the embedded runtime attached to it, the scenario
provisioned over REST, then real pings and traceroutes between the CEs, a failed core link, and a
table of what passed. Everything it starts is stopped and removed however it ends.
"""

import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import time

from p4vpnlab import cleanup, cut, paths, probes, views
from p4vpnlab.runtime import Runtime

REROUTE_S = 30     # how long after a link failure every reachable pair must work again
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(HERE)


class Table:
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


def load_lab(topology):
    script = os.path.join(HERE, topology, "topo.py")
    if not os.path.exists(script):
        names = sorted(d for d in os.listdir(HERE) if os.path.exists(os.path.join(HERE, d, "topo.py")))
        raise SystemExit("labcheck: no topology %s; the topologies are: %s" % (topology, ", ".join(names)))
    spec = importlib.util.spec_from_file_location("topo_" + topology.replace("-", "_"), script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.LAB


def preflight(topology):
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


def run(topology):
    from mininet.log import setLogLevel
    from mininet.net import Mininet
    from p4vpnlab.bmv2 import Bmv2Switch, LabTopo

    lab = load_lab(topology)
    problems = preflight(topology)
    if problems:
        print("labcheck: cannot run: " + "; ".join(problems), file=sys.stderr)
        return 2
    jar = Runtime.jar(REPO)
    state = cleanup.state_dir(topology)
    network = os.path.join(HERE, topology, "network.json")
    with open(os.path.join(HERE, topology, "scenario.json")) as f:
        scenario = json.load(f)
    table = Table()
    print("labcheck %s: %s" % (topology, lab.description), flush=True)
    # Leftovers of a run that was killed outright (kill -9) go first.
    stale = cleanup.kill_recorded(topology) + cleanup.remove_interfaces(lab.switch_intfs()) + cut.remove(lab)
    if stale:
        print("  removed leftovers of an earlier run: %s" % stale)
    for s in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, _raise_exit)
    # Also when started with SIGINT ignored (a background job of a script): Ctrl-C must clean up.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    setLogLevel("warning")
    net = None
    runtime = None
    recorded = []
    try:
        t = time.monotonic()
        net = Mininet(topo=LabTopo(lab, log_dir=state), controller=None, autoSetMacs=False, waitConnected=False,
                      build=False)
        net.build()
        recorded += [(h.pid, "mininet:" + h.name) for h in net.hosts]
        recorded += [(s.pid, "mininet:" + s.name) for s in net.switches]
        cleanup.record(topology, recorded)
        net.start()
        switches = [(s.process.pid, "simple_switch_grpc") for s in net.switches if isinstance(s, Bmv2Switch)]
        cleanup.record(topology, switches)
        recorded += switches
        for h in net.hosts:
            probes.quiet_host(h)
        table.add("mininet up", "%d BMv2, %d CEs" % (len(lab.switches), len(lab.hosts)),
                  "P4Runtime on %d-%d" % (min(s.grpc_port for s in lab.switches.values()),
                                          max(s.grpc_port for s in lab.switches.values())),
                  time.monotonic() - t, True)

        t = time.monotonic()
        runtime = Runtime.start(jar, network, os.path.join(HERE, topology, "scenario.json"),
                                os.path.join(state, "runtime.log"))
        cleanup.record(topology, [(runtime.pid, "p4vpn-runtime")])
        recorded.append((runtime.pid, "p4vpn-runtime"))
        ok = runtime.await_rest(90)
        table.add("runtime attached, REST up", "HTTP 200", runtime.rest_status(), time.monotonic() - t, ok)
        if not ok:
            show_output(runtime)
            raise Abort()
        t = time.monotonic()
        ok = runtime.await_serving(180)
        counts = runtime.counts()
        want = (len(scenario.get("vpns", [])), len(scenario.get("sites", [])))
        table.add("scenario provisioned over REST", "%d VPNs, %d sites" % want,
                  "%s; %d VPNs, %d sites" % (runtime.provisioned(), counts[0], counts[1]),
                  time.monotonic() - t, ok and counts == want)
        if not ok:
            show_output(runtime)
            raise Abort()

        checks = scenario.get("checks", {})
        views.check_routes(table, runtime, checks)
        views.check_cluster_loops(table, runtime, checks)
        hosts = {h.name: h for h in lab.hosts}
        pairs = [(a, b, True) for a, b in checks.get("reachable", [])]
        pairs += [(a, b, False) for a, b in checks.get("isolated", [])]
        for a, b, reachable in pairs:
            for src, dst in ((a, b), (b, a)):
                t = time.monotonic()
                if reachable:
                    got = probes.delivered(net.get(src), net.get(dst), hosts[dst].ip, 15)
                    table.add("ping %s -> %s" % (src, dst), "reachable", "reached" if got else "not reached",
                              time.monotonic() - t, got)
                else:
                    leaks, replied = probes.leaked(net.get(src), net.get(dst), hosts[dst].ip)
                    result = "%d of 3 arrived" % leaks if leaks else "nothing arrived"
                    if replied and not leaks:
                        result += " (own VPN's %s answered)" % hosts[dst].ip
                    table.add("ping %s -> %s" % (src, dst), "isolated", result, time.monotonic() - t, not leaks)
        reachable = [(a, b) for a, b, r in pairs if r]
        if reachable:
            trace(table, lab, net, hosts, reachable[0], None)
        if lab.failover is None:
            table.add("re-route after a core link failure", "n/a",
                      "skipped: no alternative core path", 0, True)
        else:
            fail_and_reroute(table, lab, net, hosts, reachable)
    except Abort:
        pass
    except KeyboardInterrupt:
        table.add("interrupted", "-", "Ctrl-C", 0, False)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        t = time.monotonic()
        if runtime is not None:
            attempt("stopping the runtime", runtime.stop)
        if net is not None:
            attempt("stopping Mininet", lambda: stop_mininet(net))
        # What Mininet could not stop (or a run cut short before it recorded anything) goes here.
        cleanup.kill_recorded(topology)
        cleanup.remove_interfaces(lab.switch_intfs())
        attempt("removing the link cut", lambda: cut.remove(lab))
        left = cleanup.leftovers(topology, lab.switch_intfs(), recorded) + cut.present(lab)
        table.add("cleanup", "nothing left", "left: " + ", ".join(left) if left else "nothing left",
                  time.monotonic() - t, not left)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    return 0 if table.print("labcheck %s" % topology) else 1


def attempt(what, action):
    """Runs one clean-up action; a failure is reported and the clean-up goes on."""
    try:
        action()
    except Exception as e:  # noqa: BLE001 - whatever went wrong, the next action must still run
        print("  %s failed: %r; cleaning up by name and pid" % (what, e), file=sys.stderr)


def stop_mininet(net):
    # A command cut short by Ctrl-C leaves its node's shell marked busy; Mininet refuses new
    # commands on it (the interface removal is one), so interrupt and drain it first.
    for node in net.hosts + net.switches:
        if node.waiting:
            node.sendInt()
            node.waiting = False
    net.stop()


class Abort(Exception):
    """A step failed that the rest depends on."""


def show_output(runtime):
    print("  runtime output (last lines):\n    " + "\n    ".join(runtime.tail(25)))


def trace(table, lab, net, hosts, pair, without):
    src, dst = hosts[pair[0]], hosts[pair[1]]
    t = time.monotonic()
    before = probes.echo_requests(net.get(dst.name))
    hops, path = probes.traceroute(net.get(src.name), dst.ip)
    if hops and probes.echo_requests(net.get(dst.name)) == before:
        path += " (answered by another CE with that address)"
        hops = None
    expected = {n + 1 for n in paths.hop_counts(lab, src.switch, dst.switch, without)}
    label = "traceroute %s -> %s%s" % (src.name, dst.name, " after failure" if without else "")
    table.add(label, "%s hops" % "/".join(str(e) for e in sorted(expected)),
              "%s hops: %s" % (hops, path) if hops else "not reached: " + path, time.monotonic() - t,
              hops in expected)


def fail_and_reroute(table, lab, net, hosts, reachable):
    a, b = lab.failover
    t0 = time.monotonic()
    cut.cut(lab, a, b)
    table.add("cut core link %s-%s" % (a, b), "dropped both ways", "nftables egress drop", time.monotonic() - t0,
              True)
    for x, y in reachable:
        for src, dst in ((x, y), (y, x)):
            t = time.monotonic()
            # One deadline for all: every pair must work again within REROUTE_S of the failure.
            got = probes.delivered(net.get(src), net.get(dst), hosts[dst].ip, max(1.0, t0 + REROUTE_S - t))
            table.add("re-route: ping %s -> %s" % (src, dst), "reachable",
                      ("reached %.1f s after the failure" % (time.monotonic() - t0)) if got
                      else "not reached %.0f s after the failure" % (time.monotonic() - t0),
                      time.monotonic() - t, got)
    trace(table, lab, net, hosts, reachable[0], lab.failover)


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        names = sorted(d for d in os.listdir(HERE) if os.path.exists(os.path.join(HERE, d, "topo.py")))
        print("usage: labcheck TOPOLOGY   (as root, BMv2 on PATH)\ntopologies: " + ", ".join(names))
        return 2
    try:
        return run(argv[1])
    except subprocess.CalledProcessError as e:
        print("labcheck: %s failed with %d" % (" ".join(e.cmd), e.returncode), file=sys.stderr)
        return 2
