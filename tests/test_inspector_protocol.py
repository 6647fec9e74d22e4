"""The state inspector over the wire: ``inspect`` / ``inspection``, ``rewind``, ``load_state``
against a real server; only the tab's own session; off beyond localhost unless enabled."""

from __future__ import annotations

import json
from typing import Any

from tests.fixtures.server import COUNTER, Client, count_of

APP = """
import tidal as st
st.session_state.setdefault("secret_note", "x")
show = st.checkbox("Show age", key="show")
if show:
    st.slider("Age", 0, 10, key="age")
"""


def inspection(client: Client) -> dict[str, Any]:
    """The next ``inspection`` message (other messages are applied on the way)."""
    while True:
        msg = client.recv()
        if msg["t"] == "inspection":
            return msg


def keys(msg: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["key"]: row for row in msg["keys"]}


def test_opening_the_inspector_sends_keys_and_timeline_then_one_message_per_run(serve_app):
    server = serve_app(COUNTER)
    client = server.client()
    client.send({"t": "inspect", "open": True})
    first = inspection(client)
    assert first["reset"] is True
    assert keys(first)["count"]["value"] == "0"
    assert keys(first)["count"]["kind"] == "user"
    assert [r["kind"] for r in first["runs"]] == ["page load"]
    client.click("Increment")
    after = inspection(client)
    (run,) = after["runs"]
    assert run["trigger"].startswith("click of ")
    assert run["changed"] == {"count": ["0", "1"]}
    assert "reset" not in after  # only what is new


def test_a_closed_inspector_gets_nothing(serve_app):
    server = serve_app(COUNTER)
    client = server.client()
    client.send({"t": "inspect", "open": True})
    inspection(client)
    client.send({"t": "inspect", "open": False})
    client.click("Increment")
    client.send({"t": "ping"})
    seen = []
    while (msg := client.recv())["t"] != "pong":
        seen.append(msg["t"])
    assert "inspection" not in seen


def test_a_cleaned_up_widget_is_explained_in_the_run(serve_app):
    server = serve_app(APP)
    client = server.client()
    client.send({"t": "inspect", "open": True})
    inspection(client)
    client.change("Show age", True)
    assert keys(inspection(client))["age"]["widget"] == "slider 'Age'"
    client.change("Show age", False)
    run = inspection(client)["runs"][-1]
    assert run["removed"] == {"age": "0"}
    assert run["explanations"] == [
        f"`age` was removed because the widget with key `age` was not drawn in run {run['run']}."
    ]


def test_rewind_puts_back_the_state_after_an_earlier_run_and_reruns(serve_app):
    server = serve_app(COUNTER)
    client = server.client()
    for _ in range(3):
        client.click("Increment")
    assert count_of(client) == 3
    client.event({"t": "rewind", "run": 2})  # the run of the first click
    assert count_of(client) == 1
    assert client.errors == []


def test_export_and_load_state_move_a_session_to_another_tab(serve_app):
    server = serve_app(COUNTER)
    first = server.client(nonce="a")
    first.click("Increment")
    first.click("Increment")
    first.send({"t": "inspect", "open": True, "export": True})
    doc = inspection(first)["doc"]
    assert doc["user"] == {"count": 2}
    other = server.client(nonce="b")
    assert count_of(other) == 0
    other.event({"t": "load_state", "doc": json.loads(json.dumps(doc))})
    assert count_of(other) == 2


def test_a_document_that_is_not_one_is_refused(serve_app):
    server = serve_app(COUNTER)
    client = server.client()
    client.event({"t": "load_state", "doc": {"user": {"count": 5}}})
    assert count_of(client) == 0
    assert client.errors and "Not a tidal session document" in client.errors[0]


def test_the_inspector_shows_only_the_tabs_own_session(serve_app):
    server = serve_app("""
        import tidal as st
        st.session_state.setdefault("mine", st.context.headers.get("x-who", "?"))
        st.text_input("Name", key="name")
    """)
    alice = server.client(nonce="a")
    alice.change("Name", "alice")
    bob = server.client(nonce="b")
    bob.change("Name", "bob")
    alice.send({"t": "inspect", "open": True, "export": True})
    seen = inspection(alice)
    assert keys(seen)["name"]["value"] == "'alice'"
    assert "bob" not in json.dumps(seen)
    # a tab can only rewind its own timeline: bob's runs are not alice's
    bob.send({"t": "inspect", "open": True})
    assert "alice" not in json.dumps(inspection(bob))


def test_secrets_are_never_shown(serve_app, tmp_path):
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text('api_key = "sk-very-secret"\n')
    server = serve_app("""
        import tidal as st
        st.session_state.header = "Bearer " + st.secrets["api_key"]
    """)
    client = server.client()
    client.send({"t": "inspect", "open": True, "export": True})
    seen = inspection(client)
    assert "sk-very-secret" not in json.dumps(seen)
    assert keys(seen)["header"]["value"] == "•••• (secret)"
    assert seen["doc"]["left_out"] == ["header"]


def test_the_inspector_is_off_beyond_localhost(serve_app):
    server = serve_app(COUNTER, server__address="0.0.0.0")
    client = server.client()
    client.send({"t": "inspect", "open": True})
    client.send({"t": "ping"})
    while client.recv()["t"] != "pong":
        pass
    assert client.errors == ["Refused an inspector message: the state inspector is off."]
    client.event({"t": "rewind", "run": 1}, wait=False)
    client.send({"t": "ping"})
    while client.recv()["t"] != "pong":
        pass
    assert len(client.errors) == 2


def test_client_inspector_on_enables_it_beyond_localhost(serve_app):
    server = serve_app(COUNTER, server__address="0.0.0.0", client__inspector="on")
    client = server.client()
    client.send({"t": "inspect", "open": True})
    assert keys(inspection(client))["count"]["value"] == "0"


def test_timed_and_fragment_runs_are_named_in_the_timeline(serve_app):
    server = serve_app("""
        import tidal as st
        st.session_state.setdefault("ticks", 0)
        @st.fragment(run_every=0.2)
        def clock():
            st.session_state.ticks += 1
            st.checkbox("Pause", key="pause")
        clock()
    """)
    client = server.client()
    client.send({"t": "inspect", "open": True})
    seen: list[dict[str, Any]] = []
    while not any(r["kind"] == "timer" for r in seen):
        seen += inspection(client)["runs"]
    timer = next(r for r in seen if r["kind"] == "timer")
    assert timer["fragment"] is not None
    assert timer["changed"]["ticks"][1] == str(int(timer["changed"]["ticks"][0]) + 1)
    client.change("Pause", True)
    runs: list[dict[str, Any]] = []
    while not any(r["kind"] == "change" for r in runs):
        runs += inspection(client)["runs"]
    change = next(r for r in runs if r["kind"] == "change")
    assert change["fragment"] is not None  # the fragment alone reran
    assert change["changed"]["pause"] == ["False", "True"]


def test_a_loaded_value_that_does_not_fit_its_widget_is_left_out(serve_app):
    server = serve_app(APP)
    client = server.client()
    client.change("Show age", True)
    doc = {"format": "tidal-session/1", "user": {}, "widgets": {"age": "old", "show": True}}
    client.event({"t": "load_state", "doc": doc})
    assert client.errors == [
        "Left out of the loaded document: age (values that do not fit their widgets)."
    ]
    assert client.widget("Age")["value"] == 0  # the slider's default, the session runs on
