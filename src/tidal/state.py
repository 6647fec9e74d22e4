"""Session state: one tab's user values and widget values.

Owns ``SessionState``: the mapping ``st.session_state`` is (with its errors), the registration
of widgets in a run with their metadata, the values the browser echoes, trigger resets, cleanup
of unrendered widgets (and the values persisted widgets keep), and snapshot/restore for stores.
The values themselves, in the layers of the spec with the key map, are ``StateValues``'s
(``tidal.state_values``); what a widget is, ``WidgetMeta``'s (``tidal.widget_meta``); which keys
are allowed and the errors that name them, ``tidal.state_keys``'s. Knows nothing about scripts,
threads, trees or the wire.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from copy import deepcopy
from typing import TYPE_CHECKING, Any

from tidal.errors import StreamlitWidgetAlreadyInstantiatedError
from tidal.kept import MISSING as KEPT_MISSING
from tidal.kept import KeptValues
from tidal.removal import Removal, identity_changes
from tidal.run_record import StateLayers
from tidal.state_keys import (
    WIDGET_ID_PREFIX,
    already_instantiated_message,
    check_user_key,
    missing_key_message,
)
from tidal.state_values import MISSING, StateValues, visible_values
from tidal.timeline import Timeline
from tidal.widget_meta import WidgetMeta

if TYPE_CHECKING:
    from tidal.uploaded_file import SessionFiles


class SessionState:
    """The state of one session, as a mutable mapping of user keys (see module docstring).

    Thread safety: one run at a time touches a session's state (the session guarantees it).
    """

    __slots__ = (
        "__weakref__",  # session-scoped caches drop their entries when the state goes
        "_echo",
        "_forms_this_run",
        "_ids_this_run",
        "_kept",
        "_keys_this_run",
        "_meta",
        "_order",
        "_values",
        "files",
        "removals",
        "timeline",
        "version",
    )

    def __init__(self) -> None:
        self._values = StateValues()
        """The values: the layers of the spec and the key map."""
        self._meta: dict[str, WidgetMeta] = {}
        self._echo: dict[str, Any] = {}
        """Widget values as the browser will send them back on the next interaction (see
        ``echo``)."""
        self._ids_this_run: set[str] = set()
        self._keys_this_run: set[str] = set()
        self._forms_this_run: set[str] = set()
        self._order = 0
        self._kept = KeptValues()
        """Values of persisted widgets not shown now (kept in ``old`` under their key)."""
        self.files: SessionFiles | None = None
        """The session's uploaded files (set by the session that owns this state)."""
        self.removals: list[Removal] = []
        """Values removed since the run timeline last took them, with the rule that did it."""
        self.version = 0
        """Counts changes through the mapping, ``restore`` and cleanup between runs: while it
        stands still, the state is as the last run left it (the timeline relies on it)."""
        self.timeline = Timeline()
        """The session's last runs (not part of the document: a store never keeps it)."""

    # ------------------------------------------------------------------ mapping (user side)
    def _lookup(self, k: str) -> Any:
        # StateValues.lookup with this state's presentation, inlined: every read of
        # st.session_state comes here, and a call less is a third of its time
        v = self._values
        if k in v.new_user:
            return v.new_user[k]
        wid = v.key_to_id.get(k)
        if wid is not None:
            if wid in v.new_widget:
                return self._present(wid, v.new_widget[wid])
            if wid in v.old:
                return self._present(wid, v.old[wid])
        return v.old.get(k, MISSING)

    def _present(self, wid: str, value: Any) -> Any:
        meta = self._meta.get(wid)
        return value if meta is None or meta.present is None else meta.present(value)

    def __getitem__(self, key: object) -> Any:
        k = key if isinstance(key, str) else str(key)
        value = self._lookup(k)
        if value is MISSING:
            raise KeyError(missing_key_message(k))
        return value

    def __contains__(self, key: object) -> bool:
        k = key if isinstance(key, str) else str(key)
        return self._lookup(k) is not MISSING

    def get(self, key: object, default: Any = None) -> Any:
        """``state[key]`` if present, else ``default``."""
        value = self._lookup(key if isinstance(key, str) else str(key))
        return default if value is MISSING else value

    def __setitem__(self, key: object, value: Any) -> None:
        k = check_user_key(key)
        wid = self._values.key_to_id.get(k)
        if (wid is not None and wid in self._ids_this_run) or k in self._forms_this_run:
            raise StreamlitWidgetAlreadyInstantiatedError(already_instantiated_message(k))
        self._values.new_user[k] = value
        self.version += 1

    def __delitem__(self, key: object) -> None:
        k = key if isinstance(key, str) else str(key)
        value = self._lookup(k)
        if value is MISSING:
            raise KeyError(missing_key_message(k))
        m = self._meta.get(self._values.key_to_id.get(k, ""))
        kind, label = (m.kind, m.label) if m is not None else ("value", k)
        self.removals.append(
            Removal("deleted", k, self._values.key_to_id.get(k), kind, label, value)
        )
        self.version += 1
        self._values.new_user.pop(k, None)
        self._values.old.pop(k, None)
        self._kept.forget(k)
        wid = self._values.key_to_id.pop(k, None)
        if wid is not None:
            self._values.id_to_key.pop(wid, None)
            self._values.new_widget.pop(wid, None)
            self._values.old.pop(wid, None)

    def keys(self) -> list[str]:
        """Visible keys: user keys and the keys of keyed widgets (never bare widget ids)."""
        return self._values.keys()

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self.keys())

    def to_dict(self) -> dict[str, Any]:
        """The visible state as a plain dict (what ``st.write(st.session_state)`` shows)."""
        return {k: self[k] for k in self.keys()}

    def clear(self) -> None:
        """Empty everything: user keys, widget values and the key map (SS-16)."""
        self.version += 1
        self._values.clear()
        self._kept.clear()

    # ------------------------------------------------------------------ widget side
    def widget_value(self, wid: str) -> Any:
        """The current value of a widget by id, or ``MISSING``."""
        return self._values.widget_value(wid)

    def bound_widget(self, key: str) -> str | None:
        """The id of the widget bound to user key ``key``, if one is."""
        return self._values.key_to_id.get(key)

    def meta(self, wid: str) -> WidgetMeta | None:
        """Metadata of a widget rendered by an earlier (or the current) run."""
        return self._meta.get(wid)

    def assigned_this_run(self, key: str | None) -> bool:
        """Whether ``key`` was assigned through session state in the current run (W-10)."""
        return key is not None and key in self._values.new_user

    def register(self, meta: WidgetMeta) -> tuple[Any, bool]:
        """Register a widget in the current run and return ``(value, from_state)``.

        ``from_state`` is true when the value was assigned through session state in this run
        (W-9). The returned value is a deep copy (W-20). Duplicate checks happen before.
        """
        wid, k = meta.id, meta.key
        self._order += 1
        meta.order = self._order
        self._meta[wid] = meta
        self._ids_this_run.add(wid)
        if k is not None:
            self._values.bind(k, wid)
            self._keys_this_run.add(k)
            self._take_kept(k, wid, meta.page)
        value = self.widget_value(wid)
        if value is MISSING:
            value = meta.default
            self._values.new_widget[wid] = deepcopy(value)
            return deepcopy(value), False
        return deepcopy(value), self.assigned_this_run(k)

    def echo(self, wid: str, value: Any) -> None:
        """The browser shows the widget ``wid`` with a value assigned through session state,
        and sends it back in its own type on the next interaction (a float number input shows
        an assigned ``5`` and answers ``5.0``): from then on the widget returns ``value``.
        Streamlit's browser and AppTest send every widget's value with every rerun, so this is
        what the script sees there."""
        self._echo[wid] = value

    def _take_kept(self, k: str, wid: str, page: str) -> None:
        """A persisted widget shows again: its kept value becomes the new widget's value."""
        kept = self._kept.take(self._values.old, k, page)
        fresh = (
            wid not in self._values.new_widget
            and wid not in self._values.old
            and k not in self._values.new_user
        )
        if kept is not KEPT_MISSING and fresh:
            self._values.new_widget[wid] = kept

    def _keep(self, gone: set[str]) -> None:
        """Keep the values of persisted widgets about to be removed under their keys."""
        for wid in gone:
            m = self._meta.get(wid)
            if m is None or m.persist is None or m.key is None:
                continue
            value = self.widget_value(wid)
            if value is not MISSING:
                self._kept.keep(
                    self._values.old, m.key, value, m.page if m.persist == "page" else None
                )

    def changed_by_browser(self, wid: str) -> bool:
        """Whether this run's interaction gave the widget a new value (it differs from the
        value of the run before)."""
        if wid not in self._values.new_widget or wid not in self._values.old:
            return False
        try:
            return bool(self._values.new_widget[wid] != self._values.old[wid])
        except Exception:  # values whose == is ambiguous (arrays)
            return True

    def set_widget_value(self, wid: str, value: Any) -> None:
        """Rewrite a widget's value (W-11b: an invalid assigned value falls back to default)."""
        self.version += 1
        user_key = self._values.id_to_key.get(wid)
        if user_key is not None and user_key in self._values.new_user:
            self._values.new_user[user_key] = value
        else:
            self._values.new_widget[wid] = value

    def seen_this_run(self, wid: str) -> bool:
        """Whether a widget with this id already registered in the current run."""
        return wid in self._ids_this_run

    def key_seen_this_run(self, key: str) -> bool:
        """Whether a widget with this user key already registered in the current run."""
        return key in self._keys_this_run

    def register_form(self, form_key: str) -> bool:
        """Record a form key for this run; False if it was already used (W-6)."""
        if form_key in self._forms_this_run:
            return False
        self._forms_this_run.add(form_key)
        return True

    # ------------------------------------------------------------------ run lifecycle
    def _reset_triggers(self) -> None:
        meta = self._meta
        for layer in (self._values.new_widget, self._values.old):
            for wid in layer:
                m = meta.get(wid)
                if m is not None and m.trigger:
                    layer[wid] = m.idle  # False for buttons, None for st.chat_input

    def begin_interaction(self, changes: Mapping[str, Any]) -> list[WidgetMeta]:
        """Start a run caused by an interaction (or a plain rerun when ``changes`` is empty).

        Resets triggers, compacts the layers, applies the browser's (already validated)
        widget values and returns the metadata of widgets whose value changed, in
        registration order: their callbacks run next (CB-2, CB-3, CB-7).
        """
        self._reset_triggers()
        self._values.compact(self._present)
        # A rendered trigger (button) is False unless this interaction clicks it, even when its
        # key holds True from an earlier run or a test: that value is returned once (W-11).
        for wid, rendered in self._meta.items():
            if rendered.trigger:
                self._values.new_widget[wid] = rendered.idle
        if self._echo:
            for wid, value in self._echo.items():
                if wid in self._meta and wid not in changes:
                    self._values.new_widget[wid] = value
            self._echo.clear()
        changed: list[WidgetMeta] = []
        for wid, value in changes.items():
            m = self._meta.get(wid)
            if m is None or m.disabled:
                continue  # stale or disabled widget: drop the value (W-21)
            self._values.new_widget[wid] = value
            before = m.idle if m.trigger else self._values.old.get(wid, MISSING)
            try:
                differs = bool(before is MISSING or before != value)
            except Exception:  # values whose == is ambiguous (arrays): count as a change
                differs = True
            if differs:
                changed.append(m)
        changed.sort(key=lambda m: m.order)
        return changed

    def begin_run(self) -> None:
        """Clear the per-run registration records (start of every run)."""
        self._ids_this_run.clear()
        self._keys_this_run.clear()
        self._forms_this_run.clear()
        self._order = 0

    def end_run(
        self, *, completed: bool, fragment: str | None = None, page: str | None = None
    ) -> None:
        """End of a run. Only a run that completed resets triggers and removes the values of
        widgets it did not render (W-12, R-2, R-4, R-6). A fragment-only run (``fragment``
        is its id) removes only that fragment's widgets: the others were not asked (R-11).
        Widgets with ``persist_state`` keep their value under their key (MP-6); a run on
        ``page`` drops the ``"page"``-scoped values of other pages."""
        if completed:
            self._reset_triggers()
            active = self._ids_this_run
            meta = self._meta
            if fragment is None:  # every widget the run did not render
                gone = {w for w in meta if w not in active}
                for layer in (self._values.old, self._values.new_widget):
                    # set difference first (in C): few keys are left to test for the prefix
                    gone.update(k for k in layer.keys() - active if k.startswith(WIDGET_ID_PREFIX))
            else:  # only the fragment's own
                gone = {w for w, m in meta.items() if m.fragment == fragment and w not in active}
            if gone:
                self._record_removals(gone, "fragment_not_drawn" if fragment else "not_drawn")
            self._keep(gone)
            if fragment is None and page is not None:
                self._kept.drop_other_pages(self._values.old, page)
            for layer in (self._values.old, self._values.new_widget):
                for k in [k for k in layer if k in gone]:
                    del layer[k]
            for wid in [w for w in meta if w in gone]:
                del meta[wid]
        self._ids_this_run.clear()
        self._keys_this_run.clear()
        self._forms_this_run.clear()

    def _record_removals(self, gone: set[str], reason: Any) -> None:
        """Say why each value in ``gone`` goes (only runs that remove something pay for this):
        a widget drawn this run with the same kind and key (or label, keyless) under another
        id is the same widget whose identity changed."""
        meta, active = self._meta, self._ids_this_run
        drawn = {
            (m.kind, m.key, m.label if m.key is None else ""): m
            for w, m in meta.items()
            if w in active
        }
        for wid in sorted(gone):
            m = meta.get(wid)
            key = m.key if m is not None else self._values.id_to_key.get(wid)
            if m is None and key is None:
                continue  # a keyless value restored from a store: nothing to name
            if m is not None and m.persist is not None:
                continue  # its value is kept under its key (MP-6)
            value = self.widget_value(wid)
            if m is None:
                self.removals.append(Removal(reason, key, wid, "widget", key or "", value))
                continue
            twin = drawn.get((m.kind, m.key, m.label if m.key is None else ""))
            if twin is not None and reason == "not_drawn":
                changed = identity_changes(m.kind, m.key is not None, m.identity, twin.identity)
                self.removals.append(
                    Removal("identity_changed", key, wid, m.kind, m.label, value, changed)
                )
            else:
                self.removals.append(Removal(reason, key, wid, m.kind, m.label, value))

    def forget_widgets(self) -> None:
        """Drop every widget's value and metadata; user keys stay (MP-5: the first run after
        ``st.switch_page`` starts every widget, the entrypoint's included, from its default),
        but those with ``persist_state="session"`` (or ``bind``) keep theirs (MP-6)."""
        self.version += 1
        if self._meta:
            self._ids_this_run.clear()
            self._record_removals(set(self._meta), "page_switch")
        self._keep(set(self._meta))
        self._kept.drop_other_pages(self._values.old, None)
        for layer in (self._values.old, self._values.new_widget):
            for k in [k for k in layer if k.startswith(WIDGET_ID_PREFIX)]:
                del layer[k]
        self._meta.clear()

    # ------------------------------------------------------------------ snapshot
    def visible(self) -> dict[str, Any]:
        """Every visible key with its value: ``to_dict()`` in one pass over the layers, in
        another order."""
        return self._values.visible()

    @staticmethod
    def visible_of(layers: StateLayers) -> dict[str, Any]:
        """``visible()`` of layers that ``layers()`` copied (the run timeline's diffs)."""
        old, new_widget, new_user, keys = layers
        return visible_values(old, new_widget, new_user, {wid: k for k, wid in keys.items()})

    def layers(self) -> StateLayers:
        """Shallow copies of the layers and the key map, taken after a run (to rewind to)."""
        return self._values.layers()

    def restore_layers(self, layers: StateLayers) -> None:
        """Put back layers taken by ``layers()``; widgets register afresh on the next run."""
        self.clear()
        self._meta.clear()
        self._values.put_layers(layers)

    def snapshot_parts(self) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
        """``(user values, widget values by id, key map)``: what a store keeps."""
        return self._values.snapshot_parts(self._present)

    def restore(
        self, user: Mapping[str, Any], widgets: Mapping[str, Any], keys: Mapping[str, str]
    ) -> None:
        """Replace everything with a snapshot's contents (values land in ``old``)."""
        self.clear()  # counts as a change (version)
        self._meta.clear()
        self._values.load(user, widgets, keys)
