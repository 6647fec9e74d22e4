"""The theme's tables beyond ``[theme]``: ``[theme.sidebar]``, ``[theme.light]``,
``[theme.dark]`` (each mode with its own ``sidebar``) and ``[[theme.fontFaces]]``.

Owns their typed values (``ThemeSection``, ``ThemeMode``, ``FontFace``) and how they are read
from TOML (or from the text of an environment variable or a flag, an inline TOML table) with
errors that name the allowed keys. Knows nothing about CSS, where values come from, or the
``Config`` object.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from tidal.css_colors import color_problem, parse_colors

NAMED_COLORS = ("red", "orange", "yellow", "blue", "green", "violet", "gray")
"""The basic palette (``theme.redColor`` ... and their ``...BackgroundColor``)."""
__all__ = [
    "NAMED_COLORS",
    "SECTION_KEYS",
    "FontFace",
    "ThemeMode",
    "ThemeSection",
    "parse_font_faces",
    "parse_mode",
    "parse_section",
    "split_font",
]


@dataclass(frozen=True, slots=True)
class ThemeSection:
    """Options of one theme table that override ``[theme]`` where it applies (the sidebar, a
    light or dark page); None keeps the value from the table it overrides."""

    primary_color: str | None = None
    background_color: str | None = None
    secondary_background_color: str | None = None
    text_color: str | None = None
    font: str | None = None
    link_color: str | None = None
    border_color: str | None = None
    base_radius: str | None = None
    heading_font: str | None = None
    code_font: str | None = None
    code_background_color: str | None = None
    link_underline: bool | None = None
    button_radius: str | None = None
    code_font_size: str | None = None
    code_font_weight: int | None = None
    chart_categorical_colors: tuple[str, ...] | None = None
    chart_sequential_colors: tuple[str, ...] | None = None
    red_color: str | None = None
    red_background_color: str | None = None
    orange_color: str | None = None
    orange_background_color: str | None = None
    yellow_color: str | None = None
    yellow_background_color: str | None = None
    blue_color: str | None = None
    blue_background_color: str | None = None
    green_color: str | None = None
    green_background_color: str | None = None
    violet_color: str | None = None
    violet_background_color: str | None = None
    gray_color: str | None = None
    gray_background_color: str | None = None

    def is_empty(self) -> bool:
        """Whether no option is set."""
        return all(getattr(self, f.name) is None for f in fields(self))

    def as_table(self) -> dict[str, Any]:
        """The options set, by their config names (as written in config.toml)."""
        values = ((_camel(f.name), getattr(self, f.name)) for f in fields(self))
        return {name: value for name, value in values if value is not None}


@dataclass(frozen=True, slots=True)
class ThemeMode:
    """``[theme.light]`` or ``[theme.dark]``: the page's options while that base is shown, and
    the sidebar's (``[theme.light.sidebar]``)."""

    page: ThemeSection = ThemeSection()
    sidebar: ThemeSection = ThemeSection()

    def as_table(self) -> dict[str, Any]:
        """The table as written in config.toml (the sidebar's as a ``sidebar`` table)."""
        table = self.page.as_table()
        if not self.sidebar.is_empty():
            table["sidebar"] = self.sidebar.as_table()
        return table


@dataclass(frozen=True, slots=True)
class FontFace:
    """One ``[[theme.fontFaces]]`` entry: an ``@font-face`` rule the ``font`` options can name."""

    family: str
    url: str
    weight: str | None = None
    style: str | None = None
    unicode_range: str | None = None

    def as_table(self) -> dict[str, Any]:
        """The entry as written in config.toml."""
        table = {"family": self.family, "url": self.url, "weight": self.weight}
        table |= {"style": self.style, "unicodeRange": self.unicode_range}
        return {key: value for key, value in table.items() if value is not None}


def _camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(part.title() for part in rest)


def _kind(name: str) -> type:
    if name == "link_underline":
        return bool
    return int if "weight" in name else tuple if name.startswith("chart_") else str


SECTION_KEYS: Mapping[str, tuple[str, type]] = {
    _camel(f.name): (f.name, _kind(f.name)) for f in fields(ThemeSection)
}
"""The options a theme table may set, by their config name: (field, type)."""

_THEME_ONLY = ("base", "baseFontSize", "baseFontWeight", "showSidebarBorder", "fontFaces")
"""[theme] options that apply to the whole page, never to one table."""

