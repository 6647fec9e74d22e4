"""Process metrics: counters and histograms, rendered in Prometheus' text format.

Owns the numbers ``/metrics`` shows (sessions active, hibernated and resumed, run latency,
store latency, snapshot bytes). Knows nothing about what is measured: callers observe.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Callable, Iterable

_LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
_BYTES_BUCKETS = (256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304)


class Histogram:
    """Cumulative buckets, a sum and a count (Prometheus' histogram)."""

    __slots__ = ("bounds", "count", "counts", "help", "name", "total")

    def __init__(self, name: str, help: str, bounds: Iterable[float]) -> None:
        self.name = name
        self.help = help
        self.bounds = tuple(bounds)
        self.counts = [0] * (len(self.bounds) + 1)
        self.total = 0.0
        self.count = 0

    def observe(self, value: float) -> None:
        """Record one value."""
        self.counts[bisect_left(self.bounds, value)] += 1
        self.total += value
        self.count += 1

    def render(self) -> list[str]:
        lines = [f"# HELP {self.name} {self.help}", f"# TYPE {self.name} histogram"]
        running = 0
        for bound, n in zip(self.bounds, self.counts, strict=False):
            running += n
            lines.append(f'{self.name}_bucket{{le="{bound}"}} {running}')
        lines.append(f'{self.name}_bucket{{le="+Inf"}} {self.count}')
        lines.append(f"{self.name}_sum {self.total:.6f}")
        lines.append(f"{self.name}_count {self.count}")
        return lines


class Metrics:
    """Every metric of one server process. Thread-safe enough for counters (GIL-atomic
    increments of ints under a lock where it matters)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.counters: dict[str, tuple[str, int]] = {}
        self.gauges: dict[str, tuple[str, Callable[[], float]]] = {}
        self.run_seconds = Histogram(
            "tidal_run_seconds", "Duration of script runs.", _LATENCY_BUCKETS
        )
        self.store_seconds = Histogram(
            "tidal_store_seconds", "Duration of session store operations.", _LATENCY_BUCKETS
        )
        self.snapshot_bytes = Histogram(
            "tidal_snapshot_bytes", "Size of saved session snapshots.", _BYTES_BUCKETS
        )

    def inc(self, name: str, help: str, by: int = 1) -> None:
        """Add to a counter (created on first use)."""
        with self._lock:
            _, value = self.counters.get(name, (help, 0))
            self.counters[name] = (help, value + by)

    def gauge(self, name: str, help: str, read: Callable[[], float]) -> None:
        """Register a gauge read at scrape time."""
        self.gauges[name] = (help, read)

    def render(self) -> str:
        """The Prometheus text exposition of every metric."""
        lines: list[str] = []
        for name, (help, read) in sorted(self.gauges.items()):
            lines += [f"# HELP {name} {help}", f"# TYPE {name} gauge", f"{name} {read():g}"]
        with self._lock:
            counters = sorted(self.counters.items())
        for name, (help, value) in counters:
            lines += [f"# HELP {name} {help}", f"# TYPE {name} counter", f"{name} {value}"]
        for hist in (self.run_seconds, self.store_seconds, self.snapshot_bytes):
            lines += hist.render()
        return "\n".join(lines) + "\n"
