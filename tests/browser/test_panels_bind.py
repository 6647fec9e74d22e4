"""Expanders and tabs bound to the query params (``bind="query-params"``) in Chromium: the
address follows the person's choice, and a fresh page opened at that address shows it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import AppPage

APP = """
import tidal as st
st.session_state.setdefault("runs", 0)
st.session_state.runs += 1
with st.expander("Filters", key="filters", bind="query-params"):
    st.write("inside the filters")
intro, data = st.tabs(["Intro", "Raw data"], key="tab", bind="query-params")
data.write("the raw data")
st.button("Refresh")
st.text(f"runs={st.session_state.runs} filters={st.session_state.filters} "
        f"tab={st.session_state.tab}")
"""


def test_opening_an_expander_and_choosing_a_tab_write_the_address_without_a_run(open_app, browser):
    app = open_app(APP)
    page = app.page
    app.expect_text("runs=1 filters=False tab=Intro")
    runs = page.evaluate("window.__tidal.runs")
    page.locator("summary", has_text="Filters").click()
    expect(page).to_have_url(re.compile(r"/\?filters=true$"))
    page.get_by_role("tab", name="Raw data").click()
    expect(page).to_have_url(re.compile(r"/\?filters=true&tab=Raw\+data$"))
    app.idle()
    assert page.evaluate("window.__tidal.runs") == runs  # on_change="ignore": no run
    app.click("Refresh")  # the next run takes the values the browser kept
    app.expect_text("runs=2 filters=True tab=Raw data")
    expect(page).to_have_url(re.compile(r"/\?filters=true&tab=Raw\+data$"))

    fresh = browser.new_context(viewport={"width": 1100, "height": 800})  # a new session
    other = AppPage(fresh.new_page(), app.server.url).open("/?filters=true&tab=Raw+data")
    other.expect_text("runs=1 filters=True tab=Raw data")
    expect(other.page.locator("details.expander")).to_have_attribute("open", "")
    expect(other.page.get_by_role("tab", name="Raw data")).to_have_attribute(
        "aria-selected", "true"
    )
    expect(other.page.get_by_text("the raw data")).to_be_visible()

    page.locator("summary", has_text="Filters").click()  # closed again: the param goes
    page.get_by_role("tab", name="Intro").click()
    expect(page).to_have_url(re.compile(r"/$"))
    assert not app.console_errors
    assert not other.console_errors
    fresh.close()


def test_a_reload_keeps_what_the_address_shows(open_app):
    app = open_app(APP)
    page = app.page
    page.get_by_role("tab", name="Raw data").click()
    expect(page).to_have_url(re.compile(r"/\?tab=Raw\+data$"))
    app.idle()
    page.reload()
    app.idle()
    app.expect_text("filters=False tab=Raw data")
    expect(page.get_by_role("tab", name="Raw data")).to_have_attribute("aria-selected", "true")
    assert not app.console_errors


def test_with_on_change_rerun_the_server_writes_the_address(open_app):
    app = open_app("""
import tidal as st
e = st.expander("Details", key="details", bind="query-params", on_change="rerun")
if e.open:
    e.write("computed only while open")
st.text(f"details={st.session_state.details}")
""")
    page = app.page
    page.locator("summary", has_text="Details").click()
    app.idle()
    app.expect_text("details=True")
    expect(page.get_by_text("computed only while open")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/\?details=true$"))
    page.reload()
    app.idle()
    app.expect_text("details=True")
    expect(page.locator("details.expander")).to_have_attribute("open", "")
    assert not app.console_errors
