"""What a session takes from its browser: events, numbered and queued, and widget values.

``Intake`` takes each event once, in ``seq`` order (a browser numbers its events one by one and
resends those not acknowledged), into the session's ``RunQueue``. It turns the widget values a
browser sends (in ``change``, ``submit`` and ``sync`` events, or in a loaded session document)
into Python values through each widget's ``from_wire``, and refuses what does not fit: an
unknown widget id, a value of the wrong type, outside the range or not among the options. Each
refusal gets an ``error`` reply, shortened and logged at a bounded rate by the session's
``Refusals`` (which the connection counts toward its bad-message limit). Knows nothing about
what a run does, sockets or stores.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tidal.eventqueue import Batch
from tidal.protocol import Change, LoadState, Navigate, Rerun, Rewind, Submit, Sync
from tidal.refusals import Refusals, describe
from tidal.runqueue import RunQueue
from tidal.server_messages import Error, Outbound
from tidal.state import SessionState

MAX_SEQ_GAP = 10_000
"""Largest jump of an event's ``seq`` past the last one seen (a browser numbers its events one
by one and resends the ones not acknowledged; a bigger jump would make every later event look
like a duplicate)."""


class Intake:
    """What one session takes from its browser (see module docstring)."""

    __slots__ = ("_emit", "_refusals", "_runs", "_state", "_token", "seq", "warm")

    def __init__(
        self,
        state: SessionState,
        refusals: Refusals,
        token: str,
        emit: Callable[[Outbound], None],
        runs: RunQueue,
    ) -> None:
        self._state = state
        self._refusals = refusals
        self._token = token
        self._emit = emit
        self._runs = runs
        self.seq = 0
        """The number of the last event taken (a new page load starts again from 0)."""
        self.warm = True
        """Whether the widgets are known: False from a ``redraw`` until its run completes."""

    def admit(self, seq: int) -> bool:
        """Whether the event numbered ``seq`` is new: False for one already taken, and for
        one too far ahead (refused). Call under the run queue's lock."""
        if seq <= self.seq:
            return False
        if seq > self.seq + MAX_SEQ_GAP:
            self.refuse(
                f"event seq {seq}: the last one was {self.seq} (events are numbered one by one)"
            )
            return False
        return True

    def queue(
        self,
        msg: Change | Submit | Sync | Rerun | Navigate | Rewind | LoadState,
        size: int,
        restore: Callable[[], None] | None,
    ) -> None:
        """Queue an admitted event (``size``: the bytes of its frame); an inspector's event
        comes with the ``restore`` of the state it asks for. Call under the run queue's lock.

        Raises:
            QueueFull: the session holds as many pending events as it may.
        """
        runs = self._runs
        if isinstance(msg, Rewind | LoadState):  # the inspector: replace the state, rerun
            runs.push(Batch({}, False, msg.seq, barrier=True, restore=restore))
        elif isinstance(msg, Sync):  # no run: the values ride along with the next one
            values = self.known(msg.values) if self.warm else msg.values
            runs.events.defer(values, size=size if values else 0)
        else:
            meta = self._state.meta(msg.id) if isinstance(msg, Change) else None
            runs.events.put(msg, click=meta is not None and meta.trigger, size=size)
            runs.start()
        self.seq = msg.seq

    def validate(self, wire: dict[str, Any]) -> dict[str, Any]:
        """Browser values -> Python values, dropping (and reporting) what does not fit."""
        out: dict[str, Any] = {}
        for wid, raw in wire.items():
            meta = self._state.meta(wid)
            if meta is None:
                self.refuse(f"unknown widget id {describe(wid)}")
                continue
            try:
                out[wid] = meta.from_wire(raw)
            except (ValueError, TypeError) as exc:
                what = f"value {describe(raw)} for {meta.kind} {describe(meta.key or meta.id)}"
                self.refuse(f"{what}: {describe(str(exc))[1:-1]}")
        return out

    def known(self, values: dict[str, Any]) -> dict[str, Any]:
        """``values`` of widgets the page has; the others are refused (in one message)."""
        known = {wid: v for wid, v in values.items() if self._state.meta(wid) is not None}
        if len(known) < len(values):
            unknown = [wid for wid in values if wid not in known]
            self.refuse(
                f"{len(unknown)} unknown widget id(s) in a sync, the first {unknown[0][:100]!r}"
            )
        return known

    def fit(self, widgets: dict[str, Any]) -> list[str]:
        """Check a loaded document's widget values as the browser's are checked (through the
        widget's wire form): those that do not fit the widget now on the page are dropped;
        returns their keys."""
        refused = []
        for key, value in list(widgets.items()):
            wid = self._state.bound_widget(key)
            meta = self._state.meta(wid) if wid is not None else None
            if meta is None:
                continue  # not on the page now: checked like any assigned value when drawn
            try:
                widgets[key] = meta.from_wire(meta.to_wire(value))
            except (ValueError, TypeError, AttributeError, KeyError, IndexError):
                del widgets[key]
                refused.append(key)
        return refused

    def refuse(self, what: str) -> None:
        """Reply to a value that does not fit (shortened, logged at a bounded rate, counted
        toward the connection's bad-message limit)."""
        self._emit(Error(message=self._refusals.refuse(self._token[:8], what)))
