"""Live reload: editing the app's source offers a rerun (or reruns), and state survives."""

from __future__ import annotations

import time

from tidal.watcher import is_source

APP = """
import tidal as st
st.session_state.setdefault("count", 0)
if st.button("Increment"):
    st.session_state.count += 1
st.write("{greeting}", st.session_state.count)
"""


def wait_for(client, kind: str, timeout: float = 10) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        msg = client.recv(timeout=max(0.01, deadline - time.monotonic()))
        if msg["t"] == kind:
            return msg


def test_only_sources_and_config_count_as_changes():
    assert is_source("/app/app.py") and is_source("/app/pages/2_b.py")
    assert is_source("/app/.streamlit/config.toml")
    assert not is_source("/app/__pycache__/app.cpython-311.pyc")
    assert not is_source("/app/sessions.db") and not is_source("/app/.venv/lib/x.py")


def test_an_edit_offers_a_rerun_that_shows_the_new_code_and_keeps_state(serve_app):
    server = serve_app(APP.format(greeting="Hello"))
    tab = server.client()
    tab.click("Increment")
    tab.click("Increment")
    time.sleep(0.2)  # let the watcher settle on the folder
    server.script.write_text(APP.format(greeting="Bonjour"))
    wait_for(tab, "source_changed")
    assert "Hello `2`" in tab.texts()  # nothing reruns until asked
    tab.event({"t": "rerun"})
    assert "Bonjour `2`" in tab.texts()


def test_run_on_save_reruns_at_once(serve_app):
    server = serve_app(APP.format(greeting="Hello"), server__runOnSave="true")
    tab = server.client()
    tab.click("Increment")
    time.sleep(0.2)
    server.script.write_text(APP.format(greeting="Hola"))
    deadline = time.monotonic() + 10
    while "Hola `1`" not in tab.texts():
        assert time.monotonic() < deadline, tab.texts()
        tab.recv(timeout=max(0.01, deadline - time.monotonic()))


def test_an_edited_helper_module_is_imported_afresh(serve_app):
    server = serve_app(
        """
        import tidal as st
        import helper_mod
        st.write("helper says", helper_mod.WORD)
        """
    )
    helper = server.script.parent / "helper_mod.py"
    helper.write_text("WORD = 'one'\n")
    tab = server.client()
    tab.event({"t": "rerun"})
    assert "helper says one" in tab.texts()
    time.sleep(0.2)
    helper.write_text("WORD = 'two'\n")
    wait_for(tab, "source_changed")
    tab.event({"t": "rerun"})
    assert "helper says two" in tab.texts()
