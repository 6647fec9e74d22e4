"""Clicks resent right after a reconnect: they wait for the redraw, never refused (issue 14)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from websockets.sync.client import connect

from tests.fixtures.server import COUNTER, count_of


def _recv_until_end(ws: Any, ack: int) -> list[dict[str, Any]]:
    got: list[dict[str, Any]] = []
    while True:
        msg = json.loads(ws.recv(timeout=10))
        got.append(msg)
        if msg["t"] == "end" and msg["status"] in ("ok", "error") and msg["ack"] >= ack:
            return got


def test_a_click_resent_at_once_after_each_of_100_reconnects_counts_100(serve_app, tmp_path):
    # A durable store, and the session hibernated between reconnects: each hello restores it
    # from the store, so no widget is registered until the redraw has run.
    db = Path(tmp_path) / "sessions.db"
    app = "import time\ntime.sleep(0.01)  # the redraw is under way when the click arrives\n"
    server = serve_app(app + COUNTER, session__store=f"sqlite:///{db}")
    first = server.client(nonce="page")
    button = first.widget("Increment")["id"]
    token = first.token
    first.close()
    errors: list[str] = []
    for seq in range(1, 101):
        deadline = time.monotonic() + 5
        # the last connection's close is seen and its run has ended
        while any(s.connected or s.busy for s in server.sessions.all()):
            assert time.monotonic() < deadline, "the session never went idle"
            time.sleep(0.002)
        assert server.sessions.expire(now=time.monotonic() + 3600)  # hibernated
        with connect(server.ws_url, open_timeout=5) as ws:
            # as a browser does: hello, then on welcome the click it never saw acknowledged
            ws.send(json.dumps({"t": "hello", "v": 1, "nonce": "page", "token": token}))
            assert json.loads(ws.recv(timeout=10))["t"] == "welcome"
            ws.send(json.dumps({"t": "change", "seq": seq, "id": button, "v": True}))
            got = _recv_until_end(ws, seq)
        errors += [m["message"] for m in got if m["t"] == "error"]
    assert errors == []
    last = server.client(token=token, nonce="page")
    assert count_of(last) == 100
