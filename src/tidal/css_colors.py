"""CSS color values as theme options take them: a hex, ``rgb()``/``hsl()`` or named color, and
lists of them (the chart colors).

Owns the check of one color and the reader of a list of colors, with errors that say what to
write. Knows nothing about which options take colors or about CSS output.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from typing import Any

__all__ = ["color_problem", "is_css_color", "parse_colors"]

_COLOR = re.compile(
    r"^(#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})"
    r"|(rgba?|hsla?)\(\s*-?[\d.]+(deg|%)?(\s*[,\s]\s*-?[\d.]+%?){2}(\s*[,/]\s*[\d.]+%?)?\s*\)"
    r"|[a-z]{3,30})$",
    re.IGNORECASE,
)
_COLOR_WORDS = 'a CSS color ("#ff4b4b", "rgb(255, 75, 75)", "hsl(0, 100%, 65%)" or "tomato")'


def is_css_color(value: str) -> bool:
    """Whether ``value`` is a hex, ``rgb()``/``hsl()`` or named CSS color.

    Example:
        >>> is_css_color("#0068c9"), is_css_color("url(x)")
        (True, False)
    """
    return bool(_COLOR.match(value.strip()))


def color_problem(value: str) -> str | None:
    """The check of a color option: None for "" (unset) or a CSS color, else what it must be."""
    return None if not value or is_css_color(value) else _COLOR_WORDS


def parse_colors(least: int) -> Callable[[Any], tuple[str, ...]]:
    """The reader of a list-of-colors option: a TOML array, its text (``["#f00", "#0f0"]``) or
    comma-separated text (``#f00,#0f0``; commas inside ``rgb(...)`` stay).

    Example:
        >>> parse_colors(1)("#f00, rgb(0, 1, 2)")
        ('#f00', 'rgb(0, 1, 2)')
    """

    def parse(raw: Any) -> tuple[str, ...]:
        if isinstance(raw, str):
            text = raw.strip()
            if text.startswith("["):
                try:
                    raw = tomllib.loads(f"value = {text}")["value"]
                except tomllib.TOMLDecodeError as exc:
                    raise ValueError(f"it must be a TOML array of colors ({exc}).") from None
            else:
                raw = [p.strip() for p in re.split(r",(?![^()]*\))", text) if p.strip()]
        if not isinstance(raw, list | tuple) or not all(isinstance(c, str) for c in raw):
            raise ValueError(
                f'it must be a list of CSS colors (["#0068c9", "#83c9ff"]), got {raw!r}.'
            )
        colors = tuple(c.strip() for c in raw)
        bad = [c for c in colors if not is_css_color(c)]
        if bad:
            raise ValueError(f"{bad[0]!r} is not {_COLOR_WORDS}.")
        if colors and len(colors) < least:
            raise ValueError(f"it needs at least {least} colors, got {len(colors)}.")
        return colors

    return parse
