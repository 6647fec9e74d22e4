"""The run timeline of one session: what triggered each run, what it did to the state.

Owns ``Timeline``, a ring of the last runs (``run_record.RunRecord``) that the runner fills
(``start`` before the callbacks, ``finish`` after the state's run ended) and that the inspector
and ``AppTest.runs`` read; the state after each run is kept as shallow copies of its layers
(for rewind). Knows nothing about scripts, threads or the wire; the state's own cleanup says
why values went (``removal.Removal``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from tidal.run_record import (
    RunRecord,
    SessionState,
    StateLayers,
    Trigger,
    TriggerKind,
    copy_layers,
    same_layers,
)
from tidal.summary import summarise

RUNS_KEPT = 50
"""Runs a session's timeline remembers (the oldest go first)."""


class Timeline:
    """The last ``RUNS_KEPT`` runs of one session, newest last. Touched by the session's run
    thread only (readers copy ``list(runs)``).

    Cheap by design, since it records every run whether anyone looks or not: per run, shallow
    copies of the state's layers (small containers copied, so in-place changes cannot rewrite
    history), which serve rewind and, when first read, the run's diff; the state before a run
    is the one the last run left while ``SessionState.version`` stands still."""

    __slots__ = (
        "_before",
        "_cause",
        "_last_layers",
        "_masked",
        "_rerun_next",
        "_size",
        "_version",
        "count",
        "current",
        "runs",
        "secrets",
    )

    def __init__(self, size: int = RUNS_KEPT) -> None:
        self.runs: list[RunRecord] = []
        """Oldest first (a list, not a deque: an idle session's timeline stays small)."""
        self._size = size
        self.count = 0
        self.current: RunRecord | None = None
        self._cause: Trigger | None = None
        self._before: StateLayers | None = None
        self._version = -1
        self._last_layers: StateLayers | None = None
        """The state as the last run left it, valid while ``state.version == _version``."""
        self._rerun_next = False
        self._masked: frozenset[str] | None = None
        self.secrets: Callable[[], Iterable[str]] | None = None
        """The secret values (``st.secrets``) a summary must never show."""

    def cause(self, trigger: Trigger, state: SessionState | None = None) -> None:
        """What starts the next run when it is not a widget's value (set by the session).
        Pass ``state`` just before the session replaces it (rewind, load): the run's diff
        starts from the state as it is now."""
        self._cause = trigger
        self._before = copy_layers(state.layers()) if state is not None else None
        self._rerun_next = False

    @property
    def caused(self) -> bool:
        """Whether the session already said what starts the next run."""
        return self._cause is not None

    def _secrets(self) -> frozenset[str]:
        """The secret values, asked for once per run and only when a text needs them."""
        masked = self._masked
        if masked is None:
            get = self.secrets
            masked = frozenset(s for s in get() if s) if get is not None else frozenset()
            self._masked = masked
        return masked

    def start(
        self, state: SessionState, changes: Mapping[str, Any], fragment: str | None = None
    ) -> RunRecord:
        """A run begins (before its callbacks) with these validated widget values."""
        self.count += 1
        self._masked = None
        record = RunRecord(self.count, self._trigger(state, changes), fragment=fragment)
        before, self._before = self._before, None
        if before is None:
            last = self._last_layers
            same = last is not None and state.version == self._version
            before = last if same else copy_layers(state.layers())
        record._before = before
        record._started = time.perf_counter()
        self.current = record
        self.runs.append(record)
        if len(self.runs) > self._size:
            del self.runs[0]
        return record

    def _trigger(self, state: SessionState, changes: Mapping[str, Any]) -> Trigger:
        cause, self._cause = self._cause, None
        rerun_next, self._rerun_next = self._rerun_next, False
        if not changes:
            return cause if cause is not None else Trigger("st.rerun" if rerun_next else "rerun")
        if len(changes) == 1:  # most interactions (a click, a change): no list, no sort
            wid = next(iter(changes))
            m = state.meta(wid)
            metas = [] if m is None else [(m, wid)]
        else:
            metas = [(m, wid) for wid in changes if (m := state.meta(wid)) is not None]
        if metas:
            others: tuple[str, ...] = ()
            if len(metas) > 1:
                metas.sort(key=lambda mw: (not mw[0].trigger, mw[0].order))
                others = tuple(o.key or o.label for o, _ in metas[1:])
            m, wid = metas[0]
            name = m.key or m.label
            fragment = m.fragment or None
            if m.trigger:
                kind: TriggerKind = "submit" if m.kind == "form_submit_button" else "click"
                return Trigger(kind, name, m.kind, None, None, None, fragment, others)
            secrets = self._secrets()
            old = summarise(state.widget_value(wid), secrets)
            new = summarise(changes[wid], secrets)
            return Trigger("change", name, m.kind, old, new, None, fragment, others)
        if cause is not None:
            return cause
        return Trigger("st.rerun" if rerun_next else "rerun")

    def callback(self, key: str | None, func: Callable[..., Any]) -> None:
        """A widget's callback is about to run."""
        if self.current is not None:
            name = getattr(func, "__qualname__", None) or type(func).__name__
            self.current.callbacks.append(f"{key}: {name}" if key else name)

    def error(self, message: str) -> None:
        """The run shows an exception."""
        if self.current is not None:
            self.current.errors.append(message)

    def warn(self, message: str) -> None:
        """The run raised a warning about the state (a default also set through state)."""
        if self.current is not None:
            self.current.warnings.append(message)

    def finish(self, state: SessionState, status: str) -> RunRecord | None:
        """The run's state run ended (after cleanup): diff, explanations, snapshot."""
        record, self.current = self.current, None
        if record is None:
            return None
        record.status = status
        record.duration = time.perf_counter() - record._started
        record.removals, state.removals = state.removals, []
        # nothing changed: share the last copy (a ring of unchanged runs costs little memory)
        layers, last = state.layers(), self._last_layers
        if last is None or not same_layers(layers, last):
            last = self._last_layers = copy_layers(layers)
        record.layers = last
        record._visible = state.visible_of
        record._secrets = self.secrets
        self._version = state.version
        self._rerun_next = status == "rerun"
        return record

    def state_after(self, number: int) -> StateLayers | None:
        """A copy of the state after run ``number`` (None: no longer in the ring)."""
        record = self.find(number)
        if record is None or record.layers is None:
            return None
        old, new_widget, new_user, keys = record.layers
        return copy_layers((dict(old), dict(new_widget), dict(new_user), dict(keys)))

    def explain(self, name: str) -> str | None:
        """Why the key (or keyless widget label) ``name`` was last removed or reset, from the
        newest run that did it; None when no kept run did.

        Example:
            >>> timeline.explain("age")
            '`age` was removed because the widget with key `age` was not drawn in run 4.'
        """
        for record in reversed(self.runs):
            reason = record.diff.reasons.get(name)
            if reason is not None:
                return reason
            for r in record.removals:
                if r.key == name or (r.key is None and r.label == name):
                    return r.explain(record.number)
        return None

    def find(self, number: int) -> RunRecord | None:
        """The record of run ``number`` if the ring still holds it."""
        for record in self.runs:
            if record.number == number:
                return record
        return None
