"""The [theme] options of config.toml, served as CSS variables in /_tidal/theme.css."""

from __future__ import annotations

import urllib.request

import pytest

from tidal.config import default_config
from tidal.theme import ThemeValueError, theme_css


def themed(**values):
    return default_config().with_values({f"theme.{k}": v for k, v in values.items()}).theme


def test_no_theme_options_give_an_empty_stylesheet():
    assert ":root" not in theme_css(default_config().theme)


def test_each_color_option_sets_its_css_variables():
    css = theme_css(
        themed(
            primaryColor="#ff4b4b",
            backgroundColor="#fafafa",
            secondaryBackgroundColor="rgb(240, 242, 246)",
            textColor="#262730",
            borderColor="#dddddd",
        )
    )
    for line in (
        "--accent: #ff4b4b",
        "--bg: #fafafa",
        "--bg-2: rgb(240, 242, 246)",
        "--fg: #262730",
        "--border: #dddddd",
    ):
        assert line in css
    assert ':root, :root[data-theme="dark"]' in css


def test_fonts_radius_size_link_and_code_options():
    css = theme_css(
        themed(
            font="serif",
            codeFont="Fira Code",
            headingFont="Inter",
            baseRadius="small",
            baseFontSize=14,
            linkColor="#0068c9",
            codeBackgroundColor="#f0f0f0",
        )
    )
    assert "--font: ui-serif" in css
    assert '--mono: "Fira Code"' in css
    assert (
        '.heading, .md h1, .md h2, .md h3, .md h4, .md h5, .md h6 { font-family: "Inter"; }' in css
    )
    assert "--radius: 4px" in css and "html { font-size: 14px; }" in css
    assert ".md a, .heading a { color: #0068c9; }" in css
    assert ".code pre, .md pre, .md code, .heading code { background: #f0f0f0; }" in css


def test_streamlits_sans_serif_spelling_is_the_default_font():
    assert "--font:" not in theme_css(themed(font="sans-serif"))


@pytest.mark.parametrize("value", ["red; } body { display: none", "url(javascript:x)}", "#f00{"])
def test_a_value_that_is_not_plain_css_is_refused(value):
    with pytest.raises(ThemeValueError, match="is not a plain CSS value"):
        theme_css(themed(primaryColor=value))


def test_the_server_serves_the_theme_stylesheet(serve_app):
    server = serve_app("import tidal as st\nst.write('hi')\n", theme__primaryColor="#ff4b4b")
    with urllib.request.urlopen(server.url + "/_tidal/theme.css", timeout=10) as response:
        assert response.headers["content-type"].startswith("text/css")
        assert "--accent: #ff4b4b" in response.read().decode()


def test_link_underline_button_radius_and_font_weights():
    css = theme_css(
        themed(
            linkUnderline=False,
            buttonRadius="full",
            baseFontWeight=300,
            codeFontSize="13px",
            codeFontWeight=500,
        )
    )
    assert ".md a, .heading a { text-decoration: none; }" in css
    assert ".btn, .popover-btn { border-radius: 1.4rem; }" in css
    assert "body { font-weight: 300; }" in css
    assert ".code pre, .md pre code, .text { font-size: 13px; font-weight: 500; }" in css


def test_a_font_weight_outside_100_to_900_is_refused():
    with pytest.raises(ThemeValueError, match="must be a font weight from 100 to 900"):
        theme_css(themed(baseFontWeight=1000))
