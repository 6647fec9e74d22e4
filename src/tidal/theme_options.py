"""The theme's options: ``[theme]`` and its tables, chart colors and the named colors.

Owns the ``theme.*`` entries of the option registry (``THEME_OPTIONS``), their typed values
(``ThemeConfig``, the ``[theme]`` section of the ``Config``), the names of the
basic palette (``NAMED_COLORS``) and which stylesheets the fonts name.
Knows nothing about CSS output, where values come from, or the rest of the ``Config``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tidal.config_option import Option, at_least
from tidal.css_colors import color_problem, parse_colors
from tidal.theme_sections import (
    NAMED_COLORS,
    FontFace,
    ThemeMode,
    ThemeSection,
    parse_font_faces,
    parse_mode,
    parse_section,
    split_font,
)

__all__ = [
    "NAMED_COLORS",
    "THEME_OPTIONS",
    "ThemeConfig",
    "font_stylesheets",
]


@dataclass(frozen=True, slots=True)
class ThemeConfig:
    """``[theme]``: colors and font; empty strings keep the base theme's."""

    base: Literal["light", "dark"] | None
    primary_color: str
    background_color: str
    secondary_background_color: str
    text_color: str
    font: str
    link_color: str
    border_color: str
    base_radius: str
    base_font_size: int
    heading_font: str
    code_font: str
    code_background_color: str
    link_underline: bool
    button_radius: str
    base_font_weight: int
    code_font_size: str
    code_font_weight: int
    sidebar: ThemeSection
    light: ThemeMode
    dark: ThemeMode
    font_faces: tuple[FontFace, ...]
    chart_categorical_colors: tuple[str, ...]
    chart_sequential_colors: tuple[str, ...]
    red_color: str
    red_background_color: str
    orange_color: str
    orange_background_color: str
    yellow_color: str
    yellow_background_color: str
    blue_color: str
    blue_background_color: str
    green_color: str
    green_background_color: str
    violet_color: str
    violet_background_color: str
    gray_color: str
    gray_background_color: str

    def named_color(self, color: str) -> tuple[str, str]:
        """``("redColor", "redBackgroundColor")``'s values for ``color`` ("red"); "" unset."""
        return getattr(self, f"{color}_color"), getattr(self, f"{color}_background_color")


def _font_problem(value: str) -> str | None:
    try:
        split_font(value)
    except ValueError:
        return (
            'a font list ("Inter, sans-serif") or a font and its stylesheet ("Inter:https://...")'
        )
    return None


def font_stylesheets(theme: ThemeConfig) -> tuple[str, ...]:
    """The stylesheets the theme's fonts name (``font = "Inter:https://.../inter.css"``), in
    ``[theme]`` and its tables, each once.

    Example:
        >>> font_stylesheets(config.theme)
        ('https://fonts.googleapis.com/css2?family=Inter',)
    """
    sections = [theme.sidebar, theme.light.page, theme.light.sidebar]
    sections += [theme.dark.page, theme.dark.sidebar]
    values = [theme.font, theme.heading_font, theme.code_font]
    values += [v for s in sections for v in (s.font, s.heading_font, s.code_font) if v]
    urls: dict[str, None] = {}
    for value in values:
        try:
            url = split_font(value)[1]
        except ValueError:  # a table's bad font: theme_css names it
            continue
        if url:
            urls[url] = None
    return tuple(urls)


def _named(color: str) -> tuple[Option, Option]:
    words = {"red": "`st.error`", "green": "`st.success`, positive metric deltas"}
    words |= {"blue": "`st.info`", "yellow": "`st.warning`", "orange": "`st.warning`"}
    uses = f"`:{color}[...]` Markdown text, {color} badges" + (
        f", {words[color]}" if color in words else ""
    )
    return (
        Option(
            f"theme.{color}Color", str, "", f"The basic palette's {color}: {uses}.", color_problem
        ),
        Option(
            f"theme.{color}BackgroundColor",
            str,
            "",
            f"Background of `:{color}-background[...]`, {color} badges and alerts (default: "
            f"{color}Color, mostly transparent).",
            color_problem,
        ),
    )


