"""One tab's state inspector panel: what it has been sent, and the state it puts back.

``InspectorPanel`` knows whether the tab's panel is open, builds the ``Inspection`` messages it
gets (every key, and the runs it has not seen yet), and carries out what it asks: rewinding the
state to an earlier run, exporting the session document, loading one (its widget values checked
by the session's ``Intake`` as the browser's are). What an inspection contains is
``tidal.inspector``'s; when one is sent is the session's. Knows nothing about sockets or runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from tidal.durability import Durability
from tidal.errors import TidalAPIError
from tidal.inspector import export_document, import_document, run_row, state_rows
from tidal.intake import Intake
from tidal.protocol import LoadState, Rewind
from tidal.run_record import Trigger
from tidal.server_messages import Error, Inspection, Outbound
from tidal.state import SessionState


class Inspected(Protocol):
    """What the panel reads of its session (``tidal.session.Session`` is one)."""

    @property
    def page(self) -> str: ...

    @property
    def not_durable(self) -> tuple[str, ...]: ...

    def secret_strings(self) -> list[str]: ...


class InspectorPanel:
    """The inspector panel of one tab (see module docstring)."""

    __slots__ = (
        "_durability",
        "_emit",
        "_export",
        "_full",
        "_host",
        "_intake",
        "_seen",
        "_state",
        "open",
    )

    def __init__(
        self,
        host: Inspected,
        state: SessionState,
        intake: Intake,
        durability: Durability | None,
        emit: Callable[[Outbound], None],
    ) -> None:
        self._host = host
        self._state = state
        self._intake = intake
        self._durability = durability
        self._emit = emit
        self.open = False
        """Whether this tab's inspector panel is open (an ``Inspection`` follows each run)."""
        self._full = False
        self._export = False
        self._seen = 0
        """The last run number an ``Inspection`` sent."""

    def toggle(self, open: bool, export: bool, *, running: bool) -> Inspection | None:
        """The panel opened or closed (under the session's lock). Opened between runs, it gets
        everything now (the ``Inspection`` returned); during a run, the state is the run's:
        its end sends everything (``pending``)."""
        self.open = open
        if not open:
            return None
        if running:
            self._full = True
            self._export = self._export or export
            return None
        return self.inspection(True, export)

    def pending(self) -> tuple[bool, bool]:
        """``(full, export)`` for the inspection at the end of a run, asked for while it ran
        (under the session's lock); both are reset."""
        full, self._full = self._full, False
        export, self._export = self._export, False
        return full, export

    def inspection(self, full: bool, export: bool) -> Inspection:
        """What the inspector shows: every key, and the runs it has not seen (all: ``full``);
        ``export`` adds the session document."""
        runs = list(self._state.timeline.runs)
        if not full:
            runs = [r for r in runs if r.number > self._seen]
        if runs:
            self._seen = runs[-1].number
        secrets = self._host.secret_strings()
        durable = self._durability is not None and self._durability.durable
        return Inspection(
            keys=state_rows(self._state, self._host.not_durable, secrets, durable=durable),
            runs=[run_row(r) for r in runs],
            reset=full,
            doc=self.export_document() if export else None,
        )

    def rewind(self, run: int) -> bool:
        """Put back the state (user and widget values) as run ``run`` left it; False when the
        timeline no longer holds it. Call from the run's thread or between runs."""
        timeline = self._state.timeline
        layers = timeline.state_after(run)
        if layers is None:
            return False
        timeline.cause(Trigger("rewind", str(run)), self._state)
        self._state.restore_layers(layers)
        return True

    def restore_from(self, msg: Rewind | LoadState) -> None:
        """Replace the state as the inspector asked (in the run's thread, before the run)."""
        if isinstance(msg, Rewind):
            if not self.rewind(msg.run):
                self._emit(Error(message=f"Run {msg.run} is no longer in the timeline."))
            return
        try:
            user, widgets = import_document(msg.doc)
        except TidalAPIError as exc:
            self._emit(Error(message=str(exc)))
            return
        refused = self._intake.fit(widgets)
        if refused:
            self._emit(
                Error(
                    message=f"Left out of the loaded document: {', '.join(refused)[:200]} "
                    "(values that do not fit their widgets)."
                )
            )
        self._state.timeline.cause(Trigger("load"), self._state)
        self._state.restore({**user, **widgets}, {}, {})

    def export_document(self) -> dict[str, Any]:
        """The session document as JSON-able data (see ``inspector.export_document``)."""
        parts = self._state.snapshot_parts()
        return export_document(parts, self._host.page, self._host.secret_strings())

    def load_document(self, doc: dict[str, Any]) -> None:
        """Take an exported document's values as this session's state.

        Raises:
            TidalAPIError: ``doc`` is not a session document.
        """
        user, widgets = import_document(doc)  # raises before anything changes
        self._state.timeline.cause(Trigger("load"), self._state)
        self._state.restore({**user, **widgets}, {}, {})
