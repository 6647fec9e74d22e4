"""Map tile URL templates (``map.tileUrl``): checking one, and the origin its tiles come from.

A template is an ``http(s)`` URL of raster XYZ tiles with ``{z}``, ``{x}`` and ``{y}`` in it,
and optionally ``{s}`` (a subdomain, ``a``, ``b`` or ``c``) as the host's first label:
``https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png``. The browser fills it in; the server
only checks it and names its origin for the page's Content-Security-Policy. Knows nothing about
configuration loading, the policy's other sources or how maps are drawn.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["TILE_PLACEHOLDERS", "tile_origin", "tile_url_problem"]

TILE_PLACEHOLDERS = ("{z}", "{x}", "{y}")
"""Placeholders a template must hold: zoom, column and row of a tile."""
_KNOWN = re.compile(r"\{(z|x|y|s)\}")
_FORBIDDEN = set(" \t\r\n;,'\"<>\\`")
_EXAMPLE = '"https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"'


def tile_url_problem(template: str) -> str | None:
    """What an unusable template must be instead, or None when it is usable ("" is: no tiles).

    Example:
        >>> tile_url_problem("https://tiles.example.com/{z}/{x}/{y}.png") is None
        True
        >>> tile_url_problem("https://tiles.example.com/tile.png")
        'a tile URL template with {z}, {x} and {y} in it (missing {z}, {x}, {y}), ...'
    """
    if template == "":
        return None
    expected = f"a tile URL template with {{z}}, {{x}} and {{y}} in it, such as {_EXAMPLE}"
    missing = [p for p in TILE_PLACEHOLDERS if p not in template]
    if missing:
        return (
            "a tile URL template with {z}, {x} and {y} in it (missing "
            f"{', '.join(missing)}), such as {_EXAMPLE}"
        )
    if any(c in _FORBIDDEN for c in template):
        return f"{expected}, without spaces, quotes, commas or semicolons"
    leftover = _KNOWN.sub("", template)
    if "{" in leftover or "}" in leftover:
        return f"{expected}; the only placeholders are {{s}}, {{z}}, {{x}} and {{y}}"
    parts = urlsplit(template)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"{expected} (an http:// or https:// URL)"
    labels = parts.netloc.split(".")
    first, rest = labels[0], labels[1:]
    if any("{s}" in label for label in rest) or ("{s}" in first and first != "{s}"):
        return f"{expected}; {{s}} may only be the host's whole first label ({{s}}.host)"
    if any(p in parts.netloc for p in TILE_PLACEHOLDERS):
        return f"{expected}; {{z}}, {{x}} and {{y}} belong in the path, not the host"
    return None


def tile_origin(template: str) -> str:
    """The Content-Security-Policy source the tiles of ``template`` load from.

    ``{s}`` as the host's first label becomes ``*``: any subdomain of the rest.

    Example:
        >>> tile_origin("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png")
        'https://*.tile.openstreetmap.org'
    """
    parts = urlsplit(template)
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"
