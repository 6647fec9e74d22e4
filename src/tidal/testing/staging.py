"""The widget values a run sends: staged values turned into the one interaction a browser
would send (Streamlit's ``WidgetStates``, as a dict).

Owns the rules that decide which staged values go out (forms need a submit clicked in the same
run, a trigger needs a click) and how each is spelled (the round trip through the widget's
wire form). Reads the staged values and the session through the ``AppHost``; knows nothing
about running the script or the element queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from tidal.state_keys import WIDGET_ID_PREFIX
from tidal.testing.wrappers import wrap
from tidal.widget_meta import WidgetMeta

if TYPE_CHECKING:
    from tidal.testing.host import AppHost
    from tidal.tree import Node

_MISSING: Any = object()


def _as_sent(meta: WidgetMeta, value: Any) -> Any:
    """``value`` as the script would get it from a browser, or ``_MISSING`` if the widget
    would not take it (the browser could not have sent it)."""
    try:
        return meta.from_wire(meta.to_wire(value))
    except (ValueError, TypeError):
        return _MISSING


def widget_states(app: AppHost, page: Iterable[Node]) -> dict[str, Any]:
    """The values ``app``'s staged widget values send, by widget id, for the page's nodes.

    Raises:
        ValueError: ``'<value>' is not in list``: a selectbox or radio was given a value
            that is not one of its options (Streamlit's AppTest raises it here too).

    Example:
        >>> widget_states(at, at._walk())
        {'$$ID-...-name': 'Ada'}
    """
    state = app._session.state
    staged = app._staged
    if not staged:  # a plain at.run(): no page walk
        return {}
    nodes = {
        wid: n
        for n in page
        if isinstance(wid := n.props.get("id"), str)
        and wid in staged
        and wid.startswith(WIDGET_ID_PREFIX)
    }
    submitted = {
        nodes[wid].props.get("form")
        for wid, value in app._staged.items()
        if wid in nodes and nodes[wid].type == "form_submit_button" and value is True
    }
    changes: dict[str, Any] = {}
    for wid, value in app._staged.items():
        node = nodes.get(wid)
        form = node.props.get("form", "") if node is not None else ""
        if form and form not in submitted:
            continue
        meta = state.meta(wid)
        if meta is None or (meta.trigger and value is False):
            continue  # the widget is gone, or there is no click to send
        if node is not None and node.type in ("selectbox", "radio"):
            wrap(node, app).index  # noqa: B018 (raises for a value that is no option)
        max_chars = node.props.get("max_chars") if node is not None else None
        if isinstance(value, str) and isinstance(max_chars, int) and max_chars > 0:
            value = value[:max_chars]
        sent = _as_sent(meta, value)
        if sent is not _MISSING:
            changes[wid] = sent
    return changes
