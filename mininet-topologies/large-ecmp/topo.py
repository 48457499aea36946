#!/usr/bin/python3
"""A larger provider network for ECMP and failure: ten PEs, four P switches, every link metric 10.
PE1-PE5 are dual-homed to P1 and P2, PE6-PE10 to P3 and P4, and P1, P2 each reach P3 and P4, so
a PE of the first group has four equal-cost paths to a PE of the second. VPN green has a CE on
every PE (port 1, 10.N.1.2); VPN orange reuses green's addresses on PE1, PE4, PE7, PE10 (port 2);
VPN violet sits on PE2 and PE9 (port 2, 192.168.N.2). The lab check fails P1-P3.

    PEn (n=1..5):  port 10 -> P1 port n,  port 11 -> P2 port n
    PEn (n=6..10): port 10 -> P3 port n-5, port 11 -> P4 port n-5
    P1 port 6 -> P3 port 6,  P1 port 7 -> P4 port 6,  P2 port 6 -> P3 port 7,  P2 port 7 -> P4 port 7
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from p4vpnlab.model import Lab  # noqa: E402
from p4vpnlab.run import main  # noqa: E402

LAB = Lab("Ten PEs, four P switches, four equal-cost paths between the PE groups; VPNs green, orange, violet")
for n in range(1, 11):
    LAB.switch("pe%d" % n, "PE", n, "10.255.0.%d" % n)
for n in range(1, 5):
    LAB.switch("p%d" % n, "P", 10 + n, "10.255.1.%d" % n)

for n in range(1, 11):
    left, right, port = ("p1", "p2", n) if n <= 5 else ("p3", "p4", n - 5)
    LAB.link("pe%d" % n, 10, left, port)
    LAB.link("pe%d" % n, 11, right, port)
LAB.link("p1", 6, "p3", 6)
LAB.link("p1", 7, "p4", 6)
LAB.link("p2", 6, "p3", 7)
LAB.link("p2", 7, "p4", 7)

for n in range(1, 11):
    LAB.host("g%d" % n, "00:00:00:00:01:%02x" % n, "10.%d.1.2" % n, "10.%d.1.1" % n, "pe%d" % n, 1)
for n in (1, 4, 7, 10):
    LAB.host("o%d" % n, "00:00:00:00:02:%02x" % n, "10.%d.1.2" % n, "10.%d.1.1" % n, "pe%d" % n, 2)
for n in (2, 9):
    LAB.host("v%d" % n, "00:00:00:00:03:%02x" % n, "192.168.%d.2" % n, "192.168.%d.1" % n, "pe%d" % n, 2)

LAB.fail_link("p1", "p3")

if __name__ == "__main__":
    sys.exit(main(LAB, __file__))
