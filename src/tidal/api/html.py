"""Raw HTML and embedded pages: ``st.html`` and ``st.iframe``.

Owns turning what the script passes (a string, a ``Path``, an object with ``_repr_html_``, a
URL) into the HTML or address the browser shows. The browser sanitises ``st.html`` (scripts
removed) unless ``unsafe_allow_javascript=True``; an iframe is sandboxed from the app. Knows
nothing about how either is drawn.
"""

from __future__ import annotations

import base64
import mimetypes
import os
import re
from pathlib import Path

from tidal.api.handle import ElementHandle, add_element
from tidal.api.text_format import Height, Width, check_height, check_width
from tidal.context import api_function
from tidal.errors import TidalAPIError

_STYLE_ONLY = re.compile(r"^\s*(<style\b[^>]*>.*?</style>\s*)+$", re.IGNORECASE | re.DOTALL)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_URL = re.compile(r"^(https?:|data:)", re.IGNORECASE)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:
        raise TidalAPIError(
            f"Could not read {str(path)!r}: {e.strerror}. Pass an existing file, or the HTML "
            "itself as a string."
        ) from e


def html_text(body: object) -> str:
    """The HTML that ``body`` stands for: a ``Path``'s file (CSS wrapped in ``<style>``),
    ``body._repr_html_()``, a string as is, or ``str(body)``."""
    if isinstance(body, Path):
        text = _read(body)
        return f"<style>{text}</style>" if body.suffix.lower() == ".css" else text
    if isinstance(body, str):
        return body
    repr_html = getattr(body, "_repr_html_", None)
    if callable(repr_html):
        return str(repr_html())
    return str(body)


@api_function
def html(
    body: object, *, width: Width = "stretch", unsafe_allow_javascript: bool = False
) -> ElementHandle:
    """Insert HTML into the page (not in an iframe). Scripts are removed unless
    ``unsafe_allow_javascript=True``.

    Args:
        body: HTML as a string, a ``pathlib.Path`` to an ``.html`` (or ``.css``) file, or any
            object (its ``_repr_html_()`` if it has one, else ``str()``).
        width: ``"stretch"``, ``"content"`` or pixels.
        unsafe_allow_javascript: Run the scripts in the HTML. Only for HTML you trust.

    Example:
        >>> st.html("<p><span style='color: tomato'>Hello</span> from HTML</p>")
    """
    text = html_text(body)
    if not text.strip():
        raise TidalAPIError(
            "st.html got empty HTML content. Pass a non-empty HTML string, a Path to an HTML "
            "file, or an object with _repr_html_()."
        )
    props = {
        "body": text,
        "width": check_width(width),
        "unsafe_allow_javascript": bool(unsafe_allow_javascript),
        # only <style>: it styles the page and takes no room (Streamlit's event container)
        "style_only": bool(_STYLE_ONLY.match(text)),
    }
    return add_element("html", props)


def _iframe_source(src: object) -> tuple[str | None, str | None]:
    """(url, srcdoc) for what ``st.iframe`` was given."""
    if isinstance(src, Path) or (
        isinstance(src, str) and not _URL.match(src) and "\n" not in src and os.path.isfile(src)
    ):
        path = Path(src)
        if path.suffix.lower() in _HTML_SUFFIXES:
            return None, _read(path)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        try:
            data = path.read_bytes()
        except OSError as e:
            raise TidalAPIError(f"Could not read {str(path)!r}: {e.strerror}.") from e
        return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}", None
    if not isinstance(src, str):
        raise TidalAPIError(
            f"st.iframe(src=...) takes a URL, a path or an HTML string, got {type(src).__name__}."
        )
    if not src.strip():
        raise TidalAPIError("st.iframe got an empty src. Pass a URL, a file path or HTML.")
    if _URL.match(src) or src.startswith("/"):
        return src, None
    return None, src


@api_function
def iframe(
    src: str | Path,
    *,
    width: Width = "stretch",
    height: Height = "content",
    tab_index: int | None = None,
    alt: str | None = None,
) -> ElementHandle:
    """Embed a page, a file or an HTML string in an iframe.

    Args:
        src: An absolute URL (``https://``, ``data:``), a URL path on this server
            (``/app/static/x.html``), a local file (``.html`` files are embedded as HTML,
            others as data), or an HTML string.
        width: ``"stretch"``, ``"content"`` or pixels.
        height: ``"content"`` (fits embedded HTML; 150 px for a URL), ``"stretch"`` or pixels.
        tab_index: The iframe's ``tabindex`` (-1 keeps keyboard focus out of it).
        alt: A text describing the content, for screen readers (the iframe's title).

    Example:
        >>> st.iframe("<h1>Inside an iframe</h1>", height=120)
    """
    url, srcdoc = _iframe_source(src)
    if tab_index is not None and (not isinstance(tab_index, int) or isinstance(tab_index, bool)):
        raise TidalAPIError(f"st.iframe(tab_index=...) must be an int or None, got {tab_index!r}.")
    props = {
        "src": url,
        "srcdoc": srcdoc,
        "width": check_width(width),
        "height": check_height(height),
        "tab_index": tab_index,
        "alt": alt,
    }
    return add_element("iframe", props)
