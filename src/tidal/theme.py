"""The ``[theme]`` options as CSS, joined into the page's stylesheet (``/_tidal/page.css``).

Owns ``theme_css``: each option set in the configuration overrides the CSS variables of
``static/style.css`` (in the light and the dark theme alike); options left empty keep the
built-in look. Values are checked to be plain CSS values, so a configuration cannot inject
rules. Knows nothing about HTTP or sessions.
"""

from __future__ import annotations

import re

from tidal.config import ThemeConfig

_SAFE = re.compile(r"^[#\w\s.,%()+/'\"-]{1,200}$")
_FONTS = {
    "sans serif": "var(--font-sans)",
    "sans-serif": "var(--font-sans)",
    "serif": 'ui-serif, Georgia, Cambria, "Times New Roman", Times, serif',
    "monospace": "var(--mono-default)",
}
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
    if value.lower() in _FONTS:
        return _FONTS[value.lower()]
    family = _value(name, value)
    return family if family.startswith(("'", '"')) or "," in family else f'"{family}"'


def theme_css(theme: ThemeConfig) -> str:
    """The stylesheet for ``theme``: CSS variables, and a few rules for fonts and code.

    Raises:
        ThemeValueError: a value that is not a plain CSS value.

    Example:
        >>> "--accent: #ff4b4b" in theme_css(config.theme)  # primaryColor = "#ff4b4b"
        True
    """
    variables: list[str] = []
    rules: list[str] = []
    if theme.primary_color:
        c = _value("primaryColor", theme.primary_color)
        variables += [
            f"--accent: {c}",
            f"--accent-hover: color-mix(in srgb, {c} 85%, black)",
            f"--accent-text: {c}",
            f"--accent-soft: color-mix(in srgb, {c} 14%, transparent)",
            f"--ring: color-mix(in srgb, {c} 32%, transparent)",
        ]
    if theme.background_color:
        c = _value("backgroundColor", theme.background_color)
        variables += [f"--bg: {c}", f"--bg-elev: {c}", f"--input-bg: {c}"]
    if theme.secondary_background_color:
        c = _value("secondaryBackgroundColor", theme.secondary_background_color)
        variables += [f"--bg-2: {c}", f"--bg-3: color-mix(in srgb, {c} 85%, var(--fg))"]
    if theme.text_color:
        c = _value("textColor", theme.text_color)
        variables += [
            f"--fg: {c}",
            f"--fg-2: color-mix(in srgb, {c} 72%, var(--bg))",
            f"--fg-3: color-mix(in srgb, {c} 50%, var(--bg))",
        ]
    if theme.border_color:
        c = _value("borderColor", theme.border_color)
        variables += [f"--border: {c}", f"--border-2: {c}"]
    if theme.base_radius:
        r = _RADII.get(theme.base_radius) or _value("baseRadius", theme.base_radius)
        variables += [f"--radius: {r}", f"--radius-sm: calc({r} * .75)"]
    if theme.font and theme.font.lower() not in ("sans serif", "sans-serif"):
        variables.append(f"--font: {_font('font', theme.font)}")
    if theme.code_font:
        variables.append(f"--mono: {_font('codeFont', theme.code_font)}")
    if theme.link_color:
        c = _value("linkColor", theme.link_color)
        rules.append(f".md a, .heading a {{ color: {c}; }}")
    if theme.heading_font:
        f = _font("headingFont", theme.heading_font)
        headings = ".heading, .md h1, .md h2, .md h3, .md h4, .md h5, .md h6"
        rules.append(f"{headings} {{ font-family: {f}; }}")
    if theme.code_background_color:
        c = _value("codeBackgroundColor", theme.code_background_color)
        rules.append(f".code pre, .md pre, .md code, .heading code {{ background: {c}; }}")
    if theme.base_font_size:
        rules.append(f"html {{ font-size: {int(theme.base_font_size)}px; }}")
    if not theme.link_underline:
        rules.append(".md a, .heading a { text-decoration: none; }")
    if theme.button_radius:
        r = _RADII.get(theme.button_radius) or _value("buttonRadius", theme.button_radius)
        rules.append(f".btn, .popover-btn {{ border-radius: {r}; }}")
    if theme.base_font_weight:
        rules.append(
            f"body {{ font-weight: {_weight('baseFontWeight', theme.base_font_weight)}; }}"
        )
    if theme.code_font_size or theme.code_font_weight:
        size = _value("codeFontSize", theme.code_font_size) if theme.code_font_size else ""
        weight = _weight("codeFontWeight", theme.code_font_weight) if theme.code_font_weight else ""
        decl = (f"font-size: {size}; " if size else "") + (
            f"font-weight: {weight}; " if weight else ""
        )
        rules.append(f".code pre, .md pre code, .text {{ {decl}}}")
    out = ["/* [theme] of the app's configuration (generated) */"]
    if variables:
        body = ";\n  ".join(variables)
        out.append(f':root, :root[data-theme="dark"] {{\n  {body};\n}}')
    out += rules
    return "\n".join(out) + "\n"
