"""The threads that run scripts: one per busy session, made on demand, reaped when idle.

Owns ``WorkerPool``: a job (a session's run loop) gets an idle thread or a new one, up to a
large cap, so a script stuck in a loop or in ``time.sleep`` keeps only its own thread; idle
threads end after ``idle_seconds``. A watchdog thread calls each running job's ``watch``
callback a few times a second (what a session uses to escalate interrupts and enforce
``runner.maxRunSeconds``). Knows nothing about sessions, scripts or interrupts.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger("tidal.pool")

MAX_THREADS = 512
"""Most threads running scripts at once (each is one busy session); more jobs wait."""
IDLE_SECONDS = 30.0
"""An idle thread ends after this long without a job."""
WATCH_INTERVAL = 0.05
"""Seconds between two calls of a running job's ``watch``."""
STUCK_SECONDS = 10.0
"""A job running longer than this counts as stuck in the metrics."""

Job = Callable[[], object]
Watch = Callable[[float], None]
"""Called with ``time.monotonic()`` while its job runs (from the watchdog thread)."""


@dataclass(slots=True)
class _Running:
    started: float
    watch: Watch | None


class WorkerPool:
    """Daemon threads that run jobs, one job per thread, grown on demand up to
    ``max_threads`` and reaped after ``idle_seconds`` without work.

    Daemon threads, so a script stuck in ``while True: pass`` cannot keep the process alive
    at shutdown.

    Example:
        >>> pool = WorkerPool(max_threads=8)
        >>> pool.submit(lambda: print("ran"))
    """

    def __init__(
        self,
        max_threads: int = MAX_THREADS,
        *,
        idle_seconds: float = IDLE_SECONDS,
        name: str = "tidal-run",
    ) -> None:
        self.max_threads = max_threads
        self.idle_seconds = idle_seconds
        self._name = name
        self._jobs: deque[tuple[Job, Watch | None]] = deque()
        self._cond = threading.Condition(threading.Lock())
        self._threads = 0
        self._idle = 0
        self._made = 0
        self._running: dict[int, _Running] = {}
        self._watchdog: threading.Thread | None = None
        self._stopping = False

    def submit(self, fn: Job, watch: Watch | None = None) -> None:
        """Run ``fn`` on an idle thread, a new one, or (all ``max_threads`` busy) the first
        to free up; ``watch`` is called every ``WATCH_INTERVAL`` while ``fn`` runs."""
        with self._cond:
            self._jobs.append((fn, watch))
            if self._idle > len(self._jobs) - 1:
                self._cond.notify()
            elif self._threads < self.max_threads:
                self._spawn()
            if self._watchdog is None:
                self._watchdog = threading.Thread(
                    target=self._watch_loop, name=f"{self._name}-watchdog", daemon=True
                )
                self._watchdog.start()

    def _spawn(self) -> None:
        self._threads += 1
        self._made += 1
        thread = threading.Thread(target=self._work, name=f"{self._name}-{self._made}", daemon=True)
        thread.start()

    def _work(self) -> None:
        me = threading.get_ident()
        while True:
            with self._cond:
                while not self._jobs:
                    if self._stopping:
                        self._threads -= 1
                        return
                    self._idle += 1
                    woken = self._cond.wait(self.idle_seconds)
                    self._idle -= 1
                    if not woken and not self._jobs:
                        self._threads -= 1
                        return
                fn, watch = self._jobs.popleft()
                self._running[me] = _Running(time.monotonic(), watch)
            try:
                fn()
            except BaseException:  # a job must never take its thread down
                log.exception("worker job failed")
            finally:
                with self._cond:
                    del self._running[me]
                # a loop variable would keep the job's owner (a session) alive while idle
                fn = watch = None  # type: ignore[assignment]

    def _watch_loop(self) -> None:
        while not self._stopping:
            time.sleep(WATCH_INTERVAL)
            self._watch_all()

    def _watch_all(self) -> None:
        # a function of its own: its locals (the jobs' owners) are gone once it returns
        with self._cond:
            watches = [r.watch for r in self._running.values() if r.watch is not None]
        now = time.monotonic()
        for watch in watches:
            try:
                watch(now)
            except Exception:
                log.exception("watching a run failed")

    @property
    def threads(self) -> int:
        """Threads alive (busy or idle)."""
        return self._threads

    @property
    def busy(self) -> int:
        """Jobs running now."""
        return len(self._running)

    @property
    def queued(self) -> int:
        """Jobs waiting for a thread (all ``max_threads`` busy)."""
        return len(self._jobs)

    def stuck(self, seconds: float | None = None) -> int:
        """Jobs that have been running for longer than ``seconds`` (``STUCK_SECONDS``)."""
        since = time.monotonic() - (STUCK_SECONDS if seconds is None else seconds)
        with self._cond:
            return sum(1 for r in self._running.values() if r.started < since)

    def can_start(self) -> bool:
        """Whether a job submitted now would start at once (a thread is idle or can be made)."""
        with self._cond:
            return self._idle > len(self._jobs) or self._threads < self.max_threads

    def shutdown(self) -> None:
        """Let idle threads end; busy daemon threads end with the process."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
