"""Timed fragments (``st.fragment(run_every=...)``) of one session.

``FragmentTimers`` sets a timer on the connection's event loop for every ``run_every``
fragment of the page that has none yet (after each run) and, when one fires, queues that
fragment's rerun if the tab is idle. A busy tab skips the tick: the run in progress sets the
timer again when it ends. Timers only run while a browser is connected (no ``schedule``, no
timer). Knows nothing about what a run does, sockets or stores.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping

from tidal.context import FragmentInfo
from tidal.eventqueue import Batch
from tidal.outbox import Outbox
from tidal.runqueue import RunQueue


class FragmentTimers:
    """The fragment timers of one session (see module docstring)."""

    __slots__ = ("_armed", "_connected", "_fragments", "_outbox", "_runs", "_seq")

    def __init__(
        self,
        runs: RunQueue,
        outbox: Outbox,
        fragments: Callable[[], Mapping[str, FragmentInfo]],
        connected: Callable[[], bool],
        seq: Callable[[], int],
    ) -> None:
        self._runs = runs
        self._outbox = outbox
        self._fragments = fragments
        """The fragments the last full run recorded (the session's table)."""
        self._connected = connected
        self._seq = seq
        """The last event ``seq`` taken in (a tick's batch waits for nothing newer)."""
        self._armed: set[str] = set()
        """Fragment ids whose timer is set and has not fired yet."""

    def arm(self) -> None:
        """Set a timer for every ``run_every`` fragment that has none yet (after each run, in
        the run's thread)."""
        schedule = self._outbox.schedule
        if schedule is None:
            return
        with self._runs.lock:
            due = [f for f in self._fragments().values() if f.run_every and f.id not in self._armed]
            self._armed.update(f.id for f in due)
        for info in due:
            assert info.run_every is not None
            schedule(info.run_every, functools.partial(self._tick, info.id))

    def _tick(self, fid: str) -> None:
        """A fragment's timer fired (on the event loop): queue its rerun if the tab is idle."""
        runs = self._runs
        with runs.lock:
            self._armed.discard(fid)
            if runs.running or len(runs.events) or not self._connected():
                return
            if fid not in self._fragments():
                return
            runs.push(Batch({}, False, self._seq(), barrier=True, fragment=fid))
