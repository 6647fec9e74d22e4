"""Icons given to elements: a single emoji or a ``:material/name:`` Material Symbol.

Owns the check of an ``icon=`` argument with Streamlit's rules and errors. Emoji are
recognised by their Unicode properties (no emoji table to load); Material Symbol names are
checked against the name list vendored with the icon font (``static/vendor/``), read once on
first use. Knows nothing about elements or the browser.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

from tidal.errors import TidalAPIError

_NAMES_FILE = Path(__file__).resolve().parent.parent / "static" / "vendor" / "material-symbols.json"
_MATERIAL = re.compile(r"^:(\w+)/(\w+):$")
_ZWJ = "\u200d"
_VS16 = "\ufe0f"
_KEYCAP = "\u20e3"


@cache
def material_icon_names() -> frozenset[str]:
    """Every Material Symbols name the vendored font knows (``thumb_up``, ``home``...)."""
    data = json.loads(_NAMES_FILE.read_text(encoding="utf-8"))
    return frozenset(data)


def _is_pictograph(ch: str) -> bool:
    cp = ord(ch)
    return unicodedata.category(ch) == "So" or 0x1F000 <= cp <= 0x1FAFF or ch in "‼⁉〰〽"


def _is_modifier(ch: str) -> bool:
    cp = ord(ch)
    # skin tones, tag characters (subdivision flags), variation selectors
    return 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F or ch in (_VS16, "\ufe0e")


def is_emoji(text: str) -> bool:
    """Whether ``text`` is one emoji: a pictograph with its modifiers, a ZWJ sequence of
    them, a flag (two regional indicators) or a keycap.

    Example:
        >>> is_emoji("🔥"), is_emoji("👩‍💻"), is_emoji(":fire:")
        (True, True, False)
    """
    if not text or len(text) > 16:
        return False
    if len(text) in (2, 3) and text[0] in "0123456789#*" and text.endswith(_KEYCAP):
        return text[1:-1] in ("", _VS16)
    regional = [0x1F1E6 <= ord(c) <= 0x1F1FF for c in text]
    if any(regional):
        return len(text) == 2 and all(regional)
    expect_base = True
    for ch in text:
        if expect_base:
            if not _is_pictograph(ch):
                return False
            expect_base = False
        elif ch == _ZWJ:
            expect_base = True
        elif not _is_modifier(ch):
            return False
    return not expect_base


def check_icon(icon: str | None, *, allow_empty: bool = False) -> str | None:
    """Return ``icon`` if it is None, one emoji or a known ``:material/name:``; else raise
    Streamlit's error. ``""`` counts as no icon where ``allow_empty`` (headings accept it).

    Example:
        >>> check_icon(":material/thumb_up:")
        ':material/thumb_up:'
    """
    if icon is None or (allow_empty and icon == ""):
        return None
    if not isinstance(icon, str):
        raise TidalAPIError(
            f"icon must be a string (an emoji or ':material/icon_name:'), got "
            f"{type(icon).__name__}."
        )
    icon = icon.strip()
    m = _MATERIAL.match(icon)
    if m:
        pack, name = m.groups()
        if pack != "material":
            raise TidalAPIError(
                f'The value `"{icon}"` is not a valid Material icon: "{pack}" is not a '
                "supported icon set. Use the Material Symbols set, like "
                "`:material/thumb_up:`."
            )
        if name not in material_icon_names():
            raise TidalAPIError(
                f'The value `"{icon}"` is not a valid Material icon. Please use a Material '
                "icon shortcode like **`:material/thumb_up:`**."
            )
        return icon
    if icon.startswith(":material"):
        raise TidalAPIError(
            f'The value `"{icon}"` is not a valid Material icon. Please use a Material icon '
            "shortcode like **`:material/thumb_up:`**."
        )
    if is_emoji(icon):
        return icon
    raise TidalAPIError(
        f'The value "{icon}" is not a valid emoji. Shortcodes are not allowed, please use a '
        "single character instead."
    )
