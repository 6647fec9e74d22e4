"""The front end in real Chromium: what a person sees and does."""

from __future__ import annotations

import re

from playwright.sync_api import expect

COUNTER = """
import tidal as st
st.title("Counter Example")
if "count" not in st.session_state:
    st.session_state.count = 0
if st.button("Increment"):
    st.session_state.count += 1
st.write("Count = ", st.session_state.count)
"""


def test_three_clicks_show_count_three(open_app):
    app = open_app(COUNTER)
    app.expect_text("Count = 0")
    for _ in range(3):
        app.click("Increment")
    app.expect_text("Count = 3")
    assert not app.console_errors


def test_two_tabs_keep_separate_counters(open_app, new_tab):
    first = open_app(COUNTER)
    second = new_tab(first.url)
    first.click("Increment")
    first.click("Increment")
    second.click("Increment")
    first.expect_text("Count = 2")
    second.expect_text("Count = 1")


def test_a_refresh_keeps_the_count(open_app):
    app = open_app(COUNTER)
    app.click("Increment")
    app.click("Increment")
    app.page.reload()
    app.idle()
    app.expect_text("Count = 2")
    app.click("Increment")
    app.expect_text("Count = 3")


def test_a_burst_of_20_fast_clicks_gives_exactly_20(open_app):
    app = open_app(COUNTER)
    button = app.page.get_by_role("button", name="Increment")
    for _ in range(20):
        button.click(delay=0)
    app.idle()
    app.expect_text(re.compile(r"Count =\s+20\b"))


def test_a_script_exception_shows_and_the_next_click_still_works(open_app):
    app = open_app(
        """
        import tidal as st
        st.session_state.setdefault("n", 0)
        count = st.button("Count")
        divide = st.button("Divide")
        if count:
            st.session_state.n += 1
        st.write("n is", st.session_state.n)
        if divide:
            st.session_state.n += 1
            1 / 0
        """
    )
    app.click("Divide")
    app.expect_text("ZeroDivisionError")
    app.expect_text("division by zero")
    app.click("Count")
    app.expect_text("n is 2")
    expect(app.page.get_by_text("ZeroDivisionError")).to_have_count(0)


def test_text_input_commits_on_enter_and_on_blur(open_app):
    app = open_app(
        """
        import tidal as st
        name = st.text_input("Your name", key="name")
        st.write("Hello,", name or "nobody")
        """
    )
    app.type_and_enter("Your name", "Ada")
    app.expect_text("Hello, Ada")
    box = app.page.get_by_label("Your name", exact=True)
    box.fill("Grace")
    app.page.get_by_text("Hello,").click()  # focus leaves the box
    app.idle()
    app.expect_text("Hello, Grace")


def test_columns_sit_side_by_side_and_stack_on_narrow_screens(open_app):
    app = open_app(
        """
        import tidal as st
        left, mid, right = st.columns([2, 1, 2])
        left.write("LEFT")
        mid.write("MIDDLE")
        right.write("RIGHT")
        """
    )
    left = app.page.get_by_text("LEFT").bounding_box()
    right = app.page.get_by_text("RIGHT").bounding_box()
    assert left and right and abs(left["y"] - right["y"]) < 5 and right["x"] > left["x"] + 200
    app.page.set_viewport_size({"width": 400, "height": 800})
    left = app.page.get_by_text("LEFT").bounding_box()
    right = app.page.get_by_text("RIGHT").bounding_box()
    assert left and right and right["y"] > left["y"] + 10


def test_dark_mode_follows_the_browser(open_app):
    app = open_app(COUNTER)

    def background() -> str:
        return app.page.evaluate("getComputedStyle(document.body).backgroundColor")

    def theme() -> str:
        return app.page.evaluate("document.documentElement.dataset.theme")

    app.page.emulate_media(color_scheme="light")
    app.page.wait_for_function("() => document.documentElement.dataset.theme === 'light'")
    light = background()
    app.page.emulate_media(color_scheme="dark")  # the page follows the change, live
    app.page.wait_for_function("() => document.documentElement.dataset.theme === 'dark'")
    app.page.wait_for_function(
        f"() => getComputedStyle(document.body).backgroundColor !== {light!r}"
    )
    dark = background()
    assert light != dark and theme() == "dark"


def test_a_theme_forced_by_the_server_wins_over_the_browser(open_app):
    app = open_app(COUNTER, theme__base="dark")
    app.page.emulate_media(color_scheme="light")
    app.page.wait_for_timeout(100)  # give a (wrong) switch to light the chance to happen
    assert app.page.evaluate("document.documentElement.dataset.theme") == "dark"


def test_a_form_sends_nothing_until_submit(open_app):
    app = open_app(
        """
        import tidal as st
        st.session_state.setdefault("runs", 0)
        st.session_state.runs += 1
        with st.form("f", clear_on_submit=True):
            name = st.text_input("Name")
            n = st.number_input("Amount", value=0, step=1)
            sent = st.form_submit_button("Send")
        st.write(f"runs={st.session_state.runs} sent={sent} name={name} n={n}")
        """
    )
    app.expect_text("runs=1 sent=False name= n=0")
    app.page.get_by_label("Name", exact=True).fill("Ada")
    app.page.get_by_label("Amount", exact=True).fill("7")
    app.page.get_by_label("Amount", exact=True).press("Tab")
    app.idle()
    app.expect_text("runs=1 sent=False")
    app.click("Send")
    app.expect_text("runs=2 sent=True name=Ada n=7")
    expect(app.page.get_by_label("Name", exact=True)).to_have_value("")


def test_a_dropped_connection_reconnects_to_the_same_session(open_app):
    app = open_app(COUNTER)
    app.click("Increment")
    token = app.page.evaluate("sessionStorage.getItem('tidal.token')")
    runs = app.page.evaluate("window.__tidal.runs")
    app.server.drop_connections()
    app.page.wait_for_function(f"() => window.__tidal.runs > {runs}")  # reconnected and reran
    app.idle()
    assert app.page.evaluate("sessionStorage.getItem('tidal.token')") == token
    app.click("Increment")
    app.expect_text("Count = 2")


def test_the_connection_lost_banner_shows_until_the_server_is_back(open_app):
    app = open_app(COUNTER)
    app.click("Increment")
    banner = app.page.locator("#banner")
    expect(banner).to_be_hidden()
    app.server.stop()
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Connection lost")
    restarted = app.server.restart()  # same port; the memory store starts empty
    try:
        expect(banner).to_be_hidden(timeout=10_000)
        app.idle()
        app.click("Increment")  # a new process with the memory store: a new session
        app.expect_text("Count = 1")
    finally:
        restarted.stop()


def test_editing_the_source_offers_a_rerun_and_keeps_state(open_app):
    app = open_app(COUNTER)
    app.click("Increment")
    app.click("Increment")
    script = app.server.script
    script.write_text(COUNTER.replace("Counter Example", "Edited Counter"))
    prompt = app.page.get_by_text("Source file changed")
    expect(prompt).to_be_visible(timeout=10_000)
    app.page.get_by_role("button", name="Rerun", exact=True).click()
    app.idle()
    app.expect_text("Edited Counter")
    app.expect_text("Count = 2")
    app.click("Increment")
    app.expect_text("Count = 3")
