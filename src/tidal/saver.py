"""Write-behind: session documents go to the store on a thread of their own.

Owns :class:`Saver`. A session hands over its encoded document after a run and goes on at
once: no run and no reply ever waits for the store. One thread writes, in the order sessions
handed documents over; a session's newer document replaces its older one still waiting (only
the newest matters). While the store is down (the breaker is open) documents wait, newest per
session, and are written when it comes back. Knows nothing about what the bytes mean.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from tidal.breaker import Breaker

__all__ = ["Releaser", "SaveCallback", "SaveOutcome", "SaveResult", "Saver", "Writer"]

log = logging.getLogger("tidal.saver")

SaveOutcome = Literal["saved", "fenced", "failed"]


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What became of one save: the outcome, and the lease epoch it was written (or refused)
    with; ``error`` says why it failed."""

    outcome: SaveOutcome
    epoch: int
    error: str = ""


Writer = Callable[[str, bytes, int], SaveResult]
"""Writes one document with a lease epoch; never raises (a failure is a result)."""
Releaser = Callable[[str, str], bool]
"""Ends a page's claim on a session (token, nonce); False when the store failed."""
SaveCallback = Callable[[SaveResult], None]


@dataclass(slots=True)
class _Job:
    data: bytes | None
    epoch_of: Callable[[], int]
    done: SaveCallback
    release: str | None = None
    """The nonce of a page whose claim ends once the document is written."""


def _no_epoch() -> int:
    return 0


def _ignore(result: SaveResult) -> None:
    return None


class Saver:
    """One writer thread for the process's sessions, newest document per session."""

    def __init__(self, write: Writer, release: Releaser, breaker: Breaker) -> None:
        self._write = write
        self._release = release
        self._breaker = breaker
        self._jobs: dict[str, _Job] = {}
        self._busy: str | None = None
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closing = False

    def submit(
        self, token: str, data: bytes, epoch_of: Callable[[], int], done: SaveCallback
    ) -> None:
        """Queue ``data`` as the session's newest document; ``done`` gets the outcome of
        each attempt, on the saver's thread (at once, with a failure, while the store is
        known to be down: the document still waits for it)."""
        with self._cond:
            if self._closing:
                return
            self._jobs.pop(token, None)  # the newest goes to the back of the line
            self._jobs[token] = _Job(data, epoch_of, done)
            self._wake()
        if not self._breaker.closed:
            done(SaveResult("failed", epoch_of(), self._breaker.error))

    def release(self, token: str, nonce: str) -> None:
        """End page ``nonce``'s claim on the session, after its waiting document (if any)
        is written."""
        with self._cond:
            if self._closing:
                return
            job = self._jobs.get(token)
            if job is None:
                self._jobs[token] = _Job(None, _no_epoch, _ignore, nonce)
            else:
                job.release = nonce
            self._wake()

    def _wake(self) -> None:
        """Start the thread if needed and tell it there is work (under the condition)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="tidal-saver", daemon=True)
            self._thread.start()
        self._cond.notify_all()

    def pending(self) -> int:
        """Documents waiting or being written."""
        with self._cond:
            return len(self._jobs) + (self._busy is not None)

    def settle(self, token: str, timeout: float) -> bool:
        """Wait until the session's waiting document (if any) is written, so that a read of
        the store sees the newest one (a tab resumed right after it hibernated); False if it
        is still waiting after ``timeout`` (the store is slow or down)."""
        with self._cond:
            return self._cond.wait_for(
                lambda: (
                    self._busy != token
                    and (token not in self._jobs or self._jobs[token].data is None)
                ),
                timeout,
            )

    def flush(self, timeout: float) -> bool:
        """Wait until every waiting document is written (or ``timeout``); False if not."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._jobs and self._busy is None, timeout)

    def close(self, timeout: float) -> None:
        """Write what waits (for at most ``timeout`` seconds), then stop the thread."""
        self.flush(timeout)
        with self._cond:
            self._closing = True
            self._jobs.clear()
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._jobs and not self._closing:
                    self._cond.wait()
                if self._closing:
                    return
                wait = self._breaker.retry_in()
                if wait > 0:  # the store is down: documents wait for the next trial
                    self._cond.wait(wait)
                    continue
                token = next(iter(self._jobs))
                job = self._jobs.pop(token)
                self._busy = token
            retry = self._run(token, job)
            with self._cond:
                self._busy = None
                if retry and token not in self._jobs:
                    self._jobs[token] = job  # done when the store is back
                self._cond.notify_all()
            # a job's callbacks hold its session: no loop variable may keep it alive until
            # the next job (an expired session must leave memory)
            del job

    def _run(self, token: str, job: _Job) -> bool:
        """Write a job's document, then end its page's claim; True to try again later."""
        try:
            if job.data is not None:
                result = self._write(token, job.data, job.epoch_of())
                if result.outcome == "failed":
                    job.done(result)
                    return True
                job.data = None
                job.done(result)
            return job.release is not None and not self._release(token, job.release)
        except Exception:  # a bug, not the store (write never raises): keep saving others
            log.exception("saving session %s failed", token[:8])
            return False
