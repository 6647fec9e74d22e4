"""What a session remembers about a widget from the run that rendered it.

Owns ``WidgetMeta`` (a widget's id, key, kind, default, wire conversions, callback, form,
fragment and persistence scope) and ``Callback``, the type of a widget's ``on_change`` or
``on_click``. Knows nothing about values: ``SessionState`` keeps those.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Callback = Callable[..., Any]


def same_value(value: Any) -> Any:
    """The value itself: the wire form of a widget whose value is already JSON."""
    return value


@dataclass(slots=True, eq=False)
class WidgetMeta:
    """What the session remembers about a widget from the run that rendered it.

    ``from_wire`` turns a browser value into the widget's Python value and raises ValueError
    when the value does not fit the widget (type, range, option); ``to_wire`` is its inverse
    (what the browser shows for a Python value).
    """

    id: str
    kind: str
    key: str | None
    default: Any
    from_wire: Callable[[Any], Any]
    to_wire: Callable[[Any], Any] = same_value
    callback: Callback | None = None
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    trigger: bool = False
    form: str = ""
    disabled: bool = False
    order: int = 0
    fragment: str = ""
    """The id of the ``st.fragment`` whose body rendered it ("" outside fragments)."""
    persist: str | None = None
    """``"page"``/``"session"``: keep the value under the key while the widget is not shown."""
    page: str = ""
    """The hash of the page that rendered it (a ``"page"``-scoped value stays on it)."""
    idle: Any = False
    """What a trigger holds between clicks (False for a button, None for a menu button)."""
    present: Callable[[Any], Any] | None = None
    """How ``st.session_state[key]`` shows the stored value (a ``components.v2`` component
    shows its triggers with its state); None shows the value itself."""
    label: str = ""
    identity: tuple[Any, ...] = ()
    """The identity parameters its id was derived from (to explain a reset, ``removal.py``)."""
