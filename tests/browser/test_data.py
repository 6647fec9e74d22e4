"""Data elements in Chromium: st.dataframe (rows on demand, sort, search, select, copy),
st.data_editor (edit, add, delete), column_config formats, st.table, st.metric, dark theme.

Apps write what they got (``st.write(f"name={value!r}")``); the tests act as a person would
and read the page.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

from tests.browser.conftest import AppPage

BIG = """
import numpy as np
import pandas as pd
import tidal as st

@st.cache_data
def frame():
    # row i holds 5i, 5i+1, ... so any row can be checked from its index
    return pd.DataFrame(
        np.arange(5_000_000, dtype=float).reshape(1_000_000, 5), columns=list("abcde")
    )

st.dataframe(frame(), key="big")
st.button("Elsewhere")
"""

SMALL = """
import pandas as pd
import tidal as st
df = pd.DataFrame({"name": ["Ada", "Alan", "Grace"], "age": [36, 41, 85]})
"""


def got(app: AppPage, name: str) -> Locator:
    return app.page.locator(".markdown").filter(has_text=re.compile(rf"^{re.escape(name)}="))


def expect_got(app: AppPage, name: str, value: str) -> None:
    expect(got(app, name)).to_have_text(f"{name}={value}")


def grid(app: AppPage, n: int = 0) -> Locator:
    return app.page.locator(".grid").nth(n)


def body_rows(g: Locator) -> Locator:
    return g.locator(".grid-body .grid-row:not([hidden])")


def row_cells(g: Locator, r: int) -> list[str]:
    """Texts of the cells of view row ``r`` (index first)."""
    row = g.locator(f'.grid-body .grid-row[data-r="{r}"]:not([hidden])')
    return [t.strip() for t in row.locator(".c:not(.marker)").all_inner_texts()]


def first_visible_row(g: Locator) -> int:
    rows = g.locator(".grid-body .grid-row:not([hidden]):not(.pending)")
    return min(int(r) for r in rows.evaluate_all("els => els.map(e => e.dataset.r)"))


MIDDLE_SHOWN = """() => {
    const rows = [...document.querySelectorAll('.grid-body .grid-row:not([hidden])')];
    return rows.length > 0 && rows.every(r => !r.classList.contains('pending') && Number(r.dataset.r) > 400000);
}"""


def done(app: AppPage) -> None:
    expect(app.page.locator(".exception")).to_have_count(0)
    assert not app.console_errors, app.console_errors


def test_a_dataframe_shows_its_headers_index_and_cells(open_app):
    app = open_app(SMALL + "st.dataframe(df)")
    g = grid(app)
    expect(g.locator(".grid-head .hc .label")).to_have_text(["", "name", "age"])
    expect(body_rows(g)).to_have_count(3)
    assert row_cells(g, 1) == ["1", "Alan", "41"]
    expect(g.locator(".grid-count")).to_have_text("3 rows")
    done(app)


def test_a_million_row_frame_shows_its_first_rows_then_the_middle_after_a_scroll(open_app):
    app = open_app(BIG)
    g = grid(app)
    expect(g.locator(".grid-count")).to_have_text("1,000,000 rows")
    assert row_cells(g, 0) == ["0", "0", "1", "2", "3", "4"]
    scroller = g.locator(".grid-scroll")
    scroller.evaluate("s => { s.scrollTop = (s.scrollHeight - s.clientHeight) / 2; }")
    app.page.wait_for_function(MIDDLE_SHOWN)
    first = first_visible_row(g)
    assert 499_000 < first < 501_000
    cells = row_cells(g, first)
    assert cells[0] == str(first)
    assert cells[1:] == [str(5 * first + k) for k in range(5)]
    done(app)


def test_sorting_by_a_header_sorts_the_whole_frame_on_the_server(open_app):
    app = open_app(BIG)
    g = grid(app)
    header = g.locator(".grid-head .hc").filter(has_text="c")
    header.click()  # ascending: unchanged
    expect(header).to_have_attribute("aria-sort", "ascending")
    header.click()  # descending: the last row of the frame comes first
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(g.locator('.grid-body .grid-row[data-r="0"] .c').first).to_have_text("999999")
    assert row_cells(g, 0)[1:] == [str(5 * 999_999 + k) for k in range(5)]
    done(app)


def test_a_click_elsewhere_sends_no_table_bytes(open_app):
    app = open_app(BIG)
    sizes: list[int] = []
    cdp = app.page.context.new_cdp_session(app.page)
    cdp.send("Network.enable")
    cdp.on(
        "Network.webSocketFrameReceived", lambda e: sizes.append(len(e["response"]["payloadData"]))
    )
    app.click("Elsewhere")
    assert sizes, "the click's run sent nothing at all"
    assert max(sizes) < 1000, sizes
    done(app)


def test_the_search_box_filters_the_whole_frame(open_app):
    app = open_app(
        SMALL
        + "st.dataframe(pd.DataFrame({'n': range(5000), 'w': [f'w{i}' for i in range(5000)]}))"
    )
    g = grid(app)
    g.get_by_role("button", name="Search").click()
    g.get_by_label("Search the table").fill("w4999")
    expect(g.locator(".grid-count")).to_have_text("1 row found")
    assert row_cells(g, 0) == ["4999", "4999", "w4999"]
    done(app)


def test_selecting_rows_puts_them_in_session_state(open_app):
    app = open_app(
        SMALL
        + """
