"""The embedded runtime attached to the lab's switches: started with --attach, read over REST."""

import base64
import json
import os
import re
import subprocess
import threading
import time
import urllib.error
import urllib.request

from p4vpnlab import cleanup


class Runtime:
    def __init__(self, process, log_path):
        self.process = process
        self.pid = process.pid
        self.lines = []
        self.base = None
        self.password = None
        self._status = "no answer"
        self._log = open(log_path, "w")
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    @staticmethod
    def jar(repo):
        """The runtime's jar, built (without tests, no install) if missing."""
        jar = os.path.join(repo, "runtime", "target", "p4vpn-runtime.jar")
        if not os.path.exists(jar):
            print("  building the runtime: mvn -B -q -DskipTests package -pl runtime -am", flush=True)
            subprocess.run(["mvn", "-B", "-q", "-DskipTests", "package", "-pl", "runtime", "-am"], cwd=repo,
                           check=True)
        return jar

    @classmethod
    def start(cls, jar, network, scenario, log_path):
        cmd = ["java", "-jar", jar, "--attach", "--network", network, "--scenario", scenario, "--in-memory",
               "--serve", "--listen", "127.0.0.1", "--rest-port", "0"]
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                             start_new_session=True, text=True, bufsize=1)
        return cls(p, log_path)

    def _read(self):
        for line in self.process.stdout:
            self._log.write(line)
            self._log.flush()
            line = line.rstrip("\n")
            self.lines.append(line)
            m = re.search(r"REST API: (http://\S+/l3vpn/v1)", line)
            if m:
                self.base = m.group(1)
            m = re.search(r"user admin, password (\S+)", line)
            if m:
                self.password = m.group(1)

    def _wait(self, seconds, condition):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if condition():
                return True
            if self.process.poll() is not None:
                return condition()
            time.sleep(0.1)
        return False

    def get(self, path):
        req = urllib.request.Request(self.base + path)
        token = base64.b64encode(("admin:%s" % self.password).encode()).decode()
        req.add_header("Authorization", "Basic " + token)
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, json.loads(r.read().decode())

    def _rest_ok(self):
        if self.base is None or self.password is None:
            return False
        try:
            self._status = "HTTP %d" % self.get("/vpns")[0]
        except urllib.error.HTTPError as e:
            self._status = "HTTP %d" % e.code
        except OSError as e:
            self._status = str(e)
        return self._status == "HTTP 200"

    def await_rest(self, seconds):
        """Waits for the REST API to answer an authenticated GET /vpns."""
        return self._wait(seconds, self._rest_ok)

    def rest_status(self):
        return self._status + ("" if self.process.poll() is None else "; runtime exited %d" % self.process.returncode)

    def await_serving(self, seconds):
        """Waits until the runtime has provisioned the scenario and programmed the switches."""
        return self._wait(seconds, lambda: any(l.startswith("serving;") for l in self.lines))

    def provisioned(self):
        for l in self.lines:
            if "changes provisioned" in l or "already provisioned" in l:
                return l.strip()
        return "not provisioned"

    def counts(self):
        """(VPNs, sites) the REST API lists."""
        try:
            return len(self.get("/vpns")[1]), len(self.get("/sites")[1])
        except (OSError, ValueError):
            return -1, -1

    def tail(self, n):
        return self.lines[-n:]

    def stop(self):
        cleanup.stop(self.process, 15)
        self._reader.join(5)
        self._log.close()
