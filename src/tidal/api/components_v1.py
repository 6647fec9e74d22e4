"""``streamlit.components.v1``: ``html`` and ``iframe``, the two static components.

``html`` shows an HTML document in a sandboxed iframe (its scripts run, isolated from the
app's page); ``iframe`` shows another page. Bidirectional custom components
(``declare_component``) are not available yet. Aliased as ``streamlit.components.v1`` by
``compat.py``.
"""

from __future__ import annotations

from typing import Any

from tidal.api.handle import ElementHandle, add_element
from tidal.errors import TidalAPIError


def _size(name: str, value: Any) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value > 0):
        return value
    raise TidalAPIError(f"components.v1: {name}={value!r} must be a number of pixels or None.")


def html(
    html: str,
    width: int | None = None,
    height: int | None = None,
    scrolling: bool = False,
    *,
    tab_index: int | None = None,
) -> ElementHandle:
    """Show an HTML document (scripts allowed) in a sandboxed iframe.

    Example:
        >>> components.html("<p id='x'>hi</p><script>x.textContent='JS ran'</script>")
    """
    return add_element(
        "component_html",
        {
            "html": str(html),
            "width": _size("width", width),
            "height": _size("height", height) or 150,
            "scrolling": bool(scrolling),
            "tab_index": tab_index,
        },
    )


def iframe(
    src: str,
    width: int | None = None,
    height: int | None = None,
    scrolling: bool = False,
    *,
    tab_index: int | None = None,
) -> ElementHandle:
    """Show another page in an iframe.

    Example:
        >>> components.iframe("https://example.com", height=400)
    """
    return add_element(
        "component_html",
        {
            "src": str(src),
            "width": _size("width", width),
            "height": _size("height", height) or 150,
            "scrolling": bool(scrolling),
            "tab_index": tab_index,
        },
    )


def declare_component(name: str, path: str | None = None, url: str | None = None) -> Any:
    """Not available yet: bidirectional custom components come with tidal's components work.

    Raises:
        TidalAPIError: always, naming the component.
    """
    raise TidalAPIError(
        f"components.declare_component({name!r}): custom components are not available in "
        "tidal yet. components.html and components.iframe work."
    )
