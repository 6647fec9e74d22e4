"""Custom components v2 in Chromium: mounted in the page, every call of the component API,
state and triggers as widget state, under tidal's Content-Security-Policy."""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import draw_stroke

HTML = """
<p class="greet"></p>
<button id="inc">+1</button>
<button id="fire">fire</button>
<span id="theme"></span>
<script>document.documentElement.dataset.bidiScript = 'ran';</script>
"""
CSS = ".greet { color: rgb(1, 2, 3); }"
JS = """
export default function ({ name, key, data, parentElement, setStateValue, setTriggerValue }) {
  const root = parentElement;
  const isolated = root instanceof ShadowRoot;
  root.querySelector('.greet').textContent =
    `${name}|${data.greeting}|${data.count}|${key.startsWith('st-bidi-component-')}|${isolated}`;
  root.querySelector('#inc').onclick = () => setStateValue('count', data.count + 1);
  root.querySelector('#fire').onclick = () => {
    setTriggerValue('fired', 'boom');
    setStateValue('note', 'with trigger');
  };
  const host = isolated ? root.host : root;
  root.querySelector('#theme').textContent =
    getComputedStyle(host).getPropertyValue('--st-text-color').trim() ? 'themed' : 'unthemed';
  window.bidiCalls = (window.bidiCalls ?? 0) + 1;
  return () => { window.bidiCleanups = (window.bidiCleanups ?? 0) + 1; };
}
"""

APP = f"""
import tidal as st
HTML, CSS, JS = {HTML!r}, {CSS!r}, {JS!r}
counter = st.components.v2.component("counter", html=HTML, css=CSS, js=JS)
st.session_state.setdefault("log", [])
count = st.session_state.c.count if "c" in st.session_state else 0
if st.checkbox("show", value=True):
    r = counter(
        key="c",
        data={{"greeting": "hi", "count": count}},
        default={{"count": 0}},
        on_count_change=lambda: st.session_state.log.append("count"),
        on_note_change=lambda: st.session_state.log.append("note"),
        on_fired_change=lambda: st.session_state.log.append(f"fired:{{st.session_state.c.fired}}"),
    )
    st.text(f"count={{r.count}} fired={{r.fired}} note={{r.note}} log={{st.session_state.log}}")
st.button("again")
"""


def greet(app):
    return app.page.locator(".bidi-component .greet")


def test_the_module_gets_name_key_data_and_a_shadow_root_with_html_css_and_theme(open_app):
    app = open_app(APP)
    expect(greet(app)).to_have_text("counter|hi|0|true|true")
    expect(greet(app)).to_have_css("color", "rgb(1, 2, 3)")
    expect(app.page.locator(".bidi-component #theme")).to_have_text("themed")
    assert app.page.evaluate("() => document.documentElement.dataset.bidiScript") == "ran"
    # the component's CSS stays in its shadow root
    assert app.page.evaluate("() => document.querySelectorAll('.greet').length") == 0
    app.expect_text("count=0 fired=None note=None log=[]")
    assert not app.console_errors


def test_set_state_value_reruns_with_the_callback_and_new_data_reaches_the_module(open_app):
    app = open_app(APP)
    app.page.locator(".bidi-component #inc").click()
    app.idle()
    app.expect_text("count=1 fired=None note=None log=['count']")
    expect(greet(app)).to_have_text("counter|hi|1|true|true")  # called again with new data
    app.page.locator(".bidi-component #inc").click()
    app.idle()
    app.expect_text("count=2 fired=None note=None log=['count', 'count']")
    # the state survives a refresh (the session's widget state)
    app.page.reload()
    app.idle()
    app.expect_text("count=2")
    expect(greet(app)).to_have_text("counter|hi|2|true|true")


def test_a_trigger_and_a_state_set_together_reach_one_run_and_the_trigger_resets(open_app):
    app = open_app(APP)
    app.page.locator(".bidi-component #fire").click()
    app.idle()
    app.expect_text("count=0 fired=boom note=with trigger log=['note', 'fired:boom']")
    app.click("again")
    app.expect_text("count=0 fired=None note=with trigger log=['note', 'fired:boom']")


def test_unmounting_calls_the_cleanup_function(open_app):
    app = open_app(APP)
    expect(greet(app)).to_have_count(1)
    assert app.page.evaluate("() => window.bidiCleanups ?? 0") == 0
    app.page.get_by_text("show").click()
    app.idle()
    expect(greet(app)).to_have_count(0)
    app.page.wait_for_function("() => window.bidiCleanups === 1")


