"""Component packages from PyPI that reach into Streamlit's internals, unchanged, in Chromium.

Each package `import streamlit`s and uses a name past ``st.*`` (``streamlit.elements.image
.image_to_url``, ``streamlit.runtime.metrics_util``...) that tidal stands in for
(``tidal.internals``, mapped by ``compat.INTERNALS``); each test drives the package's real
front end and checks what reaches the app. Pinned in tests/components-requirements.txt, or in
tests/components-older-requirements.txt for an older release of a package pinned there (put
first on sys.path by the app), installed by `make test` with --no-deps.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AppPage, draw_stroke
from tests.browser.test_component_packages import component, open_streamlit_app  # noqa: F401

OLDER = Path(sys.prefix) / "components-older"
"""Older releases of packages pinned in components-requirements.txt at a newer version."""


@pytest.fixture
def streamlit_app(open_streamlit_app: Callable[[str], AppPage]) -> Callable[[str], AppPage]:  # noqa: F811
    """``streamlit_app(source)``: `tidal run` a drop-in app and open it in a new tab."""
    return open_streamlit_app


def older(package: str) -> str:
    """The folder holding an older release of ``package`` (a clear failure when missing)."""
    assert (OLDER / package).is_dir(), (
        f"{OLDER / package} is missing: run `make test`, or `pip install --no-deps --target "
        f"{OLDER} -r tests/components-older-requirements.txt`"
    )
    return str(OLDER)


def test_drawable_canvas_09_draws_over_its_served_background(streamlit_app):
    app = streamlit_app(f"""
        import sys
        sys.path.insert(0, {older("streamlit_drawable_canvas")!r})
        import numpy as np
        import streamlit as st
        from PIL import Image
        import streamlit_drawable_canvas
        from streamlit_drawable_canvas import st_canvas
        background = Image.new("RGB", (300, 200), (0, 128, 255))
        result = st_canvas(stroke_width=6, stroke_color="#ff0000", background_image=background,
                           height=200, width=300, drawing_mode="freedraw", key="canvas")
        objects = (result.json_data or {{}}).get("objects", [])
        shape = None if result.image_data is None else result.image_data.shape
        red = None if result.image_data is None else int((result.image_data[..., 0] > 200).sum())
        st.text(f"version={{streamlit_drawable_canvas.__file__.count('components-older')}} "
                f"objects={{len(objects)}} kinds={{[o['type'] for o in objects]}} "
                f"shape={{shape}} red={{red is not None and red > 0}}")
    """)
    canvas = component(app).locator("canvas.upper-canvas").last
    expect(canvas).to_be_visible(timeout=15_000)
    app.expect_text("version=1 objects=0")
    # the background image, made by image_to_url, is served to the component's iframe
    with app.page.expect_response(lambda r: "/_tidal/media/" in r.url) as served:
        app.page.reload()
    assert served.value.status == 200
    assert served.value.header_value("content-type") == "image/png"
    app.idle()
    expect(canvas).to_be_visible(timeout=15_000)
    draw_stroke(app, canvas)
    expect(app.page.locator("body")).to_contain_text(
        "objects=1 kinds=['path'] shape=(200, 300, 4) red=True", timeout=10_000
    )


def test_streamlit_extras_avatar_shows_the_image_image_to_url_serves(streamlit_app):
    app = streamlit_app("""
        import streamlit as st
        from PIL import Image
        from streamlit_extras.avatar import avatar
        avatar(Image.new("RGB", (40, 40), (200, 30, 30)), height=40, label="Ada Lovelace",
               caption="first programmer", key="ada")
        st.text("after")
    """)
    app.expect_text("after")
    image = app.page.locator(".bidi-component img.avatar-image")
    expect(image).to_be_visible(timeout=15_000)
    expect(app.page.locator(".bidi-component .avatar-label")).to_have_text("Ada Lovelace")
    app.page.wait_for_function(
        "() => [...document.querySelectorAll('.bidi-component')].some(c => {"
        "  const img = (c.shadowRoot ?? c).querySelector('img.avatar-image');"
        "  return img && img.complete && img.naturalWidth === 40; })"
    )
    assert not app.console_errors


def test_streamlit_autorefresh_reruns_the_app_on_its_timer(streamlit_app):
    app = streamlit_app("""
        import streamlit as st
        from streamlit_autorefresh import st_autorefresh
        count = st_autorefresh(interval=300, limit=3, key="tick")
        st.text(f"count={count}")
    """)
    expect(app.page.locator("body")).to_contain_text("count=2", timeout=15_000)
    assert not app.console_errors


def test_streamlit_javascript_returns_what_its_code_evaluates_to(streamlit_app):
    app = streamlit_app("""
        import streamlit as st
        from streamlit_javascript import st_javascript
        value = st_javascript("6 * 7", key="js")
        st.text(f"value={value}")
    """)
    expect(app.page.locator("body")).to_contain_text("value=42", timeout=15_000)


def test_streamlit_js_eval_returns_what_its_expression_evaluates_to(streamlit_app):
    app = streamlit_app("""
        import streamlit as st
        from streamlit_js_eval import streamlit_js_eval
        value = streamlit_js_eval(js_expressions="[1, 2, 3].length * 2", key="e")
        st.text(f"value={value}")
    """)
    expect(app.page.locator("body")).to_contain_text("value=6", timeout=15_000)


LOTTIE = {
    "v": "5.5.2",
    "fr": 30,
    "ip": 0,
    "op": 30,
    "w": 120,
    "h": 80,
    "nm": "box",
    "ddd": 0,
    "assets": [],
    "layers": [
        {
            "ddd": 0,
            "ind": 1,
            "ty": 1,
            "nm": "red",
            "sr": 1,
            "ip": 0,
            "op": 30,
            "st": 0,
            "bm": 0,
            "sc": "#ff0000",
            "sw": 120,
            "sh": 80,
            "ks": {
                "o": {"a": 0, "k": 100},
                "r": {"a": 0, "k": 0},
                "p": {"a": 0, "k": [60, 40, 0]},
                "a": {"a": 0, "k": [60, 40, 0]},
                "s": {"a": 0, "k": [100, 100, 100]},
            },
        }
    ],
}


def test_streamlit_lottie_plays_an_animation_given_as_data(streamlit_app):
    app = streamlit_app(f"""
        import streamlit as st
        from streamlit_lottie import st_lottie
        st_lottie({LOTTIE!r}, height=80, width=120, key="anim")
        st.text("after")
    """)
    app.expect_text("after")
    expect(component(app).locator("svg").first).to_be_visible(timeout=15_000)


def test_extra_streamlit_components_tab_bar_reports_the_clicked_tab(streamlit_app):
    app = streamlit_app("""
        import streamlit as st
        import extra_streamlit_components as stx
        chosen = stx.tab_bar(data=[stx.TabBarItemData(id="a", title="Alpha", description=""),
                                   stx.TabBarItemData(id="b", title="Beta", description="")],
                             default="a", key="tabs")
        st.text(f"chosen={chosen}")
    """)
    app.expect_text("chosen=a")
    component(app).get_by_text("Beta").click()
    app.idle()
    expect(app.page.locator("body")).to_contain_text("chosen=b", timeout=10_000)


def test_streamlit_extras_cookie_manager_sets_and_reads_cookies_from_the_event_area(streamlit_app):
    app = streamlit_app("""
        import streamlit as st
        from streamlit_extras.cookie_manager import cookie_manager
        cookies = cookie_manager(key="jar")
        if st.button("bake"):
            cookies.set("flavour", "oat")  # queued: sent to the browser on the next run
        st.button("again")
        st.text(f"ready={cookies.ready()} flavour={dict(cookies).get('flavour')}")
    """)
    # mounted `with st._event:` (the page's hidden root), it syncs the browser's cookies
    app.expect_text("ready=True flavour=None")
    app.page.get_by_role("button", name="bake").click()
    app.idle()
    app.page.get_by_role("button", name="again").click()
    app.idle()
    expect(app.page.locator("body")).to_contain_text("ready=True flavour=oat", timeout=10_000)
    assert "flavour=oat" in app.page.evaluate("() => document.cookie")
    assert not app.console_errors
