"""The ``[theme]`` options as CSS, joined into the page's stylesheet (``/_tidal/page.css``).

Owns ``theme_css``: each option set in the configuration overrides the CSS variables of
``static/style.css`` (in the light and the dark theme alike); options left empty keep the
built-in look. ``[theme.light]``/``[theme.dark]`` apply under ``<html data-theme=...>`` (the
base the person chose in the settings, or the browser's), ``[theme.sidebar]`` inside the
sidebar only (a mode's own sidebar table wins over it), and ``[[theme.fontFaces]]`` become
``@font-face`` rules. Values are checked to be plain CSS values, so a configuration cannot
inject rules. Knows nothing about HTTP or sessions.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tidal.config import ThemeConfig
from tidal.theme_options import font_stylesheets
from tidal.theme_sections import NAMED_COLORS, FontFace, ThemeSection, split_font

_SAFE = re.compile(r"^[#\w\s.,%()+/'\"-]{1,200}$")
_FONTS = {
    "sans serif": "var(--font-sans)",
    "sans-serif": "var(--font-sans)",
    "serif": 'ui-serif, Georgia, Cambria, "Times New Roman", Times, serif',
    "monospace": "var(--mono-default)",
}
_ALERTS = {"red": "error", "green": "success", "blue": "info", "yellow": "warning"}
"""The alert (and metric delta) drawn in each named color; the others color Markdown only."""
_RADII = {"none": "0", "small": "4px", "medium": "8px", "large": "12px", "full": "1.4rem"}


class ThemeValueError(ValueError):
    """A theme option whose value is not a plain CSS value."""


def _value(name: str, value: str) -> str:
    if not _SAFE.match(value) or value.count('"') % 2 or value.count("'") % 2:
        raise ThemeValueError(
            f"theme.{name} = {value!r} is not a plain CSS value (a color such as '#ff4b4b' or "
            "'rgb(255, 75, 75)', a length, or a font name)."
        )
    return value


def _weight(name: str, value: int) -> int:
    if not 100 <= value <= 900:
        raise ThemeValueError(f"theme.{name} = {value} must be a font weight from 100 to 900.")
    return value


def _font(name: str, value: str) -> str:
    try:
        value = split_font(value)[0]  # "Inter:https://.../inter.css, sans-serif"
    except ValueError as exc:
        raise ThemeValueError(f"theme.{name}: {exc}") from None
    if value.lower() in _FONTS:
        return _FONTS[value.lower()]
    family = _value(name, value)
    return family if family.startswith(("'", '"')) or "," in family else f'"{family}"'


def _main_section(theme: ThemeConfig) -> ThemeSection:
    """``[theme]``'s options that tables may override, None where the built-in look stays."""
    values = {name: getattr(theme, name) for name in ThemeSection.__dataclass_fields__}
    section = ThemeSection(**{k: v if v not in ("", 0) else None for k, v in values.items()})
    font = theme.font.lower() in ("sans serif", "sans-serif")
    return replace(
        section,
        font=None if font else theme.font,
        link_underline=None if theme.link_underline else False,
    )


def _section_css(s: ThemeSection, where: str, root: str, scope: str) -> list[str]:
    """CSS for one table: its variables on ``scope`` (``:root`` or the sidebar) and its rules
    under ``scope``; ``where`` names the table in error messages."""
    variables: list[str] = []
    rules: list[str] = []
    sidebar = scope.endswith(".sidebar")
    if s.primary_color:
        c = _value(f"{where}primaryColor", s.primary_color)
        variables += [
            f"--accent: {c}",
            f"--accent-hover: color-mix(in srgb, {c} 85%, black)",
            f"--accent-text: {c}",
            f"--accent-soft: color-mix(in srgb, {c} 14%, transparent)",
            f"--ring: color-mix(in srgb, {c} 32%, transparent)",
        ]
    if s.background_color:
        c = _value(f"{where}backgroundColor", s.background_color)
        variables += [f"--bg: {c}", f"--bg-elev: {c}", f"--input-bg: {c}"]
        if sidebar:  # the sidebar's own background, which the page paints outside it too
            rules.append(f"{root} {{ --sidebar-bg: {c}; }}")
    if s.secondary_background_color:
        c = _value(f"{where}secondaryBackgroundColor", s.secondary_background_color)
        variables += [f"--bg-2: {c}", f"--bg-3: color-mix(in srgb, {c} 85%, var(--fg))"]
    if s.text_color:
        c = _value(f"{where}textColor", s.text_color)
        variables += [
            f"--fg: {c}",
            f"--fg-2: color-mix(in srgb, {c} 72%, var(--bg))",
            f"--fg-3: color-mix(in srgb, {c} 50%, var(--bg))",
        ]
        if sidebar:
            variables.append("color: var(--fg)")
    if s.border_color:
        c = _value(f"{where}borderColor", s.border_color)
        variables += [f"--border: {c}", f"--border-2: {c}"]
    if s.base_radius:
        r = _RADII.get(s.base_radius) or _value(f"{where}baseRadius", s.base_radius)
        variables += [f"--radius: {r}", f"--radius-sm: calc({r} * .75)"]
    if s.font:
        variables.append(f"--font: {_font(f'{where}font', s.font)}")
        if sidebar:  # the page's font is set once, on body: the sidebar sets its own
            variables.append("font-family: var(--font)")
    if s.code_font:
        variables.append(f"--mono: {_font(f'{where}codeFont', s.code_font)}")
    variables += _palette(s, where)
    inner = f"{scope} " if scope != ":root" else ""
    if s.link_color:
        c = _value(f"{where}linkColor", s.link_color)
        rules.append(f"{inner}.md a, {inner}.heading a {{ color: {c}; }}")
    if s.heading_font:
        f = _font(f"{where}headingFont", s.heading_font)
        headings = ", ".join(
            f"{inner}{h}" for h in (".heading", *(f".md h{i}" for i in range(1, 7)))
        )
        rules.append(f"{headings} {{ font-family: {f}; }}")
    if s.code_background_color:
        c = _value(f"{where}codeBackgroundColor", s.code_background_color)
        code = ", ".join(
            f"{inner}{x}" for x in (".code pre", ".md pre", ".md code", ".heading code")
        )
        rules.append(f"{code} {{ background: {c}; }}")
    if s.link_underline is not None:
        decoration = "underline" if s.link_underline else "none"
        rules.append(f"{inner}.md a, {inner}.heading a {{ text-decoration: {decoration}; }}")
    if s.button_radius:
        r = _RADII.get(s.button_radius) or _value(f"{where}buttonRadius", s.button_radius)
        rules.append(f"{inner}.btn, {inner}.popover-btn {{ border-radius: {r}; }}")
    if s.code_font_size or s.code_font_weight:
        size = _value(f"{where}codeFontSize", s.code_font_size) if s.code_font_size else ""
        weight = _weight(f"{where}codeFontWeight", s.code_font_weight) if s.code_font_weight else ""
        decl = (f"font-size: {size}; " if size else "") + (
            f"font-weight: {weight}; " if weight else ""
        )
        code = ", ".join(f"{inner}{x}" for x in (".code pre", ".md pre code", ".text"))
        rules.append(f"{code} {{ {decl}}}")
    out = []
    if variables:
        selector = ':root, :root[data-theme="dark"]' if scope == ":root" else scope
        body = ";\n  ".join(variables)
        out.append(f"{selector} {{\n  {body};\n}}")
    return out + rules