def test_without_isolate_styles_the_component_is_in_the_page(open_app):
    app = open_app(f"""
        import tidal as st
        plain = st.components.v2.component(
            "plain", html={HTML!r}, css={CSS!r}, js={JS!r}, isolate_styles=False)
        plain(data={{"greeting": "yo", "count": 5}})
    """)
    expect(greet(app)).to_have_text("plain|yo|5|true|false")
    assert app.page.evaluate("() => document.querySelectorAll('.greet').length") == 1
    assert not app.console_errors


def test_a_module_without_a_default_export_shows_an_error_not_a_broken_page(open_app):
    app = open_app("""
        import tidal as st
        broken = st.components.v2.component("broken", js="export const x = 1;\\n")
        broken()
        st.text("after")
    """)
    expect(app.page.locator(".bidi-error")).to_contain_text("default export")
    app.expect_text("after")


# A real components v2 package from PyPI (tests/components-requirements.txt, --no-deps),
# unchanged, through the drop-in alias: its asset_dir comes from its pyproject.toml manifest.
from tests.browser.test_component_packages import open_streamlit_app  # noqa: E402, F401


def test_streamlit_drawable_canvas_draws_and_returns_the_stroke_and_image(open_streamlit_app):  # noqa: F811
    app = open_streamlit_app("""
        import streamlit as st
        from streamlit_drawable_canvas import st_canvas
        result = st_canvas(stroke_width=6, stroke_color="#ff0000", height=200, width=300,
                           drawing_mode="freedraw", return_image_data=True, key="canvas")
        objects = (result.json_data or {}).get("objects", [])
        png = result.image_bytes
        st.text(f"objects={len(objects)} kinds={[o['type'] for o in objects]} "
                f"png={png is not None and png[:4] == bytes([137, 80, 78, 71])}")
    """)
    canvas = app.page.locator(".bidi-component canvas").last
    expect(canvas).to_be_visible(timeout=15_000)
    app.expect_text("objects=0")
    draw_stroke(app, canvas)
    expect(app.page.locator("body")).to_contain_text(
        "objects=1 kinds=['Path'] png=True", timeout=10_000
    )
    assert not [e for e in app.console_errors if "Content Security Policy" in e]


ECHARTS_07 = Path(sys.prefix) / "components-v2"
"""streamlit-echarts 0.7.0 (components v2), installed beside the pinned 0.4.0 (components v1)
by `make test` from tests/components-v2-requirements.txt (--target: the same package name)."""


def test_streamlit_echarts_07_draws_and_returns_a_clicked_point(open_streamlit_app):  # noqa: F811
    assert (ECHARTS_07 / "streamlit_echarts").is_dir(), (
        f"{ECHARTS_07} is missing: run `make test`, or `pip install --no-deps --target "
        f"{ECHARTS_07} -r tests/components-v2-requirements.txt`"
    )
    app = open_streamlit_app(f"""
        import sys
        sys.path.insert(0, {str(ECHARTS_07)!r})
        import streamlit as st
        import streamlit_echarts
        from streamlit_echarts import st_echarts
        options = {{
            "animation": False,
            "xAxis": {{"type": "category", "data": ["Mon", "Tue", "Wed"]}},
            "yAxis": {{"type": "value"}},
            "series": [{{"data": [120, 200, 150], "type": "bar"}}],
        }}
        result = st_echarts(options=options, height="300px", key="chart", on_select="rerun",
                            selection_mode="points")
        points = result.selection["points"]
        st.text(f"version={{streamlit_echarts.__version__}} "
                f"points={{[(p['point_index'], p['y']) for p in points]}}")
    """)
    app.expect_text("version=0.7.0 points=[]")
    canvas = app.page.locator(".bidi-component canvas").first
    expect(canvas).to_be_visible(timeout=15_000)
    box = canvas.bounding_box()
    assert box is not None and box["height"] > 200
    # the middle bar ("Tue", the tallest) sits in the middle of the plot
    canvas.click(position={"x": box["width"] / 2, "y": box["height"] * 0.6})
    app.idle()
    expect(app.page.locator("body")).to_contain_text("points=[(1, 200)]", timeout=10_000)
    assert not app.console_errors
