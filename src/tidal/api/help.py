"""``st.help``: what an object is, shown as its name, type, signature, docstring and members.

Owns ``help_node`` (also what ``st.write`` and magic show for a function, class or module).
Knows nothing about how the browser draws it.
"""

from __future__ import annotations

import inspect
import sys
from typing import Any, Literal

from tidal.api.handle import ElementHandle
from tidal.context import api_function, get_run
from tidal.tree import Node

MAX_MEMBERS = 200
"""Members listed at most (a module such as ``numpy`` has thousands)."""
_VALUE_CHARS = 300


class _Default:
    """``st.help()`` without an argument describes the tidal module itself."""

    def __repr__(self) -> str:
        return "<module 'tidal'>"


_DEFAULT: Any = _Default()


def _signature(obj: object) -> str:
    if not callable(obj):
        return ""
    try:
        return str(inspect.signature(obj))
    except (TypeError, ValueError):
        return ""


def _short(value: object) -> str:
    try:
        text = repr(value)
    except Exception as exc:  # an object whose repr fails is still described
        text = f"<repr failed: {type(exc).__name__}>"
    return text if len(text) <= _VALUE_CHARS else text[: _VALUE_CHARS - 1] + "…"


def _first_line(doc: str | None) -> str:
    return (doc or "").strip().split("\n", 1)[0]


def _members(obj: object) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for name in sorted(dir(obj)):
        if name.startswith("_"):
            continue
        try:
            member = getattr(obj, name)
        except Exception:  # a property that raises is listed without a value
            out.append({"name": name, "type": "", "value": "", "doc": ""})
            continue
        routine = inspect.isroutine(member) or inspect.isclass(member)
        out.append(
            {
                "name": name,
                "type": type(member).__name__,
                "value": "" if routine else _short(member),
                "doc": _first_line(inspect.getdoc(member)) if routine else "",
            }
        )
        if len(out) >= MAX_MEMBERS:
            break
    return out


def help_node(obj: object) -> Node:
    """The ``help`` element describing ``obj``."""
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
    is_type = inspect.isclass(obj) or inspect.ismodule(obj) or inspect.isroutine(obj)
    props = {
        "name": str(name) if isinstance(name, str) else "",
        "module": getattr(obj, "__module__", None) if not inspect.ismodule(obj) else None,
        "type": "module" if inspect.ismodule(obj) else type(obj).__name__,
        "signature": _signature(obj),
        "doc_string": inspect.getdoc(obj) or "No docs available",
        "value": "" if is_type else _short(obj),
        "members": _members(obj),
    }
    return Node("help", props, value=obj)


@api_function
def help(obj: Any = _DEFAULT, *, width: int | Literal["stretch"] = "stretch") -> ElementHandle:
    """Show an object's name, type, signature, docstring and members.

    Example:
        >>> st.help(st.write)
        >>> st.help(my_dataframe)
    """
    if obj is _DEFAULT:
        obj = sys.modules.get("tidal", obj)
    ctx = get_run()
    node = help_node(obj)
    node.props["width"] = width
    return ElementHandle(ctx, ctx.add(node))
