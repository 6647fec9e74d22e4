"""Page config, layout and overlays in real Chromium: what a person sees and does."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import AppPage
from tests.fixtures.server import LiveServer
from tidal.config import load_config

PAGE_CONFIG = """
import tidal as st
st.set_page_config(page_title="Sales board", page_icon="📈", layout="wide",
                   initial_sidebar_state="collapsed",
                   menu_items={"Get help": "https://example.com/help", "About": "**Sales** app"})
st.sidebar.write("in the sidebar")
st.write("main")
"""


def test_page_config_sets_title_icon_wide_layout_and_a_collapsed_sidebar(open_app):
    app = open_app(PAGE_CONFIG)
    expect(app.page).to_have_title("Sales board")
    icon = app.page.locator("link[rel=icon]").get_attribute("href") or ""
    assert icon.startswith("data:image/svg+xml") and "%F0%9F%93%88" in icon  # the 📈 emoji
    expect(app.page.locator("body")).to_have_class(re.compile(r"\blayout-wide\b"))
    expect(app.page.locator("body")).to_have_class(re.compile(r"\bsidebar-collapsed\b"))
    expect(app.page.locator("#sidebar")).to_be_hidden()
    app.page.locator("#sidebar-open").click()
    expect(app.page.get_by_text("in the sidebar")).to_be_visible()
    assert not app.console_errors


def test_the_page_menu_links_the_apps_help_and_shows_its_about_text(open_app):
    app = open_app(PAGE_CONFIG)
    app.page.get_by_role("button", name="Main menu").click()
    help_link = app.page.get_by_role("menuitem", name="Get help")
    expect(help_link).to_have_attribute("href", "https://example.com/help")
    expect(app.page.get_by_role("menuitem", name="Report a bug")).to_be_hidden()
    app.page.get_by_role("menuitem", name="About").click()
    expect(app.page.locator("#about-body strong")).to_have_text("Sales")


THEMED = """
import tidal as st
st.write("theme is", st.context.theme.type)
st.button("again")
"""


def test_the_page_menu_switches_to_the_dark_theme_and_keeps_it_after_a_refresh(open_app):
    app = open_app(THEMED)
    app.page.get_by_role("button", name="Main menu").click()
    app.page.get_by_role("menuitem", name="Settings").click()
    app.page.locator("#setting-theme").select_option("dark")
    expect(app.page.locator("html")).to_have_attribute("data-theme", "dark")
    app.page.locator("#settings .modal-close").click()
    app.page.reload()
    app.idle()
    expect(app.page.locator("html")).to_have_attribute("data-theme", "dark")
    app.expect_text("theme is dark")  # the browser told st.context after the refresh


def test_the_page_menu_reruns_the_app_and_turns_wide_mode_on(open_app):
    app = open_app("""
        import tidal as st
        st.session_state.runs = st.session_state.get("runs", 0) + 1
        st.write("runs:", st.session_state.runs)
    """)
    app.expect_text("runs: 1")
    app.page.get_by_role("button", name="Main menu").click()
    app.page.get_by_role("menuitem", name=re.compile("Rerun")).click()
    app.idle()
    app.expect_text("runs: 2")
    expect(app.page.locator("body")).not_to_have_class(re.compile(r"\blayout-wide\b"))
    app.page.get_by_role("button", name="Main menu").click()
    app.page.get_by_role("menuitem", name="Settings").click()
    app.page.locator("#setting-wide").check()
    expect(app.page.locator("body")).to_have_class(re.compile(r"\blayout-wide\b"))


DIALOG = """
import tidal as st
st.session_state.setdefault("full_runs", 0)
st.session_state.full_runs += 1

def dismissed():
    st.session_state.dismissed = True

@st.dialog("Cast your vote", on_dismiss=dismissed)
def vote(item):
    st.write(f"Why is {item} your favorite?")
    reason = st.text_input("Because...")
    if st.button("Submit"):
        st.session_state.vote = {"item": item, "reason": reason}
        st.rerun()

if "vote" not in st.session_state:
    if st.button("Vote for A"):
        vote("A")
else:
    st.write(f"You voted for {st.session_state.vote['item']} because {st.session_state.vote['reason']}")
