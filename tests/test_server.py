"""The server over a real socket: sessions, ordering, validation, isolation (no browser)."""

from __future__ import annotations

import json
import re
import time
import urllib.request

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from tests.fixtures.server import COUNTER, count_of
from tidal.querystring import MAX_QUERY_CHARS


def test_health_page_and_static_files_are_served(serve_app):
    server = serve_app(COUNTER)
    assert urllib.request.urlopen(server.url + "/healthz").read() == b"ok"
    assert urllib.request.urlopen(server.url + "/readyz").read() == b"ready"
    page = urllib.request.urlopen(server.url + "/").read().decode()
    assert "/static/app.js" in page
    other = urllib.request.urlopen(server.url + "/some/page").read().decode()
    nonce = re.compile(r'nonce="[\w-]+"')
    assert nonce.sub("", other) == nonce.sub("", page)  # the same page, with its own nonce
    assert urllib.request.urlopen(server.url + "/static/app.js").status == 200


def test_a_click_reruns_the_script_and_sends_only_what_changed(serve_app):
    client = serve_app(COUNTER).client()
    assert count_of(client) == 0
    before = client.bytes_in
    client.click("Increment")
    assert count_of(client) == 1
    assert client.bytes_in - before < 400  # one markdown element changed, nothing else


def test_three_clicks_count_three_and_a_rerun_keeps_it(serve_app):
    client = serve_app(COUNTER).client()
    for _ in range(3):
        client.click("Increment")
    client.event({"t": "rerun"})
    assert count_of(client) == 3


def test_two_tabs_have_separate_state(serve_app):
    server = serve_app(COUNTER)
    a, b = server.client(nonce="a"), server.client(nonce="b")
    a.click("Increment")
    a.click("Increment")
    b.click("Increment")
    assert (count_of(a), count_of(b)) == (2, 1)
    assert a.token != b.token


def test_a_refresh_resumes_the_same_session(serve_app):
    server = serve_app(COUNTER)
    first = server.client(nonce="load-1")
    first.click("Increment")
    first.click("Increment")
    first.close()
    again = server.client(token=first.token, nonce="load-2")
    assert again.resumed and again.token == first.token
    assert count_of(again) == 2
    again.click("Increment")
    assert count_of(again) == 3


def test_a_duplicated_tab_gets_a_fresh_session(serve_app):
    server = serve_app(COUNTER)
    original = server.client(nonce="tab-1")
    original.click("Increment")
    duplicate = server.client(token=original.token, nonce="tab-2")
    assert not duplicate.resumed and duplicate.token != original.token
    assert count_of(duplicate) == 0
    original.click("Increment")
    assert count_of(original) == 2


def test_a_burst_of_20_clicks_counts_exactly_20(serve_app):
    client = serve_app(COUNTER).client()
    last = 0
    for _ in range(20):
        last = client.click("Increment", wait=False)
    client.wait_end(last)
    assert count_of(client) == 20


def test_value_changes_merge_but_clicks_never_do(serve_app):
    client = serve_app(
        """
        import time
        import tidal as st
        st.session_state.setdefault("runs", 0)
        st.session_state.setdefault("clicks", 0)
        st.session_state.runs += 1
        name = st.text_input("Name", key="name")
        if st.button("Go"):
            st.session_state.clicks += 1
        time.sleep(0.05)
        st.text(f"name={name} clicks={st.session_state.clicks}")
        """
    ).client()
    for ch in "abcdef":
        client.change("Name", ch, wait=False)
    client.click("Go", wait=False)
    last = client.click("Go", wait=False)
    client.wait_end(last)
    assert "name=f clicks=2" in client.texts()


def test_an_event_during_a_run_interrupts_it_at_the_next_st_call(serve_app):
    client = serve_app(
        """
        import time
        import tidal as st
        q = st.text_input("Query", key="q")
        for i in range(200):
            st.text(f"{q}:{i}")
            time.sleep(0.01)
        """
    ).client()
    client.change("Query", "first", wait=False)
    time.sleep(0.1)
    started = time.monotonic()
    last = client.change("Query", "second", wait=False)
    client.wait_end(last, timeout=10)
    elapsed = time.monotonic() - started
    assert "second:199" in client.texts()
    assert not any(t.startswith("first:") for t in client.texts())
    assert elapsed < 3.5  # the "first" run did not run to its end before "second" started


def test_a_script_exception_is_shown_and_the_session_lives_on(serve_app):
    client = serve_app(
        """
        import tidal as st
        st.session_state.setdefault("n", 0)
        if st.button("Boom"):
            st.session_state.n += 1
            1 / 0
        st.write("n is", st.session_state.n)
        """
    ).client()
    client.click("Boom")
    exc = [e for e in client.elements() if e["t"] == "exception"]
    assert exc and exc[0]["p"]["type"] == "ZeroDivisionError"
    client.event({"t": "rerun"})
    assert not [e for e in client.elements() if e["t"] == "exception"]
    assert "n is `1`" in client.texts()


