"""Vega-Lite charts in real Chromium: each built-in chart draws a canvas of its size in light and
dark, selections reach session state and run callbacks, an unchanged chart is not sent again,
a page without charts fetches no chart code, and nothing breaks the page's CSP."""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import expect

BUILTIN = """
import tidal as st
data = {"a": [1, 3, 2, 4, 3], "b": [2, 1, 3, 2, 5]}
st.line_chart(data)
st.area_chart(data)
st.bar_chart(data, height=250)
st.scatter_chart(data, x="a", y="b", width=400)
"""

CANVASES = """() => [...document.querySelectorAll('.chart-el canvas')].map((c) => {
  const r = c.getBoundingClientRect();
  return [Math.round(r.width), Math.round(r.height)];
})"""

LABEL_PIXELS = """(hex) => {
  const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (const c of document.querySelectorAll('.chart-el canvas')) {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] === 255 && d[i] === want[0] && d[i + 1] === want[1] && d[i + 2] === want[2]) n++;
    }
  }
  return n;
}"""


def _watch_csp(app: Any) -> list[str]:
    violations: list[str] = []
    app.page.on(
        "console",
        lambda msg: (
            violations.append(msg.text)
            if "Content Security Policy" in msg.text or "unsafe-eval" in msg.text
            else None
        ),
    )
    app.page.add_init_script(
        """document.addEventListener('securitypolicyviolation',
             (e) => console.error('Content Security Policy: ' + e.violatedDirective))"""
    )
    app.page.reload()
    app.idle()
    return violations


def _wait_for_canvases(app: Any, n: int) -> list[list[int]]:
    app.page.wait_for_function(
        f"() => document.querySelectorAll('.chart-el canvas').length === {n}"
    )
    app.idle()
    sizes: list[list[int]] = app.page.evaluate(CANVASES)
    return sizes


def test_each_builtin_chart_draws_a_canvas_of_its_size_under_the_csp(open_app):
    app = open_app(BUILTIN)
    violations = _watch_csp(app)
    sizes = _wait_for_canvases(app, 4)
    main = app.page.evaluate(
        "() => Math.round(document.querySelector('.chart-el').getBoundingClientRect().width)"
    )
    line, area, bar, scatter = sizes
    for w, h in (line, area):
        assert abs(w - main) <= 2 and h >= 350  # stretch: the column's width; 350 px of plot
    assert abs(bar[0] - main) <= 2 and 250 <= bar[1] < 350
    assert 400 <= scatter[0] < main - 50
    assert violations == []
    assert not app.console_errors


def test_charts_follow_the_theme_light_and_dark(open_app):
    app = open_app(BUILTIN)
    app.page.emulate_media(color_scheme="light")
    app.page.wait_for_function("() => document.documentElement.dataset.theme === 'light'")
    _wait_for_canvases(app, 4)
    light_label, dark_label = "#59636e", "#9aa4af"  # --fg-2 of each theme: axis labels
    app.page.wait_for_function(f"() => ({LABEL_PIXELS})('{light_label}') > 20")
    assert app.page.evaluate(LABEL_PIXELS, dark_label) == 0
    app.page.emulate_media(color_scheme="dark")
    app.page.wait_for_function("() => document.documentElement.dataset.theme === 'dark'")
    app.idle()
    app.page.wait_for_function(f"() => ({LABEL_PIXELS})('{dark_label}') > 20")
    assert app.page.evaluate(LABEL_PIXELS, light_label) == 0
    assert len(app.page.evaluate(CANVASES)) == 4


SELECTIONS = """
import tidal as st
st.session_state.setdefault("calls", 0)
def count():
    st.session_state.calls += 1
data = {"x": [1, 2, 3, 4], "y": [4, 3, 2, 1]}
st.vega_lite_chart(data, {
    "mark": {"type": "bar"},
    "params": [{"name": "pick", "select": {"type": "point", "fields": ["x"]}}],
    "encoding": {"x": {"field": "x", "type": "ordinal"},
                 "y": {"field": "y", "type": "quantitative"}},
}, width=400, height=200, on_select=count, key="bars")
st.vega_lite_chart(data, {
    "mark": {"type": "point"},
    "params": [{"name": "brush", "select": {"type": "interval", "encodings": ["x"]}}],
    "encoding": {"x": {"field": "x", "type": "quantitative", "scale": {"domain": [0, 5]}},
                 "y": {"field": "y", "type": "quantitative"}},
}, width=400, height=200, on_select="rerun", key="dots")
st.text("bars=" + json.dumps(st.session_state.bars["selection"]))
st.text("dots=" + json.dumps(st.session_state.dots["selection"]))
st.text(f"calls={st.session_state.calls}")
""".replace("import tidal as st", "import json\nimport tidal as st", 1)