st.write("full runs:", st.session_state.full_runs, "dismissed:", st.session_state.get("dismissed", False))
"""


def test_a_dialog_opens_reruns_alone_and_closes_when_the_script_is_done(open_app):
    app = open_app(DIALOG)
    app.click("Vote for A")
    dialog = app.page.locator("dialog.st-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Why is A your favorite?")
    app.expect_text("full runs: 2")
    app.type_and_enter("Because...", "it is blue")
    app.expect_text("full runs: 2")  # the text input reran the dialog only
    dialog.get_by_role("button", name="Submit").click()
    app.idle()
    expect(dialog).to_have_count(0)
    app.expect_text("You voted for A because it is blue")
    assert not app.console_errors


def test_dismissing_a_dialog_calls_on_dismiss(open_app):
    app = open_app(DIALOG)
    app.click("Vote for A")
    expect(app.page.locator("dialog.st-dialog")).to_be_visible()
    app.page.keyboard.press("Escape")
    app.idle()
    expect(app.page.locator("dialog.st-dialog")).to_have_count(0)
    app.expect_text("dismissed: True")


def test_a_popover_opens_and_its_widgets_work(open_app):
    app = open_app("""
        import tidal as st
        with st.popover("Filters", icon="🔎"):
            on = st.checkbox("Only open orders")
        st.write("only open:", on)
    """)
    panel = app.page.locator(".popover-panel")
    expect(panel).to_be_hidden()
    app.page.get_by_role("button", name=re.compile("Filters")).click()
    expect(panel).to_be_visible()
    panel.get_by_text("Only open orders").click()
    app.idle()
    app.expect_text("only open: True")


def test_a_container_with_a_height_scrolls(open_app):
    app = open_app("""
        import tidal as st
        box = st.container(height=200, key="log")
        for i in range(60):
            box.write(f"line {i}")
    """)
    box = app.page.locator(".st-key-log")
    expect(box).to_contain_text("line 59")
    sizes = box.evaluate("el => [el.clientHeight, el.scrollHeight, getComputedStyle(el).overflowY]")
    assert sizes[0] <= 200 < sizes[1] and sizes[2] == "auto"
    assert "bordered" in (box.get_attribute("class") or "")  # a fixed height gets a border


PANELS = """
import tidal as st
tabs = st.tabs(["Intro", "Data", "Notes"], key="tab", on_change="rerun")
with tabs[1]:
    st.write("the data tab")