def test_a_stuck_script_does_not_block_other_sessions(serve_app):
    server = serve_app(
        """
        import tidal as st
        if st.button("Hang"):
            while True:
                pass
        st.write("alive")
        """
    )
    stuck = server.client(nonce="s")
    stuck.click("Hang", wait=False)
    time.sleep(0.05)
    other = server.client(nonce="o")
    assert "alive" in other.texts()


def test_malformed_and_unknown_messages_are_refused_without_closing(serve_app):
    client = serve_app(COUNTER).client()
    client.ws.send("not json")
    client.ws.send(json.dumps({"t": "launch_missiles"}))
    client.event({"t": "change", "id": "$$ID-nope-None", "v": True})
    assert any("malformed" in e for e in client.errors)
    assert any("unknown widget id" in e for e in client.errors)
    client.click("Increment")
    assert count_of(client) == 1


def test_values_that_do_not_fit_the_widget_never_reach_session_state(serve_app):
    client = serve_app(
        """
        import tidal as st
        n = st.number_input("N", min_value=0, max_value=10, key="n")
        c = st.checkbox("C", key="c")
        s = st.selectbox("S", ["a", "b"], key="s")
        st.text(f"n={n!r} c={c!r} s={s!r}")
        """
    ).client()
    client.change("N", 11)
    client.change("N", "5")
    client.change("C", "yes")
    client.change("S", 7)
    assert "n=0 c=False s='a'" in client.texts()
    assert len(client.errors) == 4
    client.change("N", 7)
    client.change("S", 1)
    assert "n=7 c=False s='b'" in client.texts()


def test_a_wrong_protocol_version_is_a_fatal_error(serve_app):
    server = serve_app(COUNTER)
    with connect(server.ws_url) as ws:
        ws.send(json.dumps({"t": "hello", "v": 999, "nonce": "x"}))
        msg = json.loads(ws.recv(timeout=5))
    assert msg["t"] == "error" and msg["fatal"] and "Reload the page" in msg["message"]


def test_a_websocket_from_a_foreign_origin_is_refused(serve_app):
    server = serve_app(COUNTER)
    with (
        pytest.raises((InvalidStatus, ConnectionClosed)),
        connect(server.ws_url, origin="http://evil.example") as ws,  # type: ignore[arg-type]
    ):
        ws.send(json.dumps({"t": "hello", "v": 1, "nonce": "x"}))
        ws.recv(timeout=5)


def test_disconnected_sessions_expire_after_the_ttl(serve_app):
    server = serve_app(COUNTER, session__ttl="0.3")
    client = server.client()
    assert server.sessions.get(client.token) is not None
    started = time.monotonic()  # before the close: the server's clock starts when it sees it
    client.close()
    while server.sessions.get(client.token) is not None:  # the server's housekeeping
        assert time.monotonic() - started < 5, "the session never expired"
        time.sleep(0.01)
    assert time.monotonic() - started >= 0.3
    again = server.client(token=client.token, nonce="later")
    assert not again.resumed and again.token != client.token


def test_a_slow_script_streams_elements_before_it_ends(serve_app):
    client = serve_app(
        """
        import time
        import tidal as st
        st.button("Again")
        st.text("early")
        time.sleep(0.5)
        st.text("late")
        """
    ).client()
    seq = client.click("Again", wait=False)
    saw_early_before_end = False
    while True:
        msg = client.recv()
        if msg["t"] == "delta" and any(
            op["o"] == "set" and op["e"]["p"].get("body") == "early" for op in msg["ops"]
        ):
            saw_early_before_end = True
        if msg["t"] == "end" and msg["ack"] >= seq and msg["status"] == "ok":
            break
    # "early" is unchanged from the first run, so it is not re-sent; the first run streams it
    assert "late" in client.texts()
    assert not saw_early_before_end  # equal elements are never re-sent


def test_the_first_run_streams_while_the_script_sleeps(serve_app):
    server = serve_app(
        """
        import time
        import tidal as st
        st.text("early")
        time.sleep(0.5)
        st.text("late")
        """
    )
    with connect(server.ws_url) as ws:
        ws.send(json.dumps({"t": "hello", "v": 1, "nonce": "x"}))
        t0 = time.monotonic()
        first_delta_at = None
        while True:
            msg = json.loads(ws.recv(timeout=5))
            if msg["t"] == "delta" and first_delta_at is None:
                first_delta_at = time.monotonic() - t0
            if msg["t"] == "end":
                break
        total = time.monotonic() - t0
    assert first_delta_at is not None and first_delta_at < 0.3 < total


