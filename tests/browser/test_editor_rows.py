"""st.data_editor's rows and keys in Chromium, as Streamlit's: an editor that adds rows does not
sort by a header click (added rows go last), one that only deletes rows does; Delete empties
the focused editable cells when no rows are selected, and deletes selected rows otherwise."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, expect

from tests.browser.conftest import AppPage

APP = """
import tidal as st
rows = [{{"name": "Cy", "age": 41}}, {{"name": "Ada", "age": 36}}]
st.data_editor(rows, key="ed", num_rows={num_rows!r},
               column_config={{"name": st.column_config.TextColumn(required=True)}})
st.text(f"state={{st.session_state.ed}}")
"""


def cell(app: AppPage, r: int, c: int) -> Locator:
    return app.page.locator(f'.grid .grid-body .grid-row[data-r="{r}"] [data-c="{c}"]')


@pytest.mark.parametrize(("num_rows", "sorts"), [("dynamic", False), ("add", False),
                                                 ("delete", True), ("fixed", True)])  # fmt: skip
def test_a_header_click_sorts_only_when_rows_cannot_be_added(open_app, num_rows, sorts):
    app: AppPage = open_app(APP.format(num_rows=num_rows))
    app.page.locator(".grid .grid-head .hc", has_text="name").click()
    app.idle()
    expect(cell(app, 0, 0)).to_have_text("Ada" if sorts else "Cy")
    assert not app.console_errors


def test_delete_empties_the_focused_cell(open_app):
    app: AppPage = open_app(APP.format(num_rows="dynamic"))
    cell(app, 0, 1).click()
    app.page.locator(".grid").first.press("Delete")
    app.idle()
    app.expect_text(
        "state={'edited_rows': {0: {'age': None}}, 'added_rows': [], 'deleted_rows': []}"
    )
    assert not app.console_errors


def test_delete_does_not_empty_a_required_cell(open_app):
    app: AppPage = open_app(APP.format(num_rows="dynamic"))
    cell(app, 0, 0).click()
    app.page.locator(".grid").first.press("Delete")
    expect(app.page.locator(".grid-note")).to_contain_text("required")
    app.idle()
    expect(cell(app, 0, 0)).to_have_text("Cy")
    app.expect_text("state={'edited_rows': {}, 'added_rows': [], 'deleted_rows': []}")
    assert not app.console_errors


def test_delete_with_selected_rows_deletes_them(open_app):
    app: AppPage = open_app(APP.format(num_rows="delete"))
    app.page.locator('.grid .grid-body .grid-row[data-r="1"] .marker').click()
    app.page.locator(".grid").first.press("Delete")
    app.idle()
    app.expect_text("state={'edited_rows': {}, 'added_rows': [], 'deleted_rows': [1]}")
    expect(app.page.get_by_role("button", name="+ Add row")).to_be_hidden()
    assert not app.console_errors


OPTIONS = """
import pandas as pd
import tidal as st
df = pd.DataFrame({"a": [1.5, None], "b": ["x", "y"], "c": [True, False]}, index=["r1", "r2"])
st.data_editor(df, key="ed", hide_index=True, column_order=["c", "a"], row_height=50,
               placeholder="n/a", disabled=["c"])
st.text(f"state={st.session_state.ed}")
"""


def test_the_editor_lays_out_its_columns_rows_and_placeholder_as_configured(open_app):
    app: AppPage = open_app(OPTIONS)
    heads = app.page.locator(".grid .grid-head .hc .label")
    expect(heads).to_have_text(["c", "a"])  # column_order, and no index column
    expect(app.page.locator(".grid .grid-body .c.ix")).to_have_count(0)
    expect(cell(app, 1, 1)).to_have_text("n/a")
    box = app.page.locator('.grid .grid-body .grid-row[data-r="0"]').bounding_box()
    assert box is not None and round(box["height"]) == 50
    expect(cell(app, 0, 0)).to_have_class(re.compile(r"\bro\b"))  # disabled=["c"]
    expect(cell(app, 0, 1)).not_to_have_class(re.compile(r"\bro\b"))
    cell(app, 0, 0).locator(".cb").click()
    app.idle()
    app.expect_text("state={'edited_rows': {}, 'added_rows': [], 'deleted_rows': []}")
    assert not app.console_errors


def test_a_disabled_editor_offers_no_row_buttons_or_markers(open_app):
    app: AppPage = open_app(
        "import tidal as st\n"
        "st.data_editor({'a': [1, 2]}, key='ed', num_rows='dynamic', disabled=True)"
    )
    expect(app.page.locator(".grid .grid-head .hc")).to_have_count(1)  # the column, no index
    expect(app.page.get_by_role("button", name="+ Add row")).to_be_hidden()
    expect(app.page.get_by_role("button", name="Delete rows")).to_be_hidden()
    expect(app.page.locator(".grid .marker")).to_have_count(0)
    assert not app.console_errors
