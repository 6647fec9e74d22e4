"""One run as the timeline records it: what triggered it (``Trigger``), what it did to the
state (``StateDiff``, worked out from the layers before and after when first read) and the
record itself (``RunRecord``), with the copies of the state's layers the record keeps.

Values are kept as short summaries (``summary.summarise``), so a diff never holds on to a big
value. Knows nothing about the ring of runs (``timeline.Timeline``), scripts or the wire.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from copy import deepcopy
from dataclasses import dataclass, field
from itertools import chain
from typing import Any, Literal, Protocol

from tidal.removal import Removal
from tidal.summary import SMALL, summarise

StateLayers = tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, str]]
"""A session state's layers as ``SessionState.layers()`` gives them (old, new widget, new
user, key map)."""


class SessionState(Protocol):
    """What the timeline reads of a session's state (``tidal.state.SessionState`` is one):
    typed against this, so that state and timeline do not import each other."""

    version: int
    removals: list[Removal]

    def layers(self) -> StateLayers: ...

    def meta(self, wid: str) -> Any: ...

    def widget_value(self, wid: str) -> Any: ...

    @staticmethod
    def visible_of(layers: StateLayers) -> dict[str, Any]: ...


TriggerKind = Literal[
    "page load",
    "rerun",
    "st.rerun",
    "change",
    "click",
    "submit",
    "navigate",
    "timer",
    "rewind",
    "load",
]


@dataclass(slots=True)
class Trigger:
    """What started a run.

    ``kind`` is ``"page load"``, ``"rerun"`` (a plain rerun: ``at.run()``, a source change),
    ``"st.rerun"`` (the run before called ``st.rerun()``), ``"change"`` (a widget's value,
    ``old`` -> ``new``), ``"click"`` (a button), ``"submit"`` (a form), ``"navigate"`` (to
    ``page``), ``"timer"`` (a fragment's ``run_every``), ``"rewind"`` (the inspector put
    back the state after run ``widget``) or ``"load"`` (an exported session document).
    ``widget`` is the key of the widget (or its label when it has none); ``others`` the other
    widgets whose values came with it (a form's fields).
    """

    kind: TriggerKind
    widget: str | None = None
    widget_kind: str | None = None
    old: str | None = None
    new: str | None = None
    page: str | None = None
    fragment: str | None = None
    others: tuple[str, ...] = ()

    def describe(self) -> str:
        """The trigger in a few words.

        Example:
            >>> Trigger("change", "age", "slider", "3", "5").describe()
            'change of `age` (slider): 3 -> 5'
        """
        where = f" in fragment {self.fragment}" if self.fragment else ""
        if self.kind == "change":
            return f"change of `{self.widget}` ({self.widget_kind}): {self.old} -> {self.new}"
        if self.kind in ("click", "submit"):
            return f"{self.kind} of `{self.widget}`{where}"
        if self.kind == "navigate":
            return f"navigate to {self.page or 'the main page'!r}"
        if self.kind == "load":
            return "load of a session document"
        if self.kind == "rewind":
            return f"rewind to the state after run {self.widget}"
        if self.kind == "timer":
            return f"timer of fragment {self.fragment}"
        return self.kind + where


@dataclass(slots=True)
class StateDiff:
    """What a run did to the visible session state, as value summaries.

    ``added``: key -> new value; ``changed``: key -> (old, new); ``removed``: key -> old value;
    ``reasons``: key -> why it was removed or reset, in plain words (see ``removal.py``).
    """

    added: dict[str, str] = field(default_factory=dict)
    changed: dict[str, tuple[str, str]] = field(default_factory=dict)
    removed: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    @property
    def keys(self) -> set[str]:
        """Every key the run added, changed or removed."""
        return set(self.added) | set(self.changed) | set(self.removed)


@dataclass(slots=True, eq=False, init=False)
class RunRecord:
    """One run of a session: its trigger, outcome, callbacks, state diff and problems."""

    number: int
    trigger: Trigger
    status: str = "running"
    """``running``, ``ok``, ``error``, ``stopped``, ``rerun`` (ended by ``st.rerun()``),
    ``interrupted``, ``switch`` (ended by ``st.switch_page``)."""
    duration: float = 0.0
    """Seconds, from the callbacks to the end of the state's run."""
    callbacks: list[str] = field(default_factory=list)
    """The callbacks that ran, as ``key: function name``."""
    removals: list[Removal] = field(default_factory=list)
    """Every value the run's cleanup removed (keyless widgets too), with the rule."""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    fragment: str | None = None
    """The fragment whose body alone ran (a fragment rerun), else None."""
    layers: StateLayers | None = None
    """The state's layers after the run: what rewind restores."""
    _started: float = 0.0
    _before: StateLayers | None = None
    """The state's layers before the run (the last run's ``layers`` when nothing changed in
    between): the diff is worked out from both when first read (most runs never are)."""
    _visible: Callable[[StateLayers], dict[str, Any]] | None = None
    _secrets: Callable[[], Iterable[str]] | None = None
    _diff: StateDiff | None = None

    def __init__(
        self,
        number: int,
        trigger: Trigger,
        status: str = "running",
        duration: float = 0.0,
        callbacks: list[str] | None = None,
        removals: list[Removal] | None = None,
        errors: list[str] | None = None,
        warnings: list[str] | None = None,
        fragment: str | None = None,
        layers: StateLayers | None = None,
    ) -> None:
        # written out: every run makes one, and list literals cost a third of default factories
        self.number = number
        self.trigger = trigger
        self.status = status
        self.duration = duration
        self.callbacks = [] if callbacks is None else callbacks
        self.removals = [] if removals is None else removals
        self.errors = [] if errors is None else errors
        self.warnings = [] if warnings is None else warnings
        self.fragment = fragment
        self.layers = layers
        self._started = 0.0
        self._before = None
        self._visible = None
        self._secrets = None
        self._diff = None

    @property
    def diff(self) -> StateDiff:
        """What the run did to the visible state (keys added, changed, removed, and why)."""
        diff = self._diff
        if diff is None:
            diff = self._diff = _diff(self)
        return diff

    @property
    def state_diff(self) -> StateDiff:
        """The state diff (``AppTest`` spelling)."""
        return self.diff

    @property
    def explanations(self) -> list[str]:
        """Why values were removed or reset in this run, in plain words."""
        return [r.explain(self.number) for r in self.removals]


_MUTABLE = frozenset((list, dict, set))


def copy_value(value: Any) -> Any:
    """A value as the after-run snapshot keeps it: small containers copied (a later in-place
    change must not rewrite history), others shared."""
    if type(value) in _MUTABLE and len(value) <= SMALL:
        try:
            return deepcopy(value)
        except Exception:  # an item that cannot be copied: share the container
            return value
    return value


def copy_layers(layers: StateLayers) -> StateLayers:
    """The layers with their small containers copied (a later in-place change of a list in
    the state must not rewrite history); other values are shared."""
    old, new_widget, new_user, _ = layers
    if _MUTABLE.isdisjoint(map(type, chain(old.values(), new_widget.values(), new_user.values()))):
        return layers  # no container at all (most states): found without a Python loop
    for layer in (old, new_widget, new_user):
        for k, v in layer.items():
            if type(v) in _MUTABLE:
                layer[k] = copy_value(v)
    return layers


def _diff(record: RunRecord) -> StateDiff:
    """The diff of a finished run, from the state's layers before and after it."""
    diff = StateDiff()
    visible, layers = record._visible, record.layers
    if visible is None or layers is None:
        return diff
    before = visible(record._before) if record._before is not None else {}
    after = visible(layers)
    get = record._secrets
    masked = frozenset(s for s in get() if s) if get is not None else frozenset()
    for k, new in after.items():
        if k not in before:
            diff.added[k] = summarise(new, masked)
            continue
        old = before[k]
        if old is new:
            continue
        try:
            same = bool(old == new)
        except Exception:  # values whose == is ambiguous (arrays): count as changed
            same = False
        if not same:
            diff.changed[k] = (summarise(old, masked), summarise(new, masked))
    for k, old in before.items():
        if k not in after:
            diff.removed[k] = summarise(old, masked)
    for r in record.removals:
        if r.key is None:
            continue
        if r.key not in after and r.key not in diff.removed:  # removed before the run began
            diff.removed[r.key] = summarise(r.value, masked)
        if r.key in diff.removed or r.key in diff.changed:
            diff.reasons[r.key] = r.explain(record.number)
    return diff


def same_layers(a: StateLayers, b: StateLayers) -> bool:
    """Whether two layer sets hold equal values (then a record shares the last one's copy)."""
    try:
        return a == b
    except Exception:  # values whose == is ambiguous (arrays): count as changed
        return False
