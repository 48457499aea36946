#!/usr/bin/python3
"""Seed 000, Figure 3: site A (decision making, City A) belongs to VPN1 and VPN2; site B (R&D,
City B) only to VPN1 and site C (finance, City C) only to VPN2, so A reaches B and C while B and C
stay isolated. Each city has its own PE; two P switches give every PE a primary (via P1, metric 10)
and a backup path (via P2, metric 20). The lab check fails PE-A - P1.

                       ┌──── P1 ────┐          (metric 10 on every P1 link)
          a ─1─ PE-A ─10┤ 1   2   3  ├10─ PE-B ─1─ b
                      11│            │11
                        └──── P2 ────┘          (metric 20 on every P2 link)
                              3 │        PE-C port 10 -> P1 port 3, port 11 -> P2 port 3
                           PE-C ─1─ c
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from p4vpnlab.model import Lab  # noqa: E402
from p4vpnlab.run import main  # noqa: E402

LAB = Lab("Seed 000, Figure 3: site A in VPN1 and VPN2, site B in VPN1, site C in VPN2; B and C isolated")
LAB.switch("pea", "PE", 1, "1.1.1.1", label="PE-A")
LAB.switch("peb", "PE", 2, "2.2.2.2", label="PE-B")
LAB.switch("pec", "PE", 3, "3.3.3.3", label="PE-C")
LAB.switch("p1", "P", 11, "11.11.11.11", label="P1")
LAB.switch("p2", "P", 12, "12.12.12.12", label="P2")

# core: every PE's port 10 to P1 (ports 1-3), port 11 to P2 (ports 1-3)
for i, pe in enumerate(("pea", "peb", "pec"), start=1):
    LAB.link(pe, 10, "p1", i, metric=10)
    LAB.link(pe, 11, "p2", i, metric=20)

# CE port 1 of each PE: the site of that city
LAB.host("a", "00:00:00:00:0c:0a", "172.16.1.2", "172.16.1.1", "pea", 1)
LAB.host("b", "00:00:00:00:0c:0b", "172.16.2.2", "172.16.2.1", "peb", 1)
LAB.host("c", "00:00:00:00:0c:0c", "172.16.3.2", "172.16.3.1", "pec", 1)

LAB.fail_link("pea", "p1")

if __name__ == "__main__":
    sys.exit(main(LAB, __file__))
