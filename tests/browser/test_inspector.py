"""The state inspector in Chromium: open it, watch runs with their triggers, diffs and
explanations, rewind, export and import; only this tab's session; off beyond localhost."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, expect

from tests.browser.conftest import AppPage

APP = """
import tidal as st
st.session_state.setdefault("clicks", 0)
show = st.checkbox("Show age", key="show")
if show:
    st.number_input("Age", 0, 120, 30, key="age")
if st.button("Add"):
    st.session_state.clicks += 1
st.write(f"clicks={st.session_state.clicks}")
"""


def panel(app: AppPage) -> Locator:
    return app.page.locator("#inspector")


def run_item(app: AppPage, number: int) -> Locator:
    return panel(app).locator(f'li[data-run="{number}"]')


def open_from_menu(app: AppPage) -> None:
    app.page.get_by_role("button", name="Main menu").click()
    app.page.get_by_role("menuitem", name=re.compile("State inspector")).click()
    expect(panel(app)).to_be_visible()
    expect(run_item(app, 1)).to_contain_text("page load")


def set_age(app: AppPage, age: int) -> None:
    box = app.page.get_by_label("Age", exact=True)
    box.fill(str(age))
    box.press("Enter")
    app.idle()


def toggle_show(app: AppPage) -> None:
    app.page.get_by_role("checkbox", name="Show age").click()
    app.idle()


def no_errors(app: AppPage) -> None:
    expect(app.page.locator(".exception")).to_have_count(0)
    assert not app.console_errors, app.console_errors


def test_open_the_panel_click_and_see_the_run_with_trigger_and_diff(open_app):
    app = open_app(APP)
    runs_before = app.page.evaluate("() => window.__tidal.runs")
    app.page.evaluate("() => { window.__shown = document.querySelector('#root-0').innerHTML; }")
    open_from_menu(app)
    assert app.page.evaluate("() => window.__tidal.runs") == runs_before  # no rerun
    unchanged = "() => document.querySelector('#root-0').innerHTML === window.__shown"
    assert app.page.evaluate(unchanged)  # the app's DOM is as it was
    keys = panel(app).locator(".insp-keys")
    expect(keys.locator('tr[data-key="clicks"]')).to_contain_text("0")
    expect(keys.locator('tr[data-key="show"]')).to_contain_text("widget")
    app.click("Add")
    run = run_item(app, 2)
    expect(run).to_contain_text("click of `Add`")
    expect(run.locator(".insp-chg")).to_have_text(re.compile(r"~\s*clicks\s*0\s*→\s*1"))
    expect(keys.locator('tr[data-key="clicks"]')).to_contain_text("1")
    no_errors(app)


def test_a_widget_cleaned_up_after_a_conditional_is_explained(open_app):
    app = open_app(APP)
    app.page.keyboard.press("i")  # the shortcut opens it too
    expect(run_item(app, 1)).to_be_visible()
    toggle_show(app)
    set_age(app, 41)
    toggle_show(app)
    run = run_item(app, 4)
    expect(run).to_contain_text("change of `show` (checkbox): True -> False")
    expect(run.locator(".insp-del")).to_contain_text("age")
    expect(run.locator(".insp-why")).to_have_text(
        "`age` was removed because the widget with key `age` was not drawn in run 4."
    )
    no_errors(app)


def test_rewind_two_runs_shows_the_old_values_in_the_app_and_its_widgets(open_app):
    app = open_app(APP)
    toggle_show(app)  # run 2
    set_age(app, 40)  # run 3
    app.click("Add")  # run 4: clicks=1, age 40
    set_age(app, 50)  # run 5
    app.click("Add")  # run 6: clicks=2, age 50
    app.page.keyboard.press("i")
    expect(run_item(app, 6)).to_be_visible()
    run_item(app, 4).get_by_role("button", name="Rewind here").click()
    app.idle()
    app.expect_text("clicks=1")
    expect(app.page.get_by_label("Age", exact=True)).to_have_value("40")
    expect(app.page.get_by_role("checkbox", name="Show age")).to_be_checked()
    expect(run_item(app, 7)).to_contain_text("rewind to the state after run 4")
    expect(run_item(app, 7).locator(".insp-chg")).to_have_count(2)  # clicks and age went back
    no_errors(app)


def test_export_and_import_a_session_document_in_another_tab(open_app, new_tab, tmp_path):
    app = open_app(APP)
    toggle_show(app)
    set_age(app, 64)
    app.click("Add")
    app.page.keyboard.press("i")
    expect(run_item(app, 4)).to_be_visible()
    with app.page.expect_download() as download:
        panel(app).get_by_role("button", name="Export").click()
    saved = Path(tmp_path) / "session.json"
    download.value.save_as(saved)
    doc: dict[str, Any] = json.loads(saved.read_text())
    assert doc["user"] == {"clicks": 1}
    assert doc["widgets"]["age"] == 64
    other = new_tab(app.server.url)  # type: ignore[attr-defined]
    other.expect_text("clicks=0")
    other.page.keyboard.press("i")
    expect(run_item(other, 1)).to_be_visible()
    panel(other).locator("input[type=file]").set_input_files(str(saved))
    other.idle()
    other.expect_text("clicks=1")
    expect(other.page.get_by_label("Age", exact=True)).to_have_value("64")
    expect(panel(other).locator("li.insp-run").first).to_contain_text("load of a session document")
    no_errors(app)
    no_errors(other)


def test_the_panel_shows_only_this_tabs_session(open_app, new_tab):
    app = open_app(APP)
    app.click("Add")
    app.click("Add")
    other = new_tab(app.server.url)  # type: ignore[attr-defined]
    other.page.keyboard.press("i")
    expect(run_item(other, 1)).to_be_visible()
    expect(panel(other).locator('tr[data-key="clicks"]')).to_contain_text("0")
    expect(run_item(other, 2)).to_have_count(0)  # the other tab's clicks are not here


def test_the_inspector_is_off_when_the_server_listens_beyond_localhost(open_app):
    app = open_app(APP, server__address="0.0.0.0")
    app.page.get_by_role("button", name="Main menu").click()
    expect(app.page.get_by_role("menuitem", name=re.compile("Settings"))).to_be_visible()
    expect(app.page.get_by_role("menuitem", name=re.compile("State inspector"))).to_have_count(0)
    app.page.keyboard.press("Escape")
    app.page.keyboard.press("i")
    app.click("Add")
    expect(panel(app)).to_have_count(0)
    no_errors(app)
