"""st.pydeck_chart in real Chromium: deck.gl draws a ScatterplotLayer with WebGL (SwiftShader:
the browser runs with --disable-gpu and needs no extra flag) on a plain base that follows the
theme, under the page's CSP and with no network, and a click on a point selects it into session
state and runs the callback."""

from __future__ import annotations

import io
import json
from typing import Any

from PIL import Image
from playwright.sync_api import expect

DECK = """
import json
import pydeck as pdk
import tidal as st

st.session_state.setdefault("calls", 0)
def picked():
    st.session_state.calls += 1

points = [
    {"name": "centre", "lon": 0.0, "lat": 0.0},
    {"name": "east", "lon": 20.0, "lat": 0.0},
]
layer = pdk.Layer(
    "ScatterplotLayer", data=points, id="cities", get_position="[lon, lat]",
    get_radius=500000, get_fill_color=[0, 160, 60], pickable=True,
)
view = pdk.ViewState(latitude=0, longitude=0, zoom=2)
deck = pdk.Deck(layers=[layer], initial_view_state=view, map_style=None,
                tooltip={"text": "{name}"})
st.pydeck_chart(deck, height=320, on_select=picked, key="map", selection_mode=MODE)
st.text("sel=" + json.dumps(st.session_state.map["selection"]))
st.text(f"calls={st.session_state.calls}")
"""

DRAWN = "() => Number(document.querySelector('.deck-box')?.dataset.drawn ?? 0) > 0"


def _app(open_app: Any, mode: str = "single-object") -> Any:
    app = open_app(DECK.replace("MODE", repr(mode)))
    violations: list[str] = []
    app.page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    app.page.add_init_script(
        """document.addEventListener('securitypolicyviolation',
             (e) => console.error('Content Security Policy: ' + e.violatedDirective))"""
    )
    requests: list[str] = []
    app.page.on("request", lambda r: requests.append(r.url))
    app.page.reload()
    app.idle()
    app.page.wait_for_function(DRAWN)
    app.violations = violations
    app.requests = requests
    return app


def _pixels(app: Any) -> Image.Image:
    shot = app.page.locator(".deck-box canvas").first.screenshot()
    return Image.open(io.BytesIO(shot)).convert("RGB")


def _green(img: Image.Image) -> int:
    raw = img.tobytes()
    return sum(
        1 for i in range(0, len(raw), 3) if raw[i + 1] > 120 and raw[i] < 80 and raw[i + 2] < 110
    )


def _background(img: Image.Image) -> tuple[int, ...]:
    """The most common colour: the base under the layers."""
    counts = img.getcolors(img.width * img.height) or []
    return tuple(max(counts)[1])


def _selection(app: Any) -> Any:
    for line in app.text().splitlines():
        if line.startswith("sel="):
            return json.loads(line[4:])
    raise AssertionError(f"no sel= line in {app.text()!r}")


def _click(app: Any, dx: float = 0.0) -> None:
    box = app.page.locator(".deck-box canvas").first.bounding_box()
    assert box is not None
    app.page.mouse.click(box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2)


def test_a_scatterplot_layer_draws_on_a_plain_base_in_light_and_dark(open_app):
    app = _app(open_app)
    box = app.page.locator(".deck-box canvas").first.bounding_box()
    assert box is not None and round(box["height"]) == 320 and box["width"] > 500
    app.page.emulate_media(color_scheme="light")
    app.page.wait_for_function("() => document.documentElement.dataset.theme === 'light'")
    light = _pixels(app)
    assert _green(light) > 200  # the two points, drawn by WebGL
    app.page.emulate_media(color_scheme="dark")
    app.page.wait_for_function("() => document.documentElement.dataset.theme === 'dark'")
    app.page.wait_for_timeout(100)
    dark = _pixels(app)
    assert _green(dark) > 200
    assert sum(_background(light)) > 600 and sum(_background(dark)) < 200
    assert _background(light) != _background(dark)
    expect(app.page.locator(".deck-el .map-note")).to_contain_text("no map tiles")
    own = app.server.url.split("/")[2]
    assert all(own in url or url.startswith(("data:", "blob:")) for url in app.requests)
    assert app.violations == [] and not app.console_errors


def test_a_click_on_a_point_selects_it_and_runs_the_callback(open_app):
    app = _app(open_app)
    assert _selection(app) == {"indices": {}, "objects": {}}
    _click(app)
    app.page.wait_for_function("() => document.body.innerText.includes('calls=1')")
    app.idle()
    assert _selection(app) == {
        "indices": {"cities": [0]},
        "objects": {"cities": [{"name": "centre", "lon": 0.0, "lat": 0.0}]},
    }
    _click(app, dx=-150)  # nothing there: the selection is cleared
    app.page.wait_for_function("() => document.body.innerText.includes('calls=2')")
    app.idle()
    assert _selection(app) == {"indices": {}, "objects": {}}
    assert not app.console_errors


def test_multi_object_clicks_add_points_to_the_selection(open_app):
    app = _app(open_app, "multi-object")
    _click(app)
    app.page.wait_for_function("() => document.body.innerText.includes('calls=1')")
    app.idle()
    # deck.gl's Web Mercator: 512 px around the world at zoom 0, so 20 degrees at zoom 2
    dx = 512 * 2**2 * 20 / 360
    _click(app, dx=dx)
    app.page.wait_for_function("() => document.body.innerText.includes('calls=2')")
    app.idle()
    assert _selection(app)["indices"] == {"cities": [0, 1]}


def test_hovering_a_point_shows_the_decks_tooltip(open_app):
    app = _app(open_app)
    box = app.page.locator(".deck-box canvas").first.bounding_box()
    assert box is not None
    app.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tip = app.page.locator(".deck-tooltip")
    expect(tip).to_have_text("centre")
    app.page.mouse.move(box["x"] + 20, box["y"] + 20)
    expect(tip).to_be_hidden()


def test_a_page_without_a_deck_fetches_no_deck_gl(open_app):
    app = open_app('import tidal as st\nst.map({"lat": [1.0], "lon": [2.0]})')
    urls: list[str] = []
    app.page.on("request", lambda r: urls.append(r.url))
    app.page.reload()
    app.idle()
    assert urls and not [u for u in urls if "deck" in u]


def test_deck_json_with_expression_accessors_draws_without_pydeck(open_app):
    app = open_app(
        """
import tidal as st
rows = [{"lon": 0, "lat": 0, "size": 100000}]
st.pydeck_chart({
    "initialViewState": {"latitude": 0, "longitude": 0, "zoom": 2},
    "layers": [{"@@type": "ScatterplotLayer", "id": "a", "data": rows,
                "getPosition": "@@=[lon, lat]", "getRadius": "@@=size * 5",
                "getFillColor": [0, 160, 60]}],
}, width=400, height=250)
"""
    )
    app.page.wait_for_function(DRAWN)
    box = app.page.locator(".deck-box canvas").first.bounding_box()
    assert box is not None and (round(box["width"]), round(box["height"])) == (400, 250)
    assert _green(_pixels(app)) > 500  # 500 km radius: ~25 px at zoom 2
    assert not app.console_errors


def test_an_unknown_layer_type_shows_what_is_wrong(open_app):
    app = open_app('import tidal as st\nst.pydeck_chart({"layers": [{"@@type": "NopeLayer"}]})')
    expect(app.page.locator(".deck-el .chart-error")).to_contain_text(
        'deck.gl has no class "NopeLayer"'
    )
    assert not app.console_errors
