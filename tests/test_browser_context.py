"""st.context: what the server learns from the handshake and the browser tells in its hello."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from websockets.sync.client import connect

from tidal.protocol import ProtocolError, decode_inbound

CONTEXT_APP = """
import tidal as st
c = st.context
st.text(repr([c.timezone, c.timezone_offset, c.locale, c.theme.type, c.is_embedded, c.url]))
st.text(repr([c.headers.get("x-team"), c.headers.get_all("x-team"), c.cookies.get("hint")]))
st.text(repr([c.ip_address, "X-Team" in c.headers, len(c.cookies)]))
"""


def test_outside_a_browser_context_is_empty(app_test):
    at = app_test(CONTEXT_APP).run()
    assert at.text[0].value == "[None, None, None, None, False, None]"
    assert at.text[1].value == "[None, [], None]"
    assert at.text[2].value == "[None, False, 0]"


def texts_of(frames: list[dict]) -> list[str]:
    out = []
    for msg in frames:
        for op in msg.get("ops", []):
            if op["o"] == "set" and op["e"]["t"] == "text":
                out.append(op["e"]["p"]["body"])
    return out


def test_the_server_reads_headers_and_cookies_and_the_browser_the_rest(serve_app):
    server = serve_app(textwrap.dedent(CONTEXT_APP))
    url = server.url.replace("http", "ws") + "/ws"
    headers = {"X-Team": "blue", "Cookie": "hint=abc; other=1"}
    with connect(url, additional_headers=headers, origin=server.url) as ws:
        ws.send(
            json.dumps(
                {
                    "t": "hello",
                    "v": 1,
                    "nonce": "n",
                    "url": "http://app.example/?a=1",
                    "timezone": "Europe/Paris",
                    "tz_offset": -60,
                    "locale": "fr-FR",
                    "theme": "dark",
                    "embedded": True,
                }
            )
        )
        frames = []
        while True:
            msg = json.loads(ws.recv(timeout=10))
            frames.append(msg)
            if msg["t"] == "end":
                break
    texts = texts_of(frames)
    assert texts[0] == "['Europe/Paris', -60, 'fr-FR', 'dark', True, 'http://app.example/?a=1']"
    assert texts[1] == "['blue', ['blue'], 'abc']"
    assert texts[2] == "[None, True, 2]"  # a local client has no ip_address, as in Streamlit


@pytest.mark.parametrize(
    "fields",
    [
        {"theme": "purple"},
        {"tz_offset": 100000},
        {"timezone": "x" * 65},
        {"locale": "y" * 65},
        {"url": "z" * 9000},
        {"embedded": "yes"},
    ],
)
def test_a_hello_with_bad_browser_facts_is_refused(fields):
    frame = json.dumps({"t": "hello", "v": 1, "nonce": "n", **fields})
    with pytest.raises(ProtocolError):
        decode_inbound(frame)


def test_the_public_st_context_is_not_the_internal_module():
    import tidal
    from tidal.api.browser_context import ContextProxy
    from tidal.context import get_run  # the internal module stays importable for the code

    assert isinstance(tidal.context, ContextProxy)
    assert callable(get_run)
    public = {n for n in dir(tidal.context) if not n.startswith("_")}
    assert public == {
        "cookies",
        "headers",
        "ip_address",
        "is_embedded",
        "locale",
        "theme",
        "timezone",
        "timezone_offset",
        "url",
    }


def test_st_context_members_are_streamlits():
    import tidal

    spec = json.loads((Path(__file__).parent / "data" / "streamlit-1.67-api.json").read_text())
    members = set(spec["st"]["context"]["members"])
    assert members <= set(dir(tidal.context))
