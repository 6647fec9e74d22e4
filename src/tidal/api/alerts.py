"""Callouts: ``st.error``, ``st.warning``, ``st.info`` and ``st.success``.

Owns the callout element: a Markdown body with an optional title and icon, in the colour of
its kind. Knows nothing about how it is drawn.
"""

from __future__ import annotations

from tidal.api.handle import ElementHandle, add_element
from tidal.api.icons import check_icon
from tidal.api.text_format import Width, check_width, clean_text
from tidal.context import api_function


def _callout(
    kind: str, body: object, icon: str | None, width: Width, title: str | None
) -> ElementHandle:
    props = {
        "body": clean_text(body),
        "icon": check_icon(icon),
        "width": check_width(width),
        "title": None if title is None else clean_text(title),
    }
    return add_element(kind, props)


@api_function
def error(
    body: object, *, icon: str | None = None, width: Width = "stretch", title: str | None = None
) -> ElementHandle:
    """Show an error callout.

    Args:
        body: The message, as Markdown.
        icon: An emoji or ``:material/icon_name:`` shown before the message.
        width: ``"stretch"``, ``"content"`` or pixels.
        title: A bold first line above the message.

    Example:
        >>> st.error("Something went wrong", icon="🚨", title="Upload failed")
    """
    return _callout("error", body, icon, width, title)


@api_function
def warning(
    body: object, *, icon: str | None = None, width: Width = "stretch", title: str | None = None
) -> ElementHandle:
    """Show a warning callout; the arguments are those of ``st.error``.

    Example:
        >>> st.warning("Check your input", icon=":material/warning:")
    """
    return _callout("warning", body, icon, width, title)


@api_function
def info(
    body: object, *, icon: str | None = None, width: Width = "stretch", title: str | None = None
) -> ElementHandle:
    """Show an informational callout; the arguments are those of ``st.error``.

    Example:
        >>> st.info("Tip: press Enter")
    """
    return _callout("info", body, icon, width, title)


@api_function
def success(
    body: object, *, icon: str | None = None, width: Width = "stretch", title: str | None = None
) -> ElementHandle:
    """Show a success callout; the arguments are those of ``st.error``.

    Example:
        >>> st.success("Saved", icon="✅")
    """
    return _callout("success", body, icon, width, title)
