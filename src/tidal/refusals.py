"""Refused browser values: how they are described, logged and counted.

A value the browser sends that does not fit (an unknown widget id, a value out of range) is
refused with an ``error`` reply. ``Refusals`` keeps that cheap for the server whatever the
client sends: the value is described in a few hundred characters at most (in the reply and in
the log), the log gets a bounded number of lines per session and window (then one line saying
how many were left out), and the recent refusals are counted so that the connection can close
a client that sends nothing else. Knows nothing about sockets, widgets or runs.
"""

from __future__ import annotations

import logging
import reprlib
import threading
import time

__all__ = ["LOG_BURST", "LOG_WINDOW", "MAX_DESCRIPTION", "Refusals", "clip", "describe"]

MAX_DESCRIPTION = 300
"""Most characters of a refusal's text (reply and log line)."""
LOG_BURST = 5
"""Refusal log lines per session per ``LOG_WINDOW``; the others are counted, not logged."""
LOG_WINDOW = 10.0
"""Seconds of the log budget, and of the window in which refusals count as recent."""

_repr = reprlib.Repr()  # Python 3.11's Repr takes no arguments
_repr.maxlevel = 3
_repr.maxtuple = _repr.maxlist = _repr.maxarray = _repr.maxdict = 6
_repr.maxset = _repr.maxfrozenset = _repr.maxdeque = 6
_repr.maxstring, _repr.maxlong, _repr.maxother = 120, 40, 120


def describe(value: object) -> str:
    """``repr(value)`` cut short, in bounded time and memory whatever the value's size.

    Example:
        >>> describe("x" * 10_000)[:5], len(describe("x" * 10_000)) <= 200
        ("'xxxx", True)
    """
    text = _repr.repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


def clip(text: str) -> str:
    """``text`` cut to :data:`MAX_DESCRIPTION` characters, saying how long it was.

    Example:
        >>> clip("x" * 1000).endswith("... (1000 characters)")
        True
    """
    if len(text) <= MAX_DESCRIPTION:
        return text
    return f"{text[: MAX_DESCRIPTION - 30]}... ({len(text)} characters)"


class Refusals:
    """The refusals of one session: their text, a rate-limited log, a recent count."""

    __slots__ = ("_lock", "_log", "_logged", "_recent", "_suppressed", "_window_start")

    def __init__(self, logger: logging.Logger) -> None:
        self._log = logger
        self._lock = threading.Lock()
        self._window_start = time.monotonic()
        self._logged = 0
        self._suppressed = 0
        self._recent = 0

    def refuse(self, who: str, what: str) -> str:
        """Count and (within the log budget) log a refusal; returns the reply's text.

        ``who`` names the session in the log; ``what`` says what was refused, with values
        already passed through :func:`describe`.
        """
        text = clip(what)
        with self._lock:
            self._roll()
            self._recent += 1
            log_it = self._logged < LOG_BURST
            if log_it:
                self._logged += 1
            else:
                self._suppressed += 1
        if log_it:
            self._log.warning("session %s: refused %s", who, text)
        return f"Refused {text}."

    def recent(self) -> int:
        """Refusals in the current window (what the bad-message limit counts)."""
        with self._lock:
            self._roll()
            return self._recent

    def reset(self) -> None:
        """A new connection: its count starts from zero."""
        with self._lock:
            self._recent = 0

    def _roll(self) -> None:
        """Start a new window when the current one is over (called under the lock)."""
        now = time.monotonic()
        if now - self._window_start < LOG_WINDOW:
            return
        if self._suppressed:
            self._log.warning(
                "%d more refusals in the last %.0f s were not logged", self._suppressed, LOG_WINDOW
            )
        self._window_start = now
        self._logged = self._suppressed = self._recent = 0
