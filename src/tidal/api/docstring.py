"""``st.help``: an object's documentation as an element.

Owns describing an object: its name, type, value, signature, docstring and public members.
Knows nothing about how the description is drawn.
"""

from __future__ import annotations

import inspect
import sys
from typing import Any

from tidal.api.handle import ElementHandle, add_element
from tidal.api.text_format import Width, check_width
from tidal.context import api_function


class _Tidal:
    """The default of ``st.help(obj)``: tidal itself (as Streamlit's is ``streamlit``)."""

    def __repr__(self) -> str:
        return "<module 'tidal'>"


_TIDAL: Any = _Tidal()
_MAX_MEMBERS = 200
_MAX_VALUE = 300


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _signature(obj: object) -> str:
    if not callable(obj):
        return ""
    try:
        return str(inspect.signature(obj))
    except (TypeError, ValueError):
        return ""


def _type_name(obj: object) -> str:
    t = type(obj)
    return t.__qualname__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"


def _member(name: str, value: object) -> dict[str, Any]:
    doc = inspect.getdoc(value) if callable(value) or inspect.ismodule(value) else None
    return {
        "name": name,
        "type": _type_name(value),
        "value": "" if callable(value) else _short(repr(value), _MAX_VALUE),
        "doc": (doc or "").split("\n\n", 1)[0],
    }


def describe(obj: object) -> dict[str, Any]:
    """The props of an ``st.help`` element for ``obj``."""
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None) or ""
    is_plain_value = not (callable(obj) or inspect.ismodule(obj))
    members: list[dict[str, Any]] = []
    for attr in sorted(dir(obj)):
        if attr.startswith("_") or len(members) >= _MAX_MEMBERS:
            continue
        try:
            value = getattr(obj, attr)
        except Exception:  # a property that fails to compute: leave it out
            continue
        members.append(_member(attr, value))
    return {
        "name": str(name) + _signature(obj),
        "type": _type_name(obj),
        "value": _short(repr(obj), _MAX_VALUE) if is_plain_value else "",
        "doc_string": inspect.getdoc(obj) or "",
        "members": members,
    }


@api_function
def help(obj: object = _TIDAL, *, width: Width = "stretch") -> ElementHandle:
    """Show an object's name, type, signature, docstring and public members.

    Args:
        obj: Any Python object (a function, class, module, instance...); without one,
            tidal's own documentation.
        width: ``"stretch"``, ``"content"`` or pixels.

    Example:
        >>> st.help(st.write)
    """
    if obj is _TIDAL:
        obj = sys.modules["tidal"]
    props = describe(obj)
    props["width"] = check_width(width)
    return add_element("help", props)
