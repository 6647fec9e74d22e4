"""Spec section 7: serializable session state (rules SER-1 .. SER-6).

Each test replays ``exp_ser.py`` (``shared/spec/experiments``) and asserts what Streamlit 1.67
printed. The option is given here as ``RunOptions(enforce_serializable=True)``; reading it from
``config.toml`` and the command line is tested with the configuration.
"""

from __future__ import annotations

import pytest

from tests.conftest import AppTestFactory
from tidal.context import RunOptions
from tidal.errors import StreamlitAPIException, UnserializableSessionStateError
from tidal.testing import AppTest

ENFORCE = RunOptions(enforce_serializable=True)


def cannot_serialize(type_repr: str, key: str) -> str:
    return (
        f"Cannot serialize the value (of type `{type_repr}`) of '{key}' in st.session_state. "
        "Streamlit has been configured to use [pickle](https://docs.python.org/3/library/"
        "pickle.html) to serialize session_state values. Please convert the value to a "
        "pickle-serializable type. To learn more about this behavior, see [our docs]"
        "(https://docs.streamlit.io/knowledge-base/using-streamlit/serializable-session-state)."
    )


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


LAMBDA_APP = """
    import tidal as st
    st.session_state.ok = 1
    st.text("before lambda")
    st.session_state.f = lambda x: x
    st.text("after lambda assignment (still same run)")
"""


def test_SER_1_the_check_is_off_by_default_and_on_with_the_run_option(
    app_test: AppTestFactory,
) -> None:
    at = app_test(LAMBDA_APP).run()
    assert len(at.exception) == 0
    at = app_test(LAMBDA_APP, options=ENFORCE).run()
    assert at.exception[0].value == cannot_serialize("<class 'function'>", "f")


def test_SER_2_the_streamlit_environment_variable_does_not_enable_it_under_apptest(
    app_test: AppTestFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STREAMLIT_RUNNER_ENFORCE_SERIALIZABLE_SESSION_STATE", "true")
    at = app_test(LAMBDA_APP).run()
    assert texts(at) == ["before lambda", "after lambda assignment (still same run)"]
    assert len(at.exception) == 0


def test_SER_3_the_check_runs_once_at_the_end_of_the_script_body(
    app_test: AppTestFactory,
) -> None:
    at = app_test(LAMBDA_APP, options=ENFORCE).run()
    assert [c.type for c in at.main.children.values()] == ["text", "text", "exception"]
    assert texts(at) == ["before lambda", "after lambda assignment (still same run)"]
    assert set(at.session_state.keys()) == {"ok", "f"}

    at = app_test(
        """
        import tidal as st
        try:
            st.session_state.f = lambda x: x
        except Exception as e:
            st.text(f"caught {type(e).__name__}")
        st.text(f"f in state: {'f' in st.session_state}")
        """,
        options=ENFORCE,
    ).run()
    assert texts(at) == ["f in state: True"]
    assert at.exception[0].value == cannot_serialize("<class 'function'>", "f")

    # no check in a run that raises earlier, stops or reruns
    for ending in ('raise RuntimeError("first")', "st.stop()"):
        at = app_test(
            f"import tidal as st\nst.session_state.f = lambda x: x\n{ending}\n", options=ENFORCE
        ).run()
        assert [e.value for e in at.exception] == (["first"] if "raise" in ending else [])
    at = app_test(
        """
        import tidal as st
        st.session_state.setdefault("runs", 0)
        st.session_state.runs += 1
        if st.session_state.runs == 1:
            st.session_state.f = lambda x: x
            st.rerun()
        del st.session_state.f
        st.text("fixed before the end")
        """,
        options=ENFORCE,
    ).run()
    assert texts(at) == ["fixed before the end"]
    assert len(at.exception) == 0


def test_SER_4_every_visible_value_must_pickle(app_test: AppTestFactory) -> None:
    at = app_test(
        """
        import tidal as st
        import threading
        st.session_state.lock = threading.Lock()
        st.text("after lock")
        """,
        options=ENFORCE,
    ).run()
    exc = at.exception[0]
    assert exc.value == cannot_serialize("<class '_thread.lock'>", "lock")
    assert exc.is_markdown is True
    assert exc.exception_type == "UnserializableSessionStateError"
    assert issubclass(UnserializableSessionStateError, StreamlitAPIException)
    assert texts(at) == ["after lock"]

    at = app_test(
        """
        import tidal as st
        st.number_input("n", key="n")
        st.text("widget ok")
        """,
        options=ENFORCE,
    ).run()
    assert texts(at) == ["widget ok"]
    assert len(at.exception) == 0
    assert at.session_state.to_dict() == {"n": 0.0}


def test_SER_5_the_bad_value_stays_and_every_later_run_fails_in_place_mutation_included(
    app_test: AppTestFactory,
) -> None:
    at = app_test(
        """
        import tidal as st
        st.session_state.setdefault("box", [])
        if st.session_state.get("add"):
            st.session_state.box.append(lambda: 1)
        st.text(f"len box={len(st.session_state.box)}")
        """,
        options=ENFORCE,
    ).run()
    assert texts(at) == ["len box=0"]
    assert len(at.exception) == 0
    at.session_state.add = True
    at.run()
    assert texts(at) == ["len box=1"]
    assert at.exception[0].value == cannot_serialize("<class 'list'>", "box")
    at.session_state.add = False
    at.run()
    assert texts(at) == ["len box=1"]
    assert at.exception[0].value == cannot_serialize("<class 'list'>", "box")
    assert len(at.session_state.box) == 1

    at = app_test(
        """
        import tidal as st
        st.session_state.box = []
        st.session_state.box.append(lambda: 1)
        st.text("appended in place")
        st.session_state.other = 1
        st.text("after another assignment")
        """,
        options=ENFORCE,
    ).run()
    assert texts(at) == ["appended in place", "after another assignment"]
    assert at.exception[0].value == cannot_serialize("<class 'list'>", "box")


def test_SER_6_a_failed_check_counts_as_an_exception_so_cleanup_is_skipped(
    app_test: AppTestFactory,
) -> None:
    at = app_test(
        """
        import tidal as st
        mode = st.session_state.get("mode", "show")
        if mode == "fix":
            st.session_state.pop("f", None)
        st.text(f"b={st.session_state.get('b', '<missing>')!r}")
        if mode == "show":
            st.text_input("b", key="b")
        if mode == "bad":
            st.session_state.f = lambda: 1
        """,
        options=ENFORCE,
    ).run()
    at.text_input(key="b").input("bee").run()
    at.session_state.mode = "bad"
    at.run()
    assert at.exception[0].value == cannot_serialize("<class 'function'>", "f")
    at.session_state.mode = "fix"
    at.run()
    assert len(at.exception) == 0
    assert texts(at) == ["b='bee'"]
    at.run()
    assert texts(at) == ["b='<missing>'"]


def test_SER_1_apptest_reads_the_option_from_the_apps_streamlit_config_toml(tmp_path):
    app = tmp_path / "app.py"
    app.write_text("import tidal as st\nst.session_state.f = lambda: 1\nst.text('ran')\n")
    assert not AppTest.from_file(str(app)).run().exception
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "config.toml").write_text(
        "[runner]\nenforceSerializableSessionState = true\n"
    )
    at = AppTest.from_file(str(app)).run()
    assert at.exception[0].exception_type == "UnserializableSessionStateError"
    (tmp_path / ".tidal").mkdir()
    (tmp_path / ".tidal" / "config.toml").write_text(
        "[runner]\nenforceSerializableSessionState = false\n"
    )
    assert not AppTest.from_file(str(app)).run().exception  # a .tidal file wins
