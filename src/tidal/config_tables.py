"""Options inside the theme's tables: ``theme.sidebar.primaryColor``, ``theme.dark.textColor``,
``theme.light.sidebar.font`` (Streamlit's three- and four-part option names).

Owns their names (``TABLE_KEYS``), how such a name is split into its table option and key,
how one key is set in a table's value, and how a table read from a later file is merged over
an earlier one key by key (Streamlit keeps every table key as an option of its own, so a
later layer overrides only the keys it sets). Knows nothing about where values come from or
the ``Config`` object.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tidal.theme_sections import SECTION_KEYS, ThemeMode, ThemeSection

__all__ = ["TABLE_KEYS", "TABLE_OPTIONS", "key_value", "merge_table", "split_table_key", "with_key"]

TABLE_OPTIONS = ("theme.sidebar", "theme.light", "theme.dark")
"""The options whose value is a table of theme keys."""

TABLE_KEYS: tuple[str, ...] = (
    *(f"theme.sidebar.{key}" for key in SECTION_KEYS),
    *(f"theme.{mode}.{key}" for mode in ("light", "dark") for key in SECTION_KEYS),
    *(f"theme.{mode}.sidebar.{key}" for mode in ("light", "dark") for key in SECTION_KEYS),
)
"""Every key of a table as an option name of its own (read from ``TIDAL_THEME_SIDEBAR_...``
and ``STREAMLIT_THEME_SIDEBAR_...`` variables)."""

_BOOLS = {"true": True, "1": True, "yes": True, "on": True}
_BOOLS |= {"false": False, "0": False, "no": False, "off": False}


def split_table_key(name: str) -> tuple[str, str] | None:
    """``"theme.light.sidebar.font"`` -> ``("theme.light", "sidebar.font")``; None for a name
    that is not inside a table.

    Example:
        >>> split_table_key("theme.sidebar.primaryColor")
        ('theme.sidebar', 'primaryColor')
    """
    for table in TABLE_OPTIONS:
        if name.startswith(table + ".") and len(name) > len(table) + 1:
            return table, name[len(table) + 1 :]
    return None


def _table(value: Any) -> dict[str, Any]:
    """A table's value (``ThemeSection``/``ThemeMode``, or a mapping) as nested plain dicts."""
    if isinstance(value, ThemeSection | ThemeMode):
        value = value.as_table()
    if not isinstance(value, Mapping):
        return {}
    return {k: _table(v) if isinstance(v, Mapping) else v for k, v in value.items()}


def _typed(key: str, raw: Any) -> Any:
    """``raw`` written as text (an environment variable, a flag) as the key's type."""
    kind = SECTION_KEYS.get(key, (key, str))[1]
    if not isinstance(raw, str) or kind is str:
        return raw
    text = raw.strip()
    if kind is bool:
        return _BOOLS.get(text.lower(), raw)
    return int(text) if text.lstrip("-").isdigit() else raw


def with_key(current: Any, path: str, raw: Any, parse: Callable[[Any], Any]) -> Any:
    """``current`` (a table's value) with ``path`` ("primaryColor", "sidebar.font") set to
    ``raw``, read again with the table option's ``parse``.

    Raises:
        ValueError: an unknown key or a bad value (the parser's message), or a path too deep.

    Example:
        >>> with_key(ThemeSection(), "primaryColor", "red", parse_section).primary_color
        'red'
    """
    table = _table(current)
    *outer, key = path.split(".")
    if outer == ["sidebar"] and not isinstance(current, ThemeSection):
        table.setdefault("sidebar", {})[key] = _typed(key, raw)
    elif outer:
        raise ValueError(
            f"{path} is not a key of this table: name a theme option (primaryColor), or "
            "sidebar.<option> in theme.light and theme.dark."
        )
    else:
        table[key] = _typed(key, raw)
    return parse(table)


def merge_table(current: Any, raw: Mapping[str, Any]) -> dict[str, Any]:
    """``raw`` (a table read from a file) over ``current``, key by key (and the ``sidebar``
    table of a mode key by key).

    Example:
        >>> merge_table(ThemeSection(font="serif"), {"textColor": "#111"})
        {'font': 'serif', 'textColor': '#111'}
    """
    merged = _table(current)
    for key, value in raw.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def key_value(current: Any, path: str) -> Any:
    """The value of ``path`` ("primaryColor", "sidebar.font") in a table's value; None unset.

    Example:
        >>> key_value(ThemeSection(primary_color="red"), "primaryColor")
        'red'
    """
    value: Any = _table(current)
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value
