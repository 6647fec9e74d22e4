"""One websocket under abuse: bounded pending events and outbox, backpressure, clean closes."""

from __future__ import annotations

import base64
import contextlib
import importlib
import json
import logging
import os
import socket
import struct
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed

from tests.fixtures.server import COUNTER, count_of
from tidal.connection import MAX_OUTBOX_BYTES, READ_PAUSE_BYTES
from tidal.eventqueue import MAX_PENDING_BYTES

FORM_APP = """
import tidal as st
name = st.text_input("Name", key="name")
st.button("Go")
st.write("name:", name)
"""

BIG_APP = """
import tidal as st
st.session_state.setdefault("n", 0)
st.session_state.n += 1
st.button("More")
st.text("x" * 300_000 + f" run {st.session_state.n}")
"""
"""Each run sends a 300 KB element that changes every time."""


def _wait(condition, timeout: float = 10.0, what: str = "the condition") -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


class DeafClient:
    """A websocket client that sends but never reads (tiny receive buffer): the server's
    frames pile up in front of it."""

    def __init__(self, port: int) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.sock.connect(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n".encode()
        )
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        assert head.startswith(b"HTTP/1.1 101"), head

    def send(self, msg: dict[str, Any]) -> None:
        payload = json.dumps(msg).encode()
        mask = os.urandom(4)
        n = len(payload)
        header = bytes([0x81])
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 1 << 16:
            header += bytes([0x80 | 126]) + n.to_bytes(2, "big")
        else:
            header += bytes([0x80 | 127]) + n.to_bytes(8, "big")
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def close(self) -> None:
        self.sock.close()


