"""``st.help``: show an object's documentation (its type, signature, docstring and members).

Knows nothing about how it is drawn; the ``help`` element carries plain text fields.
"""

from __future__ import annotations

import inspect
import sys
from typing import Any

from tidal.api.dimensions import check_width
from tidal.api.handle import ElementHandle, add_element

_MAX_DOC = 20_000
_MAX_MEMBERS = 200


def _signature(obj: Any) -> str:
    try:
        return str(inspect.signature(obj))
    except (TypeError, ValueError):
        return ""


def _members(obj: Any) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for name in dir(obj):
        if name.startswith("_") or len(out) >= _MAX_MEMBERS:
            continue
        try:
            value = getattr(obj, name)
        except Exception:  # a property that fails to compute is shown by name only
            value = None
        doc = (inspect.getdoc(value) or "").split("\n", 1)[0] if callable(value) else ""
        out.append({"name": name, "type": type(value).__name__, "doc": doc[:200]})
    return out


class _St:
    """The default of ``st.help``: ``st`` itself (the package, looked up at call time)."""

    def __repr__(self) -> str:
        return "<module 'tidal'>"


ST: Any = _St()


def help(obj: Any = ST, *, width: int | str = "stretch") -> ElementHandle:
    """Show documentation for ``obj``: its name, type, signature, docstring and members
    (``st.help()`` with no argument documents ``st`` itself).

    Example:
        >>> st.help(st.write)
        >>> st.help(pandas.DataFrame)
    """
    if obj is ST:
        obj = sys.modules["tidal"]
    width = check_width(width, command="help", allowed=("stretch",))
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None) or ""
    is_value = not (inspect.isroutine(obj) or inspect.isclass(obj) or inspect.ismodule(obj))
    doc = inspect.getdoc(obj) or ""
    return add_element(
        "help",
        {
            "name": str(name),
            "type": type(obj).__name__,
            "signature": _signature(obj) if callable(obj) else "",
            "doc": doc[:_MAX_DOC],
            "value": repr(obj)[:2000] if is_value else None,
            "members": _members(obj),
            "width": width,
        },
    )
