"""``client.showErrorDetails``: what the browser sees of an uncaught exception at each of
Streamlit's levels, and that the server log always gets all of it."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from websockets.sync.client import ClientConnection

from tests.fixtures.server import Client, serve_app  # noqa: F401
from tidal.api.uncaught import GENERIC_MESSAGE
from tidal.config import ConfigError, load_config
from tidal.testing import AppTest

FAILING_APP = """
import tidal as st
st.text("before")
SECRET = "password=hun" + "ter2 in /srv/secret/config.ini"  # not in any traceback line
def load_credentials():
    raise ValueError(SECRET)
load_credentials()
"""


def exception_props(tab: Client) -> dict[str, Any]:
    [props] = [e["p"] for e in tab.elements() if e["t"] == "exception"]
    return props


@pytest.mark.parametrize(
    ("level", "shown_type", "message_shown", "stack_shown"),
    [
        ("full", "ValueError", True, True),
        ("true", "ValueError", True, True),
        ("stacktrace", "ValueError", False, True),
        ("false", "ValueError", False, True),
        ("type", "ValueError", False, False),
        ("none", "", False, False),
    ],
)
def test_each_level_shows_what_streamlit_shows(
    serve_app,  # noqa: F811
    tmp_path,
    level,
    shown_type,
    message_shown,
    stack_shown,
):
    server = serve_app(FAILING_APP, client__showErrorDetails=level)
    tab = server.client()
    props = exception_props(tab)
    assert props["type"] == shown_type
    assert (props["message"] != GENERIC_MESSAGE) is message_shown
    assert ("hunter2" in props["message"]) is message_shown
    assert bool(props["stack"]) is stack_shown
    if stack_shown and level in ("stacktrace", "false"):
        assert any('File "app.py", line 6, in load_credentials' in s for s in props["stack"])
    if not message_shown:
        assert props["is_markdown"] is False


@pytest.mark.parametrize("level", ["none", "type", "stacktrace"])
def test_below_full_no_frame_sent_to_the_browser_holds_the_message_or_a_server_path(
    serve_app,  # noqa: F811
    tmp_path,
    monkeypatch,
    level,
):
    server = serve_app(FAILING_APP, client__showErrorDetails=level)
    frames: list[str] = []
    original = ClientConnection.recv

    def recording(self: ClientConnection, *args: Any, **kw: Any) -> Any:
        raw = original(self, *args, **kw)
        frames.append(raw if isinstance(raw, str) else raw.decode())
        return raw

    monkeypatch.setattr(ClientConnection, "recv", recording)
    server.client()
    sent = "\n".join(frames)
    assert "exception" in sent
    assert "hunter2" not in sent
    assert str(tmp_path) not in sent
    assert str(Path(tmp_path).parent) not in sent


def test_the_server_log_always_gets_the_whole_exception(
    serve_app,  # noqa: F811
    caplog,
):
    caplog.set_level(logging.ERROR, logger="tidal.script")
    server = serve_app(FAILING_APP, client__showErrorDetails="none")
    server.client()
    [record] = [r for r in caplog.records if r.name == "tidal.script"]
    assert "ValueError: password=hunter2" in record.getMessage()
    assert record.exc_info is not None
    assert "load_credentials" in caplog.text  # the traceback, with the function's frame


def test_an_exception_the_script_shows_itself_is_never_redacted(serve_app):  # noqa: F811
    server = serve_app(
        """
        import tidal as st
        try:
            1 / 0
        except ZeroDivisionError as e:
            st.exception(e)
        """,
        client__showErrorDetails="none",
    )
    props = exception_props(server.client())
    assert props["type"] == "ZeroDivisionError"
    assert props["message"] == "division by zero"


def test_app_test_shows_every_detail_whatever_the_option(tmp_path, monkeypatch):
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "config.toml").write_text('[client]\nshowErrorDetails = "none"\n')
    script = tmp_path / "app.py"
    script.write_text(FAILING_APP)
    monkeypatch.chdir(tmp_path)
    at = AppTest.from_file(str(script)).run()
    assert at.exception[0].value == "password=hunter2 in /srv/secret/config.ini"
    assert at.exception[0].stack_trace


@pytest.mark.parametrize(
    ("written", "level"),
    [("true", "full"), ("false", "stacktrace"), ('"type"', "type"), ('"none"', "none")],
)
def test_the_option_takes_streamlits_levels_and_its_deprecated_booleans(tmp_path, written, level):
    (tmp_path / ".tidal").mkdir()
    (tmp_path / ".tidal" / "config.toml").write_text(f"[client]\nshowErrorDetails = {written}\n")
    config = load_config(project_dirs=[tmp_path], env={}, home=tmp_path)
    assert config.client.show_error_details == level
    env = {"TIDAL_CLIENT_SHOW_ERROR_DETAILS": "False"}
    assert load_config(env=env, home=tmp_path).client.show_error_details == "stacktrace"


def test_an_unknown_level_is_an_error_that_lists_the_levels(tmp_path):
    with pytest.raises(ConfigError, match='must be one of "full", "stacktrace", "type", "none"'):
        load_config(cli={"client.showErrorDetails": "some"}, env={}, home=tmp_path)
