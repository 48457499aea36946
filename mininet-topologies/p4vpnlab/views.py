"""Checks of what the controller computed, read from its REST views: the reflected routes a PE holds
(ORIGINATOR_ID, CLUSTER_LIST, which reflectors sent them) and the loops the reflectors dropped."""

import time


def check_routes(table, runtime, checks):
    for want in checks.get("routes", []):
        t = time.monotonic()
        rib = runtime.get("/rib/%s" % want["router"])[1]
        got = [r for r in rib if r["routeDistinguisher"] == want["routeDistinguisher"]
               and r["prefix"] == want["prefix"]]
        senders = sorted(r["source"].get("peerRouterId", r["source"]["type"]) for r in got)
        attrs = {(r.get("originatorId"), tuple(r["clusterList"])) for r in got}
        expected = "from %s, CL %s" % ("+".join(sorted(want["from"])), " ".join(want["clusterList"]))
        result = "from %s, %s" % ("+".join(senders) or "nobody",
                                  "; ".join("originator %s CL %s" % (o, " ".join(c)) for o, c in sorted(attrs)))
        ok = senders == sorted(want["from"]) and attrs == {(want["originatorId"], tuple(want["clusterList"]))}
        table.add("route %s %s at %s" % (want["routeDistinguisher"], want["prefix"], want["router"]), expected, result,
                  time.monotonic() - t, ok)


def check_cluster_loops(table, runtime, checks):
    names = checks.get("clusterLoopsDiscarded", [])
    if not names:
        return
    t = time.monotonic()
    reflectors = {r["name"]: r for r in runtime.get("/route-reflectors")[1]}
    for name in names:
        dropped = reflectors.get(name, {}).get("discardedClusterLoops", 0)
        table.add("%s drops its own cluster's reflections" % name, "some discarded",
                  "%d discarded" % dropped, time.monotonic() - t, dropped > 0)
