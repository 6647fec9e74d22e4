"""The index cell of a row added to st.data_editor in Chromium: a person types its label and
session state holds it as ``_index``; the index of the data's own rows stays read-only."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import AppPage

APP = """
import pandas as pd
import tidal as st
df = pd.DataFrame({"v": [1, 2]}, index=pd.Index(["a", "b"], name="id"))
out = st.data_editor(df, key="ed", num_rows="dynamic")
st.markdown(f"state={st.session_state.ed} index={list(out.index)}")
"""


def _type_into(app: AppPage, cell_selector: str, text: str) -> None:
    grid = app.page.locator(".grid")
    grid.locator(cell_selector).dblclick()
    grid.locator(".grid-editor").fill(text)
    grid.locator(".grid-editor").press("Enter")
    app.idle()


def test_a_person_types_the_index_of_an_added_row(open_app):
    app: AppPage = open_app(APP)
    grid = app.page.locator(".grid")
    own_index = grid.locator('.grid-body .grid-row[data-r="0"] [data-c="0"]')
    expect(own_index).to_have_class(re.compile(r"\bro\b"))
    own_index.dblclick()
    expect(grid.locator(".grid-editor")).to_have_count(0)  # the data's own index: read-only
    grid.get_by_role("button", name="+ Add row").click()
    app.idle()
    new_index = grid.locator('.grid-body .grid-row[data-r="2"] [data-c="0"]')
    expect(new_index).not_to_have_class(re.compile(r"\bro\b"))
    _type_into(app, '.grid-body .grid-row[data-r="2"] [data-c="1"]', "3")
    _type_into(app, '.grid-body .grid-row[data-r="2"] [data-c="0"]', "c")
    app.expect_text(
        "state={'edited_rows': {}, 'added_rows': [{'_index': 'c', 'v': 3}], "
        "'deleted_rows': []} index=['a', 'b', 'c']"
    )
    expect(new_index).to_have_text("c")
    assert not app.console_errors
