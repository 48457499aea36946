#!/usr/bin/python3
"""Route reflection after seed 000's RR figures, with VPNs acme and globex on five PEs.

Control plane (scenario.json "nodes"; the reflectors are BGP speakers in the controller, not switches):
  RR1 and RR2 share cluster 10.0.0.100 (Figure 2, backup RR): clients PE1, PE2, PE3 and RR3;
  each is the other's non-client, and PE4 is a non-client of both (Figure 1: non-clients fully meshed).
  RR3 is a level-2 reflector (Figure 4, hierarchical): cluster 10.0.0.200, client PE5, itself a client
  of RR1 and RR2.

Data plane: P1, P2, P3 in a triangle; the lab check fails P1-P2 (PE1 to PE4 then goes round by P3).

        acme-1 ─1─ PE1 ─10┐                  ┌10─ PE3 ─1─ globex-3
                          1│                 │1
        acme-2 ─1─ PE2 ─10─2 P1 ─3───────3─ P2 2─10─ PE4 ─1─ acme-4
                             4 ╲           ╱ 4
                                1─ P3 ─2
                                   3│
                                    10
        acme-5 ─1─ PE5 ─2─ globex-5 (same address as acme-5)
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from p4vpnlab.model import Lab  # noqa: E402
from p4vpnlab.run import main  # noqa: E402

LAB = Lab("Seed 000 route reflection: RR1+RR2 one cluster, non-client PE4, level-2 RR3 with client PE5")
for n in range(1, 6):
    LAB.switch("pe%d" % n, "PE", n, "%d.%d.%d.%d" % (n, n, n, n))
for n in range(1, 4):
    LAB.switch("p%d" % n, "P", 10 + n, "1%d.1%d.1%d.1%d" % (n, n, n, n))

# access: PE port 10 to P1 (PE1 port 1, PE2 port 2), P2 (PE3 port 1, PE4 port 2), P3 (PE5 port 3)
LAB.link("pe1", 10, "p1", 1)
LAB.link("pe2", 10, "p1", 2)
LAB.link("pe3", 10, "p2", 1)
LAB.link("pe4", 10, "p2", 2)
LAB.link("pe5", 10, "p3", 3)
# core triangle: P1 port 3 - P2 port 3, P1 port 4 - P3 port 1, P2 port 4 - P3 port 2
LAB.link("p1", 3, "p2", 3)
LAB.link("p1", 4, "p3", 1)
LAB.link("p2", 4, "p3", 2)

# CEs: acme on PE1, PE2, PE4, PE5 (port 1); globex on PE3 (port 1) and PE5 (port 2, acme-5's address)
LAB.host("acme-1", "00:00:00:00:01:01", "10.1.1.2", "10.1.1.1", "pe1", 1)
LAB.host("acme-2", "00:00:00:00:01:02", "10.2.1.2", "10.2.1.1", "pe2", 1)
LAB.host("acme-4", "00:00:00:00:01:04", "10.4.1.2", "10.4.1.1", "pe4", 1)
LAB.host("acme-5", "00:00:00:00:01:05", "10.5.1.2", "10.5.1.1", "pe5", 1)
LAB.host("globex-3", "00:00:00:00:02:03", "10.3.1.2", "10.3.1.1", "pe3", 1)
LAB.host("globex-5", "00:00:00:00:02:05", "10.5.1.2", "10.5.1.1", "pe5", 2)

LAB.fail_link("p1", "p2")

if __name__ == "__main__":
    sys.exit(main(LAB, __file__))