ev = st.dataframe(df, key="t", on_select="rerun", selection_mode="multi-row")
st.write(f"rows={ev.selection.rows!r}")
st.write(f"state={st.session_state.t['selection']['rows']!r}")
"""
    )
    g = grid(app)
    g.locator('.grid-body .grid-row[data-r="2"] .marker').click()
    app.idle()
    expect_got(app, "rows", "[2]")
    g.locator('.grid-body .grid-row[data-r="0"] .marker').click()
    app.idle()
    expect_got(app, "rows", "[2, 0]")
    expect_got(app, "state", "[2, 0]")
    done(app)


def test_copying_a_range_gives_tab_separated_text(open_app):
    app = open_app(SMALL + "st.dataframe(df)")
    g = grid(app)
    g.locator('.grid-body .grid-row[data-r="0"] [data-c="1"]').click()
    g.locator('.grid-body .grid-row[data-r="1"] [data-c="2"]').click(modifiers=["Shift"])
    copied = app.page.evaluate("""() => {
        const dt = new DataTransfer();
        const ev = new ClipboardEvent('copy', {clipboardData: dt, bubbles: true, cancelable: true});
        document.querySelector('.grid').dispatchEvent(ev);
        return dt.getData('text/plain');
    }""")
    assert copied == "Ada\t36\nAlan\t41"
    done(app)


EDITOR = (
    SMALL
    + """
edited = st.data_editor(df, key="ed", num_rows="dynamic", hide_index=False)
st.write(f"state={st.session_state.ed!r}")
st.write(f"ages={edited['age'].tolist()!r}")
"""
)


def test_editing_a_cell_records_the_edit_in_session_state(open_app):
    app = open_app(EDITOR)
    g = grid(app)
    g.locator('.grid-body .grid-row[data-r="1"] [data-c="2"]').dblclick()
    editor = g.locator(".grid-editor")
    editor.fill("42")
    editor.press("Enter")
    app.idle()
    expect_got(
        app, "state", "{'edited_rows': {1: {'age': 42}}, 'added_rows': [], 'deleted_rows': []}"
    )
    expect_got(app, "ages", "[36, 42, 85]")
    done(app)


def test_a_wrong_type_edit_is_refused_and_not_stored(open_app):
    app = open_app(EDITOR)
    g = grid(app)
    g.locator('.grid-body .grid-row[data-r="0"] [data-c="2"]').dblclick()
    g.locator(".grid-editor").fill("old")
    g.locator(".grid-editor").press("Enter")
    expect(g.locator(".grid-note")).to_contain_text("not a whole number")
    app.idle()
    expect_got(app, "state", "{'edited_rows': {}, 'added_rows': [], 'deleted_rows': []}")
    done(app)


def test_adding_and_deleting_rows_gives_streamlits_state(open_app):
    app = open_app(EDITOR)
    g = grid(app)
    g.get_by_role("button", name="+ Add row").click()
    app.idle()
    expect(body_rows(g)).to_have_count(4)
    g.locator('.grid-body .grid-row[data-r="3"] [data-c="1"]').dblclick()
    g.locator(".grid-editor").fill("Linus")
    g.locator(".grid-editor").press("Enter")
    app.idle()
    g.locator('.grid-body .grid-row[data-r="3"] [data-c="2"]').dblclick()
    g.locator(".grid-editor").fill("55")
    g.locator(".grid-editor").press("Enter")
    app.idle()
    expect_got(
        app,
        "state",
        "{'edited_rows': {}, 'added_rows': [{'name': 'Linus', 'age': 55}], 'deleted_rows': []}",
    )
    g.locator('.grid-body .grid-row[data-r="0"] .marker').click()
    g.get_by_role("button", name="Delete rows").click()
    app.idle()
    expect_got(
        app,
        "state",
        "{'edited_rows': {}, 'added_rows': [{'name': 'Linus', 'age': 55}], 'deleted_rows': [0]}",
    )
    expect_got(app, "ages", "[41, 85, 55]")
    expect(body_rows(g)).to_have_count(3)
    done(app)


def test_column_config_formats_the_cells(open_app):
    app = open_app(
        """
