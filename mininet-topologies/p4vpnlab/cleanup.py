"""Leaves nothing behind: the processes a lab started (recorded by pid) and its switch interfaces.

Only what this lab made is touched: pids from its own state file, checked against their command
line before they are killed (a pid may have been reused), and interfaces with the lab's own names.
Mininet's hosts live in unnamed namespaces that vanish with their shell.
"""

import os
import signal
import subprocess
import time

STATE_ROOT = "/tmp/p4vpn-lab"


def state_dir(topology):
    d = os.path.join(STATE_ROOT, topology)
    os.makedirs(d, exist_ok=True)
    return d


def stop(process, grace):
    """Stops a child process: SIGTERM, then SIGKILL after grace seconds."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


def _pid_file(topology):
    return os.path.join(state_dir(topology), "pids")


def record(topology, pids):
    """Remembers (pid, marker) pairs: marker is a string the process's command line contains."""
    with open(_pid_file(topology), "a") as f:
        for pid, marker in pids:
            f.write("%d %s\n" % (pid, marker))


def _cmdline(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return None


def _ours(pid, marker):
    cmd = _cmdline(pid)
    return cmd is not None and marker in cmd


def kill_recorded(topology):
    """Stops every recorded process still running as what was recorded. Returns the pids killed."""
    path = _pid_file(topology)
    if not os.path.exists(path):
        return []
    entries = []
    with open(path) as f:
        for line in f:
            pid, _, marker = line.strip().partition(" ")
            if pid.isdigit():
                entries.append((int(pid), marker))
    killed = []
    for pid, marker in entries:
        if _ours(pid, marker):
            os.kill(pid, signal.SIGTERM)
            killed.append((pid, marker))
    deadline = time.monotonic() + 5
    while any(_ours(p, m) for p, m in killed) and time.monotonic() < deadline:
        time.sleep(0.05)
    for pid, marker in killed:
        if _ours(pid, marker):
            os.kill(pid, signal.SIGKILL)
    os.remove(path)
    return [p for p, _ in killed]


def remove_interfaces(names):
    """Deletes those of the interfaces that exist (a veth goes with its peer). Returns the names removed."""
    removed = []
    for name in names:
        if os.path.exists("/sys/class/net/" + name):
            subprocess.call(["ip", "link", "del", name], stderr=subprocess.DEVNULL)
            removed.append(name)
    return removed


def leftovers(topology, intf_names, pids):
    """What is still there: interfaces by name and processes by (pid, marker). Empty when clean."""
    left = [n for n in intf_names if os.path.exists("/sys/class/net/" + n)]
    left += ["pid %d (%s)" % (p, m) for p, m in pids if _ours(p, m)]
    return left
