"""Kept widget values: what ``persist_state`` (and ``bind``) keep while a widget is not shown.

Owns which user keys hold a kept value and the value's scope: the whole session, or one page
(a ``"page"``-scoped value is never given to another page's widget and is dropped when a run on
another page ends). The values themselves live in the session state's ``old`` layer under the
user key, so ``st.session_state[key]`` reads them and snapshots keep them. Knows nothing about
widget metadata, runs or the wire.
"""

from __future__ import annotations

from typing import Any

_MISSING: Any = object()


class KeptValues:
    """The scopes of kept values: user key -> the page a value belongs to (None: any page)."""

    __slots__ = ("_scope",)

    def __init__(self) -> None:
        self._scope: dict[str, str | None] = {}

    def keep(self, old: dict[str, Any], key: str, value: Any, page: str | None) -> None:
        """Keep ``value`` under ``key`` (for ``page`` only, or the session when None)."""
        old[key] = value
        self._scope[key] = page

    def take(self, old: dict[str, Any], key: str, page: str) -> Any:
        """Give up the value kept under ``key`` to a widget of ``page``: the value, or
        ``MISSING`` when there is none for that page (a value of another page is dropped)."""
        if key not in self._scope:
            return _MISSING
        scope = self._scope.pop(key)
        value = old.pop(key, _MISSING)
        return value if scope in (None, page) else _MISSING

    def drop_other_pages(self, old: dict[str, Any], page: str | None) -> None:
        """Drop the page-scoped values of pages other than ``page`` (None: of every page)."""
        for key, scope in list(self._scope.items()):
            if scope is not None and scope != page:
                del self._scope[key]
                old.pop(key, None)

    def forget(self, key: str) -> None:
        """``key`` was deleted from session state."""
        self._scope.pop(key, None)

    def clear(self) -> None:
        """Session state was cleared."""
        self._scope.clear()


MISSING = _MISSING
"""What ``take`` returns when no value is kept."""
