"""Charts over a real socket (no browser): selections from the browser are checked before they
reach session state, and a rerun that draws the same charts sends no chart bytes."""

from __future__ import annotations

from typing import Any

from tests.fixtures.server import Client

APP = """
import tidal as st
st.button("Other")
data = {"x": [1, 2, 3], "y": [3, 1, 2]}
st.line_chart({"v": list(range(5000))})
vega = st.vega_lite_chart(data, {
    "mark": "point",
    "params": [{"name": "pick", "select": {"type": "point", "fields": ["x"]}},
               {"name": "brush", "select": "interval"}],
    "encoding": {"x": {"field": "x", "type": "quantitative"},
                 "y": {"field": "y", "type": "quantitative"}},
}, key="vega", on_select="rerun")
plot = st.plotly_chart({"data": [{"type": "scatter", "x": [1, 2], "y": [2, 1]}]},
                       key="plot", on_select="rerun", selection_mode="points")
st.text(f"vega={vega.selection!r}")
st.text(f"plot={plot.selection.point_indices!r}")
"""


def chart_id(client: Client, kind: str) -> str:
    return next(e["p"]["id"] for e in client.elements() if e["t"] == kind and e["p"].get("id"))


def texts(client: Client) -> list[str]:
    return client.texts()


def test_a_vega_lite_selection_from_the_browser_reaches_session_state(serve_app):
    client = serve_app(APP).client()
    wid = chart_id(client, "arrow_vega_lite_chart")
    before = client.bytes_in
    client.event({"t": "change", "id": wid, "v": {"pick": [{"x": 2}], "brush": {}}})
    assert "vega={'pick': [{'x': 2}], 'brush': {}}" in texts(client)
    assert client.bytes_in - before < 600  # the new text; no chart is sent back
    client.event({"t": "change", "id": wid, "v": {"pick": {}, "brush": {"x": [1, 2]}}})
    assert "vega={'pick': {}, 'brush': {'x': [1, 2]}}" in texts(client)


BAD_VEGA: list[Any] = [
    {"nope": []},
    {"pick": {"x": 1}},
    {"brush": [1, 2]},
    "pick",
    {"pick": [{"x": {"deep": 1}}]},
]


def test_a_bad_vega_lite_selection_gets_an_error_and_is_never_stored(serve_app):
    client = serve_app(APP).client()
    wid = chart_id(client, "arrow_vega_lite_chart")
    for bad in BAD_VEGA:
        client.errors.clear()
        client.event({"t": "change", "id": wid, "v": bad})
        assert client.errors, bad
        assert "vega={'pick': {}, 'brush': {}}" in texts(client)


def test_a_bad_plotly_selection_gets_an_error_and_a_good_one_is_stored(serve_app):
    client = serve_app(APP).client()
    wid = chart_id(client, "plotly_chart")
    box = {"xref": "x", "yref": "y", "x": [0, 1], "y": [0, 1]}
    client.event({"t": "change", "id": wid, "v": {"box": [box]}})  # box is not a mode here
    assert any("selection_mode" in e for e in client.errors)
    assert "plot=[]" in texts(client)
    client.event(
        {"t": "change", "id": wid, "v": {"points": [{"x": 2, "y": 1}], "point_indices": [1]}}
    )
    assert "plot=[1]" in texts(client)


def test_a_click_elsewhere_sends_no_chart_bytes(serve_app):
    client = serve_app(APP).client()
    before = client.bytes_in
    client.click("Other")
    assert client.bytes_in - before < 400
