"""The values of a ``components.v2`` component: state and triggers, as Python sees them.

Owns ``ComponentResult`` (what mounting returns: every trigger and state value as keys and
attributes), ``ComponentState`` (what ``st.session_state[key]`` shows for a keyed component,
writing through to its stored state), and the validation of the values the browser sends: a
state is a JSON object, triggers a list of ``{"event": name, "value": ...}``. Knows nothing
about runs, the browser or how the component is drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Self

from tidal.errors import TidalAPIError

_MAX_TRIGGERS = 256


class AttributeDictionary(dict[Any, Any]):
    """A dict whose items are also attributes (a nested dict comes back as one too)."""

    def __getattr__(self, key: str) -> Any:
        try:
            item = self[key]
        except KeyError:
            raise AttributeError(
                f"'{type(self).__name__}' object has no attribute '{key}'"
            ) from None
        return AttributeDictionary(item) if isinstance(item, dict) else item

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value


class ComponentResult(AttributeDictionary):
    """What a mounted component returns: its trigger values (None unless fired in this run),
    then its state values, as keys and attributes.

    Example:
        >>> result = ComponentResult({"count": 2}, {"clicked": None})
        >>> result.count, result.clicked
        (2, None)
    """

    def __init__(
        self,
        state_vals: dict[str, Any] | None = None,
        trigger_vals: dict[str, Any] | None = None,
    ) -> None:
        super().__init__({**(trigger_vals or {}), **(state_vals or {})})


class ComponentState(dict[str, object]):
    """``st.session_state[key]`` of a keyed component: triggers fired in this run and the
    state, flat; an attribute that is not there reads as None. Setting a state name (one with
    an ``on_<name>_change`` callback) writes the component's stored state."""

    _store: dict[str, Any]
    _allowed: frozenset[str] | None
    _check: Callable[[str], None]

    def __init__(
        self,
        data: dict[str, object],
        store: dict[str, Any],
        allowed: frozenset[str] | None,
        check: Callable[[str], None],
    ) -> None:
        super().__init__(data)
        object.__setattr__(self, "_store", store)
        object.__setattr__(self, "_allowed", allowed)
        object.__setattr__(self, "_check", check)

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        return self.get(name)

    def __setattr__(self, name: str, value: object) -> None:
        self[name] = value

    def __setitem__(self, key: str, value: object) -> None:
        self._check(key)
        if self._allowed is not None and key not in self._allowed:
            return  # as Streamlit: names that are not state are ignored
        super().__setitem__(key, value)
        self._store[key] = value

    def __delitem__(self, key: str) -> None:
        self._check(key)
        super().__delitem__(key)
        self._store.pop(key, None)

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        return self  # a view of the stored state, not a value of its own


def events(payloads: object) -> dict[str, Any]:
    """The triggers of one run by name (the last value per name wins)."""
    out: dict[str, Any] = {}
    if isinstance(payloads, list):
        for p in payloads:
            if isinstance(p, dict) and isinstance(p.get("event"), str):
                out[p["event"]] = p.get("value")
    return out


def state_from_wire(defaults: Mapping[str, Any] | None) -> Callable[[Any], dict[str, Any]]:
    """The validator of a component's state from the browser: a JSON object with string
    keys; names missing from it take their ``default``."""

    def from_wire(value: Any) -> dict[str, Any]:
        if value is None:
            value = {}
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            raise ValueError("a component state is an object of named values")
        out = dict(value)
        for name, default in (defaults or {}).items():
            out.setdefault(name, default)
        return out

    return from_wire


def triggers_from_wire(value: Any) -> list[dict[str, Any]] | None:
    """The validator of a component's triggers from the browser: a list of
    ``{"event": name, "value": ...}`` (a single one is taken as a list of one)."""
    if value is None:
        return None
    items = value if isinstance(value, list) else [value]
    if len(items) > _MAX_TRIGGERS:
        raise ValueError(f"more than {_MAX_TRIGGERS} triggers at once")
    out: list[dict[str, Any]] = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("event"), str):
            raise ValueError('a trigger is {"event": name, "value": ...}')
        if set(item) - {"event", "value"}:
            raise ValueError('a trigger has only "event" and "value"')
        out.append({"event": item["event"], "value": item.get("value")})
    return out


def modified_after_mount(key: str | None) -> Callable[[str], TidalAPIError]:
    """The error for ``st.session_state.<key>.<name> = ...`` once the component is shown."""

    def error(name: str) -> TidalAPIError:
        return TidalAPIError(
            f"`st.session_state.{key}.{name}` cannot be modified after the component with "
            f"key `{key}` is instantiated."
        )

    return error
