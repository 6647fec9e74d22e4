"""The session store's circuit breaker: stop calling a store that just failed, for a while.

Owns :class:`Breaker`. A store call that fails (Redis down or hung, a disk error) opens it:
for ``cooldown`` seconds every call fails at once instead of waiting for the store's timeout;
then one call is let through as a trial. Its success closes the breaker; its failure opens it
again for twice as long (at most ``max_cooldown``). Knows nothing about what the calls do.
"""

from __future__ import annotations

import threading
import time

__all__ = ["Breaker"]


class Breaker:
    """Open after a failure, half-open after a cooldown, closed after a success.

    Example:
        >>> breaker = Breaker(cooldown=1.0)
        >>> breaker.allow()
        True
        >>> breaker.failed("timeout"); breaker.allow()
        False
    """

    def __init__(self, cooldown: float = 1.0, max_cooldown: float = 30.0) -> None:
        self._lock = threading.Lock()
        self._base = cooldown
        self._max = max_cooldown
        self._cooldown = cooldown
        self._open_until: float | None = None
        self._trial = False
        self.error = ""
        """The last failure, while open."""

    def allow(self) -> bool:
        """Whether a call may go to the store now (half-open: one trial at a time)."""
        with self._lock:
            if self._open_until is None:
                return True
            if self._trial or time.monotonic() < self._open_until:
                return False
            self._trial = True
            return True

    def succeeded(self) -> None:
        """A call went through: close."""
        with self._lock:
            self._open_until = None
            self._trial = False
            self._cooldown = self._base
            self.error = ""

    def failed(self, error: str) -> None:
        """A call failed: open (again, for longer if it was the trial)."""
        with self._lock:
            if self._open_until is not None and self._trial:
                self._cooldown = min(self._max, self._cooldown * 2)
            self._open_until = time.monotonic() + self._cooldown
            self._trial = False
            self.error = error

    @property
    def closed(self) -> bool:
        """True while the store is believed healthy."""
        return self._open_until is None

    def retry_in(self) -> float:
        """Seconds until a call may be tried (0 when closed or due; a short wait while
        another caller's trial is in flight)."""
        with self._lock:
            if self._open_until is None:
                return 0.0
            if self._trial:
                return 0.05
            return max(0.0, self._open_until - time.monotonic())
