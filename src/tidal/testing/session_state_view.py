"""``SessionStateView``: ``at.session_state``, the session's state as a test reads and writes it
between runs.

A write acts like a value set in an earlier run: it sets keyed widgets on the next run, fires
no callback and is not subject to the read-only check (AT-9, W-11). Reads through the
``AppHost`` it is given; knows nothing about running the script or staging widget values.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from tidal.state_keys import missing_attr_message

if TYPE_CHECKING:
    from tidal.testing.host import AppHost

_MISSING: Any = object()


class SessionStateView:
    """``at.session_state``: read and write the session's state between runs.

    A write acts like a value set in an earlier run: it sets keyed widgets on the next run,
    fires no callback and is not subject to the read-only check (AT-9, W-11).

    Example:
        >>> at.session_state.count = 3
        >>> at.run().session_state["count"]
        3
    """

    __slots__ = ("_app",)

    def __init__(self, app: AppHost) -> None:
        object.__setattr__(self, "_app", app)

    def __getitem__(self, key: object) -> Any:
        return self._app._session.state[key]

    def __setitem__(self, key: object, value: Any) -> None:
        self._app._session.state[key] = value

    def __delitem__(self, key: object) -> None:
        del self._app._session.state[key]

    def __contains__(self, key: object) -> bool:
        return key in self._app._session.state

    def __getattr__(self, name: str) -> Any:
        value = self._app._session.state.get(name, _MISSING)
        if value is _MISSING:
            raise AttributeError(missing_attr_message(name))
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        self._app._session.state[name] = value

    def __delattr__(self, name: str) -> None:
        try:
            del self._app._session.state[name]
        except KeyError:
            raise AttributeError(missing_attr_message(name)) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._app._session.state.keys())

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key``, or ``default``."""
        try:
            return self[key]
        except KeyError:
            return default

    def items(self) -> list[tuple[str, Any]]:
        """The visible ``(key, value)`` pairs."""
        return list(self.to_dict().items())

    def values(self) -> list[Any]:
        """The visible values."""
        return list(self.to_dict().values())

    def __len__(self) -> int:
        return len(self._app._session.state)

    def keys(self) -> list[str]:
        """Visible keys."""
        keys: list[str] = self._app._session.state.keys()
        return keys

    def to_dict(self) -> dict[str, Any]:
        """The visible state as a dict."""
        values: dict[str, Any] = self._app._session.state.to_dict()
        return values

    def __repr__(self) -> str:
        return f"SessionStateView({self.to_dict()!r})"
