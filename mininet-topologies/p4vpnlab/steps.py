"""The packet steps of the lab check: pings between CE pairs, a traceroute through the VPN, and a
cut core link with the re-route it must cause. Each step adds rows to the table."""

import time

from p4vpnlab import cut, paths, probes

REROUTE_S = 30     # how long after a link failure every reachable pair must work again


def check_pairs(table, net, lab, checks):
    """Both directions of every reachable and isolated pair. Returns the reachable pairs."""
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
    return [(a, b) for a, b, r in pairs if r]


def predicted(runtime, vpn, site, ip):
    """The controller's trace (GET /trace): (switch count, hops with their labels as one line)."""
    try:
        trace = runtime.get("/trace?vpn=%s&site=%s&destination=%s" % (vpn, site, ip))[1]
    except (OSError, ValueError) as e:
        return None, "no trace: %s" % e
    if not trace.get("delivered"):
        return None, "predicted drop: %s" % trace.get("dropReason")
    hops = ["%s %s%s" % (h["device"].split(":")[-1], h["action"].lower(),
                         "".join(" %d" % label for label in h["labels"])) for h in trace["hops"]]
    return len(trace["hops"]), ", ".join(hops)


def trace(table, lab, net, runtime, sites, pair, without):
    """Traceroute from the pair's first CE to the second. Every switch on the way is one hop (it
    decrements the TTL and punts the probe whose TTL expires), so the destination answers at hop
    count = switches on the controller's predicted path + 1, which must also be the length of a
    least-metric path of the topology (avoiding the link `without`)."""
    hosts = {h.name: h for h in lab.hosts}
    src, dst = hosts[pair[0]], hosts[pair[1]]
    t = time.monotonic()
    switches, plan = predicted(runtime, sites[src.name]["vpn"], src.name, dst.ip)
    before = probes.echo_requests(net.get(dst.name))
    hops, path = probes.traceroute(net.get(src.name), dst.ip)
    if hops and probes.echo_requests(net.get(dst.name)) == before:
        path += " (answered by another CE with that address)"
        hops = None
    shortest = {n + 1 for n in paths.hop_counts(lab, src.switch, dst.switch, without)}
    label = "traceroute %s -> %s%s" % (src.name, dst.name, " after failure" if without else "")
    expected = "%s hops" % (switches + 1 if switches else "/".join(str(e) for e in sorted(shortest)))
    result = ("%s hops: %s" % (hops, path) if hops else "not reached: " + path) + "; controller: " + plan
    table.add(label, expected, result, time.monotonic() - t,
              hops is not None and switches is not None and hops == switches + 1 and hops in shortest)


def fail_and_reroute(table, lab, net, runtime, sites, reachable):
    """Cuts the lab's core link; every reachable pair must work again within REROUTE_S."""
    hosts = {h.name: h for h in lab.hosts}
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
    trace(table, lab, net, runtime, sites, reachable[0], lab.failover)