more = st.expander("More", key="more", on_change="rerun")
more.write("expander open: " + str(more.open))
st.write("selected:", st.session_state.tab, "| more:", st.session_state.more)
"""


def test_tabs_and_expander_state_survive_reruns_and_a_refresh(open_app):
    app = open_app(PANELS)
    app.expect_text("selected: Intro | more: False")
    app.page.get_by_role("tab", name="Data").click()
    app.idle()
    app.expect_text("selected: Data")
    app.page.locator("details.expander > summary").click()
    app.idle()
    app.expect_text("selected: Data | more: True")
    app.page.reload()
    app.idle()
    expect(app.page.get_by_role("tab", name="Data")).to_have_attribute("aria-selected", "true")
    expect(app.page.get_by_text("the data tab")).to_be_visible()
    expect(app.page.locator("details.expander")).to_have_attribute("open", "")
    app.expect_text("expander open: True")


def test_untracked_tabs_keep_their_selection_across_reruns(open_app):
    app = open_app("""
        import tidal as st
        a, b = st.tabs(["A", "B"])
        b.write("in B")
        st.button("rerun")
    """)
    app.page.get_by_role("tab", name="B").click()
    app.click("rerun")
    expect(app.page.get_by_role("tab", name="B")).to_have_attribute("aria-selected", "true")


def test_secrets_are_readable_in_the_app_and_never_sent_to_the_browser(open_app, tmp_path: Path):
    folder = tmp_path / ".streamlit"
    folder.mkdir()
    secret = "s3cr3t-pa55w0rd-xyz"
    (folder / "secrets.toml").write_text(f'db_password = "{secret}"\n[api]\nkey = "{secret}-2"\n')
    frames: list[str] = []

    def on_socket(ws):  # type: ignore[no-untyped-def]
        ws.on("framereceived", lambda payload: frames.append(str(payload)))
        ws.on("framesent", lambda payload: frames.append(str(payload)))

    app = open_app("""
        import tidal as st
        st.write("password length:", len(st.secrets["db_password"]))
        st.write("api key ends with 2:", st.secrets.api.key.endswith("-2"))
    """)
    app.page.on("websocket", on_socket)
    app.page.reload()
    app.idle()
    app.expect_text("password length: 19")
    app.expect_text("api key ends with 2: True")
    assert frames, "no websocket frames were seen"
    assert not any(secret in f for f in frames)
    assert secret not in app.page.content()


def test_the_browser_tells_st_context_its_timezone_and_locale(open_app):
    app = open_app("""
        import tidal as st
        st.write("tz:", st.context.timezone, "| locale:", st.context.locale,
                 "| offset is int:", isinstance(st.context.timezone_offset, int),
                 "| embedded:", st.context.is_embedded)
        st.write("host header:", st.context.headers.get("host", "").startswith("127.0.0.1"))
    """)
    tz = app.page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
    locale = app.page.evaluate("navigator.language")
    app.expect_text(f"tz: {tz} | locale: {locale} | offset is int: True | embedded: False")
    app.expect_text("host header: True")


def test_the_demos_gallery_page_shows_every_element_and_its_dialog_works(browser):
    demo = Path(__file__).resolve().parents[2] / "src" / "tidal" / "hello" / "app.py"
    server = LiveServer(demo, load_config(project_dirs=[], env={})).start()
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    try:
        app = AppPage(context.new_page(), server.url).open("/gallery")
        expect(app.page).to_have_title("Gallery · tidal")
        expect(app.page.locator("body")).to_have_class(re.compile(r"\blayout-wide\b"))
        for selector in (
            ".grid",
            ".st-key-gallery_log",
            ".tabs",
            ".popover",
            "iframe.component-frame",
        ):
            expect(app.page.locator(selector).first).to_be_visible()
        app.click("Open a dialog")
        dialog = app.page.locator("dialog.st-dialog")
        expect(dialog).to_be_visible()
        dialog.get_by_label("Your name").fill("Ada")
        dialog.get_by_label("Your name").press("Enter")
        app.idle()
        dialog.get_by_role("button", name="Done").click()
        app.idle()
        app.expect_text("Hello, Ada!")
        expect(dialog).to_have_count(0)
        assert not app.console_errors
    finally:
        context.close()
        server.stop()


def test_a_hidden_page_is_not_in_the_menu_but_opens_by_its_address(open_app):
    app = open_app("""
        import tidal as st
        def home():
            st.write("home page")
        def about():
            st.write("about page")
        def secret():
            st.write("the hidden page")
        st.navigation([
            st.Page(home, title="Home", help="Start here"),
            st.Page(about, title="About"),
            st.Page(secret, title="Secret", url_path="secret", visibility="hidden"),
        ]).run()
    """)
    menu = app.page.locator(".nav-list")
    expect(menu.get_by_text("About")).to_be_visible()
    expect(menu.get_by_text("Secret")).to_have_count(0)
    expect(menu.get_by_role("link", name="Home")).to_have_attribute("title", "Start here")
    app.open("/secret")
    app.expect_text("the hidden page")


def test_st_bottom_stays_in_view_under_a_long_page(open_app):
    app = open_app("""
        import tidal as st
        for i in range(80):
            st.write(f"row {i}")
        st.bottom.text_input("Message", key="msg")
        st.write("you said:", st.session_state.msg)
    """)
    box = app.page.get_by_label("Message")
    expect(box).to_be_in_viewport()  # pinned: visible without scrolling to the end
    top = box.evaluate("el => el.getBoundingClientRect().bottom")
    assert top <= app.page.viewport_size["height"]
    app.type_and_enter("Message", "hello")
    app.expect_text("you said: hello")


def test_the_theme_options_of_the_configuration_colour_the_page(open_app):
    app = open_app(
        """
        import tidal as st
        st.button("Go", type="primary")
        """,
        theme__primaryColor="#ff4b4b",
        theme__backgroundColor="#fffaf0",
        theme__baseRadius="none",
    )
    button = app.page.get_by_role("button", name="Go")
    styles = button.evaluate(
        "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).borderTopLeftRadius,"
        " getComputedStyle(document.body).backgroundColor]"
    )
    assert styles == ["rgb(255, 75, 75)", "0px", "rgb(255, 250, 240)"]


def test_a_form_without_enter_to_submit_submits_only_with_its_button(open_app):
    app = open_app("""
        import tidal as st
        with st.form("f", enter_to_submit=False):
            name = st.text_input("Name")
            sent = st.form_submit_button("Send")
        st.write("sent:", sent, name)
    """)
    box = app.page.get_by_label("Name")
    box.fill("Ada")
    box.press("Enter")
    app.idle()
    app.expect_text("sent: False")
    app.click("Send")
    app.expect_text("sent: True Ada")