def _text_json(app: Any, prefix: str) -> Any:
    for line in app.text().splitlines():
        if line.startswith(prefix + "="):
            return json.loads(line[len(prefix) + 1 :])
    raise AssertionError(f"no {prefix}= line in {app.text()!r}")


def test_a_point_and_an_interval_selection_reach_session_state_and_run_the_callback(open_app):
    app = open_app(SELECTIONS)
    _wait_for_canvases(app, 2)
    assert _text_json(app, "bars") == {"pick": {}}
    assert _text_json(app, "dots") == {"brush": {}}
    bars, dots = app.page.locator(".chart-el canvas").all()
    box = bars.bounding_box()
    assert box is not None
    # the plot is about 400 px wide with 4 bars: click the third bar, low down (all bars are
    # at least 1 high)
    app.page.mouse.click(box["x"] + box["width"] * 0.62, box["y"] + box["height"] * 0.75)
    app.page.wait_for_function("() => document.body.innerText.includes('calls=1')")
    app.idle()
    assert _text_json(app, "bars") == {"pick": [{"x": 3}]}
    box = dots.bounding_box()
    assert box is not None
    y = box["y"] + box["height"] * 0.4
    app.page.mouse.move(box["x"] + box["width"] * 0.3, y)
    app.page.mouse.down()
    app.page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=5)
    app.page.mouse.up()
    app.page.wait_for_function("() => !document.body.innerText.includes('dots={\"brush\": {}}')")
    app.idle()
    brush = _text_json(app, "dots")["brush"]
    lo, hi = brush["x"]
    assert 0 < lo < hi < 5
    assert "calls=1" in app.text()  # the other chart's callback did not run
    assert not app.console_errors


RERUN = """
import tidal as st
st.session_state.setdefault("n", 0)
if st.button("Again"):
    st.session_state.n += 1
st.text(f"runs={st.session_state.n}")
for i in range(3):
    st.line_chart({"a": list(range(100)), "b": [i * v for v in range(100)]})
if st.session_state.n >= 2:
    st.bar_chart({"a": [st.session_state.n, 1]})
"""


def test_an_unchanged_chart_is_not_sent_again_on_a_rerun(open_app):
    app = open_app(RERUN)
    frames: list[str] = []
    app.page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(str(f))))
    app.page.reload()
    app.idle()
    _wait_for_canvases(app, 3)
    assert sum(f.count("arrow_vega_lite_chart") for f in frames) == 3
    frames.clear()
    app.click("Again")
    app.expect_text("runs=1")
    assert frames and not any("arrow_vega_lite_chart" in f for f in frames)
    app.click("Again")  # a new chart: its element is sent, the library is not fetched again
    _wait_for_canvases(app, 4)
    assert sum(f.count("arrow_vega_lite_chart") for f in frames) == 1


def test_a_page_without_charts_fetches_no_chart_code(open_app):
    app = open_app('import tidal as st\nst.button("Go")\nst.write("hello")')
    urls: list[str] = []
    app.page.on("request", lambda r: urls.append(r.url))
    app.page.reload()
    app.idle()
    app.click("Go")
    chart_code = (
        "vega",
        "charts",
        "plotly",
        "mermaid",
        "viz",
        "graphviz",
        "maps",
        "figures",
        "echarts",
    )
    assert urls and not [u for u in urls if any(name in u for name in chart_code)]


def test_a_spec_vega_lite_rejects_shows_what_is_wrong(open_app):
    app = open_app(
        "import tidal as st\n"
        'st.vega_lite_chart({"a": [1]}, {"mark": "bar", "encoding": {"x": {"field": "a", '
        '"type": "nonsense"}}})\nst.text("after")'
    )
    error = app.page.locator(".chart-error")
    expect(error).to_contain_text("Vega-Lite could not draw this chart")
    expect(error).to_contain_text("Invalid field type")
    app.expect_text("after")


PYPLOT = """
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import tidal as st
fig, ax = plt.subplots(figsize=(4, 3))
ax.plot([1, 3, 2])
st.pyplot(fig)
st.pyplot(fig, format="png", width=200)
"""


