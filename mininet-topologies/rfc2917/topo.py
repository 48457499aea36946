#!/usr/bin/python3
"""RFC 2917, Figures 1 and 2: routers A (151.0.0.1), B (152.0.0.2) and C (153.0.0.3), fully meshed,
each housing the VPN's virtual router. Headquarters (172.150.0/18) and the parts database
(172.150.128/18, the DB at 172.150.128.1) hang off A, the branch (172.150.64/18) off B, and the
extranet vendors off C. The vendors reach only the parts database; the corporate sites reach each
other and the database. The lab check fails A-B (A to B then goes through C).

           hq ─1─┐
                 A ─10──────────10─ B ─1─ branch
      partsdb ─2─┘ 11            11
                     ╲          ╱
                      10      11
                          C ─1─ vendors
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from p4vpnlab.model import Lab  # noqa: E402
from p4vpnlab.run import main  # noqa: E402

LAB = Lab("RFC 2917 Figures 1/2: routers A, B, C; headquarters and parts DB on A, branch on B, extranet vendors on C")
LAB.switch("ra", "PE", 1, "151.0.0.1", label="A")
LAB.switch("rb", "PE", 2, "152.0.0.2", label="B")
LAB.switch("rc", "PE", 3, "153.0.0.3", label="C")

# the physical routing domain: A port 10 - B port 10, A port 11 - C port 10, B port 11 - C port 11
LAB.link("ra", 10, "rb", 10)
LAB.link("ra", 11, "rc", 10)
LAB.link("rb", 11, "rc", 11)

# A port 1: headquarters (OSPF side in the RFC); A port 2: the parts database
LAB.host("hq", "00:00:00:00:0a:01", "172.150.0.2", "172.150.0.1", "ra", 1, prefix_length=18)
LAB.host("partsdb", "00:00:00:00:0a:02", "172.150.128.1", "172.150.191.254", "ra", 2, prefix_length=18)
# B port 1: the branch office; C port 1: the extranet vendors
LAB.host("branch", "00:00:00:00:0b:01", "172.150.64.2", "172.150.64.1", "rb", 1, prefix_length=18)
LAB.host("vendors", "00:00:00:00:0c:01", "10.99.0.2", "10.99.0.1", "rc", 1)

LAB.fail_link("ra", "rb")

if __name__ == "__main__":
    sys.exit(main(LAB, __file__))