QUERY_APP = """
import tidal as st
qp = st.query_params
st.text(f"Hello {qp.get('name', 'stranger')} tags={qp.get_all('tag')}")
if st.button("Set"):
    qp["n"] = int(qp.get("n", "0")) + 1
if st.button("Same"):
    qp["name"] = qp["name"]
"""


def test_the_hello_query_is_the_scripts_query_params(serve_app):
    client = serve_app(QUERY_APP).client(query="name=Ada&tag=a&tag=b+c")
    assert "Hello Ada tags=['a', 'b c']" in client.texts()
    assert client.queries == []  # the script changed nothing: the address stays as it is


def test_a_script_that_sets_a_param_sends_the_new_query_string(serve_app):
    client = serve_app(QUERY_APP).client(query="name=Ada")
    seq = client.click("Set")
    assert client.queries == [{"t": "query", "query": "name=Ada&n=1", "ack": seq}]
    client.click("Set")
    assert client.queries[-1]["query"] == "name=Ada&n=2"
    client.click("Same")  # assigning the value it already has changes nothing
    assert len(client.queries) == 2


def test_the_query_message_goes_out_with_the_elements_before_the_run_ends(serve_app):
    server = serve_app(
        """
        import time
        import tidal as st
        st.query_params["step"] = "started"
        st.text("early")
        time.sleep(0.4)
        st.text("late")
        """
    )
    with connect(server.ws_url) as ws:
        ws.send(json.dumps({"t": "hello", "v": 1, "nonce": "x", "query": "a=1"}))
        seen: list[str] = []
        while True:
            msg = json.loads(ws.recv(timeout=5))
            seen.append(msg["t"])
            if msg["t"] == "query":
                assert msg["query"] == "a=1&step=started"
            if msg["t"] == "end":
                break
    assert seen.index("query") < seen.index("delta", seen.index("delta") + 1) < seen.index("end")


def test_a_refresh_takes_the_query_params_from_the_address(serve_app):
    server = serve_app(QUERY_APP)
    first = server.client(nonce="load-1", query="name=Ada")
    first.click("Set")
    first.close()
    again = server.client(token=first.token, nonce="load-2", query="name=Grace&n=7")
    assert again.resumed
    assert "Hello Grace tags=[]" in again.texts()
    again.click("Set")
    assert again.queries[-1]["query"] == "name=Grace&n=8"


def test_navigate_replaces_the_query_params_with_its_query(serve_app):
    server = serve_app(
        """
        import tidal as st

        def home():
            st.text(f"home {st.query_params.to_dict()}")

        def other():
            st.text(f"other {st.query_params.to_dict()}")

        st.navigation([st.Page(home, default=True), st.Page(other, url_path="other")]).run()
        """
    )
    tab = server.client(query="a=1")
    assert tab.texts() == ["home {'a': '1'}"]
    tab.event({"t": "navigate", "page": "other", "query": "embed=true"})
    assert tab.texts() == ["other {}"]  # another page starts without query params
    tab.event({"t": "navigate", "page": "", "query": "a=2"})  # back, to an entry with a query
    assert tab.texts() == ["home {'a': '2'}"]
    assert tab.queries == []


def test_switch_page_clears_the_query_params_and_tells_the_browser(serve_app):
    server = serve_app(
        """
        import tidal as st

        def home():
            if st.button("Go"):
                st.switch_page(second)

        def other():
            st.text(f"second {st.query_params.to_dict()}")

        second = st.Page(other, url_path="second")
        st.navigation([st.Page(home, default=True), second]).run()
        """
    )
    tab = server.client(query="a=1&embed=true")
    seq = tab.click("Go")
    assert tab.texts() == ["second {}"]
    assert tab.queries == [{"t": "query", "query": "embed=true", "ack": seq}]
    assert tab.pages[-1]["switched"] is True


def test_a_query_string_over_the_limit_is_refused(serve_app):
    server = serve_app(QUERY_APP)
    tab = server.client(query="name=Ada")
    tab.event({"t": "navigate", "page": "", "query": "a=" + "x" * MAX_QUERY_CHARS}, wait=False)
    tab.event({"t": "rerun"})  # the socket stays open and the session works
    assert "Hello Ada tags=[]" in tab.texts()
    assert any("query string of 8194 characters exceeds 8192" in e for e in tab.errors)
    with connect(server.ws_url) as ws:
        hello = {"t": "hello", "v": 1, "nonce": "big", "query": "a=" + "x" * MAX_QUERY_CHARS}
        ws.send(json.dumps(hello))
        msg = json.loads(ws.recv(timeout=5))
        assert msg["t"] == "error" and msg["fatal"] is True
        assert "exceeds 8192" in msg["message"]
