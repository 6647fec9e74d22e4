"""One session's runs, one at a time, in a worker pool.

``RunQueue`` holds the batches waiting (an ``EventQueue``), the lock the session takes around
them, and the worker that runs them in ``seq`` order, one run at a time, in the pool's threads.
A batch queued during a run interrupts it at its next ``st.*`` call (``RunInterrupt``), unless
that run handles a click or redraws the page: those always complete. Knows nothing about what a
run does (the session's ``process`` callback), sockets or stores.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from tidal.errors import RunTimedOut, ScriptInterrupted
from tidal.eventqueue import Batch, EventQueue
from tidal.interrupt import RunInterrupt
from tidal.pool import WorkerPool

log = logging.getLogger("tidal.session")  # the session's lines, under the session's name


class RunQueue:
    """The waiting batches and the run in progress of one session (see module docstring).

    Call ``push``, ``start`` and ``abandon`` and read ``events``, ``running`` under ``lock``.
    """

    __slots__ = (
        "_executor",
        "_idle_waiter",
        "_interruptible",
        "_process",
        "_redrawing",
        "_token",
        "events",
        "lock",
        "running",
        "stopper",
    )

    def __init__(
        self,
        stopper: RunInterrupt,
        executor: WorkerPool | None,
        process: Callable[[Batch], None],
        token: str,
    ) -> None:
        self.stopper = stopper
        self._executor = executor
        self._process = process
        self._token = token
        self.lock = threading.Lock()
        self.events = EventQueue()
        self.running = False
        """Whether a run is queued or in progress."""
        self._interruptible = False
        self._redrawing = False
        self._idle_waiter: threading.Event | None = None

    def push(self, batch: Batch) -> None:
        """Queue a batch that merges with no other and start it (under the lock)."""
        self.events.push(batch)
        self.start()

    def start(self) -> None:
        """A batch was queued: interrupt the run in progress (unless it handles a click) or
        start one. Called under the lock."""
        if self.running:
            if self._interruptible:
                self.stopper.request()
        else:
            self.running = True
            assert self._executor is not None, "a server session needs an executor"
            self._executor.submit(self._drain, self.stopper.watch)

    def abandon(self) -> None:
        """Nobody will see the output of the run in progress: stop it, unless it handles a
        click (a click's run ends). Called under the lock."""
        if self.running and (self._interruptible or self._redrawing):
            self.stopper.request()

    def _drain(self) -> None:
        while True:
            with self.lock:
                batch = self.events.pop()
                if batch is None:
                    self.running = False
                    if self._idle_waiter is not None:
                        self._idle_waiter.set()
                    return
                self.stopper.begin()
                # a click's run always completes, and so does a redraw (events wait for it)
                self._interruptible = not batch.trigger and not batch.redraw
                self._redrawing = batch.redraw
            try:
                self._process(batch)
            except (ScriptInterrupted, RunTimedOut):
                # a hard interrupt that landed in tidal's code just as the script ended
                log.debug("session %s: interrupt after the run", self._token[:8])
            except Exception:  # a bug in tidal, not in the script: keep the session alive
                log.exception("session %s: run failed", self._token[:8])
            finally:
                self.stopper.end()

    def stop(self) -> bool:
        """Drop the batches not run yet and interrupt the run in progress even if it never
        reaches an ``st.*`` call; returns whether an exception was raised in its thread."""
        with self.lock:
            self.events.clear()
        return self.stopper.force()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no run is queued or running; False if ``timeout`` passed first."""
        with self.lock:
            if not self.running:
                return True
            if self._idle_waiter is None or self._idle_waiter.is_set():
                self._idle_waiter = threading.Event()
            waiter = self._idle_waiter
        return waiter.wait(timeout)
