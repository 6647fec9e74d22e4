"""What one session sends to its browser, and when.

``Outbox`` holds the attached connection's ``send`` and ``schedule`` (none while no browser is
attached: messages are then dropped, the next page load redraws everything). It sends messages
at once, a run's elements in batches (at once after a quiet spell, then at most every
``FLUSH_INTERVAL``; a timer on the connection's event loop sends what a script that went quiet
left behind), and the query string when a run changed the query params. Knows nothing about
scripts, the event queue or stores.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from tidal.delta import DeltaWriter
from tidal.querystring import encode_query
from tidal.server_messages import Delta, Outbound, Query

Send = Callable[[Outbound], None]
Schedule = Callable[[float, Callable[[], None]], None]
"""Run a function on the connection's event loop after a delay (seconds)."""
FLUSH_INTERVAL = 0.008
"""Seconds between streamed delta batches while a run is producing elements."""


class Outbox:
    """The messages of one session to its browser (see module docstring)."""

    __slots__ = (
        "_last_flush",
        "_timer_armed",
        "_writer",
        "query_sent",
        "run_no",
        "schedule",
        "send",
    )

    def __init__(self, writer: DeltaWriter, send: Send | None = None) -> None:
        self._writer = writer
        self.send = send
        self.schedule: Schedule | None = None
        self.run_no = 0
        """The run whose elements are going out."""
        self.query_sent = ""
        """The query string the browser's address shows, as ``encode_query`` spells it."""
        self._last_flush = 0.0
        self._timer_armed = False

    def emit(self, msg: Outbound) -> None:
        """Send ``msg`` now, if a browser is attached."""
        send = self.send
        if send is not None:
            send(msg)

    def begin(self, run_no: int) -> None:
        """Run ``run_no`` starts: its first elements go out at once."""
        self.run_no = run_no
        self._last_flush = 0.0

    def due(self) -> bool:
        """Whether the run's elements may go out now; if not, a timer sends them soon."""
        now = time.monotonic()
        if now - self._last_flush >= FLUSH_INTERVAL:
            self._last_flush = now
            return True
        if not self._timer_armed and self.schedule is not None:
            self._timer_armed = True
            self.schedule(FLUSH_INTERVAL, self._timed_flush)
        return False

    def flush(self, run_no: int) -> None:
        """Send the elements written since the last flush, as run ``run_no``'s."""
        ops = self._writer.take()
        if ops:
            self.emit(Delta(run=run_no, ops=ops, at=list(self._writer.at)))

    def sync_query(self, query_params: dict[str, list[str]], ack: int) -> None:
        """Tell the browser the query string if the run changed the query params (called in
        the run's thread, the only one that changes them)."""
        query = encode_query(query_params)
        if query != self.query_sent:
            self.query_sent = query
            self.emit(Query(query=query, ack=ack))

    def _timed_flush(self) -> None:
        self._timer_armed = False
        self._last_flush = time.monotonic()
        self.flush(self.run_no)
