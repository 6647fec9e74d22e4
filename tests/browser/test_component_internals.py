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
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.test_component_packages import component
from tests.browser.test_component_packages import open_streamlit_app  # noqa: F401

OLDER = Path(sys.prefix) / "components-older"
"""Older releases of packages pinned in components-requirements.txt at a newer version."""


def older(package: str) -> str:
    """The folder holding an older release of ``package`` (a clear failure when missing)."""
    assert (OLDER / package).is_dir(), (
        f"{OLDER / package} is missing: run `make test`, or `pip install --no-deps --target "
        f"{OLDER} -r tests/components-older-requirements.txt`"
    )
    return str(OLDER)


def test_drawable_canvas_09_shows_its_background_image_and_returns_the_stroke(  # noqa: F811
    open_streamlit_app,
):
    app = open_streamlit_app(f"""
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
    box = canvas.bounding_box()
    assert box is not None and box["width"] >= 250
    x, y = box["x"] + 40, box["y"] + 40
    app.page.mouse.move(x, y)
    app.page.mouse.down()
    for i in range(1, 11):
        app.page.mouse.move(x + 15 * i, y + 8 * i)
    app.page.mouse.up()
    app.idle()
    expect(app.page.locator("body")).to_contain_text(
        "objects=1 kinds=['path'] shape=(200, 300, 4) red=True", timeout=10_000
    )
