"""The values of one session's state: the layers of the spec and the key map.

``StateValues`` holds the three layers Streamlit's semantics need (``old`` from earlier runs,
``new_user`` values assigned in this run, ``new_widget`` values the browser sent or widgets
defaulted to) and the user-key <-> widget-id map, with the rules that read or copy them as a
whole: the lookup order, the visible keys, the merge into ``old`` at the start of an
interaction, and the copies a store and the run timeline keep. Knows nothing about widget
metadata, runs or callbacks (``SessionState`` is the mapping and the widget rules on top).

Lookup order for ``state[k]`` (spec section 0): ``new_user[k]``, ``new_widget[id(k)]``,
``old[id(k)]``, ``old[k]``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tidal.run_record import StateLayers
from tidal.state_keys import WIDGET_ID_PREFIX

MISSING: Any = object()
"""What a lookup returns for a key that holds no value."""

Present = Callable[[str, Any], Any]
"""How a widget's stored value reads under its key (``present(widget id, value)``)."""


def as_stored(wid: str, value: Any) -> Any:
    """A widget's stored value as it reads under its key: itself."""
    return value


def visible_values(
    old: dict[str, Any],
    new_widget: dict[str, Any],
    new_user: dict[str, Any],
    id_to_key: Mapping[str, str],
) -> dict[str, Any]:
    """The visible keys and values of a state's layers, in the lookup order of the module
    docstring: a user key's own ``old`` value, then its widget's, then this run's values."""
    out: dict[str, Any] = {}
    for k, v in old.items():  # lowest: a value kept under its user key
        if not k.startswith(WIDGET_ID_PREFIX):
            out[k] = v
    for layer in (old, new_widget):
        for k, v in layer.items():
            if k.startswith(WIDGET_ID_PREFIX):
                user_key = id_to_key.get(k)
                if user_key is not None:
                    out[user_key] = v
    out.update(new_user)
    return out


class StateValues:
    """The layers and key map of one session's state (see module docstring)."""

    __slots__ = ("id_to_key", "key_to_id", "new_user", "new_widget", "old")

    def __init__(self) -> None:
        self.old: dict[str, Any] = {}
        self.new_user: dict[str, Any] = {}
        self.new_widget: dict[str, Any] = {}
        self.key_to_id: dict[str, str] = {}
        self.id_to_key: dict[str, str] = {}

    def lookup(self, k: str, present: Present = as_stored) -> Any:
        """The value of user key ``k`` in the lookup order, or ``MISSING``; a widget's value
        reads as ``present`` shows it."""
        if k in self.new_user:
            return self.new_user[k]
        wid = self.key_to_id.get(k)
        if wid is not None:
            if wid in self.new_widget:
                return present(wid, self.new_widget[wid])
            if wid in self.old:
                return present(wid, self.old[wid])
        return self.old.get(k, MISSING)

    def widget_value(self, wid: str) -> Any:
        """The current value of a widget by id, or ``MISSING``."""
        user_key = self.id_to_key.get(wid)
        if user_key is not None and user_key in self.new_user:
            return self.new_user[user_key]
        if wid in self.new_widget:
            return self.new_widget[wid]
        if wid in self.old:
            return self.old[wid]
        if user_key is not None:
            return self.old.get(user_key, MISSING)
        return MISSING

    def keys(self) -> list[str]:
        """Visible keys: user keys and the keys of keyed widgets (never bare widget ids)."""
        seen: dict[str, None] = {}
        id_to_key = self.id_to_key
        for layer in (self.old, self.new_widget, self.new_user):
            for k in layer:
                if k.startswith(WIDGET_ID_PREFIX):
                    user_key = id_to_key.get(k)
                    if user_key is None:
                        continue
                    k = user_key
                seen[k] = None
        return list(seen)

    def bind(self, key: str, wid: str) -> None:
        """User key ``key`` now names the widget ``wid`` (and no other)."""
        old_wid = self.key_to_id.get(key)
        if old_wid is not None and old_wid != wid:
            self.id_to_key.pop(old_wid, None)
        self.key_to_id[key] = wid
        self.id_to_key[wid] = key

    def merged(self, present: Present = as_stored) -> dict[str, Any]:
        """Every entry as it reads now, keyed by widget id where a key maps to one."""
        merged: dict[str, Any] = {}
        to_id, to_key = self.key_to_id, self.id_to_key
        for layer in (self.old, self.new_widget, self.new_user):
            for k in layer:
                kid = k if k.startswith(WIDGET_ID_PREFIX) else to_id.get(k, k)
                if kid in merged:
                    continue
                if kid.startswith(WIDGET_ID_PREFIX):
                    value = self.widget_value(kid)
                else:
                    value = self.lookup(to_key.get(kid, kid), present)
                if value is not MISSING:
                    merged[kid] = value
        return merged

    def compact(self, present: Present = as_stored) -> None:
        """Merge this run's layers into ``old`` (start of an interaction)."""
        self.old.update(self.merged(present))
        self.new_user.clear()
        self.new_widget.clear()

    def clear(self) -> None:
        """Drop every value and the key map."""
        self.old.clear()
        self.new_user.clear()
        self.new_widget.clear()
        self.key_to_id.clear()
        self.id_to_key.clear()

    def visible(self) -> dict[str, Any]:
        """Every visible key with its value."""
        return visible_values(self.old, self.new_widget, self.new_user, self.id_to_key)

    def layers(self) -> StateLayers:
        """Shallow copies of the layers and the key map (to rewind to)."""
        # dict.copy(): half the cost of dict(...), and the timeline takes these after every run
        old, new_widget, new_user = self.old, self.new_widget, self.new_user
        return (old.copy(), new_widget.copy(), new_user.copy(), self.key_to_id.copy())

    def put_layers(self, layers: StateLayers) -> None:
        """Put back layers taken by ``layers()`` (into an empty ``StateValues``)."""
        old, new_widget, new_user, keys = layers
        self.old.update(old)
        self.new_widget.update(new_widget)
        self.new_user.update(new_user)
        self.key_to_id.update(keys)
        self.id_to_key.update({wid: k for k, wid in keys.items()})

    def snapshot_parts(
        self, present: Present = as_stored
    ) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
        """``(user values, widget values by id, key map)``: what a store keeps."""
        user: dict[str, Any] = {}
        widgets: dict[str, Any] = {}
        for kid, value in self.merged(present).items():
            (widgets if kid.startswith(WIDGET_ID_PREFIX) else user)[kid] = value
        return user, widgets, dict(self.key_to_id)

    def load(
        self, user: Mapping[str, Any], widgets: Mapping[str, Any], keys: Mapping[str, str]
    ) -> None:
        """Take a snapshot's contents (into an empty ``StateValues``; values land in ``old``)."""
        self.old.update(user)
        self.old.update(widgets)
        self.key_to_id.update(keys)
        self.id_to_key.update({wid: k for k, wid in keys.items()})
