"""Widget arguments: the types and checks of the arguments many widget functions share.

``Args``/``Kwargs`` (what ``on_click``/``on_change`` callbacks are called with), ``width``,
``wrap``, ``icon``, ``bind`` and ``persist_state``. Knows nothing about any one widget, about
``Spec`` or about registration.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal

from tidal.errors import StreamlitAPIException, StreamlitValueError

Args = tuple[Any, ...] | list[Any] | None
Kwargs = dict[str, Any] | None
OnChange = Callable[..., Any] | Literal["rerun", "ignore"] | None
"""A widget's ``on_change``: a callback, "rerun" (the default; None is the same) or "ignore"
(a change waits in the browser for the next run instead of starting one)."""

Width = int | Literal["stretch", "content"]
Bind = Literal["query-params"] | None
PersistState = Literal["page", "session"] | None

_MATERIAL = re.compile(r":material/[a-z0-9_]+:")


def check_width(width: object, *, allow_content: bool = True) -> Width:
    """``width`` as Streamlit takes it: a positive int (pixels), "stretch" or "content"."""
    named = ("stretch", "content") if allow_content else ("stretch",)
    if isinstance(width, str) and width in named:
        return width  # type: ignore[return-value]
    if isinstance(width, int) and not isinstance(width, bool) and width > 0:
        return width
    words = (
        "an integer (pixels), 'stretch', or 'content'"
        if allow_content
        else ("an integer (pixels) or 'stretch'")
    )
    raise StreamlitAPIException(f"Invalid width value: {width!r}. Width must be either {words}.")


def check_wrap(wrap: object) -> bool | None:
    """``wrap``: None (the widget's own default), True or False."""
    if wrap is not None and not isinstance(wrap, bool):
        raise StreamlitAPIException(f"Invalid wrap value: {wrap!r}. Use True, False or None.")
    return wrap


def check_icon(icon: object) -> str | None:
    """An icon: a single emoji, or ``":material/icon_name:"``; None for no icon."""
    if icon is None:
        return None
    if not isinstance(icon, str) or not icon.strip():
        raise StreamlitAPIException(
            f'The value "{icon}" is not a valid emoji. Shortcodes are not allowed, please use '
            "a single character instead."
        )
    text = icon.strip()
    if text.startswith(":material"):
        if not _MATERIAL.fullmatch(text):
            raise StreamlitAPIException(
                f'The value "{text}" is not a valid Material icon. Use ":material/icon_name:" '
                'with the icon\'s snake_case name, e.g. ":material/thumb_up:".'
            )
        return text
    if text.isascii() or len(text) > 8:
        raise StreamlitAPIException(
            f'The value "{text}" is not a valid emoji. Shortcodes are not allowed, please use '
            "a single character instead."
        )
    return text


def check_bind(kind: str, bind: object, key: object) -> Bind:
    """``bind``: None, or ``"query-params"`` (then the widget needs a ``key``, the param's
    name)."""
    if bind is None:
        return None
    if bind != "query-params":
        raise StreamlitValueError(
            f'st.{kind} got bind={bind!r}. The only supported value is "query-params" (or None).'
        )
    if key is None:
        raise StreamlitAPIException(
            f'st.{kind}(bind="query-params") needs a `key`: the key names the query '
            "parameter the widget's value is kept in."
        )
    if str(key).lower() in ("embed", "embed_options"):
        raise StreamlitAPIException(
            f'st.{kind}(key={key!r}, bind="query-params"): embed and embed_options are '
            "reserved query params. Give the widget another key."
        )
    return "query-params"


def check_persist(kind: str, persist_state: object, key: object) -> PersistState:
    """``persist_state``: None, ``"page"`` or ``"session"`` (then the widget needs a key)."""
    if persist_state is None:
        return None
    if persist_state not in ("page", "session"):
        raise StreamlitValueError(
            f'st.{kind} got persist_state={persist_state!r}. Use "page", "session" or None.'
        )
    if key is None:
        raise StreamlitAPIException(
            f"st.{kind}(persist_state={persist_state!r}) needs a `key`: a widget's value is "
            "kept under its key while the widget is not shown."
        )
    return persist_state
