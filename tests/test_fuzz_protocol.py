"""A protocol fuzzer against a real server: valid and mutated frames of every message type.

Each example opens a tab on a widget-rich app and sends it a few frames drawn by hypothesis:
well-formed messages with real or made-up widget ids and any JSON values, and mutated ones
(cut, spliced, re-typed, nested deep, not JSON at all). Whatever it sends, the server must not
crash, must answer every frame it refuses with a clear ``error`` (or close with a policy code),
must keep another tab working, and must keep its memory bounded.

The normal run draws ``TIDAL_FUZZ_EXAMPLES`` examples (default 100, derandomized: the same
every run); ``make fuzz`` draws thousands with a random seed.
"""

from __future__ import annotations

import json
import os
import re
import signal
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from tests.fixtures.processes import TidalProcess, free_port
from tests.fixtures.server import Client, count_of
from tidal.protocol import Hello, Inbound, Ping, ProtocolError, decode_inbound

EXAMPLES = int(os.environ.get("TIDAL_FUZZ_EXAMPLES", "100"))
RANDOM = os.environ.get("TIDAL_FUZZ_RANDOM") == "1"
PLACEHOLDER = re.compile(r"\\u0000ID(\d+)")
"""A widget id placeholder (``\x00ID<n>``) as ``json.dumps`` writes it."""
MAX_RSS_GROWTH = 200 << 20
"""Most the server process may grow over the whole fuzz run."""

APP = """
import datetime
import tidal as st

st.session_state.setdefault("count", 0)
if st.button("Increment"):
    st.session_state.count += 1
st.write("Count =", st.session_state.count)
st.checkbox("Check", key="check")
st.toggle("Toggle")
st.radio("Radio", ["a", "b", "c"])
st.selectbox("Select", ["x", "y"], key="select")
st.multiselect("Multi", ["p", "q", "r"], max_selections=2)
st.slider("Slide", 0, 100, 5)
st.slider("Range", 0.0, 1.0, (0.2, 0.8))
st.select_slider("Steps", ["lo", "mid", "hi"], value=("lo", "mid"))
st.number_input("Number", min_value=-5, max_value=5)
st.text_input("Text", max_chars=20)
st.text_area("Area")
st.date_input("Date", datetime.date(2024, 1, 31), min_value=datetime.date(2024, 1, 1))
st.time_input("Time", datetime.time(12, 30))
st.color_picker("Color", "#00ff00")
with st.form("form"):
    st.text_input("In form", key="inform")
    st.form_submit_button("Send")

@st.fragment
def part():
    st.button("Fragment button")

part()
st.query_params.get("q")
"""


class Fuzzed:
    """The server under fuzz (its own process), the widget ids of its page, and a tab that
    must stay usable."""

    def __init__(self, server: TidalProcess) -> None:
        self.server = server
        self.ws_url = f"ws://127.0.0.1:{server.port}/ws"
        self.healthy = Client(self.ws_url, token=None, nonce="healthy")
        self.ids = sorted(e["p"]["id"] for e in self.healthy.elements() if "id" in e["p"])
        self.rss_start = self.rss()

    def rss(self) -> int:
        """The server process's resident memory, bytes."""
        assert self.server.proc is not None
        status = Path(f"/proc/{self.server.proc.pid}/status").read_text()
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        raise AssertionError("no VmRSS in the server's /proc status")

    def alive(self) -> bool:
        return self.server.proc is not None and self.server.proc.poll() is None


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fuzzed]:
    folder = tmp_path_factory.mktemp("fuzz")
    script = folder / "app.py"
    script.write_text(textwrap.dedent(APP))
    # a short ttl: the thousands of tabs of `make fuzz` expire as they go
    server = TidalProcess(script, free_port(), "--session.ttl", "1").start()
    fz = Fuzzed(server)
    yield fz
    mib = 1 << 20
    print(f"\nfuzz: server RSS {fz.rss_start / mib:.1f} MiB -> {fz.rss() / mib:.1f} MiB")
    fz.healthy.close()
    server.kill(signal.SIGTERM)


# ------------------------------------------------------------------------------ strategies
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
seqs = st.integers(min_value=1, max_value=40) | st.integers(min_value=-(2**64), max_value=2**64)


wids = st.integers(0, 63).map(lambda i: f"\x00ID{i}") | st.text(max_size=40)
"""A widget id: one of the page's (a placeholder ``_wire`` fills in) or made up."""
forms = st.just("form") | st.text(max_size=20)
values = st.dictionaries(wids, json_values, max_size=5)

messages = st.one_of(
    st.builds(
        lambda n, t, p, q: {"t": "hello", "v": 1, "nonce": n, "token": t, "page": p, "query": q},
        st.text(max_size=10),
        st.none() | st.text(max_size=40),
        st.text(max_size=20),
        st.text(max_size=40),
    ),
    st.builds(lambda s, i, v: {"t": "change", "seq": s, "id": i, "v": v}, seqs, wids, json_values),
    st.builds(
        lambda s, f, b, v: {"t": "submit", "seq": s, "form": f, "button": b, "values": v},
        seqs,
        forms,
        wids,
        values,
    ),
    st.builds(lambda s, v: {"t": "sync", "seq": s, "values": v}, seqs, values),
    st.builds(lambda s: {"t": "rerun", "seq": s}, seqs),
    st.builds(
        lambda s, p, q: {"t": "navigate", "seq": s, "page": p, "query": q},
        seqs,
        st.text(max_size=30),
        st.text(max_size=60),
    ),
    st.just({"t": "ping"}),
)
"""Well-formed messages of every client type."""


