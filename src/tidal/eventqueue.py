"""A tab's browser events waiting for a run, merged into batches.

Owns the merge rules: events that arrive while a run is in progress merge into one batch (the
next run sees the latest value of every widget), but a batch with a click takes no later
events (every click gets its own run), nor does a barrier batch (the redraw of a
(re)connected page); ``sync`` values ride along with the next batch. Knows nothing about
runs, threads, widgets or sockets: the session validates the values, decides which change
is a click, and calls the queue under its own lock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tidal.protocol import Change, Navigate, Rerun, Submit


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


class EventQueue:
    """The batches of one session not yet run, oldest first. Not thread-safe."""

    __slots__ = ("_deferred", "_pending")

    def __init__(self) -> None:
        self._pending: list[Batch] = []
        self._deferred: dict[str, Any] = {}

    def put(self, msg: Change | Submit | Rerun | Navigate, *, click: bool = False) -> None:
        """Queue a browser event; ``click``: the ``change`` is of a button-like widget."""
        if isinstance(msg, Change):
            batch = Batch({msg.id: msg.v}, click, msg.seq)
        elif isinstance(msg, Submit):
            batch = Batch({**msg.values, msg.button: True}, True, msg.seq)
        elif isinstance(msg, Navigate):
            batch = Batch({}, False, msg.seq, page=msg.page.strip("/"), query=msg.query)
        else:
            batch = Batch({}, False, msg.seq)
        self.push(batch)

    def defer(self, values: dict[str, Any]) -> None:
        """Values (a ``sync``) that join the next batch queued, without a run of their own."""
        self._deferred.update(values)

    def push(self, batch: Batch) -> None:
        """Queue a batch, merging it into the last one unless either is a click or a
        barrier."""
        if self._deferred:
            batch.changes = {**self._deferred, **batch.changes}
            self._deferred = {}
        last = self._pending[-1] if self._pending else None
        if last is not None and not last.trigger and not last.barrier and not batch.barrier:
            last.changes.update(batch.changes)
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
        return self._pending.pop(0) if self._pending else None

    def clear(self) -> None:
        """Drop the batches not yet run (deferred ``sync`` values stay for the next one)."""
        self._pending.clear()
