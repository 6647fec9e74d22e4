"""Required cells of rows added to st.data_editor in Chromium: as Streamlit's, an added row
stays in the grid only (marked, out of session state, no rerun) until its required cells are
filled, then appears in ``added_rows`` with its ``default`` cells; rows being filled in survive
reruns, and deleting one leaves session state as it was."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

from tests.browser.conftest import AppPage

APP = """
import pandas as pd
import tidal as st
st.session_state.runs = st.session_state.get("runs", 0) + 1
df = pd.DataFrame({"name": ["Ada"], "age": [36], "team": ["red"]})
out = st.data_editor(df, key="ed", num_rows="dynamic", column_config={
    "name": st.column_config.TextColumn(required=True),
    "team": st.column_config.TextColumn(default="blue"),
})
st.text(f"state={st.session_state.ed} rows={len(out)} runs={st.session_state.runs}")
"""
EMPTY = "state={'edited_rows': {}, 'added_rows': [], 'deleted_rows': []}"


def cell(app: AppPage, r: int, c: int) -> Locator:
    return app.page.locator(f'.grid .grid-body .grid-row[data-r="{r}"] [data-c="{c}"]')


def type_into(app: AppPage, r: int, c: int, text: str) -> None:
    cell(app, r, c).dblclick()
    editor = app.page.locator(".grid .grid-editor")
    editor.fill(text)
    editor.press("Enter")
    app.idle()


def add_row(app: AppPage) -> None:
    app.page.get_by_role("button", name="+ Add row").click()
    app.idle()


def test_an_added_row_reaches_session_state_once_its_required_cell_is_filled(open_app):
    app: AppPage = open_app(APP)
    expect(app.page.locator(".grid .c.ix")).to_have_count(0)  # a dynamic editor's range index
    add_row(app)
    expect(cell(app, 1, 2)).to_have_text("blue")  # the column's default fills the new row
    expect(cell(app, 1, 0)).to_have_class(re.compile(r"\bmissing\b"))
    type_into(app, 1, 1, "30")
    app.expect_text(f"{EMPTY} rows=1 runs=1")  # held back: nothing sent, no rerun
    expect(cell(app, 1, 1)).to_have_text("30")
    type_into(app, 1, 0, "Kay")
    app.expect_text(
        "state={'edited_rows': {}, 'added_rows': [{'name': 'Kay', 'age': 30, 'team': 'blue'}], "
        "'deleted_rows': []} rows=2 runs=2"
    )
    expect(cell(app, 1, 0)).not_to_have_class(re.compile(r"\bmissing\b"))
    assert not app.console_errors


def test_emptying_a_required_cell_takes_the_row_back_out(open_app):
    app: AppPage = open_app(APP)
    add_row(app)
    type_into(app, 1, 0, "Kay")
    app.expect_text("'added_rows': [{'name': 'Kay', 'team': 'blue'}]")
    type_into(app, 1, 0, "")
    app.expect_text(f"{EMPTY} rows=1 runs=3")
    expect(app.page.locator(".grid .grid-body .grid-row:not([hidden])")).to_have_count(2)
    assert not app.console_errors


def test_a_row_being_filled_in_survives_the_rerun_of_another_edit(open_app):
    app: AppPage = open_app(APP)
    add_row(app)
    type_into(app, 0, 1, "37")  # an edit of the data's own row: a rerun
    app.expect_text(
        "state={'edited_rows': {0: {'age': 37}}, 'added_rows': [], 'deleted_rows': []} "
        "rows=1 runs=2"
    )
    expect(cell(app, 1, 2)).to_have_text("blue")  # the incomplete row is still there
    type_into(app, 1, 0, "Kay")
    app.expect_text("'added_rows': [{'name': 'Kay', 'team': 'blue'}]")
    assert not app.console_errors


def test_a_required_cell_of_the_datas_own_rows_cannot_be_emptied(open_app):
    app: AppPage = open_app(APP)
    type_into(app, 0, 0, "")
    expect(app.page.locator(".grid-note")).to_contain_text("required")
    expect(cell(app, 0, 0)).to_have_text("Ada")
    app.expect_text(f"{EMPTY} rows=1 runs=1")
    assert not app.console_errors


def test_deleting_an_incomplete_added_row_with_the_delete_key_changes_nothing(open_app):
    app: AppPage = open_app(APP)
    add_row(app)
    rows = app.page.locator(".grid .grid-body .grid-row:not([hidden])")
    expect(rows).to_have_count(2)
    app.page.locator('.grid .grid-body .grid-row[data-r="1"] .marker').click()
    app.page.locator(".grid").first.press("Delete")
    app.idle()
    expect(rows).to_have_count(1)
    app.expect_text(f"{EMPTY} rows=1 runs=1")
    assert not app.console_errors