broken: st.SearchStrategy[str | bytes] = st.one_of(
    st.binary(min_size=1, max_size=200).filter(lambda b: not b.strip().startswith(b"{")),
    st.text(min_size=1, max_size=200).filter(lambda t: not t.strip().startswith("{")),
    st.builds(lambda d: "[" * d + "]" * d, st.integers(min_value=65, max_value=200_000)),
    st.builds(
        lambda d: '{"t":"change","seq":1,"id":"x","v":' + "[" * d + "]" * d + "}",
        st.integers(min_value=65, max_value=200_000),
    ),
    st.builds(lambda t: json.dumps({"t": t, "seq": 1}), st.text(max_size=12)).filter(
        lambda f: (
            json.loads(f)["t"]
            not in ("hello", "change", "submit", "sync", "rerun", "navigate", "ping")
        )
    ),
    st.just('{"t":"change","seq":1,"id":"x","v":NaN}'),
    st.just('{"t":"rerun","seq":"1"}'),
)
"""Frames that are no message at all (or one nested too deep)."""


def _mutate(msg: dict[str, Any], where: float, junk: str, how: int) -> str:
    text = json.dumps(msg)
    at = int(where * len(text))
    if how == 0:
        return text[:at] or "{"
    if how == 1:
        return text[:at] + junk + text[at:]
    return text[:at] + junk + text[at + len(junk) :]


mutated = st.builds(
    _mutate,
    messages,
    st.floats(min_value=0, max_value=1),
    st.text(min_size=1, max_size=5),
    st.integers(0, 2),
)
"""A well-formed message's text, cut or spliced: valid or not, the server must cope."""
HELLO = {"t": "hello", "v": 1, "nonce": "fuzz"}
firsts = st.just(HELLO) | st.just(HELLO) | broken | mutated
frame_lists = st.lists(messages | messages | broken | mutated, max_size=6)


# ------------------------------------------------------------------------------ the test
def _wire(frame: dict[str, Any] | str | bytes, ids: list[str]) -> str | bytes:
    """The frame as sent, with the page's widget ids in place of the placeholders."""
    text = json.dumps(frame) if isinstance(frame, dict) else frame
    if isinstance(text, bytes):
        return text
    return PLACEHOLDER.sub(lambda m: ids[int(m.group(1)) % len(ids)], text)


def _decoded(frame: str | bytes) -> Inbound | None:
    """What the server makes of a frame: a message, or None (it refuses the frame)."""
    try:
        return decode_inbound(frame)
    except ProtocolError:
        return None


def _exchange(fz: Fuzzed, wire: list[str | bytes]) -> tuple[list[dict[str, Any]], int | None]:
    """Send the frames on a new connection; return the messages received until the pong of
    the last ping (the close code instead of None if the server closed the connection)."""
    pongs = sum(isinstance(_decoded(f), Ping) for f in wire[1:])
    received: list[dict[str, Any]] = []
    with connect(fz.ws_url, open_timeout=5, max_size=1 << 24, close_timeout=1) as ws:
        try:
            for frame in wire:
                ws.send(frame)
        except ConnectionClosed:
            pass  # closed by the server: what it sent before is still to be read
        deadline = time.monotonic() + 10
        try:
            while sum(m["t"] == "pong" for m in received) < pongs:
                received.append(json.loads(ws.recv(timeout=max(0.01, deadline - time.monotonic()))))
        except ConnectionClosed as closed:
            return received, closed.rcvd.code if closed.rcvd is not None else 1006
    return received, None


# The healthy tab's websocket thread (keepalive pings) may use `random` while hypothesis
# draws an example; that is not the strategies' doing.
@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning")
@settings(
    max_examples=EXAMPLES,
    derandomize=not RANDOM,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(first=firsts, frames=frame_lists)
def test_the_server_survives_any_frames(
    fuzzed: Fuzzed, first: dict[str, Any] | str | bytes, frames: list[Any]
) -> None:
    fz = fuzzed
    wire = [_wire(f, fz.ids) for f in [first, *frames, {"t": "ping"}]]
    received, code = _exchange(fz, wire)

    errors = [m for m in received if m["t"] == "error"]
    for e in errors:  # a refusal says what was refused, in words, never a traceback
        assert isinstance(e["message"], str) and e["message"].strip(), e
        assert "Traceback" not in e["message"]
    greeted = _decoded(wire[0])
    if not (isinstance(greeted, Hello) and greeted.v == 1):
        # anything but a hello first: a fatal error and a policy close
        assert code in (1008, 1009), (code, received)
        assert errors and errors[-1]["fatal"], received
    elif code is None:
        # every frame the server cannot read, and every second hello, got its error
        refused = sum(not isinstance(_decoded(f), Inbound) for f in wire[1:])
        hellos = sum(isinstance(_decoded(f), Hello) for f in wire[1:])
        assert len(errors) >= refused + hellos, (frames, errors)
    else:
        assert code in (1008, 1009), (code, received)  # too many bad messages

    # another tab goes on working, and the server is still serving with bounded memory
    before = count_of(fz.healthy)
    fz.healthy.click("Increment")
    assert count_of(fz.healthy) == before + 1
    assert fz.alive()
    assert fz.rss() - fz.rss_start < MAX_RSS_GROWTH


def test_the_fuzzed_server_still_serves_new_tabs(fuzzed: Fuzzed) -> None:
    assert fuzzed.alive()
    tab = Client(fuzzed.ws_url, token=None, nonce="after")
    assert count_of(tab) == 0
    tab.click("Increment")
    assert count_of(tab) == 1
