"""Multipage apps in Chromium: the sidebar menu, page URLs, back/forward, refresh, page links
and ``st.switch_page``, with session state following the MP rules."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from playwright.sync_api import expect

MAIN = """
import tidal as st
st.title("Home page")
if st.button("Remember"):
    st.session_state.remembered = "yes"
st.text_input("Home note", key="home_note")
"""

PAGES = {
    "pages/1_second.py": """
        import tidal as st
        st.title("Second page")
        note = st.text_input("Second note", key="second_note")
        st.write(f"second note is [{note}]")
    """,
    "pages/2_🎯_third.py": """
        import tidal as st
        st.title("Third page")
        st.write(f"remembered={st.session_state.get('remembered', 'no')}")
    """,
}


def write_pages(root: Path, files: dict[str, str]) -> None:
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source))


def menu(app):
    return app.page.get_by_role("navigation", name="Pages")


def test_the_sidebar_menu_back_forward_and_refresh_follow_the_pages(open_app, tmp_path):
    write_pages(tmp_path, PAGES)
    app = open_app(MAIN)
    page = app.page
    nav = menu(app)
    expect(nav.get_by_role("link")).to_have_text(["app", "second", "🎯third"])
    expect(nav.get_by_role("link", name="app")).to_have_attribute("aria-current", "page")
    app.click("Remember")

    nav.get_by_role("link", name="second").click()
    app.idle()
    expect(page).to_have_url(re.compile(r"/second$"))
    app.expect_text("Second page")
    expect(nav.get_by_role("link", name="second")).to_have_attribute("aria-current", "page")
    app.type_and_enter("Second note", "typed")
    app.expect_text("second note is [typed]")

    nav.get_by_role("link", name="third").click()
    app.idle()
    expect(page).to_have_url(re.compile(r"/third$"))
    app.expect_text("remembered=yes")  # MP-1: a user key set on another page

    page.go_back()
    expect(page).to_have_url(re.compile(r"/second$"))
    app.expect_text("Second page")
    app.idle()
    expect(page.get_by_label("Second note", exact=True)).to_have_value("")  # MP-2/3
    app.expect_text("second note is []")

    page.go_back()
    expect(page).to_have_url(re.compile(r"/$"))
    app.expect_text("Home page")
    app.idle()
    page.go_forward()
    expect(page).to_have_url(re.compile(r"/second$"))
    app.expect_text("Second page")
    app.idle()

    page.reload()
    app.idle()
    expect(page).to_have_url(re.compile(r"/second$"))
    app.expect_text("Second page")
    expect(menu(app).get_by_role("link", name="second")).to_have_attribute("aria-current", "page")
    assert page.title() == "second"
    assert not app.console_errors


def test_the_menu_works_from_the_keyboard_and_an_unknown_page_url_is_replaced(open_app, tmp_path):
    write_pages(tmp_path, PAGES)
    app = open_app(MAIN)
    page = app.page
    link = menu(app).get_by_role("link", name="third")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/third$"))
    app.expect_text("Third page")
    app.idle()

    page.goto(app.url + "/no_such_page")
    app.idle()
    app.expect_text("Page not found")
    app.expect_text("Home page")
    expect(page).to_have_url(re.compile(r"/$"))


NAV_APP = """
import tidal as st

name = st.sidebar.text_input("Your name", key="name")

def home():
    st.title("Welcome home")
    st.page_link(settings_page, label="Open the settings", icon="⚙️")
    st.page_link("https://example.com", label="Elsewhere")

def settings():
    st.title("Settings")
    st.write(f"name is [{name}]")
    if st.button("Save and go home"):
        st.session_state.saved = True
        st.switch_page(home_page)

home_page = st.Page(home, title="Home", icon="🏠", default=True)
settings_page = st.Page(settings, title="Settings", url_path="settings")
pg = st.navigation([home_page, settings_page])
st.write(f"saved={st.session_state.get('saved', False)}")
pg.run()
"""


def test_page_links_navigate_in_place_and_switch_page_adds_a_history_entry(open_app):
    app = open_app(NAV_APP)
    page = app.page
    app.type_and_enter("Your name", "Ada")
    page.evaluate("window.__same_document = true")
    expect(page.locator(".page-link")).to_have_text(["⚙️Open the settings", "Elsewhere"])
    expect(page.get_by_role("link", name="Elsewhere")).to_have_attribute("target", "_blank")

    page.get_by_role("link", name="Open the settings").click()
    expect(page).to_have_url(re.compile(r"/settings$"))
    app.idle()
    app.expect_text("name is [Ada]")  # MP-4: the entrypoint's widget kept its value
    assert page.evaluate("window.__same_document") is True  # no page reload

    app.click("Save and go home")
    expect(page).to_have_url(re.compile(r"/$"))
    app.expect_text("Welcome home")
    app.expect_text("saved=True")  # a user key survives st.switch_page
    expect(page.get_by_label("Your name", exact=True)).to_have_value("")  # MP-5

    page.go_back()
    expect(page).to_have_url(re.compile(r"/settings$"))
    app.expect_text("Settings")
    app.idle()
    assert page.evaluate("window.__same_document") is True
    assert not app.console_errors
