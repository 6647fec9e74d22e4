"""ButtonColumn clicks in Chromium: a person clicks a button cell of st.dataframe or
st.data_editor and sees what the column's on_click did."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import AppPage

APP = """
import tidal as st
st.session_state.setdefault("done", [])

def act():
    click = st.session_state.act
    st.session_state.done.append(f"{click['label']} row {click['row']}")

st.dataframe(
    {"task": ["Write", "Test", "Ship"], "act": ["Done", "Done", ["Done", "Undo"]]},
    column_config={"act": st.column_config.ButtonColumn("Action", on_click=act, key="act")},
)
st.markdown(f"done={', '.join(st.session_state.done)}")
"""


def test_clicking_a_button_cell_runs_its_callback_with_the_row(open_app):
    app: AppPage = open_app(APP)
    grid = app.page.locator(".grid")
    buttons = grid.locator(".grid-body .grid-row:not([hidden]) .c.t-button button")
    expect(buttons).to_have_count(3)  # the third cell's two actions are behind one menu
    expect(buttons.nth(0)).to_have_class("btn btn-small btn-secondary")
    buttons.nth(1).click()
    app.idle()
    app.expect_text("done=Done row 1")
    # sorted by task (Ship, Test, Write), the rows keep their positions in the data
    grid.locator(".grid-head .hc", has_text="task").click()
    first_row = grid.locator('.grid-body .grid-row[data-r="0"]')
    expect(first_row).to_contain_text("Ship")
    first_row.get_by_role("button", name="Actions").click()
    app.page.get_by_role("menuitem", name="Undo").click()
    app.idle()
    app.expect_text("done=Done row 1, Undo row 2")
    expect(app.page.get_by_role("menu")).to_have_count(0)
    assert not app.console_errors


def test_a_focused_button_cell_is_pressed_with_the_keyboard(open_app):
    app: AppPage = open_app(APP)
    grid = app.page.locator(".grid")
    grid.locator('.grid-body .grid-row[data-r="0"] [data-c="0"]').click()  # focus: task
    grid.press("ArrowRight")
    grid.press("Enter")
    app.idle()
    app.expect_text("done=Done row 0")
    grid.press("ArrowDown")
    grid.press("ArrowDown")
    grid.press(" ")  # the menu of row 2's actions, its first item focused
    expect(app.page.get_by_role("menuitem", name="Done")).to_be_focused()
    app.page.keyboard.press("ArrowDown")
    expect(app.page.get_by_role("menuitem", name="Undo")).to_be_focused()
    app.page.keyboard.press("Enter")
    app.idle()
    app.expect_text("done=Done row 0, Undo row 2")
    assert not app.console_errors


def test_a_leading_material_icon_is_drawn_as_an_icon(open_app):
    app: AppPage = open_app("""
        import tidal as st
        st.dataframe({"x": [":material/delete: Remove", ":material/edit:"]}, column_config={
            "x": st.column_config.ButtonColumn(key="x", type="tertiary")})
    """)
    cells = app.page.locator(".grid .grid-body .c.t-button")
    expect(cells.nth(0).locator(".btn-icon")).to_have_text("delete")
    expect(cells.nth(0).get_by_role("button")).to_have_accessible_name("Remove")
    expect(cells.nth(1).get_by_role("button", name="edit")).to_have_class(
        "btn btn-small btn-tertiary"
    )


def test_a_button_column_in_a_data_editor_clicks_and_is_not_edited(open_app):
    app: AppPage = open_app("""
        import tidal as st
        st.session_state.setdefault("hits", [])
        st.data_editor(
            {"n": [1, 2], "go": ["Go", "Go"]}, key="ed",
            column_config={"go": st.column_config.ButtonColumn(
                type="primary", key="go",
                on_click=lambda: st.session_state.hits.append(st.session_state.go["row"]))},
        )
        st.markdown(f"hits={st.session_state.hits} edits={st.session_state.ed['edited_rows']}")
    """)
    grid = app.page.locator(".grid")
    cell = grid.locator('.grid-body .grid-row[data-r="1"] .c.t-button')
    cell.get_by_role("button", name="Go").click()
    app.idle()
    app.expect_text("hits=[1] edits={}")
    cell.dblclick()  # a button cell opens no editor
    expect(grid.locator(".grid-editor")).to_have_count(0)
    assert not app.console_errors
