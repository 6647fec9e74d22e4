"""Stopping the run in progress of one session, even one that never calls ``st.*``.

Owns ``RunInterrupt``: a request raises the session's interrupt flag (the run stops at its
next ``st.*`` call); if the run has not stopped ``HARD_AFTER`` seconds later (a loop without
``st.*`` calls), the exception is raised in its thread, once, and only while the script's own
code runs (``runner.in_user_code``), never inside tidal's bookkeeping; one not delivered when
the script ends is withdrawn. It also stops a run past ``runner.maxRunSeconds``. Knows nothing
about sessions, events or sockets: the session says when a run begins and ends, and the pool's
watchdog calls ``watch``.
"""

from __future__ import annotations

import logging
import threading
import time

from tidal.context import Flag
from tidal.errors import RunTimedOut, ScriptInterrupted
from tidal.runner import clear_async_interrupt, in_user_code, interrupt_thread

log = logging.getLogger("tidal.interrupt")

HARD_AFTER = 0.05
"""Seconds a run may take to notice an interrupt at an ``st.*`` call before the exception is
raised in its own code."""


class RunInterrupt:
    """The interrupt of one session's runs: the flag the run polls, and the escalation to an
    exception raised in the run's thread.

    Example:
        >>> stop = RunInterrupt(Flag(), max_seconds=30)
        >>> stop.begin()  # in the run's thread, before the script
        >>> stop.request()  # from any thread: the run stops soon
        >>> stop.end()  # in the run's thread, after the script
    """

    __slots__ = (
        "_hard_sent",
        "_in_script",
        "_lock",
        "_requested_at",
        "_started",
        "_thread_id",
        "flag",
        "max_seconds",
    )

    def __init__(self, flag: Flag, max_seconds: float = 0.0) -> None:
        self.flag = flag
        self.max_seconds = max_seconds
        """A run past this many seconds is stopped with ``RunTimedOut``; 0: never."""
        self._lock = threading.Lock()
        self._thread_id: int | None = None
        self._in_script = False
        self._hard_sent = False
        self._requested_at = 0.0
        self._started = 0.0

    def begin(self) -> None:
        """A run starts in the calling thread: lower the flag, arm the escalation."""
        with self._lock:
            self.flag.clear()
            self._thread_id = threading.get_ident()
            self._in_script = True
            self._hard_sent = False
            self._started = time.monotonic()

    def request(self, reason: type[BaseException] = ScriptInterrupted) -> None:
        """Ask the run in progress to stop (from any thread): at its next ``st.*`` call, or
        after ``HARD_AFTER`` by ``reason`` raised in its thread."""
        with self._lock:
            self._raise_flag(reason, time.monotonic())

    def force(self) -> bool:
        """Stop the run now: the exception is raised at once if the script's own code is
        running (else ``watch`` raises it as soon as it is). Returns whether it was raised."""
        with self._lock:
            self._raise_flag(ScriptInterrupted, time.monotonic())
            self._requested_at -= HARD_AFTER
            return self._escalate()

    def watch(self, now: float) -> None:
        """Called a few times a second while a run is in progress (the pool's watchdog): stop
        a run past ``max_seconds``, and raise an interrupt the run has not noticed."""
        with self._lock:
            if not self._in_script or self._hard_sent:
                return
            if 0 < self.max_seconds < now - self._started and not self.flag.is_set():
                log.warning(
                    "a run went past runner.maxRunSeconds=%g; stopping it", self.max_seconds
                )
                self._raise_flag(RunTimedOut, now - HARD_AFTER)
            if self.flag.is_set() and now - self._requested_at >= HARD_AFTER:
                self._escalate()

    def end(self) -> None:
        """The script is over (in the run's thread): withdraw an exception not delivered yet.
        At most one is raised per run, so once it has landed (even here) none can follow."""
        while True:
            try:
                with self._lock:
                    if self._in_script:
                        self._in_script = False
                        if self._hard_sent and self._thread_id is not None:
                            clear_async_interrupt(self._thread_id)
                return
            except (ScriptInterrupted, RunTimedOut):
                continue  # it landed here: spent

    def _raise_flag(self, reason: type[BaseException], at: float) -> None:
        if not self.flag.is_set():
            self.flag.set(reason)
            self._requested_at = at

    def _escalate(self) -> bool:
        tid = self._thread_id
        if tid is None or not self._in_script or self._hard_sent or not in_user_code(tid):
            return False
        self._hard_sent = True
        return interrupt_thread(tid, self.flag.reason)
