"""Rows on demand over a real socket: the `rows` request and its answer (no browser)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from tests.fixtures.server import Client
from tidal.rowserver import find_table

BIG = """
import numpy as np
import pandas as pd
import tidal as st

@st.cache_data
def frame():
    return pd.DataFrame(np.arange(500_000, dtype=float).reshape(100_000, 5), columns=list("abcde"))

if not st.session_state.get("hide"):
    st.dataframe(frame())
st.button("Hide", on_click=lambda: st.session_state.update(hide=True))
st.button("Other")
"""


def grid_props(client: Client) -> dict[str, Any]:
    return next(e["p"] for e in client.elements() if e["t"] == "dataframe")


def ask(client: Client, req: int = 1, **fields: Any) -> dict[str, Any]:
    """Send a rows request; return the answer (a `rows` or an `error` message)."""
    client.send({"t": "rows", "req": req, **fields})
    deadline = time.monotonic() + 10
    while True:
        msg = client.recv(timeout=max(0.01, deadline - time.monotonic()))
        if msg["t"] in ("rows", "error"):
            return msg


def test_a_big_frame_sends_its_size_and_first_rows_but_not_the_rest(serve_app):
    client = serve_app(BIG).client()
    p = grid_props(client)
    assert p["nrows"] == 100_000 and "rows" not in p and len(p["head"]) == 100
    assert p["head"][3] == [3, 15.0, 16.0, 17.0, 18.0, 19.0]
    assert client.bytes_in < 20_000


def test_the_server_answers_a_window_of_rows(serve_app):
    client = serve_app(BIG).client()
    data = grid_props(client)["data"]
    msg = ask(client, data=data, start=50_000, count=3)
    assert msg == {
        "t": "rows",
        "req": 1,
        "data": data,
        "start": 50_000,
        "total": 100_000,
        "pos": [50_000, 50_001, 50_002],
        "rows": [[50_000 + i, *(5.0 * (50_000 + i) + k for k in range(5))] for i in range(3)],
    }


def test_sorting_runs_on_the_whole_frame(serve_app):
    client = serve_app(BIG).client()
    data = grid_props(client)["data"]
    msg = ask(client, data=data, start=0, count=2, sort=[2, False])
    assert msg["pos"] == [99_999, 99_998]
    assert msg["rows"][0][3] == 5.0 * 99_999 + 2


def test_search_filters_the_whole_frame(serve_app):
    client = serve_app(BIG).client()
    data = grid_props(client)["data"]
    msg = ask(client, data=data, start=0, count=10, search="499994")
    assert msg["total"] == 1 and msg["pos"] == [99_998]


def test_rows_out_of_range_get_an_error_and_the_session_lives_on(serve_app):
    client = serve_app(BIG).client()
    data = grid_props(client)["data"]
    assert "past the last row" in ask(client, data=data, start=100_001, count=5)["message"]
    assert "malformed" in ask(client, data=data, start=-1, count=5)["message"]
    assert "malformed" in ask(client, data=data, start=0, count=1_000_000)["message"]
    assert "no column" in ask(client, data=data, start=0, count=1, sort=[9, True])["message"]
    client.click("Other")
    assert ask(client, req=2, data=data, start=0, count=1)["pos"] == [0]


def test_a_table_that_left_the_page_is_gone(serve_app):
    client = serve_app(BIG).client()
    data = grid_props(client)["data"]
    client.click("Hide")
    assert not [e for e in client.elements() if e["t"] == "dataframe"]
    assert "no table" in ask(client, data=data, start=0, count=1)["message"]
    assert "no table" in ask(client, data="0" * 32, start=0, count=1)["message"]


def test_a_click_elsewhere_sends_no_table_bytes(serve_app):
    client = serve_app(BIG).client()
    before = client.bytes_in
    client.click("Other")
    assert client.bytes_in - before < 300


def test_sessions_showing_a_cached_frame_share_one_table(serve_app):
    server = serve_app(BIG)
    a, b = server.client(nonce="a"), server.client(nonce="b")
    data = grid_props(a)["data"]
    assert grid_props(b)["data"] == data
    tables = [find_table(s.writer.client, data) for s in server.sessions.all()]
    assert len(tables) == 2 and tables[0] is tables[1] is not None


def test_the_rows_messages_and_data_elements_are_documented():
    doc = Path("docs/protocol.md").read_text(encoding="utf-8")
    for needle in ("| `rows` | `req`", "| `dataframe` |", "| `data_editor` |", "| `metric` |"):
        assert needle in doc


def test_a_flood_of_rows_requests_is_refused_beyond_a_few_at_once(serve_app):
    client = serve_app(BIG).client()
    data = grid_props(client)["data"]
    for req in range(1, 21):  # uncached searches: each scans the whole frame
        client.send(
            {"t": "rows", "req": req, "data": data, "start": 0, "count": 1, "search": f"x{req}"}
        )
    answers = []
    while len(answers) < 20:
        msg = client.recv()
        if msg["t"] in ("rows", "error"):
            answers.append(msg)
    refused = [a for a in answers if a["t"] == "error" and "still being answered" in a["message"]]
    assert refused and len(refused) < 20
    client.click("Other")  # the session lives on
    assert ask(client, req=99, data=data, start=0, count=1)["pos"] == [0]


EDITOR = """
import tidal as st
edited = st.data_editor([{"name": "Ada", "age": 36}], key="ed", num_rows="dynamic")
st.text(f"state={st.session_state.ed!r}")
"""


def editor_id(client: Client) -> str:
    return next(e["p"]["id"] for e in client.elements() if e["t"] == "data_editor")


def test_an_edit_of_the_wrong_type_gets_an_error_and_is_never_stored(serve_app):
    client = serve_app(EDITOR).client()
    wid = editor_id(client)
    bad = {"edited_rows": {"0": {"age": "old"}}, "added_rows": [], "deleted_rows": []}
    client.event({"t": "change", "id": wid, "v": bad})
    assert any("holds numbers" in e for e in client.errors)
    assert "state={'edited_rows': {}, 'added_rows': [], 'deleted_rows': []}" in client.texts()
    good = {"edited_rows": {"0": {"age": 37}}, "added_rows": [{"name": "Kay"}], "deleted_rows": []}
    client.event({"t": "change", "id": wid, "v": good})
    assert (
        "state={'edited_rows': {0: {'age': 37}}, 'added_rows': [{'name': 'Kay'}], "
        "'deleted_rows': []}" in client.texts()
    )
