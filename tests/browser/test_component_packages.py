"""Streamlit component packages from PyPI, unchanged, on tidal, in Chromium.

The packages (pinned in tests/components-requirements.txt, installed by `make test` with
--no-deps) `import streamlit`; `tidal run` serves such an app with the drop-in alias, so
they get tidal. Each test drives the package's real front end and checks that its value
reaches the app.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import AppPage
from tests.fixtures.processes import free_port


@pytest.fixture
def open_streamlit_app(
    browser: Browser, tidal_process: Callable[..., object], tmp_path: Path
) -> Iterator[Callable[[str], AppPage]]:
    """``open_streamlit_app(source)``: `tidal run` a drop-in app and open it in a new tab."""
    contexts = []

    def start(source: str) -> AppPage:
        app = tmp_path / "streamlit_app.py"
        app.write_text(textwrap.dedent(source))
        server = tidal_process(app, free_port()).start()
        context = browser.new_context(viewport={"width": 1100, "height": 800})
        contexts.append(context)
        return AppPage(context.new_page(), server.url).open()  # type: ignore[attr-defined]

    yield start
    for c in contexts:
        c.close()


def component(app: AppPage):
    return app.page.frame_locator("iframe.component-frame").first


def test_streamlit_option_menu_reports_the_clicked_item(open_streamlit_app):
    app = open_streamlit_app("""
        import streamlit as st
        from streamlit_option_menu import option_menu
        picked = option_menu("Main", ["Home", "Upload", "Settings"], key="menu")
        st.text(f"picked={picked} state={st.session_state.menu}")
    """)
    app.expect_text("picked=Home")
    menu = component(app)
    expect(menu.get_by_text("Settings")).to_be_visible()
    menu.get_by_text("Settings").click()
    app.idle()
    app.expect_text("picked=Settings state=Settings")
    assert not app.console_errors


def test_streamlit_ace_sends_the_typed_code(open_streamlit_app):
    app = open_streamlit_app("""
        import streamlit as st
        from streamlit_ace import st_ace
        code = st_ace(value="x = 1", language="python", key="editor", auto_update=True)
        st.text(f"code={code!r}")
    """)
    app.expect_text("code='x = 1'")
    editor = component(app).locator(".ace_text-input")
    editor.focus()
    app.page.keyboard.press("End")
    app.page.keyboard.type("23")
    app.idle()
    expect(app.page.locator("body")).to_contain_text("code='x = 123'", timeout=10_000)


def test_streamlit_aggrid_shows_rows_and_returns_a_selection(open_streamlit_app):
    app = open_streamlit_app("""
        import pandas as pd
        import streamlit as st
        from st_aggrid import AgGrid, GridOptionsBuilder
        df = pd.DataFrame({"name": ["ada", "bob", "cy"], "age": [36, 41, 29]})
        options = GridOptionsBuilder.from_dataframe(df)
        options.configure_selection("single")
        grid = AgGrid(df, gridOptions=options.build(), key="grid")
        rows = grid.selected_rows
        st.text("selected=" + ("none" if rows is None or len(rows) == 0 else str(list(rows["name"]))))
    """)
    grid = component(app)
    expect(grid.get_by_text("bob")).to_be_visible(timeout=15_000)
    app.expect_text("selected=none")
    grid.get_by_text("bob").click()
    app.idle()
    expect(app.page.locator("body")).to_contain_text("selected=['bob']", timeout=10_000)


def test_streamlit_echarts_draws_and_returns_a_click_event(open_streamlit_app):
    app = open_streamlit_app("""
        import streamlit as st
        from streamlit_echarts import st_echarts
        options = {
            "animation": False,
            "xAxis": {"type": "category", "data": ["Mon", "Tue", "Wed"]},
            "yAxis": {"type": "value"},
            "series": [{"data": [120, 200, 150], "type": "bar"}],
        }
        events = {"click": "function(params) { return params.name; }"}
        clicked = st_echarts(options=options, events=events, height="300px", key="chart")
        st.text(f"clicked={clicked}")
    """)
    chart = component(app)
    canvas = chart.locator("canvas").first
    expect(canvas).to_be_visible(timeout=15_000)
    box = canvas.bounding_box()
    assert box is not None and box["height"] > 200
    app.expect_text("clicked=None")
    # the middle bar ("Tue", the tallest) sits in the middle of the plot
    canvas.click(position={"x": box["width"] / 2, "y": box["height"] * 0.6})
    app.idle()
    expect(app.page.locator("body")).to_contain_text("clicked=Tue", timeout=10_000)