import tidal as st
st.dataframe(
    {"price": [1234.5], "share": [0.25], "n": [3.14159], "big": [1_500_000], "url": ["https://tidal.dev/x"]},
    column_config={
        "price": st.column_config.NumberColumn("Price", format="dollar"),
        "share": st.column_config.NumberColumn(format="percent"),
        "n": st.column_config.NumberColumn(format="%.2f"),
        "big": st.column_config.NumberColumn(format="compact"),
        "url": st.column_config.LinkColumn("Site", display_text="Open"),
    },
)
"""
    )
    g = grid(app)
    expect(g.locator(".grid-head .hc .label")).to_have_text(["Price", "share", "n", "big", "Site"])
    assert row_cells(g, 0) == ["$1,234.50", "25.00%", "3.14", "1.5M", "Open"]
    expect(g.get_by_role("link", name="Open")).to_have_attribute("href", "https://tidal.dev/x")
    done(app)


def test_a_table_shows_every_row_with_the_stylers_colours(open_app):
    app = open_app(
        SMALL + "st.table(df.style.map(lambda v: 'color: red' if v == 41 else '', subset=['age']))"
    )
    table = app.page.locator(".st-table")
    expect(table.locator("tbody tr")).to_have_count(3)
    cell = table.locator("td").filter(has_text="41")
    expect(cell).to_have_css("color", "rgb(255, 0, 0)")
    done(app)


def test_a_metric_shows_its_delta_with_arrow_and_colour(open_app):
    app = open_app(
        """
import tidal as st
st.metric("Temp", "70 °F", "-1.2 °F", chart_data=[3, 1, 2], border=True)
st.metric("Cost", 10, -3, delta_color="inverse")
"""
    )
    metrics = app.page.locator(".el-metric")
    expect(metrics.nth(0).locator(".metric-value")).to_have_text("70 °F")
    expect(metrics.nth(0).locator(".metric-delta")).to_have_text("↓-1.2 °F")
    expect(metrics.nth(0).locator(".metric-delta")).to_have_class(re.compile("c-red"))
    expect(metrics.nth(0).locator("svg.metric-chart polyline")).to_have_count(1)
    expect(metrics.nth(1).locator(".metric-delta")).to_have_class(re.compile("c-green"))
    done(app)


def test_the_grid_follows_the_dark_theme(open_app):
    app = open_app(SMALL + "st.dataframe(df)")
    app.page.emulate_media(color_scheme="dark")
    app.page.reload()
    app.idle()
    cell = grid(app).locator('.grid-body .grid-row[data-r="0"] [data-c="1"]')
    expect(cell).to_have_text("Ada")
    bg = cell.evaluate("e => getComputedStyle(e).backgroundColor")
    rgb = [int(x) for x in re.findall(r"\d+", bg)[:3]]
    assert sum(rgb) < 150, bg  # a dark background
    done(app)


def test_dragging_a_header_edge_resizes_the_column(open_app):
    app = open_app(SMALL + "st.dataframe(df)")
    g = grid(app)
    header = g.locator(".grid-head .hc").filter(has_text="name")
    before = header.bounding_box()
    handle = header.locator(".resize").bounding_box()
    assert before and handle
    x, y = handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2
    app.page.mouse.move(x, y)
    app.page.mouse.down()
    app.page.mouse.move(x + 80, y, steps=5)
    app.page.mouse.up()
    after = header.bounding_box()
    assert after and abs(after["width"] - before["width"] - 80) < 3
    cell = g.locator('.grid-body .grid-row[data-r="0"] [data-c="1"]').bounding_box()
    assert cell and abs(cell["width"] - after["width"]) < 1
    done(app)


def test_the_index_stays_pinned_when_scrolling_sideways(open_app):
    app = open_app(
        "import tidal as st\n"
        "st.dataframe({f'column {i}': [i] * 3 for i in range(30)}, hide_index=False)"
    )
    g = grid(app)
    index = g.locator('.grid-body .grid-row[data-r="2"] [data-c="0"]')
    x0 = index.bounding_box()["x"]
    g.locator(".grid-scroll").evaluate("s => { s.scrollLeft = 600; }")
    app.page.wait_for_timeout(100)
    assert abs(index.bounding_box()["x"] - x0) < 1
    assert g.locator('.grid-body .grid-row[data-r="2"] [data-c="1"]').bounding_box()["x"] < x0
    done(app)


def test_ticking_a_checkbox_cell_in_the_editor_edits_it(open_app):
    app = open_app(
        "import tidal as st\n"
        "st.data_editor([{'task': 'a', 'done': False}], key='e')\n"
        "st.write(f'state={st.session_state.e!r}')"
    )
    g = grid(app)
    g.locator('.grid-body .grid-row[data-r="0"] [data-c="1"] .cb').click()
    app.idle()
    expect_got(
        app, "state", "{'edited_rows': {0: {'done': True}}, 'added_rows': [], 'deleted_rows': []}"
    )
    done(app)


def test_selecting_cells_and_columns(open_app):
    app = open_app(
        SMALL
        + """
