"""Streamlit's theme option names and colors in Chromium: a sidebar primary color set by a
three-part environment variable, chart marks in chartCategoricalColors, the basic palette on
``:red[...]``, badges, alerts and metric deltas, and a font named with its stylesheet
(``font = "Name:https://.../font.css"``) loaded under a CSP that allows that origin only."""

from __future__ import annotations

import textwrap
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, Locator

from tests.browser.conftest import AppPage
from tests.browser.test_charts import LABEL_PIXELS as PIXELS
from tests.fixtures.server import LiveServer
from tidal.config import load_config


def configure(folder: Path, toml: str) -> None:
    (folder / ".tidal").mkdir()
    (folder / ".tidal" / "config.toml").write_text(textwrap.dedent(toml))


def style(target: Locator, prop: str) -> str:
    return str(target.first.evaluate(f"e => getComputedStyle(e).{prop}"))


def test_a_sidebar_primary_color_from_a_three_part_variable_applies_in_the_sidebar_only(
    browser: Browser, tmp_path: Path
):
    script = tmp_path / "app.py"
    script.write_text(
        "import tidal as st\n"
        'st.sidebar.button("Side", type="primary")\n'
        'st.button("Main", type="primary")\n'
        'st.write(st.get_option("theme.sidebar.primaryColor"))\n'
    )
    env = {"STREAMLIT_THEME_SIDEBAR_PRIMARY_COLOR": "#00aa00"}
    config = load_config(project_dirs=[tmp_path], env=env, home=tmp_path)
    server = LiveServer(script, config).start()
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    try:
        app = AppPage(context.new_page(), server.url).open()
        side = app.page.locator("#sidebar .btn-primary")
        main = app.page.locator("#main .btn-primary")
        assert style(side, "backgroundColor") == "rgb(0, 170, 0)"
        assert style(main, "backgroundColor") != "rgb(0, 170, 0)"
        app.expect_text("#00aa00")
        assert not app.console_errors
    finally:
        context.close()
        server.stop()


def test_chart_marks_are_drawn_in_the_categorical_colors(open_app, tmp_path):
    configure(tmp_path, '[theme]\nchartCategoricalColors = ["#ff00ff", "#00ffff"]\n')
    app = open_app(
        """
        import tidal as st
        st.bar_chart({"a": [3, 1, 2], "b": [1, 2, 3]}, stack=False, height=200)
        """
    )
    app.page.wait_for_function("() => document.querySelectorAll('.chart-el canvas').length === 1")
    app.page.wait_for_function(f"() => ({PIXELS})('#ff00ff') > 100 && ({PIXELS})('#00ffff') > 100")
    assert app.page.evaluate(PIXELS, "#0068c9") == 0  # not Streamlit's first color
    assert not app.console_errors


def test_the_basic_palette_colors_markdown_badges_alerts_and_metric_deltas(open_app, tmp_path):
    configure(
        tmp_path,
        """
        [theme]
        redColor = "#aa0011"
        greenColor = "#008833"
        blueBackgroundColor = "#ddeeff"
        """,
    )
    app = open_app(
        """
        import tidal as st
        st.markdown(":red[warm] :blue-background[cool] :red-badge[hot]")
        st.error("broken")
        st.metric("Sales", 10, delta=2)
        st.badge("shipped", color="green")
        """
    )
    page = app.page
    assert style(page.locator(".md-fg-red"), "color") == "rgb(170, 0, 17)"
    assert style(page.locator(".md-bg-blue"), "backgroundColor") == "rgb(221, 238, 255)"
    badge = page.locator(".md-badge-red")
    assert style(badge, "color") == "rgb(170, 0, 17)"
    assert style(badge, "backgroundColor").startswith("color(srgb 0.666")  # red, see-through
    assert style(page.locator(".callout-error"), "color") == "rgb(170, 0, 17)"
    assert style(page.locator(".md-badge-green"), "color") == "rgb(0, 136, 51)"  # st.badge
    page.wait_for_selector(".metric-delta")
    assert style(page.locator(".metric-delta"), "color") == "rgb(0, 136, 51)"
    assert not app.console_errors


KATEX_FONT = (
    Path(__file__).resolve().parents[2]
    / "src/tidal/static/vendor/katex/fonts/KaTeX_SansSerif-Regular.woff2"
)


class _FontFiles(BaseHTTPRequestHandler):
    """A font host on loopback: a stylesheet and the font file it names (with CORS)."""

    requested: list[str] = []  # one list: the handler is made anew for each request

    def do_GET(self) -> None:
        self.requested.append(self.path)
        if self.path == "/brand.css":
            body = b'@font-face { font-family: "Brand Sans"; src: url("/brand.woff2"); }'
            kind = "text/css"
        elif self.path == "/brand.woff2":
            body, kind = KATEX_FONT.read_bytes(), "font/woff2"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_a_font_named_with_its_stylesheet_loads_under_a_csp_for_that_origin_only(
    open_app, tmp_path
):
    host = ThreadingHTTPServer(("127.0.0.1", 0), _FontFiles)
    threading.Thread(target=host.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{host.server_address[1]}"
    try:
        configure(tmp_path, f'[theme]\nfont = "Brand Sans:{origin}/brand.css, sans-serif"\n')
        app = open_app("import tidal as st\nst.write('hello')\n")
        page = app.page
        assert style(page.locator("#main .md p"), "fontFamily").startswith('"Brand Sans"')
        page.wait_for_function(
            "() => [...document.fonts].some(f => f.family.replace(/\"/g, '') === 'Brand Sans'"
            " && f.status === 'loaded')"
        )
        assert page.evaluate("() => document.fonts.check('16px \"Brand Sans\"')")
        assert {"/brand.css", "/brand.woff2"} <= set(_FontFiles.requested)
        policy = page.request.get(app.url).headers["content-security-policy"]
        directives = dict(d.split(" ", 1) for d in policy.split("; "))
        assert directives["style-src"] == f"'self' 'unsafe-inline' {origin}"
        assert directives["font-src"] == f"'self' data: {origin}"
        assert origin not in directives["connect-src"] + directives["script-src"]
        assert not app.console_errors
    finally:
        host.shutdown()
        host.server_close()


def test_the_sidebar_table_has_its_own_chart_and_named_colors(open_app, tmp_path):
    configure(
        tmp_path,
        """
        [theme]
        chartCategoricalColors = ["#ff00ff"]
        [theme.sidebar]
        chartCategoricalColors = ["#00ffff"]
        redColor = "#aa0011"
        """,
    )
    app = open_app(
        """
        import tidal as st
        st.sidebar.bar_chart({"a": [3, 1, 2]}, height=150)
        st.sidebar.markdown(":red[side]")
        st.markdown(":red[main]")
        """
    )
    page = app.page
    page.wait_for_function("() => document.querySelectorAll('.chart-el canvas').length === 1")
    page.wait_for_function(f"() => ({PIXELS})('#00ffff') > 100")
    assert page.evaluate(PIXELS, "#ff00ff") == 0
    assert style(page.locator("#sidebar .md-fg-red"), "color") == "rgb(170, 0, 17)"
    assert style(page.locator("#main .md-fg-red"), "color") != "rgb(170, 0, 17)"
    assert not app.console_errors