THEME_OPTIONS: tuple[Option, ...] = (
    Option(
        "theme.base",
        ("light", "dark", None),
        None,
        'Base theme, "light" or "dark". Empty: follow the browser\'s preference.',
    ),
    Option("theme.primaryColor", str, "", "Accent color of interactive elements (CSS color)."),
    Option("theme.backgroundColor", str, "", "Background color of the main area (CSS color)."),
    Option(
        "theme.secondaryBackgroundColor",
        str,
        "",
        "Background color of the sidebar and of input widgets (CSS color).",
    ),
    Option("theme.textColor", str, "", "Color of the text (CSS color)."),
    Option(
        "theme.font",
        str,
        "sans serif",
        'Font of the page: "sans-serif", "serif", "monospace", a font family name the '
        'browser knows, or a font and the stylesheet that defines it ("Inter:https://fonts.'
        "example/inter.css, sans-serif\"; the stylesheet's origin is added to the page's "
        "Content-Security-Policy); code keeps a monospace font.",
        _font_problem,
    ),
    Option("theme.linkColor", str, "", "Color of links (CSS color)."),
    Option("theme.borderColor", str, "", "Color of borders around widgets and containers."),
    Option(
        "theme.baseRadius",
        str,
        "",
        'Roundness of corners: "none", "small", "medium", "large", "full", or a CSS length '
        '("0.5rem", "6px").',
    ),
    Option(
        "theme.baseFontSize",
        int,
        0,
        "Root font size in pixels (0: the default, 16).",
        at_least(0),
    ),
    Option(
        "theme.headingFont",
        str,
        "",
        "Font of headings, as `font` (default: the page's font).",
        _font_problem,
    ),
    Option(
        "theme.codeFont",
        str,
        "",
        "Font of code, as `font` (default: a monospace font).",
        _font_problem,
    ),
    Option("theme.codeBackgroundColor", str, "", "Background color of code blocks."),
    Option("theme.linkUnderline", bool, True, "Underline links."),
    Option(
        "theme.buttonRadius",
        str,
        "",
        "Roundness of buttons' corners, as baseRadius (default: baseRadius).",
    ),
    Option(
        "theme.baseFontWeight",
        int,
        0,
        "Weight of the text (100-900; 0: the default, 400).",
        at_least(0),
    ),
    Option("theme.codeFontSize", str, "", 'Size of code, a CSS length ("0.875rem", "14px").'),
    Option("theme.codeFontWeight", int, 0, "Weight of code (0: the default).", at_least(0)),
    Option(
        "theme.sidebar",
        dict,
        ThemeSection(),
        "Theme options for the sidebar only (`[theme.sidebar]`): colors (chart and named "
        "colors too), fonts, radii, code and link options of `[theme]`; `backgroundColor` is "
        "the sidebar's background. Each key is also an option of its own, "
        "`theme.sidebar.primaryColor` (`TIDAL_THEME_SIDEBAR_PRIMARY_COLOR`), as in the light and "
        "dark tables (`theme.dark.textColor`, `theme.light.sidebar.font`).",
        parse=parse_section,
    ),
    Option(
        "theme.light",
        dict,
        ThemeMode(),
        "Theme options while the light base is shown, set in the settings or by `theme.base` "
        "(`[theme.light]`, its sidebar's in `[theme.light.sidebar]`).",
        parse=lambda raw: parse_mode(raw, "theme.light"),
    ),
    Option(
        "theme.dark",
        dict,
        ThemeMode(),
        "Theme options while the dark base is shown (`[theme.dark]`, `[theme.dark.sidebar]`).",
        parse=lambda raw: parse_mode(raw, "theme.dark"),
    ),
    Option(
        "theme.fontFaces",
        tuple,
        (),
        "Fonts to load (`[[theme.fontFaces]]`: `family`, `url`, optional `weight`, `style`, "
        "`unicodeRange`), named in `font`, `headingFont` or `codeFont`. A url `app/static/...` "
        "is a file of the app's static folder (see `server.enableStaticServing`).",
        parse=parse_font_faces,
    ),
    Option(
        "theme.chartCategoricalColors",
        list,
        (),
        "Colors of the series of charts drawn with the Streamlit theme (Vega-Lite, Plotly, "
        "ECharts), in order. Empty: Streamlit's palette.",
        parse=parse_colors(1),
    ),
    Option(
        "theme.chartSequentialColors",
        list,
        (),
        "Colors, low to high, of continuous color scales in charts drawn with the Streamlit "
        "theme (heatmaps, gradients). Empty: the charting library's ramp.",
        parse=parse_colors(2),
    ),
    *(option for color in NAMED_COLORS for option in _named(color)),
)
"""Every ``theme.*`` option, in the order ``tidal config show`` lists them."""
