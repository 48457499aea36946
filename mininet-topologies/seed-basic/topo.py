#!/usr/bin/python3
"""Seed 000, Figure 6: CE1-PE1-P-PE2-CE2, with two VPNs of identical addresses (red, blue) and the
Figure 3 sites a, b, c on the same PEs. One core path only: the lab check has no link to fail here
(the other labs do).

        red-1 ─1┐                                 ┌1─ red-2
       blue-1 ─2┤ PE1 ─10────1─ P ─2────10─ PE2 ├2─ blue-2
            a ─3┘                                 ├3─ b
                                                  └4─ c
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from p4vpnlab.model import Lab  # noqa: E402
from p4vpnlab.run import main  # noqa: E402

LAB = Lab("Seed 000, Figure 6: CE1-PE1-P-PE2-CE2; VPNs red and blue with identical addresses; Figure 3 sites a, b, c")
LAB.switch("pe1", "PE", 1, "1.1.1.1")
LAB.switch("p1", "P", 3, "3.3.3.3", label="P")
LAB.switch("pe2", "PE", 2, "2.2.2.2")

# core: PE1 port 10 <-> P port 1; P port 2 <-> PE2 port 10
LAB.link("pe1", 10, "p1", 1)
LAB.link("p1", 2, "pe2", 10)

# PE1 ports 1-3: red-1, blue-1 (same addresses, other VPN), a (Figure 3 site A, in VPN1 and VPN2)
LAB.host("red-1", "00:00:00:00:0a:01", "10.1.1.2", "10.1.1.1", "pe1", 1)
LAB.host("blue-1", "00:00:00:00:0b:01", "10.1.1.2", "10.1.1.1", "pe1", 2)
LAB.host("a", "00:00:00:00:0c:0a", "172.16.1.2", "172.16.1.1", "pe1", 3)
# PE2 ports 1-4: red-2, blue-2, b (site B, VPN1), c (site C, VPN2)
LAB.host("red-2", "00:00:00:00:0a:02", "10.2.1.2", "10.2.1.1", "pe2", 1)
LAB.host("blue-2", "00:00:00:00:0b:02", "10.2.1.2", "10.2.1.1", "pe2", 2)
LAB.host("b", "00:00:00:00:0c:0b", "172.16.2.2", "172.16.2.1", "pe2", 3)
LAB.host("c", "00:00:00:00:0c:0c", "172.16.3.2", "172.16.3.1", "pe2", 4)

if __name__ == "__main__":
    sys.exit(main(LAB, __file__))
