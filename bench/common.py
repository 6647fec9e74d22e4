"""Helpers shared by the benchmarks: percentiles, a server subprocess, RSS of a process, the
load average and the printed figures."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
APPS = Path(__file__).resolve().parent / "apps"
PYTHON = sys.executable


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) of values, nearest rank."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def summary(values: list[float], unit: str = "ms", scale: float = 1000.0) -> str:
    """'median / p95 (n=N)' in the given unit."""
    return (
        f"{statistics.median(values) * scale:.2f} / {pct(values, 95) * scale:.2f} {unit} "
        f"(n={len(values)})"
    )


def load_average() -> str:
    """The 1, 5 and 15 minute load averages and the CPU count, printed beside the figures."""
    return " / ".join(f"{x:.1f}" for x in os.getloadavg()) + f" ({os.cpu_count()} CPUs)"


def print_results(results: dict[str, dict[str, Any]]) -> None:
    """Each framework's figures, one per line under its name."""
    for who, out in results.items():
        print(who)
        for k, v in out.items():
            print(f"  {k:28} {f'{v:.1f}' if isinstance(v, float) else v}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`tidal run APP` in a subprocess on a free loopback port."""

    def __init__(self, app: Path, *flags: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}/ws"
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "tidal",
                "run",
                str(app),
                "--server.headless",
                "true",
                "--server.address",
                "127.0.0.1",
                "--server.port",
                str(self.port),
                *flags,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=str(app.parent),
        )
        self.healthy_after = self._wait_healthy()

    def _wait_healthy(self, timeout: float = 20) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1) as r:
                    if r.status == 200:
                        return time.perf_counter() - self.started
            except OSError:
                time.sleep(0.002)
        self.stop()
        raise RuntimeError("server did not become healthy")

    def rss(self) -> int:
        """Resident set size of the server process, bytes."""
        with open(f"/proc/{self.proc.pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    def stop(self) -> None:
        stop_process(self.proc)


def stop_process(proc: subprocess.Popen[bytes]) -> None:
    """Terminate, then kill if it has not exited within 10 s."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