_STREAMLIT_UNUSED = frozenset(
    [
        "showWidgetBorder",
        "codeTextColor",
        "headingFontSizes",
        "headingFontWeights",
        "dataframeBorderColor",
        "dataframeHeaderBackgroundColor",
        "metricValueFontSize",
        "metricValueFontWeight",
    ]
)
"""Streamlit theme options tidal does not draw: skipped in a table, as in ``[theme]``."""

_FACE_KEYS = ("family", "url", "weight", "style", "unicodeRange")
_WEIGHT = re.compile(r"^(normal|bold|[1-9]\d{0,2}|1000)( ([1-9]\d{0,2}|1000))?$")
_STYLE = re.compile(r"^(normal|italic|oblique( -?\d{1,2}deg( -?\d{1,2}deg)?)?)$")
_RANGE = re.compile(
    r"^U\+[0-9A-Fa-f?]{1,6}(-[0-9A-Fa-f]{1,6})?(, ?U\+[0-9A-Fa-f?]{1,6}(-[0-9A-Fa-f]{1,6})?)*$"
)
_FAMILY = re.compile(r"^[\w .-]{1,100}$")
_URL = re.compile(r"^[\w./:%?&=+~#@,-]{1,2000}$")
_INLINE_FONT = re.compile(
    r"""^\s*(?P<name>'[^']{1,100}'|"[^"]{1,100}"|[^:'",]{1,100}?)\s*:\s*"""
    r"(?P<url>https?://[\w.:@%?&=+~#,;/*-]{1,2000}?)(?:,\s+(?P<rest>.*))?$",
    re.DOTALL,
)


def _table(raw: Any, what: str) -> Mapping[str, Any]:
    """``raw`` as a table: a TOML table, or the text of one (``{ primaryColor = "#f00" }``)."""
    if isinstance(raw, str):
        try:
            raw = tomllib.loads(f"value = {raw.strip() or '{}'}")["value"]
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(
                f'{what} must be a TOML inline table such as {{ primaryColor = "#ff4b4b" }} '
                f"({exc})."
            ) from None
    if not isinstance(raw, Mapping):
        raise ValueError(f"{what} must be a table ([{what}] in config.toml), got {raw!r}.")
    return raw


def parse_section(raw: Any, what: str = "theme.sidebar") -> ThemeSection:
    """A theme table's options, checked.

    Raises:
        ValueError: an unknown key (the message lists the allowed ones), an option that only
            ``[theme]`` takes, or a value of the wrong type.

    Example:
        >>> parse_section({"backgroundColor": "#1e1e2e"}).background_color
        '#1e1e2e'
    """
    if isinstance(raw, ThemeSection):
        return raw
    values: dict[str, Any] = {}
    for key, value in _table(raw, what).items():
        if key in _STREAMLIT_UNUSED:
            continue
        if key in _THEME_ONLY:
            raise ValueError(
                f"{what}.{key} applies to the whole page: set it in [theme], not in [{what}]."
            )
        if key not in SECTION_KEYS:
            near = difflib.get_close_matches(key, list(SECTION_KEYS), n=1)
            hint = f'Did you mean "{near[0]}"? ' if near else ""
            raise ValueError(
                f"{what}.{key} is not a theme option. {hint}"
                f"[{what}] takes: {', '.join(SECTION_KEYS)}."
            )
        name, kind = SECTION_KEYS[key]
        if kind is tuple:  # chart colors: a list, or its text
            least = 2 if "sequential" in name else 1
            try:
                values[name] = parse_colors(least)(value) or None
            except ValueError as exc:
                raise ValueError(f"{what}.{key}: {exc}") from None
            continue
        if kind is str and name.endswith("_color") and name.split("_")[0] in NAMED_COLORS:
            problem = color_problem(value) if isinstance(value, str) else "a string"
            if problem:
                raise ValueError(f"{what}.{key} must be {problem}, got {value!r}.")
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            words = {str: "a string", bool: "true or false", int: "an integer"}[kind]
            raise ValueError(f"{what}.{key} must be {words}, got {value!r}.")
        values[name] = value
    return ThemeSection(**values)


def parse_mode(raw: Any, what: str) -> ThemeMode:
    """``[theme.light]``/``[theme.dark]``: a theme table that may hold a ``sidebar`` table.

    Raises:
        ValueError: as :func:`parse_section`, for the mode's table or its sidebar.

    Example:
        >>> parse_mode({"textColor": "#111", "sidebar": {"textColor": "#222"}}, "theme.light")
        ThemeMode(page=ThemeSection(... text_color='#111' ...), sidebar=...)
    """
    if isinstance(raw, ThemeMode):
        return raw
    table = dict(_table(raw, what))
    sidebar = table.pop("sidebar", {})
    return ThemeMode(parse_section(table, what), parse_section(sidebar, f"{what}.sidebar"))


