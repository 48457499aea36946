"""Cutting a core link as a cable pull would: everything leaving either switch interface is dropped
by an nftables netdev egress chain. Setting the veths down is no cable pull for BMv2 (its sends on
a down veth stall the switch's other ports too), so Mininet's `link ... down` is not used."""

import subprocess

PREFIX = "p4vpnlab_cut_"


def _table(intf):
    return PREFIX + intf.replace("-", "_")


def cut(lab, a, b):
    """Drops all traffic on the lab's link between switches a and b, both ways."""
    link = next(l for l in lab.links if {l.a, l.b} == {a, b})
    for sw, port in ((link.a, link.port_a), (link.b, link.port_b)):
        intf = lab.switch_intf(sw, port)
        table = _table(intf)
        subprocess.run(["nft", "add", "table", "netdev", table], check=True)
        subprocess.run(["nft", "add", "chain", "netdev", table, "out",
                        '{ type filter hook egress device "%s" priority 0; policy drop; }' % intf], check=True)


def remove(lab):
    """Deletes the lab's cut tables that exist. Returns their names."""
    gone = present(lab)
    for t in gone:
        subprocess.call(["nft", "delete", "table", "netdev", t], stderr=subprocess.DEVNULL)
    return gone


def present(lab):
    """The lab's cut tables that exist."""
    mine = {_table(i) for i in lab.switch_intfs()}
    out = subprocess.run(["nft", "list", "tables", "netdev"], capture_output=True, text=True).stdout
    return [w for line in out.splitlines() for w in line.split()[2:3] if w in mine]
