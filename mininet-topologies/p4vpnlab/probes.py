"""Real packets from the CE hosts: ping and traceroute run in the hosts' namespaces."""

import re
import time


def quiet_host(host):
    """No IPv6 chatter from the CE, and checksums filled in by the kernel: BMv2 reads the veth
    raw, so an offloaded (not yet computed) checksum would reach the far CE as it was."""
    host.cmd("sysctl -q -w net.ipv6.conf.all.disable_ipv6=1")
    for intf in host.intfList():
        if intf.name != "lo":
            host.cmd("ethtool -K %s tx off rx off >/dev/null 2>&1" % intf.name)


def echo_requests(host):
    """ICMP echo requests the host's kernel has received (its namespace's own /proc/net/snmp):
    tells which CE a ping really reached when VPNs reuse addresses."""
    lines = [l.split() for l in host.cmd("cat /proc/net/snmp").splitlines() if l.startswith("Icmp:")]
    return int(lines[1][lines[0].index("InEchos")])


def delivered(src, dst, ip, timeout):
    """Pings dst's address from src until a reply comes; true only if dst itself got the request."""
    before = echo_requests(dst)
    return ping_until(src, ip, timeout) and echo_requests(dst) > before


def leaked(src, dst, ip):
    """Three pings from src to dst's address: (how many of them reached dst, whether any reply
    came). Isolated means none reached dst; a reply can still come from a CE of src's own VPN
    that has the same address."""
    before = echo_requests(dst)
    replied = ping_once(src, ip)
    return echo_requests(dst) - before, replied


def _replied(output):
    m = re.search(r"(\d+) received", output)
    return m is not None and int(m.group(1)) > 0


def ping_until(host, ip, timeout):
    """Pings once a second until a reply comes (the first may wait for ARP) or the time is up."""
    deadline = time.monotonic() + timeout
    while True:
        if _replied(host.cmd("ping -n -q -c 1 -W 1 %s" % ip)):
            return True
        if time.monotonic() > deadline:
            return False


def ping_once(host, ip):
    """Three pings 0.2 s apart; true if any of them got a reply."""
    return _replied(host.cmd("ping -n -q -c 3 -i 0.2 -W 1 %s" % ip))


def traceroute(host, ip):
    """ICMP traceroute; returns (hop count of the destination or None, the hops as one line).

    Provider switches whose TTL expires punt the probe to the controller; the hops that answer
    nothing show as '*'."""
    out = host.cmd("traceroute -I -n -q 1 -w 1 -m 12 %s" % ip)
    hops = []
    reached = None
    for line in out.splitlines():
        m = re.match(r"\s*(\d+)\s+(\S+)", line)
        if not m:
            continue
        hops.append(m.group(2))
        if m.group(2) == ip:
            reached = int(m.group(1))
            break
    return reached, " ".join(hops)
