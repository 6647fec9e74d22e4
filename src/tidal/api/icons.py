"""Icons given to elements: an emoji or a Material Symbols name (``":material/home:"``).

Owns the validation of an ``icon=`` argument with Streamlit's messages. Knows nothing about
how an icon is drawn.
"""

from __future__ import annotations

import re
import unicodedata

from tidal.errors import TidalAPIError

_MATERIAL = re.compile(r"^:material[/_]([a-z0-9_]+):$")
_MAX_EMOJI_CHARS = 12
"""An emoji may be several code points (skin tones, ZWJ sequences, flags)."""


def check_icon(icon: object) -> str | None:
    """A valid icon (returned as given), or None.

    Raises:
        TidalAPIError: a Material name that is not snake_case, a shortcode (``":smile:"``), or
            text that is not an emoji.

    Example:
        >>> check_icon(":material/home:")
        ':material/home:'
    """
    if icon is None:
        return None
    if not isinstance(icon, str) or not icon.strip():
        raise TidalAPIError(f'The value "{icon}" is not a valid emoji or Material icon.')
    icon = icon.strip()
    if icon.startswith(":material"):
        if _MATERIAL.match(icon):
            return icon
        raise TidalAPIError(
            f'The value "{icon}" is not a valid Material icon. Please use a Material icon '
            "shortcode like **:material/thumb_up:**."
        )
    if is_emoji(icon):
        return icon
    raise TidalAPIError(
        f'The value "{icon}" is not a valid emoji. Shortcodes are not allowed, please use a '
        "single character instead."
    )


def is_emoji(text: str) -> bool:
    """Whether ``text`` is one emoji (possibly several code points)."""
    if not text or len(text) > _MAX_EMOJI_CHARS:
        return False
    for ch in text:
        cat = unicodedata.category(ch)
        if ch.isascii() and not ch.isdigit() and ch not in "#*":
            return False
        if cat.startswith(("L", "Z", "P")) and not ch.isascii():
            return False
    return any(not ch.isascii() for ch in text)
