"""Security promises of docs/security.md that AppTest and a protocol client can check:
what a crafted address, link or stored row can and cannot make tidal do."""

from __future__ import annotations

import http.client
import importlib
import time

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from tests.fixtures.server import serve_app  # noqa: F401

CRAFTED_PATH = "x`**Session expired**` [log in again](https://evil.example/login) `"


# ----------------------------------------------------------------------------- page not found
def test_an_unknown_page_path_is_shown_as_plain_text_never_as_markdown(serve_app):  # noqa: F811
    server = serve_app("import tidal as st\nst.text('main page')\n")
    tab = server.client(page=CRAFTED_PATH)
    warnings = [e["p"] for e in tab.elements() if e["t"] == "warning"]
    assert warnings == [
        {
            "body": f"Page not found: you have requested page /{CRAFTED_PATH}, but this app "
            "has no such page. Running the app's main page.",
            "icon": None,
            "plain": True,
        }
    ]


# ----------------------------------------------------------------------------- st.page_link
@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.com/x",
        "mailto:someone@example.com",
    ],
)
def test_page_link_refuses_urls_that_are_not_http(app_test, url):
    at = app_test(f"import tidal as st\nst.page_link({url!r}, label='Go')\n").run()
    assert at.exception[0].value.startswith(
        "st.page_link got page=" + repr(url) + ": a link to a URL must start with http:// "
        "or https://"
    )
    assert not at.get("page_link")


@pytest.mark.parametrize("url", ["https://example.com/docs", "HTTP://example.com"])
def test_page_link_accepts_http_and_https_urls(app_test, url):
    at = app_test(f"import tidal as st\nst.page_link({url!r}, label='Docs')\n").run()
    assert not at.exception
    assert at.get("page_link")[0].props["url"] == url
    assert at.get("page_link")[0].props["external"] is True


# ----------------------------------------------------------------------------- tokens, files
def test_session_tokens_are_random_and_long(serve_app):  # noqa: F811
    server = serve_app("import tidal as st\nst.text('hi')\n")
    tokens = {server.client(nonce=f"n{i}").token for i in range(5)}
    assert len(tokens) == 5
    assert all(len(t) >= 32 for t in tokens)  # 24 random bytes, URL-safe base64


@pytest.mark.parametrize(
    "path",
    ["/static/../server.py", "/static/%2e%2e/server.py", "/static/..%2fserver.py"],
)
def test_static_files_never_leave_the_static_folder(serve_app, path):  # noqa: F811
    server = serve_app("import tidal as st\nst.text('hi')\n")
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    assert response.status == 404
    assert b"create_app" not in body


# ----------------------------------------------------------------------------- frames
def test_a_frame_over_the_size_limit_closes_the_connection(serve_app):  # noqa: F811
    tab = serve_app("import tidal as st\nst.text('hi')\n").client()
    with pytest.raises(ConnectionClosed):
        tab.ws.send("x" * ((1 << 20) + 1))
        tab.recv(timeout=5)
    assert tab.ws.close_code in (1008, 1009)


def test_a_client_that_sends_only_garbage_is_disconnected(serve_app):  # noqa: F811
    tab = serve_app("import tidal as st\nst.text('hi')\n").client()
    with pytest.raises(ConnectionClosed):
        for _ in range(100):
            tab.ws.send("not json")
        while True:
            tab.recv(timeout=5)
    assert tab.ws.close_code == 1008
    assert tab.ws.close_reason == "too many bad messages"


def test_a_socket_that_never_says_hello_is_closed(serve_app, monkeypatch):  # noqa: F811
    # the module, not st.connection (the public name shadows it as an attribute of tidal)
    monkeypatch.setattr(importlib.import_module("tidal.connection"), "HELLO_TIMEOUT", 0.3)
    server = serve_app("import tidal as st\nst.text('hi')\n")
    with connect(server.ws_url, open_timeout=5) as ws:
        start = time.monotonic()
        with pytest.raises(ConnectionClosed):
            ws.recv(timeout=5)
        assert time.monotonic() - start < 3
        assert ws.close_code == 4408


def test_a_fast_sender_is_slowed_down_never_dropped(serve_app):  # noqa: F811
    server = serve_app(
        "import tidal as st\nst.session_state.setdefault('n', 0)\nst.session_state.n += 1\n"
        'st.text(f"n={st.session_state.n}")\n',
        session__maxEventsPerSecond="5",
    )
    tab = server.client()
    start = time.monotonic()
    for _ in range(15):
        tab.event({"t": "rerun"}, wait=False)
    tab.wait_end(ack=tab.seq)
    assert time.monotonic() - start >= 1.5  # 15 events at 5 per second
    assert not tab.errors
