"""Map tiles in real Chromium: with ``map.tileUrl`` pointing at a loopback tile server, st.map
and st.pydeck_chart request the tiles of their view (z/x/y) and draw them under the points,
under the page's CSP; with a template nobody answers, the points still draw on the plain base
and the page says so once."""

from __future__ import annotations

import io
import math
import socket
import struct
import threading
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.test_charts import _watch_csp

TILE_RGB = (40, 90, 220)  # tiles with x + y even are blue,
ODD_RGB = (220, 120, 40)  # the others orange: a checkerboard shows where each tile lands
POINT = "#00ff00"


def _png(rgb: tuple[int, int, int], side: int = 256) -> bytes:
    """A solid ``side`` x ``side`` PNG."""
    row = b"\x00" + bytes(rgb) * side
    raw = zlib.compress(row * side)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


class TileServer:
    """Answers /{z}/{x}/{y}.png with a blue or orange tile (CORS allowed), recording each."""

    def __init__(self) -> None:
        self.asked: list[tuple[int, int, int]] = []
        tiles = (_png(TILE_RGB), _png(ODD_RGB))
        asked = self.asked

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = self.path.removesuffix(".png").strip("/").split("/")
                if len(parts) != 3 or not all(p.isdigit() for p in parts):
                    self.send_error(404)
                    return
                z, x, y = (int(p) for p in parts)
                asked.append((z, x, y))
                tile = tiles[(x + y) % 2]
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(tile)))
                self.send_header("Access-Control-Allow-Origin", "*")
                self.end_headers()
                self.wfile.write(tile)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def template(self) -> str:
        return f"http://127.0.0.1:{self.port}/{{z}}/{{x}}/{{y}}.png"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def tiles() -> Iterator[TileServer]:
    server = TileServer()
    yield server
    server.close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


MAP = f"""
import tidal as st
st.map({{"lat": [0.0, 20.0], "lon": [0.0, 30.0]}}, zoom=2, size=300000, color="{POINT}",
       height=300)
"""

CENTRED = f"""
import tidal as st
st.map({{"lat": [0.0], "lon": [0.0]}}, zoom=2, size=300000, color="{POINT}", height=300)
"""

PIXELS = """([r, g, b]) => {
  const c = document.querySelector('.map-canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i] === r && d[i + 1] === g && d[i + 2] === b) n++;
  return n;
}"""
GREEN = [0, 255, 0]


def _view_tiles(width: float, height: float, zoom: int = 2) -> set[tuple[int, int, int]]:
    """The tiles a map centred on (0, 0) at ``zoom`` shows in a width x height canvas."""
    n = 2**zoom
    centre = 128 * 2**zoom  # (0, 0) in world pixels at this zoom
    left, top = (centre - width / 2) / 256, (centre - height / 2) / 256
    return {
        (zoom, x % n, y)
        for x in range(math.floor(left), math.ceil(left + width / 256))
        for y in range(max(0, math.floor(top)), min(n, math.ceil(top + height / 256)))
    }


def test_a_map_requests_the_tiles_of_its_view_and_draws_them_under_its_points(open_app, tiles):
    app = open_app(CENTRED, map__tileUrl=tiles.template, map__tileAttribution="© Test tiles")
    violations = _watch_csp(app)
    # every tile of the view has arrived: the canvas is tiles but for the point
    app.page.wait_for_function(
        f"""() => {{
          const c = document.querySelector('.map-canvas');
          const n = ({PIXELS})({list(TILE_RGB)}) + ({PIXELS})({list(ODD_RGB)});
          return n > c.width * c.height * 0.95;
        }}"""
    )
    app.page.wait_for_function(f"() => ({PIXELS})({GREEN}) > 30")
    width, height, total = app.page.evaluate(
        "() => { const c = document.querySelector('.map-canvas'); "
        "return [c.clientWidth, c.clientHeight, c.width * c.height]; }"
    )
    # the points sit on the tiles: the whole canvas is tiles but for them
    blue = app.page.evaluate(f"() => ({PIXELS})({list(TILE_RGB)})")
    orange = app.page.evaluate(f"() => ({PIXELS})({list(ODD_RGB)})")
    green = app.page.evaluate(f"() => ({PIXELS})({GREEN})")
    assert blue + orange + green > total * 0.95 and min(blue, orange) > total * 0.2
    # (0, 0) is the corner where tiles 2/1/1 (up left), 2/2/1, 2/1/2 and 2/2/2 meet
    at = "([x, y]) => [...document.querySelector('.map-canvas').getContext('2d')"
    at += ".getImageData(x * devicePixelRatio, y * devicePixelRatio, 1, 1).data].slice(0, 3)"
    cx, cy = width / 2, height / 2
    assert app.page.evaluate(at, [cx - 20, cy - 20]) == list(TILE_RGB)  # 2/1/1: even
    assert app.page.evaluate(at, [cx + 20, cy - 20]) == list(ODD_RGB)  # 2/2/1
    assert app.page.evaluate(at, [cx - 20, cy + 20]) == list(ODD_RGB)  # 2/1/2
    assert app.page.evaluate(at, [cx + 20, cy + 20]) == list(TILE_RGB)  # 2/2/2
    # the tiles of the view, at the map's zoom (an earlier layout may have asked for a few more)
    assert _view_tiles(width, height) <= set(tiles.asked)
    assert {z for z, _, _ in tiles.asked} == {2}
    expect(app.page.locator(".map-note")).to_have_text("© Test tiles")
    assert violations == [] and not app.console_errors


