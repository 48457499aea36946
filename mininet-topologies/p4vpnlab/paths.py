"""Expected traceroute lengths: how many switches a packet crosses on the lab's shortest paths."""

import heapq


def hop_counts(lab, src, dst, without=None):
    """Switch counts over all least-metric paths from switch src to switch dst (both included).

    without: a (switch, switch) link to leave out, as after a failure. Empty set if unreachable.
    """
    adj = {s: [] for s in lab.switches}
    for l in lab.links:
        if without and {l.a, l.b} == set(without):
            continue
        adj[l.a].append((l.b, l.metric))
        adj[l.b].append((l.a, l.metric))
    # Dijkstra keeping, per node, the set of hop counts reaching it at the least metric.
    best = {src: 0}
    counts = {src: {1}}
    queue = [(0, src)]
    done = set()
    while queue:
        d, n = heapq.heappop(queue)
        if n in done:
            continue
        done.add(n)
        for m, w in adj[n]:
            nd = d + w
            if m not in best or nd < best[m]:
                best[m] = nd
                counts[m] = {c + 1 for c in counts[n]}
                heapq.heappush(queue, (nd, m))
            elif nd == best[m] and m not in done:
                counts[m] |= {c + 1 for c in counts[n]}
    return counts.get(dst, set())