def parse_font_faces(raw: Any) -> tuple[FontFace, ...]:
    """``[[theme.fontFaces]]``: each table's ``family`` and ``url`` (required), ``weight`` (a
    number, ``"normal"``/``"bold"``, or a variable font's range ``"200 800"``), ``style``
    (``"normal"``, ``"italic"``, ``"oblique"``) and ``unicodeRange``.

    Raises:
        ValueError: a missing or unknown key, or a value that is not of its kind.

    Example:
        >>> parse_font_faces([{"family": "Inter", "url": "app/static/Inter.woff2"}])[0].url
        'app/static/Inter.woff2'
    """
    if isinstance(raw, str):
        try:
            raw = tomllib.loads(f"value = {raw.strip() or '[]'}")["value"]
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"theme.fontFaces must be a TOML array of tables ({exc}).") from None
    if isinstance(raw, Mapping | FontFace):
        raw = [raw]
    if not isinstance(raw, list | tuple):
        raise ValueError(
            f"theme.fontFaces must be an array of tables ([[theme.fontFaces]]), got {raw!r}."
        )
    return tuple(
        item if isinstance(item, FontFace) else _font_face(_table(item, "theme.fontFaces"), i)
        for i, item in enumerate(raw)
    )


def _font_face(table: Mapping[str, Any], i: int) -> FontFace:
    where = f"theme.fontFaces[{i}]"
    unknown = [k for k in table if k not in _FACE_KEYS]
    if unknown:
        raise ValueError(
            f"{where}.{unknown[0]} is not a font face key. A font face takes: "
            f"{', '.join(_FACE_KEYS)}."
        )
    for key in ("family", "url"):
        if not isinstance(table.get(key), str) or not table[key].strip():
            raise ValueError(f"{where} has no {key}: every font face needs a family and a url.")
    family, url = table["family"].strip().strip("\"'"), table["url"].strip()
    if not _FAMILY.match(family):
        raise ValueError(
            f"{where}.family must be a font name (letters, digits, spaces, - _ .), got {family!r}."
        )
    if not _URL.match(url) or url.lower().startswith(("javascript:", "data:text")):
        raise ValueError(
            f'{where}.url must be a file of the app\'s static folder ("app/static/font.woff2") '
            f'or an address ("https://..."), got {url!r}.'
        )
    weight = table.get("weight")
    if weight is not None:
        weight = str(weight).strip()
        if isinstance(table["weight"], bool) or not _WEIGHT.match(weight):
            raise ValueError(
                f'{where}.weight must be 1-1000, "normal", "bold" or a variable font\'s range '
                f'("200 800"), got {table["weight"]!r}.'
            )
    style = _checked(table, "style", _STYLE, where, '"normal", "italic" or "oblique"')
    unicode_range = _checked(table, "unicodeRange", _RANGE, where, 'a range like "U+0000-00FF"')
    return FontFace(family, url, weight, style, unicode_range)


def _checked(
    table: Mapping[str, Any], key: str, pattern: re.Pattern[str], where: str, words: str
) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not pattern.match(value.strip()):
        raise ValueError(f"{where}.{key} must be {words}, got {value!r}.")
    return value.strip()


def split_font(value: str) -> tuple[str, str | None]:
    """A font option's value as its font list and the stylesheet that defines it: Streamlit's
    inline form ``"Name:https://.../font.css, fallback"`` names a font and the address of a
    stylesheet of ``@font-face`` rules (Google Fonts' ``css2`` addresses, for one); any other
    value is a font list without a stylesheet.

    Raises:
        ValueError: an inline form whose address is not a plain ``http(s)`` URL.

    Example:
        >>> split_font("Nunito:https://fonts.googleapis.com/css2?family=Nunito, sans-serif")
        ('Nunito, sans-serif', 'https://fonts.googleapis.com/css2?family=Nunito')
        >>> split_font("serif")
        ('serif', None)
    """
    if "://" not in value:
        return value, None
    m = _INLINE_FONT.match(value)
    if m is None:
        raise ValueError(
            f'{value!r} is not a font: write a font list ("Inter, sans-serif") or a font and '
            'its stylesheet ("Inter:https://fonts.example/inter.css, sans-serif").'
        )
    name = m["name"].strip()
    return (f"{name}, {m['rest'].strip()}" if m["rest"] else name), m["url"]
