"""Widget values from the browser, checked against the page's widgets before they reach state.

``Intake`` turns the values a browser sends (in ``change``, ``submit`` and ``sync`` events, or
in a loaded session document) into Python values through each widget's ``from_wire``, and
refuses what does not fit: an unknown widget id, a value of the wrong type, outside the range or
not among the options. Each refusal gets an ``error`` reply, shortened and logged at a bounded
rate by the session's ``Refusals`` (which the connection counts toward its bad-message limit).
Knows nothing about runs, threads or the event queue.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tidal.protocol import Error, Outbound
from tidal.refusals import Refusals, describe
from tidal.state import SessionState


class Intake:
    """The checks one session's browser values pass, and the replies to those refused."""

    __slots__ = ("_emit", "_refusals", "_state", "_token")

    def __init__(
        self,
        state: SessionState,
        refusals: Refusals,
        token: str,
        emit: Callable[[Outbound], None],
    ) -> None:
        self._state = state
        self._refusals = refusals
        self._token = token
        self._emit = emit

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
