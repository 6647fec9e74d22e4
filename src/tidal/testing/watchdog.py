"""Run timeouts for ``AppTest``: one watchdog thread for every test's runs.

Owns ``Watchdog`` and its ``RunJob`` records. AppTest runs execute in the test's own thread;
the watchdog interrupts one that overruns its deadline. Knows nothing about pages, elements or
staged values: only a session's interrupt flag and the running thread.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from tidal.runner import clear_async_interrupt, interrupt_thread

if TYPE_CHECKING:
    from tidal.session import Session


class RunJob:
    """One watched run: its session, deadline and thread, and what the watchdog did to it."""

    __slots__ = ("deadline", "finished", "forced", "session", "thread_id", "timed_out")

    def __init__(self, session: Session, deadline: float) -> None:
        self.session = session
        self.deadline = deadline
        self.thread_id = threading.get_ident()
        self.timed_out = False
        self.forced = False
        self.finished = False


class Watchdog:
    """Times out AppTest runs, which execute in the test's own thread (no thread per run).

    Past its deadline a run is interrupted at its next ``st.*`` call; a script stuck without
    ``st.*`` calls gets ``ScriptInterrupted`` raised in its thread one second later. One daemon
    thread serves every AppTest, ticking only while runs are being watched.
    """

    TICK = 0.02
    GRACE = 1.0

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._jobs: set[RunJob] = set()
        self._thread: threading.Thread | None = None
        self._idle = True

    def watch(self, session: Session, timeout: float) -> RunJob:
        """Start watching a run about to execute in the calling thread."""
        job = RunJob(session, time.monotonic() + timeout)
        with self._lock:
            self._jobs.add(job)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._loop, name="tidal-apptest-watchdog", daemon=True
                )
                self._thread.start()
            elif self._idle:
                self._lock.notify()
        return job

    def done(self, job: RunJob) -> bool:
        """Stop watching a finished run; returns whether it timed out."""
        with self._lock:
            job.finished = True
            self._jobs.discard(job)
            if job.forced:
                clear_async_interrupt(job.thread_id)
            return job.timed_out

    def _loop(self) -> None:
        quiet_since = time.monotonic()
        while True:
            with self._lock:
                now = time.monotonic()
                self._check(now)
                if self._jobs:
                    quiet_since = now
                self._idle = now - quiet_since > 1.0
                self._lock.wait(None if self._idle else self.TICK)

    def _check(self, now: float) -> None:
        # A method of its own, so no loop variable keeps a finished run's session alive
        # while the thread sleeps (a session-scoped cache drops its entries only when the
        # session is gone).
        for job in list(self._jobs):
            if now >= job.deadline and not job.timed_out:
                job.timed_out = True
                job.session.interrupt.set()
            elif job.timed_out and not job.forced and now >= job.deadline + self.GRACE:
                job.forced = True
                interrupt_thread(job.thread_id)