ev = st.dataframe(df, key="t", on_select="rerun", selection_mode=["multi-cell", "single-column"])
st.write(f"cells={ev.selection.cells!r}")
st.write(f"columns={ev.selection.columns!r}")
"""
    )
    g = grid(app)
    g.locator('.grid-body .grid-row[data-r="1"] [data-c="2"]').click()
    app.idle()
    expect_got(app, "cells", "[(1, 'age')]")
    g.locator(".grid-head .hc").filter(has_text="name").click()
    app.idle()
    expect_got(app, "columns", "['name']")
    expect(g.locator(".grid-head .hc.selected")).to_have_count(1)
    done(app)


def test_a_selection_survives_sorting(open_app):
    app = open_app(
        SMALL
        + """
ev = st.dataframe(df, key="t", on_select="rerun")
st.write(f"rows={ev.selection.rows!r}")
"""
    )
    g = grid(app)
    header = g.locator(".grid-head .hc").filter(has_text="age")
    header.click()
    header.click()  # descending: Grace (row 2) first
    expect(g.locator('.grid-body .grid-row[data-r="0"] .c.ix')).to_have_text("2")
    g.locator('.grid-body .grid-row[data-r="0"] .marker').click()
    app.idle()
    expect_got(app, "rows", "[2]")  # positions in the data, not in the sorted view
    done(app)


def test_a_styled_frame_shows_the_stylers_text_and_colours_in_the_grid(open_app):
    app = open_app(
        SMALL
        + "st.dataframe(df.style.format({'age': '{} y'})"
        + ".map(lambda v: 'background-color: yellow' if v == 85 else '', subset=['age']))"
    )
    g = grid(app)
    assert row_cells(g, 2) == ["2", "Grace", "85 y"]
    cell = g.locator('.grid-body .grid-row[data-r="2"] [data-c="2"]')
    expect(cell).to_have_css("background-color", "rgb(255, 255, 0)")
    done(app)


def test_editing_a_row_far_down_a_big_editor(open_app):
    app = open_app(
        "import tidal as st\n"
        "st.data_editor({'n': list(range(5000))}, key='e')\n"
        "st.write(f'state={st.session_state.e!r}')"
    )
    g = grid(app)
    scroller = g.locator(".grid-scroll")
    scroller.evaluate("s => { s.scrollTop = 4000 * 35; }")
    row = g.locator('.grid-body .grid-row[data-r="4001"]:not(.pending)')
    expect(row.locator('[data-c="0"]')).to_have_text("4001")
    row.locator('[data-c="0"]').dblclick()
    g.locator(".grid-editor").fill("-1")
    g.locator(".grid-editor").press("Enter")
    app.idle()
    expect_got(
        app, "state", "{'edited_rows': {4001: {'n': -1}}, 'added_rows': [], 'deleted_rows': []}"
    )
    expect(row.locator('[data-c="0"]')).to_have_text("-1")
    done(app)


def test_a_link_column_never_links_to_javascript(open_app):
    app = open_app(
        "import tidal as st\n"
        "st.dataframe({'u': ['javascript:alert(1)', 'https://tidal.dev']},"
        " column_config={'u': st.column_config.LinkColumn()})"
    )
    g = grid(app)
    expect(g.locator(".grid-body a")).to_have_count(1)
    expect(g.locator(".grid-body a")).to_have_attribute("href", "https://tidal.dev")
    assert row_cells(g, 0) == ["javascript:alert(1)"]
    done(app)


def test_missing_values_show_none_or_the_placeholder(open_app):
    app = open_app(
        "import tidal as st\n"
        "st.dataframe({'a': [1.5, None], 'b': ['x', None]})\n"
        "st.dataframe({'a': [1.5, None]}, placeholder='-')"
    )
    assert row_cells(grid(app, 0), 1) == ["None", "None"]
    assert row_cells(grid(app, 1), 1) == ["-"]
    done(app)