def _font_face(face: FontFace) -> str:
    """An ``@font-face`` rule; a url of the app's static folder is relative to the page's
    address (``app/static/x`` from ``/_tidal/theme.css`` is ``../app/static/x``)."""
    url = face.url
    if "://" not in url and not url.startswith(("/", "data:")):
        url = "../" + url.removeprefix("./")
    decls = [f'font-family: "{face.family}"', f'src: url("{url}")', "font-display: swap"]
    if face.weight:
        decls.append(f"font-weight: {face.weight}")
    if face.style:
        decls.append(f"font-style: {face.style}")
    if face.unicode_range:
        decls.append(f"unicode-range: {face.unicode_range}")
    return "@font-face { " + "; ".join(decls) + "; }"


def _palette(s: ThemeSection, where: str) -> list[str]:
    """Variables of one table's basic palette (``:red[...]``, badges, alerts, metric deltas)
    and chart colors (read by the chart families from ``--chart-categorical`` and
    ``--chart-sequential``)."""
    variables: list[str] = []
    for color in NAMED_COLORS:
        fg, bg = getattr(s, f"{color}_color"), getattr(s, f"{color}_background_color")
        alert = _ALERTS.get(color)
        if fg:
            c = _value(f"{where}{color}Color", fg)
            variables.append(f"--md-{color}: {c}")
            if alert:
                border = f"color-mix(in srgb, {c} 35%, transparent)"
                variables += [f"--{alert}-fg: {c}", f"--{alert}-border: {border}"]
        if bg or fg:
            b = _value(f"{where}{color}BackgroundColor", bg) if bg else ""
            b = b or f"color-mix(in srgb, {fg} 14%, transparent)"
            variables.append(f"--md-{color}-bg: {b}")
            if alert:
                variables.append(f"--{alert}-bg: {b}")
    charts = {"categorical": s.chart_categorical_colors, "sequential": s.chart_sequential_colors}
    for kind, colors in charts.items():
        if colors:
            name = f"{where}chart{kind.title()}Colors"
            variables.append(f"--chart-{kind}: {', '.join(_value(name, c) for c in colors)}")
    return variables


def theme_css(theme: ThemeConfig) -> str:
    """The stylesheet for ``theme``: ``@font-face`` rules, CSS variables, and a few rules for
    fonts and code; then the light and dark tables, then the sidebar's.

    Raises:
        ThemeValueError: a value that is not a plain CSS value.

    Example:
        >>> "--accent: #ff4b4b" in theme_css(config.theme)  # primaryColor = "#ff4b4b"
        True
    """
    out = ["/* [theme] of the app's configuration (generated) */"]
    out += [f'@import url("{url}");' for url in font_stylesheets(theme)]  # first: CSS wants it so
    out += [_font_face(face) for face in theme.font_faces]
    out += _section_css(_main_section(theme), "", ":root", ":root")
    if theme.base_font_size:
        out.append(f"html {{ font-size: {int(theme.base_font_size)}px; }}")
    if theme.base_font_weight:
        out.append(f"body {{ font-weight: {_weight('baseFontWeight', theme.base_font_weight)}; }}")
    modes = {"light": theme.light, "dark": theme.dark}
    for name, mode in modes.items():
        root = f':root[data-theme="{name}"]'
        out += _section_css(mode.page, f"{name}.", root, root)
    out += _section_css(theme.sidebar, "sidebar.", ":root", ":root .sidebar")
    for name, mode in modes.items():
        root = f':root[data-theme="{name}"]'
        out += _section_css(mode.sidebar, f"{name}.sidebar.", root, f"{root} .sidebar")
    return "\n".join(out) + "\n"
