"""Command line of every topology script:

  topo.py --netcfg   print the network file (ONOS netcfg; the runtime's --network)
  topo.py --dump     print what the Mininet topology holds, as JSON (no root, no BMv2 needed)
  topo.py            start it with BMv2 and open Mininet's CLI (root; the controller is yours to start)
"""

import argparse
import json
import os
import sys


def main(lab, script):
    parser = argparse.ArgumentParser(description=lab.description)
    parser.add_argument("--netcfg", action="store_true", help="print the network file and exit")
    parser.add_argument("--dump", action="store_true", help="print the Mininet topology as JSON and exit")
    args = parser.parse_args()
    if args.netcfg:
        sys.stdout.write(lab.to_json(lab.netcfg()))
        return 0
    try:
        from p4vpnlab.bmv2 import LabTopo
    except ImportError as e:
        print("%s: the mininet Python module is missing (apt-get install mininet): %s" % (script, e),
              file=sys.stderr)
        return 3
    if args.dump:
        sys.stdout.write(json.dumps(lab.dump(LabTopo(lab)), indent=2) + "\n")
        return 0
    return interactive(lab, script)


def interactive(lab, script):
    from mininet.cli import CLI
    from mininet.log import setLogLevel
    from mininet.net import Mininet
    from p4vpnlab import cleanup
    from p4vpnlab.bmv2 import LabTopo
    if os.geteuid() != 0:
        print("%s: Mininet needs root" % script, file=sys.stderr)
        return 2
    name = os.path.basename(os.path.dirname(os.path.abspath(script)))
    setLogLevel("info")
    cleanup.kill_recorded(name)
    cleanup.remove_interfaces(lab.switch_intfs())
    net = Mininet(topo=LabTopo(lab, log_dir=cleanup.state_dir(name),
                               on_start=lambda pid, marker: cleanup.record(name, [(pid, marker)])),
                  controller=None, autoSetMacs=False, waitConnected=False)
    try:
        cleanup.record(name, [(n.pid, "mininet:" + n.name) for n in net.hosts + net.switches])
        net.start()
        print("P4Runtime servers:", " ".join("%s@127.0.0.1:%d" % (s.name, s.grpc_port) for s in net.switches))
        print("now start a controller, e.g. ./p4vpn --attach --network %s/network.json --scenario %s/scenario.json"
              " --in-memory --serve" % (os.path.dirname(script), os.path.dirname(script)))
        CLI(net)
    finally:
        net.stop()
        cleanup.kill_recorded(name)
        cleanup.remove_interfaces(lab.switch_intfs())
    return 0
