"""How text elements take their body and layout options: Streamlit's rules, checked once.

Owns ``clean_text`` (a body turned into text, dedented and stripped, as Streamlit does for
Markdown, headings, captions, plain text, code and callouts) and the checks of the layout
options those elements share: ``width``, ``height`` and ``text_alignment``. Knows nothing
about which element uses them or how the browser draws them.
"""

from __future__ import annotations

import textwrap
from typing import Literal

from tidal.errors import TidalAPIError

TextAlignment = Literal["left", "center", "right", "justify"]
"""Horizontal alignment of an element's text."""

Width = int | Literal["stretch", "content"]
"""An element's width: its container's (``"stretch"``), its content's, or pixels."""

Height = int | Literal["stretch", "content"]
"""An element's height: its container's (``"stretch"``), its content's, or pixels."""

_ALIGNMENTS = ("left", "center", "right", "justify")


def clean_text(body: object) -> str:
    """``str(body)`` dedented and stripped: indented triple-quoted strings read as written.

    Example:
        >>> clean_text('''
        ...     # Title
        ...     text''')
        '# Title\\ntext'
    """
    return textwrap.dedent(str(body)).strip()


def _is_pixels(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def check_width(width: object, *, allow_content: bool = True) -> int | str:
    """Return ``width`` if it is ``"stretch"``, ``"content"`` (when allowed) or a positive
    int; else raise Streamlit's error.

    Example:
        >>> check_width(300)
        300
    """
    allowed = ("stretch", "content") if allow_content else ("stretch",)
    if _is_pixels(width) or (isinstance(width, str) and width in allowed):
        return width  # type: ignore[return-value]
    choices = ", ".join(f'"{a}"' for a in allowed)
    raise TidalAPIError(
        f"Invalid width value: {width!r}. Width must be either an integer (pixels) or "
        f"one of {choices}."
    )


def check_height(height: object) -> int | str:
    """Return ``height`` if it is ``"stretch"``, ``"content"`` or a positive int; else raise.

    Example:
        >>> check_height("content")
        'content'
    """
    if _is_pixels(height) or height in ("stretch", "content"):
        return height  # type: ignore[return-value]
    raise TidalAPIError(
        f"Invalid height value: {height!r}. Height must be either an integer (pixels), "
        '"stretch", or "content".'
    )


def check_text_alignment(text_alignment: object) -> str:
    """Return ``text_alignment`` if it is left, center, right or justify; else raise.

    Example:
        >>> check_text_alignment("center")
        'center'
    """
    if isinstance(text_alignment, str) and text_alignment in _ALIGNMENTS:
        return text_alignment
    raise TidalAPIError(
        f'Invalid text_alignment value: "{text_alignment}". Valid values are: "left", '
        '"center", "right", "justify".'
    )


def help_text(help: object) -> str | None:
    """The tooltip text of a ``help=`` argument (None or "" for no tooltip)."""
    if help is None or help == "":
        return None
    return clean_text(help)
