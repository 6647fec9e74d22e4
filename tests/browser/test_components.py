"""Custom components in Chromium: the component protocol, values as widget state, isolation."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import AppPage
from tests.fixtures.server import LiveServer
from tidal.config import load_config

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "components"
ECHO, SILENT = FIXTURES / "echo", FIXTURES / "silent"

APP = f"""
import tidal as st
import tidal.components.v1 as components
echo = components.declare_component("echo", path={str(ECHO)!r})
st.session_state.setdefault("calls", 0)
def changed():
    st.session_state.calls += 1
value = echo(greeting="hi", count=st.session_state.calls, blob=b"\\x01\\x02\\xfa",
             default="nothing yet", key="c", on_change=changed)
st.text(f"value={{value!r}} calls={{st.session_state.calls}}")
"""


def frame(app):
    return app.page.frame_locator("iframe.component-frame").first


def rendered(app, pattern: str) -> None:
    expect(frame(app).locator("#out")).to_contain_text(re.compile(pattern))


def test_the_component_renders_with_its_args_bytes_and_theme(open_app):
    app = open_app(APP)
    rendered(app, r'"greeting":"hi","count":0,"bytes":"1,2,250","disabled":false')
    rendered(app, r'"base":"(light|dark)","hasColor":true')
    # setFrameHeight sized the iframe
    expect(app.page.locator("iframe.component-frame")).to_have_css("height", "120px")
    app.expect_text("value='nothing yet' calls=0")
    assert not app.console_errors


def test_a_value_set_by_the_component_reruns_the_app_with_its_callback(open_app):
    app = open_app(APP)
    rendered(app, r'"count":0')
    frame(app).locator("#json").click()
    app.idle()
    app.expect_text("value={'clicked': 1} calls=1")
    rendered(app, r'"count":1')  # the new args reached the component
    frame(app).locator("#bytes").click()
    app.idle()
    app.expect_text("value=b'\\x01\\x02\\xfa' calls=2")


def test_the_frame_height_follows_the_component(open_app):
    app = open_app(APP)
    rendered(app, r'"count":0')
    frame(app).locator("#tall").click()
    expect(app.page.locator("iframe.component-frame")).to_have_css("height", "300px")


def test_the_component_cannot_reach_the_page_or_its_storage(open_app):
    app = open_app(APP)
    rendered(app, r'"count":0')
    frame(app).locator("#escape").click()
    app.idle()
    app.expect_text("value={'parent': 'blocked', 'storage': 'blocked'}")


def test_the_value_survives_a_refresh(open_app):
    app = open_app(APP)
    rendered(app, r'"count":0')
    frame(app).locator("#json").click()
    app.idle()
    app.expect_text("value={'clicked': 1} calls=1")
    app.page.reload()
    app.idle()
    app.expect_text("value={'clicked': 1} calls=1")
    rendered(app, r'"count":1')


def test_the_value_survives_a_server_restart_with_the_sqlite_store(open_app, tmp_path):
    app = open_app(APP, session__store=f"sqlite:///{tmp_path / 's.db'}")
    rendered(app, r'"count":0')
    frame(app).locator("#json").click()
    app.idle()
    app.expect_text("value={'clicked': 1} calls=1")
    app.server.restart()
    app.page.reload()
    app.idle()
    app.expect_text("value={'clicked': 1} calls=1")


def test_a_component_that_never_says_ready_does_not_block_the_page(open_app):
    app = open_app(f"""
        import tidal as st
        import tidal.components.v1 as components
        silent = components.declare_component("silent", path={str(SILENT)!r})
        silent(default=0)
        if st.button("Go"):
            st.text("went")
    """)
    app.click("Go")
    app.expect_text("went")


def test_html_runs_its_script_inside_the_sandbox_only(open_app):
    app = open_app("""
        import tidal as st
        st.components.v1.html(
            "<p id='x'>static</p><script>"
            "document.getElementById('x').textContent = 'from script';"
            "try { parent.document.body.dataset.hacked = '1' } catch (e) {}"
            "</script>",
            height=60,
        )
    """)
    inner = app.page.frame_locator("iframe.component-frame").first
    expect(inner.locator("#x")).to_have_text("from script")
    assert app.page.evaluate("document.body.dataset.hacked") is None
    expect(app.page.locator("iframe.component-frame")).to_have_css("height", "60px")


def test_the_demo_components_page_rates_with_its_own_component(browser, tmp_path):
    demo = Path(__file__).resolve().parents[2] / "src" / "tidal" / "hello" / "app.py"
    config = load_config(project_dirs=[tmp_path], cli={}, env={}, home=tmp_path)
    server = LiveServer(demo, config).start()
    context = browser.new_context()
    try:
        app = AppPage(context.new_page(), server.url).open("/components")
        stars = app.page.frame_locator("iframe.component-frame").first
        stars.get_by_role("button", name="3 stars").click()
        app.idle()
        app.expect_text("You gave 3 stars.")
    finally:
        context.close()
        server.stop()


def test_a_dataframe_set_by_the_component_reaches_the_app_as_a_dataframe(open_app):
    app = open_app(f"""
        import pandas as pd
        import pyarrow as pa
        import tidal as st
        import tidal.components.v1 as components
        echo = components.declare_component("echo", path={str(ECHO)!r})
        table = pa.Table.from_pandas(pd.DataFrame({{"n": [4, 5, 6]}}))
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        value = echo(arrow=sink.getvalue().to_pybytes(), frame=pd.DataFrame({{"x": [1]}}))
        if value is not None:
            st.text(f"{{type(value).__name__}} {{value['n'].tolist()}}")
    """)
    rendered(app, r'"dfs":\["frame"\]')  # the DataFrame argument arrived as an Arrow table
    frame(app).locator("#frame").click()
    app.idle()
    app.expect_text("DataFrame [4, 5, 6]")