class UvicornErrors(logging.Handler):
    """Keeps what uvicorn logs at ERROR (its "Exception in ASGI application" tracebacks)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def attach(self) -> None:
        """Listen from now on (after the server started: uvicorn's logging set-up replaces
        its loggers' handlers)."""
        logging.getLogger("uvicorn.error").addHandler(self)


@pytest.fixture
def uvicorn_errors() -> Iterator[UvicornErrors]:
    handler = UvicornErrors()
    yield handler
    logging.getLogger("uvicorn.error").removeHandler(handler)


def test_sync_values_of_unknown_widgets_are_refused_on_arrival(serve_app):
    server = serve_app(FORM_APP)
    client = server.client()
    # new keys every frame, as the attacker of issue 14 did: each sync is refused at once (a
    # sync starts no run), nothing of it is kept, and the refusals count toward the
    # bad-message limit, which closes the connection with its reason
    with pytest.raises(ConnectionClosed) as closed:
        for i in range(200):
            client.seq += 1
            values = {f"$$ID-fake{i}-{j}": "x" * 100 for j in range(50)}
            client.send({"t": "sync", "seq": client.seq, "values": values})
            errors = len(client.errors)
            while len(client.errors) == errors:  # each sync gets its refusal at once
                client.recv(timeout=5)
    assert closed.value.rcvd is not None and closed.value.rcvd.reason == "too many bad messages"
    assert len(client.errors) >= 20
    assert all("50 unknown widget id(s) in a sync" in e for e in client.errors)
    session = server.sessions.get(client.token)
    assert session._runs.events.pending_bytes == 0  # nothing of them is kept
    again = server.client(token=client.token, nonce="n2")
    again.change("Name", "Ada")
    assert "name: Ada" in again.texts()
    again.close()


def test_sync_values_of_known_widgets_join_the_next_run(serve_app):
    client = serve_app(FORM_APP).client()
    client.seq += 1
    client.send({"t": "sync", "seq": client.seq, "values": {client.widget("Name")["id"]: "Bo"}})
    client.click("Go")
    assert "name: Bo" in client.texts()


def test_a_connection_holding_too_many_pending_bytes_is_closed_with_a_reason(serve_app):
    client = serve_app(FORM_APP).client()
    name = client.widget("Name")["id"]
    big = "y" * 900_000
    with pytest.raises(ConnectionClosed):
        for _ in range(2 * MAX_PENDING_BYTES // len(big)):
            client.seq += 1
            client.send({"t": "sync", "seq": client.seq, "values": {name: big}})
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            client.recv(timeout=10)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1008
    assert "bytes of events waiting for a run" in closed.value.rcvd.reason
    assert any("bytes of events waiting for a run" in e for e in client.errors)


def test_a_client_that_stops_reading_is_dropped_and_resumes_from_the_state(serve_app, monkeypatch):
    # the module, not st.connection (the public name shadows it as an attribute of tidal)
    monkeypatch.setattr(importlib.import_module("tidal.connection"), "SEND_TIMEOUT", 1.0)
    server = serve_app(BIG_APP)
    deaf = DeafClient(server.port)
    deaf.send({"t": "hello", "v": 1, "nonce": "page"})
    _wait(lambda: server.sessions.connected_count() == 1, what="the session")
    session = server.sessions.all()[0]
    conn = session.conn_id
    peak, seq, sending, deadline = 0, 0, True, time.monotonic() + 20
    deaf.sock.settimeout(0.05)
    while session.connected:  # reruns, each sending 300 KB the client never reads
        assert time.monotonic() < deadline, "the server never dropped the connection"
        if sending:
            seq += 1
            try:
                deaf.send({"t": "rerun", "seq": seq})
            except OSError:  # the buffers are full: stop (a cut frame is the last one)
                sending = False
        peak = max(peak, conn.outbox_bytes)
        time.sleep(0.002)
    assert conn.dropped is not None
    assert peak <= MAX_OUTBOX_BYTES
    deaf.close()
    session.wait_idle(10)
    runs = session.state["n"]
    # the reconnect redraws the page from the session's state: the last run's output
    again = server.client(token=session.token, nonce="page")
    assert again.resumed
    assert again.texts()[-1].endswith(f" run {runs + 1}")


def test_the_server_stops_reading_from_a_client_that_does_not_read(serve_app, monkeypatch):
    # the module, not st.connection (the public name shadows it as an attribute of tidal)
    connection_module = importlib.import_module("tidal.connection")
    monkeypatch.setattr(connection_module, "SEND_TIMEOUT", 30.0)  # no drop during the test
    server = serve_app(BIG_APP)
    deaf = DeafClient(server.port)
    deaf.send({"t": "hello", "v": 1, "nonce": "page"})
    _wait(lambda: server.sessions.connected_count() == 1, what="the session")
    session = server.sessions.all()[0]
    conn = session.conn_id
    sent = 0
    stop = threading.Event()

    def pump() -> None:  # whole frames, blocking when the buffers are full
        nonlocal sent
        with contextlib.suppress(OSError):
            while not stop.is_set():
                deaf.send({"t": "rerun", "seq": sent + 1})
                sent += 1
                time.sleep(0.002)

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    _wait(lambda: conn.outbox_bytes > READ_PAUSE_BYTES, what="the outbox to pass the mark")
    time.sleep(0.2)
    read = session._intake.seq
    time.sleep(1.0)
    assert session._intake.seq == read  # nothing read while too much waits to go out
    assert sent > read + 50  # though the client kept sending
    stop.set()
    deaf.close()
    thread.join(5)


def test_deeply_nested_json_gets_an_error_and_the_connection_lives(serve_app):
    client = serve_app(COUNTER).client()
    for depth in (100, 5000, 200_000):
        client.ws.send('{"t":"change","seq":1,"id":"x","v":' + "[" * depth + "]" * depth + "}")
        assert client.recv()["t"] == "error"
    assert all("nesting deeper than 64 levels" in e for e in client.errors)
    client.click("Increment")
    assert count_of(client) == 1


def test_a_huge_seq_cannot_wedge_the_connection(serve_app):
    client = serve_app(COUNTER).client()
    button = client.widget("Increment")["id"]
    for seq in (2**53 - 1, 10**30, -1):
        client.send({"t": "change", "seq": seq, "id": button, "v": True})
        assert client.recv()["t"] == "error"
    client.click("Increment")  # seq 1: still the next event
    assert count_of(client) == 1


def test_a_client_closing_mid_send_leaves_no_traceback(serve_app, uvicorn_errors):
    server = serve_app(BIG_APP.replace("300_000", "3_000_000"))
    uvicorn_errors.attach()
    for i in range(5):
        deaf = DeafClient(server.port)  # reads nothing: the server's sends wait for it
        deaf.send({"t": "hello", "v": 1, "nonce": f"n{i}"})
        for seq in range(1, 4):
            deaf.send({"t": "rerun", "seq": seq})
        time.sleep(0.2)
        # gone mid-send: a reset, no close handshake
        deaf.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        deaf.close()
    _wait(lambda: server.sessions.connected_count() == 0, what="every session to disconnect")
    time.sleep(0.2)
    assert [r.getMessage() for r in uvicorn_errors.records] == []


def test_values_the_ui_cannot_produce_are_refused(serve_app):
    client = serve_app(
        """
        import tidal as st
        m = st.multiselect("M", ["a", "b", "c"], key="m")
        r = st.slider("R", 0, 10, (2, 5), key="r")
        s = st.select_slider("S", ["a", "b", "c"], value=("a", "b"), key="s")
        st.text(f"m={m!r} r={r!r} s={s!r}")
        """
    ).client()
    client.change("M", [1, 1])  # an option chosen twice
    client.change("R", [7, 3])  # a reversed range
    client.change("S", [2, 0])
    assert "m=[] r=(2, 5) s=('a', 'b')" in client.texts()
    assert len(client.errors) == 3
    assert "chosen twice" in client.errors[0]
    assert all("low <= high" in e for e in client.errors[1:])
    client.change("M", [2, 0])
    client.change("R", [3, 7])
    client.change("S", [0, 2])
    assert "m=['c', 'a'] r=(3, 7) s=('a', 'c')" in client.texts()


def test_the_outbox_count_returns_to_zero_once_everything_is_sent(serve_app):
    server = serve_app(
        """
        import tidal as st
        st.button("Go")
        for i in range(300):  # many deltas of one run, merged into few frames
            st.text(f"line {i}")
        """
    )
    client = server.client()
    for _ in range(10):
        client.click("Go")
    conn = server.sessions.get(client.token).conn_id
    _wait(lambda: conn.outbox_bytes == 0, timeout=5, what="the outbox count to return to 0")
    assert not conn.outbox