def test_a_pyplot_figure_is_shown_as_an_image_at_its_width(open_app):
    app = open_app(PYPLOT)
    violations = _watch_csp(app)
    app.page.wait_for_function(
        "() => [...document.querySelectorAll('.figure-el img')].filter("
        "(i) => i.complete && i.naturalWidth > 0).length === 2"
    )
    sizes = app.page.evaluate(
        "() => [...document.querySelectorAll('.figure-el img')].map((i) => "
        "[Math.round(i.getBoundingClientRect().width), i.closest('.figure-el').clientWidth])"
    )
    (svg_w, column), (png_w, _) = sizes
    assert svg_w == column and column > 500  # stretched: sharp at any pixel ratio
    assert png_w == 200
    assert violations == [] and not app.console_errors


GRAPHVIZ = """
import tidal as st
st.graphviz_chart("digraph { run -> intr; intr -> runbl; runbl -> run }")
st.graphviz_chart("digraph { a -> }")
"""


def test_a_graphviz_chart_is_drawn_as_svg_in_light_and_dark(open_app):
    app = open_app(GRAPHVIZ)
    violations = _watch_csp(app)
    graph = app.page.locator(".graphviz-el svg")
    expect(graph).to_have_count(1)
    expect(graph.locator("g.node")).to_have_count(3)
    box = graph.bounding_box()
    assert box is not None and box["width"] > 50 and box["height"] > 100
    expect(app.page.locator(".graphviz-el .chart-error")).to_contain_text(
        "Graphviz could not draw this graph"
    )
    app.page.emulate_media(color_scheme="dark")
    app.page.wait_for_function("() => document.documentElement.dataset.theme === 'dark'")
    assert "invert" in graph.evaluate("(e) => getComputedStyle(e).filter")
    assert violations == []


MAP = """
import tidal as st
st.map({"lat": [38.72, 59.91, -12.05], "lon": [-9.14, 10.75, -77.04]}, size=200000,
       color="#00ff00", height=300)
"""

GREEN_PIXELS = """() => {
  const c = document.querySelector('.map-canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i] === 0 && d[i + 1] === 255 && d[i + 2] === 0) n++;
  return n;
}"""


def test_a_map_draws_its_points_on_a_plain_base_in_light_and_dark(open_app):
    app = open_app(MAP)
    violations = _watch_csp(app)
    app.page.wait_for_function(f"() => ({GREEN_PIXELS})() > 30")
    box = app.page.locator(".map-canvas").bounding_box()
    assert box is not None and box["height"] == 300 and box["width"] > 500
    expect(app.page.locator(".map-note")).to_contain_text("no map tiles")
    corner = (
        "() => [...document.querySelector('.map-canvas').getContext('2d')"
        ".getImageData(1, 1, 1, 1).data].slice(0, 3)"
    )
    app.page.emulate_media(color_scheme="light")
    app.page.wait_for_function("() => document.documentElement.dataset.theme === 'light'")
    app.page.wait_for_timeout(100)
    light = app.page.evaluate(corner)
    app.page.emulate_media(color_scheme="dark")
    app.page.wait_for_function("() => document.documentElement.dataset.theme === 'dark'")
    app.page.wait_for_function(f"() => ({GREEN_PIXELS})() > 30")
    dark = app.page.evaluate(corner)
    assert sum(light) > 600 and sum(dark) < 200  # the base follows the theme
    assert violations == [] and not app.console_errors


MERMAID = """
import tidal as st
st.mermaid_chart("graph LR\\n  A[Script] --> B{Rerun?}\\n  B -->|yes| A")
st.mermaid_chart("graph LR\\n  A --> ((")
"""


def test_a_mermaid_diagram_is_drawn_as_svg_under_the_csp(open_app):
    app = open_app(MERMAID)
    violations = _watch_csp(app)
    diagram = app.page.locator(".mermaid-el svg")
    expect(diagram).to_have_count(1)
    expect(diagram).to_contain_text("Rerun?")
    box = diagram.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 30
    expect(app.page.locator(".mermaid-el .chart-error")).to_contain_text(
        "Mermaid could not draw this diagram"
    )
    light = diagram.evaluate("(e) => e.innerHTML.length")
    app.page.emulate_media(color_scheme="dark")
    app.page.wait_for_function("() => document.documentElement.dataset.theme === 'dark'")
    app.idle()
    expect(diagram).to_have_count(1)
    assert diagram.evaluate("(e) => e.innerHTML.length") != light  # redrawn in dark colours
    assert violations == []


