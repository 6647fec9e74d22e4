"""The theme's tables in Chromium: the sidebar's own colors and font, the light and dark tables
following the base chosen in the settings, and a font face loaded from the app's static
folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

from playwright.sync_api import Locator, expect

KATEX_FONT = (
    Path(__file__).resolve().parents[2]
    / "src/tidal/static/vendor/katex/fonts/KaTeX_SansSerif-Regular.woff2"
)
APP = """
import tidal as st
st.sidebar.write("in the sidebar")
st.write("in the page")
"""


def configure(folder: Path, toml: str) -> None:
    (folder / ".tidal").mkdir()
    (folder / ".tidal" / "config.toml").write_text(textwrap.dedent(toml))


def style(target: Locator, prop: str) -> str:
    return str(target.first.evaluate(f"e => getComputedStyle(e).{prop}"))


def test_the_sidebar_gets_its_own_background_text_color_and_font(open_app, tmp_path):
    configure(
        tmp_path,
        """
        [theme]
        backgroundColor = "#fafafa"
        [theme.sidebar]
        backgroundColor = "#123456"
        textColor = "#fedcba"
        font = "serif"
        """,
    )
    page = open_app(APP).page
    assert style(page.locator("#sidebar"), "backgroundColor") == "rgb(18, 52, 86)"
    sidebar_text = "#sidebar .md p"
    assert style(page.locator(sidebar_text), "color") == "rgb(254, 220, 186)"
    assert "serif" in style(page.locator(sidebar_text), "fontFamily")
    assert "Georgia" in style(page.locator(sidebar_text), "fontFamily")
    # the page keeps its own
    assert style(page.locator("body"), "backgroundColor") == "rgb(250, 250, 250)"
    assert style(page.locator("#main .md p"), "color") != "rgb(254, 220, 186)"
    assert "Georgia" not in style(page.locator("#main .md p"), "fontFamily")


def test_switching_light_and_dark_in_the_settings_applies_the_matching_table(open_app, tmp_path):
    configure(
        tmp_path,
        """
        [theme.light]
        backgroundColor = "#fefae0"
        [theme.light.sidebar]
        backgroundColor = "#e0f0ff"
        [theme.dark]
        backgroundColor = "#101820"
        primaryColor = "#ff8800"
        [theme.dark.sidebar]
        backgroundColor = "#2a0a3a"
        """,
    )
    app = open_app(APP + 'st.button("Go", type="primary")\n')
    page = app.page
    expect(page.locator("html")).to_have_attribute("data-theme", "light")
    assert style(page.locator("body"), "backgroundColor") == "rgb(254, 250, 224)"
    assert style(page.locator("#sidebar"), "backgroundColor") == "rgb(224, 240, 255)"

    page.get_by_role("button", name="Main menu").click()
    page.get_by_role("menuitem", name="Settings").click()
    page.locator("#setting-theme").select_option("dark")
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    assert style(page.locator("body"), "backgroundColor") == "rgb(16, 24, 32)"
    assert style(page.locator("#sidebar"), "backgroundColor") == "rgb(42, 10, 58)"
    go = page.get_by_role("button", name="Go")
    assert style(go, "backgroundColor") == "rgb(255, 136, 0)"

    page.locator("#setting-theme").select_option("light")
    expect(page.locator("html")).to_have_attribute("data-theme", "light")
    assert style(page.locator("body"), "backgroundColor") == "rgb(254, 250, 224)"
    assert style(go, "backgroundColor") != "rgb(255, 136, 0)"
    assert not app.console_errors


def test_a_font_face_from_the_static_folder_is_loaded_and_used(open_app, tmp_path):
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "brand.woff2").write_bytes(KATEX_FONT.read_bytes())
    configure(
        tmp_path,
        """
        [server]
        enableStaticServing = true
        [theme]
        font = "Brand Sans, sans-serif"
        [[theme.fontFaces]]
        family = "Brand Sans"
        url = "app/static/brand.woff2"
        weight = 400
        style = "normal"
        """,
    )
    app = open_app(APP)
    page = app.page
    assert style(page.locator("#main .md p"), "fontFamily").startswith('"Brand Sans"')
    page.wait_for_function(
        "() => [...document.fonts].some(f => f.family.replace(/\"/g, '') === 'Brand Sans'"
        " && f.status === 'loaded')"
    )
    assert page.evaluate("() => document.fonts.check('16px \"Brand Sans\"')")
    loaded = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
    assert any(name.endswith("/app/static/brand.woff2") for name in loaded)
    assert not app.console_errors