def test_with_tiles_nobody_serves_the_points_draw_on_the_plain_base_with_one_notice(open_app):
    template = f"http://127.0.0.1:{_closed_port()}/{{z}}/{{x}}/{{y}}.png"
    app = open_app(MAP, map__tileUrl=template)
    app.page.wait_for_function(f"() => ({PIXELS})({GREEN}) > 30")
    note = app.page.locator(".map-note")
    expect(note).to_contain_text("map tiles could not be loaded from http://127.0.0.1:")
    # panning asks for more tiles, which fail too: still the one notice, and the points
    canvas = app.page.locator(".map-canvas")
    box = canvas.bounding_box()
    assert box is not None
    app.page.mouse.move(box["x"] + 200, box["y"] + 150)
    app.page.mouse.down()
    app.page.mouse.move(box["x"] + 500, box["y"] + 200, steps=5)
    app.page.mouse.up()
    app.page.wait_for_timeout(300)
    app.page.wait_for_function(f"() => ({PIXELS})({GREEN}) > 30")
    assert note.count() == 1
    assert app.page.get_by_text("could not be loaded").count() == 1
    assert app.page.evaluate(f"() => ({PIXELS})({list(TILE_RGB)})") == 0
    assert app.page.evaluate(f"() => ({PIXELS})({list(ODD_RGB)})") == 0


def test_a_map_without_tiles_fetches_none_and_says_so(open_app, tiles):
    app = open_app(MAP)
    requests: list[str] = []
    app.page.on("request", lambda r: requests.append(r.url))
    app.page.reload()
    app.idle()
    app.page.wait_for_function(f"() => ({PIXELS})({GREEN}) > 30")
    expect(app.page.locator(".map-note")).to_contain_text("no map tiles are configured")
    assert tiles.asked == [] and all(u.startswith(app.url) for u in requests)


DECK = """
import pydeck as pdk
import tidal as st
layer = pdk.Layer("ScatterplotLayer", data=[{"lon": 0.0, "lat": 0.0}], id="pts",
                  get_position="[lon, lat]", get_radius=300000, get_fill_color=[0, 255, 0])
st.pydeck_chart(pdk.Deck(layers=[layer], initial_view_state=pdk.ViewState(
    latitude=0, longitude=0, zoom=2)), height=300)
"""


def _deck_pixels(app: Any, rgb: tuple[int, int, int]) -> int:
    shot = Image.open(io.BytesIO(app.page.locator(".deck-box").screenshot())).convert("RGB")
    raw = shot.tobytes()
    return sum(
        1 for i in range(0, len(raw), 3) if all(abs(raw[i + k] - rgb[k]) <= 8 for k in range(3))
    )


def test_a_pydeck_map_draws_the_tiles_under_its_layers(open_app, tiles):
    app = open_app(DECK, map__tileUrl=tiles.template, map__tileAttribution="© Test tiles")
    violations = _watch_csp(app)
    app.page.wait_for_function(
        "() => Number(document.querySelector('.deck-box')?.dataset.drawn) > 0"
    )
    for _ in range(100):  # tiles arrive after the first frame: up to 10 s
        if _deck_pixels(app, TILE_RGB) + _deck_pixels(app, ODD_RGB) >= 40000:
            break
        app.page.wait_for_timeout(100)
    assert min(_deck_pixels(app, TILE_RGB), _deck_pixels(app, ODD_RGB)) >= 10000
    assert _deck_pixels(app, (0, 255, 0)) > 30
    assert tiles.asked and {z for z, _, _ in tiles.asked} <= {1, 2, 3}
    assert all(0 <= x < 2**z and 0 <= y < 2**z for z, x, y in tiles.asked)
    expect(app.page.locator(".deck-el .map-note")).to_have_text("© Test tiles")
    assert violations == [] and not app.console_errors


def test_a_pydeck_map_with_tiles_nobody_serves_says_so_once(open_app):
    template = f"http://127.0.0.1:{_closed_port()}/{{z}}/{{x}}/{{y}}.png"
    app = open_app(DECK, map__tileUrl=template)
    app.page.wait_for_function(
        "() => Number(document.querySelector('.deck-box')?.dataset.drawn) > 0"
    )
    expect(app.page.locator(".deck-el .map-note")).to_contain_text("could not be loaded")
    assert app.page.get_by_text("could not be loaded").count() == 1
    assert _deck_pixels(app, (0, 255, 0)) > 30
