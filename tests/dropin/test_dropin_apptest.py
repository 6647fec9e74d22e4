"""AppTest itself: constructors, state, secrets, query parameters, pages and timeouts, tested as
a Streamlit user tests them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest, AppTestError


def test_session_state_written_before_the_first_run_is_seen_by_it():
    at = AppTest.from_string(
        'import streamlit as st\nst.text(st.session_state.get("user", "nobody"))\n'
    )
    at.session_state["user"] = "ada"
    at.session_state.theme = "dark"
    at.run()
    assert at.text[0].value == "ada"
    assert at.session_state.theme == "dark"
    assert "user" in at.session_state


def test_secrets_set_before_the_run_are_st_secrets():
    at = AppTest.from_string(
        'import streamlit as st\nst.text(st.secrets["api_key"])\nst.text(st.secrets.db.user)\n'
    )
    at.secrets["api_key"] = "k-123"
    at.secrets["db"] = {"user": "admin"}
    at.run()
    assert at.text.values == ["k-123", "admin"]


def test_query_params_go_in_before_a_run_and_come_back_after():
    at = AppTest.from_string(
        """
import streamlit as st
st.text(st.query_params.get("page", "home"))
st.query_params["seen"] = "yes"
"""
    )
    at.query_params["page"] = "about"
    at.run()
    assert at.text[0].value == "about"
    assert at.query_params["seen"] == "yes"
    assert at.query_params["page"] == "about"


def test_from_function_runs_the_function_with_its_arguments():
    def script(greeting, name="world"):
        import streamlit as st

        st.text(f"{greeting}, {name}")

    at = AppTest.from_function(script, args=("Hi",), kwargs={"name": "Ada"}).run()
    assert at.text[0].value == "Hi, Ada"


def test_a_run_longer_than_its_timeout_fails():
    at = AppTest.from_string("import time\ntime.sleep(2)\n", default_timeout=0.2)
    assert at.default_timeout == 0.2
    with pytest.raises(RuntimeError, match="timed out"):
        at.run()


def test_run_takes_its_own_timeout():
    at = AppTest.from_string(
        "import time\ntime.sleep(0.3)\nimport streamlit as st\nst.text('ok')\n"
    )
    with pytest.raises(RuntimeError):
        at.run(timeout=0.1)
    at = AppTest.from_string(
        "import time\ntime.sleep(0.3)\nimport streamlit as st\nst.text('ok')\n"
    )
    at.run(timeout=5)
    assert at.text[0].value == "ok"


def test_switch_page_runs_another_page_and_keeps_the_session(tmp_path: Path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "app.py").write_text(
        textwrap.dedent(
            """
            import streamlit as st
            st.session_state.setdefault("visits", 0)
            st.session_state.visits += 1
            st.title("Home")
            """
        )
    )
    (tmp_path / "pages" / "settings.py").write_text(
        'import streamlit as st\nst.title("Settings")\nst.text(str(st.query_params.to_dict()))\n'
    )
    at = AppTest.from_file(str(tmp_path / "app.py"))
    at.query_params["tab"] = "1"
    at.run()
    assert at.title[0].value == "Home"
    at.switch_page("pages/settings.py").run()
    assert at.title[0].value == "Settings"
    # at.query_params is sent with every run: AppTest.switch_page keeps it (st.switch_page,
    # in the app, clears it: see below)
    assert at.text[0].value == "{'tab': '1'}"
    assert at.session_state.visits == 1
    at.switch_page("app.py").run()
    assert at.title[0].value == "Home"
    assert at.session_state.visits == 2


def test_switch_page_to_a_file_that_does_not_exist_fails(tmp_path: Path):
    (tmp_path / "app.py").write_text("import streamlit as st\n")
    at = AppTest.from_file(str(tmp_path / "app.py")).run()
    with pytest.raises(ValueError):
        at.switch_page("pages/missing.py")


def test_get_finds_elements_and_blocks_by_type_name():
    at = AppTest.from_string(
        """
import streamlit as st
a, b = st.columns(2)
a.slider("s")
st.tabs(["x", "y"])
"""
    ).run()
    assert len(at.get("slider")) == 1
    assert len(at.get("columns")) == 2
    assert len(at.get("tabs")) == 2
    assert at.get("columns")[0].slider[0].label == "s"


def test_st_switch_page_in_the_app_clears_the_query_params(tmp_path: Path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "app.py").write_text(
        textwrap.dedent(
            """
            import streamlit as st
            if st.button("Go"):
                st.switch_page("pages/other.py")
            """
        )
    )
    (tmp_path / "pages" / "other.py").write_text(
        "import streamlit as st\nst.text(str(st.query_params.to_dict()))\n"
    )
    at = AppTest.from_file(str(tmp_path / "app.py"))
    at.query_params["tab"] = "1"
    at.run()
    at.button[0].click().run()
    assert at.text[0].value == "{}"
    assert at.query_params == {}


USER_AND_CONTEXT = """
import streamlit as st
st.text(repr(st.user.to_dict()))
st.text(repr((st.context.timezone, st.context.locale, st.context.theme.type)))
"""


def test_st_user_is_the_test_users_dict():
    at = AppTest.from_string(USER_AND_CONTEXT).run()
    assert at.text[0].value == "{'email': 'test@example.com'}"
    at.user = {"is_logged_in": True, "name": "Ada"}
    at.run()
    assert at.text[0].value == "{'is_logged_in': True, 'name': 'Ada'}"


def test_st_context_is_what_the_test_says_the_browser_reports():
    at = AppTest.from_string(USER_AND_CONTEXT).run()
    assert at.text[1].value == "(None, None, None)"
    at.context = {"timezone": "Europe/Berlin", "locale": "de-DE", "theme": "dark"}
    at.run()
    assert at.text[1].value == "('Europe/Berlin', 'de-DE', 'dark')"
    at.context = {"bogus": 1}
    with pytest.raises(AppTestError, match="does not support 'bogus'"):
        at.run()


def test_session_state_reads_like_a_dict():
    at = AppTest.from_string(
        'import streamlit as st\nst.session_state.setdefault("a", 1)\nst.session_state.b = 2\n'
    ).run()
    assert at.session_state.get("a") == 1
    assert at.session_state.get("nope", "default") == "default"
    assert dict(at.session_state.items()) == {"a": 1, "b": 2}
    assert sorted(at.session_state.values()) == [1, 2]
    assert sorted(at.session_state.keys()) == ["a", "b"]
    assert len(at.session_state) == 2
    del at.session_state.b
    assert "b" not in at.session_state
    assert at.session_state.to_dict() == {"a": 1}
