"""The packet steps of the lab check: pings between CE pairs, a traceroute through the VPN, and a
cut core link with the re-route it must cause. Each step adds rows to the table."""

import time

from p4vpnlab import cut, paths, probes

REROUTE_S = 30     # how long after a link failure every reachable pair must work again


def check_pairs(table, net, hosts, checks):
    """Both directions of every reachable and isolated pair. Returns the reachable pairs."""
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
    return [(a, b) for a, b, r in pairs if r]


def trace(table, lab, net, hosts, pair, without):
    """Traceroute from the pair's first CE to the second: reached after as many hops as a
    least-metric path (avoiding the link `without`) has switches, plus one."""
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
    """Cuts the lab's core link; every reachable pair must work again within REROUTE_S."""
    a, b = lab.failover
    t0 = time.monotonic()
    cut.cut(lab, a, b)
    table.add("cut core link %s-%s" % (a, b), "dropped both ways", "nftables egress drop", time.monotonic() - t0,
              True)
    for x, y in reachable:
        for src, dst in ((x, y), (y, x)):
            t = time.monotonic()
            # One deadline for all: every pair must work again within REROUTE_S of the cut.
            got = probes.delivered(net.get(src), net.get(dst), hosts[dst].ip, max(1.0, t0 + REROUTE_S - t))
            table.add("re-route: ping %s -> %s" % (src, dst), "reachable",
                      ("reached %.1f s after the failure" % (time.monotonic() - t0)) if got
                      else "not reached %.0f s after the failure" % (time.monotonic() - t0),
                      time.monotonic() - t, got)
    trace(table, lab, net, hosts, reachable[0], lab.failover)
