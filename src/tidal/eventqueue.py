"""A tab's browser events waiting for a run, merged into batches.

Owns the merge rules: events that arrive while a run is in progress merge into one batch (the
next run sees the latest value of every widget), but a batch with a click takes no later
events (every click gets its own run), nor does a barrier batch (the redraw of a
(re)connected page); ``sync`` values ride along with the next batch. Bounds what waits: at
most ``max_batches`` batches and ``max_bytes`` of event frames (a client that sends faster than
its runs consume is refused with ``QueueFull``, never held in unbounded memory). Knows nothing
about runs, threads, widgets or sockets: the session validates the values, decides which change
is a click, and calls the queue under its own lock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tidal.protocol import Change, Navigate, Rerun, Submit
from tidal.run_record import Trigger

MAX_PENDING_BATCHES = 10_000
"""Most batches one session may have waiting (clicks never merge: each is a batch)."""
MAX_PENDING_BYTES = 8 << 20
"""Most bytes of event frames one session may have waiting (merged values count in full)."""


class QueueFull(Exception):
    """A session's pending events passed their bound; its connection should be closed."""


@dataclass(slots=True)
class Batch:
    """Events merged into one run: widget values (wire form) and whether a click is among
    them. A batch with a click is never merged with later events, so every click runs."""

    changes: dict[str, Any] = field(default_factory=dict)
    trigger: bool = False
    seq: int = 0
    barrier: bool = False
    """Later events never merge into this batch (the rerun that redraws a (re)connected page
    must register the widgets before any change to them is validated)."""
    page: str | None = None
    """The page to go to (a ``navigate``); None: stay on the session's page."""
    query: str | None = None
    """The query string the address shows (``hello``, ``navigate``): it replaces the session's
    query params before the run; None: keep them."""
    fragment: str | None = None
    """A timed rerun of this fragment (``st.fragment(run_every=...)``), not a browser event."""
    redraw: bool = False
    """The run that draws a (re)connected page: events wait for it, they never interrupt it
    (a restored session knows none of its widgets until it has run)."""
    size: int = 0
    """Bytes of the event frames merged into this batch."""
    restore: Callable[[], None] | None = None
    """Replaces the session state before the run (the inspector's rewind and load)."""

    def cause(self, page: str) -> Trigger | None:
        """What starts this batch's run for the timeline when no widget value does (``page``:
        the session's page); None: the widget values, or a plain rerun."""
        if self.redraw:
            return Trigger("page load", page=page or None)
        if self.page is not None:
            return Trigger("navigate", page=self.page)
        if self.fragment is not None:
            return Trigger("timer", fragment=self.fragment)
        return None


class EventQueue:
    """The batches of one session not yet run, oldest first. Not thread-safe."""

    __slots__ = ("_bytes", "_deferred", "_deferred_bytes", "_pending", "max_batches", "max_bytes")

    def __init__(
        self, *, max_batches: int = MAX_PENDING_BATCHES, max_bytes: int = MAX_PENDING_BYTES
    ) -> None:
        self._pending: list[Batch] = []
        self._deferred: dict[str, Any] = {}
        self._deferred_bytes = 0
        self._bytes = 0
        self.max_batches = max_batches
        self.max_bytes = max_bytes

    def put(
        self, msg: Change | Submit | Rerun | Navigate, *, click: bool = False, size: int = 0
    ) -> None:
        """Queue a browser event; ``click``: the ``change`` is of a button-like widget;
        ``size``: the bytes of its frame.

        Raises:
            QueueFull: the session already holds as many events as it may.
        """
        self._check(size, batch=True)
        if isinstance(msg, Change):
            batch = Batch({msg.id: msg.v}, click, msg.seq)
        elif isinstance(msg, Submit):
            batch = Batch({**msg.values, msg.button: True}, True, msg.seq)
        elif isinstance(msg, Navigate):
            batch = Batch({}, False, msg.seq, page=msg.page.strip("/"), query=msg.query)
        else:
            batch = Batch({}, False, msg.seq)
        batch.size = size
        self.push(batch)

    def defer(self, values: dict[str, Any], *, size: int = 0) -> None:
        """Values (a ``sync``) that join the next batch queued, without a run of their own.

        Raises:
            QueueFull: the session already holds as many bytes of events as it may.
        """
        self._check(size, batch=False)
        self._deferred.update(values)
        self._deferred_bytes += size
        self._bytes += size

    def _check(self, size: int, *, batch: bool) -> None:
        if batch and len(self._pending) >= self.max_batches:
            raise QueueFull(
                f"more than {self.max_batches} events waiting for a run; the page sends "
                "events faster than the app can run"
            )
        if self._bytes + size > self.max_bytes:
            raise QueueFull(
                f"more than {self.max_bytes} bytes of events waiting for a run; the page sends "
                "events faster than the app can run"
            )

    @property
    def pending_bytes(self) -> int:
        """Bytes of the event frames waiting (batches and deferred values)."""
        return self._bytes

    def push(self, batch: Batch) -> None:
        """Queue a batch, merging it into the last one unless either is a click or a
        barrier."""
        self._bytes += batch.size
        if self._deferred:
            batch.changes = {**self._deferred, **batch.changes}
            batch.size += self._deferred_bytes  # already counted in _bytes
            self._deferred = {}
            self._deferred_bytes = 0
        last = self._pending[-1] if self._pending else None
        if last is not None and not last.trigger and not last.barrier and not batch.barrier:
            last.changes.update(batch.changes)
            last.size += batch.size
            last.trigger = batch.trigger
            last.seq = batch.seq
            if batch.page is not None:
                last.page = batch.page
            if batch.query is not None:
                last.query = batch.query
        else:
            self._pending.append(batch)

    def __len__(self) -> int:
        """How many batches wait."""
        return len(self._pending)

    def pop(self) -> Batch | None:
        """The oldest batch, removed from the queue; None if there is none."""
        if not self._pending:
            return None
        batch = self._pending.pop(0)
        self._bytes -= batch.size
        return batch

    def clear(self) -> None:
        """Drop the batches not yet run (deferred ``sync`` values stay for the next one)."""
        self._pending.clear()
        self._bytes = self._deferred_bytes
