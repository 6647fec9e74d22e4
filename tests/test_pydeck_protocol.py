"""st.pydeck_chart over a real socket (no browser): a selection from the browser is checked
before it reaches session state; a bad one gets an error reply and is never stored."""

from __future__ import annotations

from typing import Any

from tests.fixtures.server import Client

APP = """
import tidal as st
deck = {"layers": [{"@@type": "ScatterplotLayer", "id": "pts", "data": [[0, 0], [1, 1]],
                    "getPosition": "@@=[0, 0]", "pickable": True}]}
event = st.pydeck_chart(deck, key="deck", on_select="rerun")
st.text(f"deck={event.selection.indices!r}")
"""


def chart_id(client: Client, kind: str) -> str:
    return next(e["p"]["id"] for e in client.elements() if e["t"] == kind and e["p"].get("id"))


BAD: list[Any] = [
    "pts",
    {"selection": {"indices": {"pts": [0, 1]}, "objects": {"pts": [{}, {}]}}},  # single-object
    {"selection": {"indices": {"pts": [0]}, "objects": {}}},
    {"selection": {"indices": {"pts": [True]}, "objects": {"pts": [{}]}}},
    {"selection": {"indices": {"pts": [0]}, "objects": {"pts": ["row"]}}},
    {"selection": {"indices": [0], "objects": {}}},
    {"selection": {"indices": {}, "objects": {}, "extra": 1}},
]


def test_a_bad_pydeck_selection_gets_an_error_and_a_good_one_is_stored(serve_app):
    client = serve_app(APP).client()
    wid = chart_id(client, "deck_gl_json_chart")
    for bad in BAD:
        client.errors.clear()
        client.event({"t": "change", "id": wid, "v": bad})
        assert client.errors, bad
        assert "deck={}" in client.texts()
    good = {"selection": {"indices": {"pts": [1]}, "objects": {"pts": [{"value": [1, 1]}]}}}
    client.event({"t": "change", "id": wid, "v": good})
    assert "deck={'pts': [1]}" in client.texts()
