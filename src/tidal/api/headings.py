"""Headings: ``st.title``, ``st.header`` and ``st.subheader``.

Owns the heading element (its tag, anchor, icon, tooltip and divider) and the colour cycle of
``divider=True``. The browser makes the automatic anchor from the heading's text, as
Streamlit's does. Knows nothing about how the heading is drawn.
"""

from __future__ import annotations

from typing import Literal

from tidal.api.handle import ElementHandle, add_element
from tidal.api.icons import check_icon
from tidal.api.text_format import (
    TextAlignment,
    Width,
    check_text_alignment,
    check_width,
    clean_text,
    help_text,
)
from tidal.context import api_function, get_run
from tidal.errors import TidalAPIError
from tidal.tree import Node

Anchor = str | Literal[False] | None
Divider = bool | str | None

DIVIDER_COLORS = ("blue", "green", "orange", "red", "violet", "yellow", "gray", "grey", "rainbow")
"""The colours ``divider=`` takes (besides True and False)."""

_CYCLE = ("blue", "green", "orange", "red", "violet", "yellow")
"""The colours ``divider=True`` cycles through, heading after heading (not gray or rainbow)."""

_HEADINGS = ("title", "header", "subheader")


def _anchor_props(anchor: object) -> tuple[str, bool]:
    if anchor is None:
        return "", False
    if anchor is False:
        return "", True
    if isinstance(anchor, str):
        return anchor, False
    if anchor is True:
        raise TidalAPIError(
            "Anchor parameter has invalid value: True. Supported values: None, any string or False."
        )
    raise TidalAPIError(
        f"Anchor parameter has invalid type: {type(anchor).__name__}. Supported values: None, "
        "any string or False."
    )


def _auto_dividers_so_far() -> int:
    """How many headings with ``divider=True`` this run has shown: the next one's place in
    the colour cycle."""
    count = 0
    stack = list(get_run().roots)
    while stack:
        node: Node = stack.pop()
        if node.type in _HEADINGS and node.extra == "auto":
            count += 1
        stack.extend(node.children or [])
    return count


def _divider_color(divider: object) -> tuple[str, str | None]:
    """(the colour to draw, "auto" when it came from ``divider=True``)."""
    if divider is None or divider is False:
        return "", None
    if divider is True:
        return _CYCLE[_auto_dividers_so_far() % len(_CYCLE)], "auto"
    if isinstance(divider, str) and divider in DIVIDER_COLORS:
        return ("gray" if divider == "grey" else divider), None
    raise TidalAPIError(
        f"Divider parameter has invalid value: `{divider}`. Please choose from: "
        f"{', '.join(DIVIDER_COLORS)}."
    )


def _heading(
    kind: str,
    tag: str,
    body: object,
    anchor: Anchor,
    *,
    help: str | None,
    icon: str | None,
    divider: Divider,
    width: Width,
    text_alignment: TextAlignment,
    wrap: bool,
) -> ElementHandle:
    anchor_text, hide_anchor = _anchor_props(anchor)
    color, auto = _divider_color(divider)
    props = {
        "body": clean_text(body),
        "tag": tag,
        "anchor": anchor_text,
        "hide_anchor": hide_anchor,
        "help": help_text(help),
        "icon": check_icon(icon, allow_empty=True),
        "divider": color,
        "width": check_width(width),
        "text_alignment": check_text_alignment(text_alignment),
        "wrap": bool(wrap),
    }
    return add_element(kind, props, extra=auto)


@api_function
def title(
    body: object,
    anchor: Anchor = None,
    *,
    help: str | None = None,
    icon: str | None = None,
    width: Width = "stretch",
    text_alignment: TextAlignment = "left",
    wrap: bool = True,
) -> ElementHandle:
    """Show a title (an ``<h1>``); Markdown inline formatting works.

    Args:
        body: The text, as Markdown (colours, icons, emoji and LaTeX included).
        anchor: The id to link to with ``#anchor``; None makes one from the text, False
            hides the link.
        help: A tooltip shown next to the title.
        icon: An emoji or ``:material/icon_name:`` shown before the text.
        width: ``"stretch"``, ``"content"`` or pixels.
        text_alignment: ``"left"``, ``"center"``, ``"right"`` or ``"justify"``.
        wrap: Whether long text wraps (else it is cut with an ellipsis).

    Example:
        >>> st.title("Counter Example", anchor="counter")
    """
    return _heading(
        "title", "h1", body, anchor, help=help, icon=icon, divider=False, width=width,
        text_alignment=text_alignment, wrap=wrap,
    )  # fmt: skip


@api_function
def header(
    body: object,
    anchor: Anchor = None,
    *,
    help: str | None = None,
    icon: str | None = None,
    divider: Divider = False,
    width: Width = "stretch",
    text_alignment: TextAlignment = "left",
    wrap: bool = True,
) -> ElementHandle:
    """Show a header (an ``<h2>``), optionally with a coloured line below it.

    ``divider=True`` cycles through blue, green, orange, red, violet and yellow, heading after
    heading; a colour name picks one (``"gray"``, ``"rainbow"``...). The other arguments are
    those of ``st.title``.

    Example:
        >>> st.header("Input", divider="rainbow")
    """
    return _heading(
        "header", "h2", body, anchor, help=help, icon=icon, divider=divider, width=width,
        text_alignment=text_alignment, wrap=wrap,
    )  # fmt: skip


@api_function
def subheader(
    body: object,
    anchor: Anchor = None,
    *,
    help: str | None = None,
    icon: str | None = None,
    divider: Divider = False,
    width: Width = "stretch",
    text_alignment: TextAlignment = "left",
    wrap: bool = True,
) -> ElementHandle:
    """Show a subheader (an ``<h3>``); the arguments are those of ``st.header``.

    Example:
        >>> st.subheader("Details", divider=True)
    """
    return _heading(
        "subheader", "h3", body, anchor, help=help, icon=icon, divider=divider, width=width,
        text_alignment=text_alignment, wrap=wrap,
    )  # fmt: skip