PLOTLY = """
import json
import tidal as st
st.session_state.setdefault("calls", 0)
def changed():
    st.session_state.calls += 1
fig = {"data": [{"type": "scatter", "mode": "markers", "x": [1, 2, 3, 4], "y": [1, 2, 3, 4]}],
       "layout": {"xaxis": {"range": [0, 5]}, "yaxis": {"range": [0, 5]},
                  "margin": {"l": 40, "r": 10, "t": 10, "b": 40}}}
st.plotly_chart(fig, key="pl", on_select=changed, selection_mode="box", height=300)
st.text("box=" + json.dumps(st.session_state.pl["selection"]["box"]))
st.text("indices=" + json.dumps(st.session_state.pl["selection"]["point_indices"]))
st.text(f"calls={st.session_state.calls}")
"""

TICK_FILL = "() => getComputedStyle(document.querySelector('.plotly-el .xtick text')).fill"


def test_a_plotly_box_selection_reaches_session_state_and_runs_the_callback(open_app):
    app = open_app(PLOTLY)
    violations = _watch_csp(app)
    plot = app.page.locator(".plotly-el .main-svg").first
    expect(plot).to_be_visible()
    app.page.wait_for_function(  # drawn at the column's width (responsive: after a resize)
        """() => {
          const el = document.querySelector('.plotly-el');
          const svg = el.querySelector('.main-svg');
          return Math.abs(svg.getBoundingClientRect().width - el.getBoundingClientRect().width) <= 2;
        }"""
    )
    box = plot.bounding_box()
    main = app.page.evaluate(
        "() => Math.round(document.querySelector('.plotly-el').getBoundingClientRect().width)"
    )
    assert box is not None and round(box["height"]) == 300 and abs(box["width"] - main) <= 2
    app.page.emulate_media(color_scheme="light")
    app.page.wait_for_function("() => document.documentElement.dataset.theme === 'light'")
    app.idle()
    light = app.page.evaluate(TICK_FILL)
    # drag a box around the points at x=2 and x=3 (plot area: 40 px margin left and bottom)
    area = app.page.locator(".plotly-el .nsewdrag").first.bounding_box()
    assert area is not None

    def at(x: float, y: float) -> tuple[float, float]:
        return area["x"] + area["width"] * x / 5, area["y"] + area["height"] * (1 - y / 5)

    app.page.mouse.move(*at(1.5, 1.5))
    app.page.mouse.down()
    app.page.mouse.move(*at(2.5, 2.5), steps=4)
    app.page.mouse.move(*at(3.5, 3.5), steps=4)
    app.page.mouse.up()
    app.page.wait_for_function("() => document.body.innerText.includes('calls=1')")
    app.idle()
    assert _text_json(app, "indices") == [1, 2]
    (region,) = _text_json(app, "box")
    assert region["xref"] == "x" and 1.3 < region["x"][0] < 1.7 and 3.3 < region["x"][1] < 3.7
    app.page.emulate_media(color_scheme="dark")
    app.page.wait_for_function("() => document.documentElement.dataset.theme === 'dark'")
    app.idle()
    app.page.wait_for_function(f"() => ({TICK_FILL})() !== {json.dumps(light)}")
    assert violations == []


ECHARTS = """
import json
import tidal as st
st.session_state.setdefault("calls", 0)
def changed():
    st.session_state.calls += 1
option = {"xAxis": {"type": "category", "data": ["a", "b", "c", "d"]}, "yAxis": {"max": 10},
          "grid": {"left": 40, "right": 10, "top": 10, "bottom": 30},
          "series": [{"type": "bar", "data": [8, 8, 8, 8], "selectedMode": "single"}]}
st.echarts_chart(option, key="ec", on_select=changed, height=300)
st.text("selected=" + json.dumps(st.session_state.ec["selection"]["selected"]))
st.text(f"calls={st.session_state.calls}")
"""


def test_an_echarts_chart_draws_and_a_click_selection_reaches_session_state(open_app):
    app = open_app(ECHARTS)
    violations = _watch_csp(app)
    canvas = app.page.locator(".echarts-el canvas").first
    expect(canvas).to_be_visible()
    box = canvas.bounding_box()
    assert box is not None and round(box["height"]) == 300 and box["width"] > 500
    # the third bar (of four) of the plot between 40 px left and 10 px right
    x = box["x"] + 40 + (box["width"] - 50) * 2.5 / 4
    app.page.mouse.click(x, box["y"] + 250)
    app.page.wait_for_function("() => document.body.innerText.includes('calls=1')")
    app.idle()
    (picked,) = _text_json(app, "selected")
    assert picked["series_index"] == 0 and picked["data_indices"] == [2]
    app.page.emulate_media(color_scheme="dark")
    app.page.wait_for_function("() => document.documentElement.dataset.theme === 'dark'")
    app.idle()
    expect(app.page.locator(".echarts-el canvas")).to_have_count(1)
    assert violations == [] and not app.console_errors
