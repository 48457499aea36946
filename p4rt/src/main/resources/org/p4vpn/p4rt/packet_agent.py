#!/usr/bin/python3
"""Packet agent for data-plane tests: sends and captures raw Ethernet frames on interfaces.

Started by the Java test harness (inside the test's network namespace). Reads commands from
stdin, one JSON object a line:  {"send": {"iface": "veth1", "hex": "..."}}  and writes every
frame it captures on the given interfaces to stdout:  {"rx": {"iface": "veth1", "hex": "..."}}.
Prints {"ready": true} once every interface is open. Standard library only.
"""
import json
import select
import socket
import struct
import sys

ETH_P_ALL = 0x0003
SOL_PACKET = 263
PACKET_AUXDATA = 8
TP_STATUS_VLAN_VALID = 0x10
TP_STATUS_VLAN_TPID_VALID = 0x40
AUXDATA = struct.Struct("IIIHHHH")  # struct tpacket_auxdata


def with_vlan_tag(frame, ancillary):
    """Puts back the 802.1Q tag the kernel took off the frame (VLAN offload) and kept aside."""
    for level, kind, data in ancillary:
        if level != SOL_PACKET or kind != PACKET_AUXDATA or len(data) < AUXDATA.size:
            continue
        status, _, _, _, _, tci, tpid = AUXDATA.unpack(data[:AUXDATA.size])
        if status & TP_STATUS_VLAN_VALID:
            if not status & TP_STATUS_VLAN_TPID_VALID:
                tpid = 0x8100
            return frame[:12] + struct.pack("!HH", tpid, tci) + frame[12:]
    return frame


def main():
    ifaces = sys.argv[1:]
    socks = {}
    for name in ifaces:
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        s.bind((name, 0))
        s.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)
        s.setblocking(False)
        socks[s.fileno()] = (name, s)
    by_name = {name: s for name, s in socks.values()}
    print(json.dumps({"ready": True}), flush=True)
    stdin = sys.stdin.fileno()
    while True:
        readable, _, _ = select.select([stdin] + list(socks.keys()), [], [])
        for fd in readable:
            if fd == stdin:
                line = sys.stdin.readline()
                if not line:
                    return
                cmd = json.loads(line)
                if "send" in cmd:
                    by_name[cmd["send"]["iface"]].send(bytes.fromhex(cmd["send"]["hex"]))
                    print(json.dumps({"sent": cmd["send"]["iface"]}), flush=True)
                elif "burst" in cmd:
                    # For benchmarks: the same frame many times, as fast as the socket takes it.
                    frame = bytes.fromhex(cmd["burst"]["hex"])
                    sock = by_name[cmd["burst"]["iface"]]
                    for _ in range(int(cmd["burst"]["count"])):
                        while True:
                            try:
                                sock.send(frame)
                                break
                            except BlockingIOError:
                                select.select([], [sock], [])
                    print(json.dumps({"sent": cmd["burst"]["iface"]}), flush=True)
                continue
            name, s = socks[fd]
            while True:
                try:
                    frame, ancillary, _, addr = s.recvmsg(65535, socket.CMSG_LEN(64))
                except BlockingIOError:
                    break
                # addr[2] is the packet type: 4 = PACKET_OUTGOING, our own sends echoed back.
                if addr[2] == 4:
                    continue
                frame = with_vlan_tag(frame, ancillary)
                print(json.dumps({"rx": {"iface": name, "hex": frame.hex()}}), flush=True)


if __name__ == "__main__":
    main()
