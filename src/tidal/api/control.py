"""Execution control and session state: ``st.session_state``, ``st.rerun``, ``st.stop``.

Owns ``SessionStateProxy``, the object scripts see as ``st.session_state``: a mutable mapping
with attribute access that always reaches the state of the session whose run is calling.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, nullcontext
from typing import Any, Literal, NoReturn

from tidal.context import get_run
from tidal.errors import (
    RerunRequested,
    StopRequested,
    StreamlitInvalidLayoutContextError,
    TidalAPIError,
)
from tidal.state import SessionState
from tidal.state_keys import missing_attr_message

_MISSING: Any = object()


_UNGUARDED: AbstractContextManager[Any] = nullcontext()


def _state() -> SessionState:
    return get_run().state


def _held() -> tuple[SessionState, AbstractContextManager[Any]]:
    """The calling run's state, and what to hold while changing or listing it: parallel
    fragments may be changing it meanwhile (each change is atomic; ``+=`` is two)."""
    ctx = get_run()
    return ctx.state, ctx.guard or _UNGUARDED


class SessionStateProxy:
    """``st.session_state``: per-session values that survive reruns.

    Item and attribute access are interchangeable (``ss["n"]`` is ``ss.n``). Reading a missing
    key raises ``KeyError`` (item access) or ``AttributeError`` (attribute access).

    Example:
        >>> if "count" not in st.session_state:
        ...     st.session_state.count = 0
        >>> st.session_state.count += 1
    """

    __slots__ = ()

    def __getitem__(self, key: object) -> Any:
        return _state()[key]

    def __setitem__(self, key: object, value: Any) -> None:
        state, guard = _held()
        with guard:
            state[key] = value

    def __delitem__(self, key: object) -> None:
        state, guard = _held()
        with guard:
            del state[key]

    def __getattr__(self, name: str) -> Any:
        value = _state().get(name, _MISSING)
        if value is _MISSING:
            raise AttributeError(missing_attr_message(name))
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        state, guard = _held()
        with guard:
            state[name] = value

    def __delattr__(self, name: str) -> None:
        state, guard = _held()
        with guard:
            if name not in state:
                raise AttributeError(missing_attr_message(name))
            del state[name]

    def __contains__(self, key: object) -> bool:
        return key in _state()

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self.keys())

    def __str__(self) -> str:
        return str(self.to_dict())

    def keys(self) -> list[str]:
        """The visible keys (user keys and keys of keyed widgets)."""
        state, guard = _held()
        with guard:
            return state.keys()

    def values(self) -> list[Any]:
        """The values of the visible keys."""
        state, guard = _held()
        with guard:
            return [state[k] for k in state]

    def items(self) -> list[tuple[str, Any]]:
        """``(key, value)`` pairs of the visible keys."""
        state, guard = _held()
        with guard:
            return [(k, state[k]) for k in state]

    def get(self, key: object, default: Any = None) -> Any:
        """The value of ``key``, or ``default`` when it is missing."""
        return _state().get(key, default)

    def setdefault(self, key: object, default: Any = None) -> Any:
        """Return ``key``'s value, first setting it to ``default`` if it is missing."""
        state, guard = _held()
        with guard:
            value = state.get(key, _MISSING)
            if value is _MISSING:
                state[key] = default
                return default
            return value

    def pop(self, key: object, *default: Any) -> Any:
        """Remove ``key`` and return its value (or ``default`` when given and missing)."""
        state, guard = _held()
        with guard:
            value = state.get(key, _MISSING)
            if value is _MISSING:
                if default:
                    return default[0]
                return state[key]  # raises the KeyError with the usual message
            del state[key]
            return value

    def update(self, other: Mapping[Any, Any] | None = None, /, **kwargs: Any) -> None:
        """Assign every key of ``other`` and ``kwargs`` (each like ``ss[k] = v``)."""
        state, guard = _held()
        with guard:
            for k, v in dict(other or {}, **kwargs).items():
                state[k] = v

    def clear(self) -> None:
        """Remove every key, widget values included."""
        state, guard = _held()
        with guard:
            state.clear()

    def to_dict(self) -> dict[str, Any]:
        """The visible state as a plain dict."""
        state, guard = _held()
        with guard:
            return state.to_dict()


session_state = SessionStateProxy()


def rerun(scope: Literal["app", "fragment"] | str = "app") -> NoReturn:
    """Stop the current run now and start a new one from the top.

    State assigned before the call is kept. Inside a callback, the callback stops there and
    the app reruns once. In a fragment's rerun, ``scope="fragment"`` reruns only the fragment.

    Example:
        >>> if st.session_state.runs < 3:
        ...     st.rerun()
    """
    ctx = get_run()
    if scope == "app":
        raise RerunRequested
    if scope == "fragment":
        if ctx.fragment_run and ctx.fragment:
            raise RerunRequested("fragment")
        raise StreamlitInvalidLayoutContextError(
            'scope="fragment" can only be specified from `@st.fragment`-decorated functions '
            "during fragment reruns."
        )
    raise TidalAPIError(
        "Passing a fragment key to `st.rerun()` is only allowed from a widget callback (e.g. "
        "`on_change` / `on_click`). Calling it from the main script body or a fragment body "
        "would abort the current run. If you meant to rerun the whole app or the current "
        "fragment, use `scope='app'` or `scope='fragment'`."
    )


def stop() -> NoReturn:
    """End the current run quietly; what was already drawn stays on the page.

    Example:
        >>> if not name:
        ...     st.warning("Please enter a name.")
        ...     st.stop()
    """
    get_run()
    raise StopRequested
