"""Spec section 9: the ``AppTest`` API (rules AT-1 .. AT-11).

Each test replays ``exp_apptest.py`` / ``exp_apptest2.py`` (``shared/spec/experiments``) against
``tidal.testing.AppTest`` and asserts what Streamlit 1.67's AppTest printed. AT-10 is tested elsewhere: ``at.query_params`` in
``test_spec_qp.py``, ``at.switch_page`` in ``test_pages.py``; ``st.secrets`` does not exist yet.
"""

from __future__ import annotations

import os
import re
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import AppTestFactory
from tidal.testing import AppTest

DOCS = "https://docs.streamlit.io/develop/concepts/architecture/session-state#initialization"


def app_fn(greeting: str = "hi") -> None:
    import tidal as st

    st.title("T")
    st.header("H")
    st.markdown("**md**")
    st.write("w")
    st.text("plain")
    st.caption("cap")
    st.error("err")
    st.warning("warn")
    st.success("ok")
    st.info("inf")
    st.code("x=1")
    c1, c2 = st.columns(2)
    with c1:
        st.number_input("num", key="num", step=1, min_value=0, max_value=3)
    with c2:
        st.selectbox("sel", ["a", "b", "c"], key="sel")
    with st.sidebar:
        st.checkbox("chk", key="chk")
        st.radio("rad", ["x", "y"], key="rad")
    st.multiselect("ms", ["a", "b"], key="ms")
    st.slider("sl", 0, 10, key="sl")
    st.text_area("ta", key="ta")
    with st.expander("exp"):
        st.text("inside expander")
    t1, _t2 = st.tabs(["A", "B"])
    with t1:
        st.text("tab A")
    st.text(f"greeting={greeting}")
    st.button("btn", key="btn")


def full_app() -> AppTest:
    return AppTest.from_function(app_fn, kwargs={"greeting": "hello"}, default_timeout=10).run()


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def test_AT_1_apptest_builds_from_a_string_a_function_or_a_file_and_runs_nothing_yet(
    tmp_path: Path,
) -> None:
    at = AppTest.from_function(app_fn, kwargs={"greeting": "hello"}, default_timeout=10)
    assert len(at.text) == 0
    at.run()
    assert texts(at)[-1] == "greeting=hello"

    def app2(a: int, b: int) -> None:
        import tidal as st

        st.text(f"{a}+{b}")

    assert AppTest.from_function(app2, args=(1, 2)).run().text[0].value == "1+2"

    at = AppTest.from_string("import tidal as st\nst.text('from string')\n", default_timeout=3)
    assert at.default_timeout == 3
    assert len(at.text) == 0
    assert texts(at.run()) == ["from string"]

    script = tmp_path / "app.py"
    script.write_text(
        textwrap.dedent("""
        import tidal as st
        st.text(f"from file {__file__.endswith('app.py')}")
    """)
    )
    # a relative path is resolved against the calling test file
    relative = os.path.relpath(script, Path(__file__).parent)
    at = AppTest.from_file(relative, default_timeout=3)
    assert len(at.text) == 0
    assert texts(at.run()) == ["from file True"]
    with pytest.raises(FileNotFoundError):
        AppTest.from_file("no_such_app.py")


def test_AT_2_run_returns_the_apptest_handles_reruns_and_times_out(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        if "runs" not in st.session_state: st.session_state.runs = 0
        st.session_state.runs += 1
        if st.session_state.runs < 3:
            st.rerun()
        st.text(f"run {st.session_state.runs}")
    """)
    assert at.run() is at
    assert texts(at) == ["run 3"]

    slow = app_test(
        """
        import time
        import tidal as st
        while True:
            time.sleep(0.02)
            st.session_state.get("tick")
        """,
        default_timeout=1,
    )
    with pytest.raises(RuntimeError) as info:
        slow.run()
    assert str(info.value) == "AppTest script run timed out after 1(s)"
    with pytest.raises(RuntimeError, match=re.escape("timed out after 0.2(s)")):
        slow.run(timeout=0.2)


def test_AT_3_element_lists_index_len_and_lookup_by_key() -> None:
    at = full_app()
    assert at.title[0].value == "T"
    assert at.header[0].value == "H"
    assert [m.value for m in at.markdown] == ["**md**", "w"]
    assert texts(at) == ["plain", "inside expander", "tab A", "greeting=hello"]
    assert (at.caption[0].value, at.error[0].value, at.warning[0].value) == ("cap", "err", "warn")
    assert (at.success[0].value, at.info[0].value, at.code[0].value) == ("ok", "inf", "x=1")
    assert len(at.columns) == 2
    assert at.number_input(key="num").value == 0
    assert [type(x).__name__ for x in at.get("number_input")] == ["NumberInput"]
    assert type(at.get_by_key("num")).__name__ == "NumberInput"
    assert len(at.expander) == 1
    assert [t.label for t in at.tabs] == ["A", "B"]
    with pytest.raises(IndexError, match="list index out of range"):
        at.text[100]
    with pytest.raises(KeyError) as info:
        at.number_input(key="nope")
    assert str(info.value) == "'nope'"


def test_AT_4_containers_scope_queries() -> None:
    at = full_app()
    assert at.sidebar.checkbox[0].value is False
    assert len(at.main.checkbox) == 0
    assert at.columns[0].number_input[0].value == 0
    assert at.columns[1].selectbox[0].value == "a"
    assert [t.value for t in at.expander[0].text] == ["inside expander"]
    assert [t.value for t in at.tabs[0].text] == ["tab A"]
    assert len(at.tabs[1].text) == 0


def test_AT_5_exceptions_are_elements_with_message_markdown_flag_stack_and_type(
    app_test: AppTestFactory,
) -> None:
    at = app_test("import tidal as st\nst.text('before')\n1/0\n").run()
    ex = at.exception[0]
    assert ex.value == ex.message == "division by zero"
    assert ex.proto.type == ex.exception_type == "ZeroDivisionError"
    assert ex.is_markdown is False
    assert len(ex.stack_trace) == 1
    assert texts(at) == ["before"]

    at = app_test("""
        import tidal as st
        raise ValueError("bad value")
    """).run()
    (entry,) = at.exception[0].stack_trace
    assert re.fullmatch(
        r'File ".+", line 3, in <module>\n    raise ValueError\("bad value"\)', entry
    )

    at = app_test("""
        import tidal as st
        try:
            1/0
        except Exception as e:
            st.exception(e)
        st.text('continues')
    """).run()
    assert at.exception[0].value == "division by zero"
    assert texts(at) == ["continues"]

    at = app_test("import tidal as st\nst.text_input('x', key='')\n").run()
    assert at.exception[0].is_markdown is True


def test_AT_6_widget_actions_stage_values_for_the_next_run() -> None:
    at = full_app()
    num = at.number_input(key="num")
    assert num.increment() is num
    at.run()
    assert at.number_input(key="num").value == 1
    at.number_input(key="num").increment().increment().increment().run()
    assert at.number_input(key="num").value == 3
    at.number_input(key="num").decrement().run()
    assert at.number_input(key="num").value == 2
    at.selectbox(key="sel").select("c").run()
    assert at.selectbox(key="sel").value == "c"
    at.selectbox(key="sel").select_index(1).run()
    assert at.selectbox(key="sel").value == "b"
    at.checkbox(key="chk").check().run()
    assert at.checkbox(key="chk").value is True
    at.checkbox(key="chk").uncheck().run()
    assert at.checkbox(key="chk").value is False
    at.radio(key="rad").set_value("y").run()
    assert at.radio(key="rad").value == "y"
    at.multiselect(key="ms").select("b").select("a").run()
    assert at.multiselect(key="ms").value == ["b", "a"]
    at.multiselect(key="ms").unselect("b").run()
    assert at.multiselect(key="ms").value == ["a"]
    at.slider(key="sl").set_value(7).run()
    assert at.slider(key="sl").value == 7
    at.text_area(key="ta").input("abc").run()
    assert at.text_area(key="ta").value == "abc"
    assert at.button(key="btn").value is False
    at.button(key="btn").click().run()
    assert at.button(key="btn").value is True
    at.run()
    assert at.button(key="btn").value is False

    at = AppTest.from_string(
        "import tidal as st\nv = st.slider('r', 0, 10, (2, 5), key='r')\nst.text(f'v={v}')\n"
    ).run()
    at.slider(key="r").set_range(3, 8).run()
    assert texts(at) == ["v=(3, 8)"]
    assert at.session_state.to_dict() == {"r": (3, 8)}


COUNTER_APP = """
    import tidal as st
    st.session_state.setdefault("log", [])
    st.number_input("n", key="n", on_change=lambda: st.session_state.log.append(f"cb n={st.session_state.n}"))
    st.button("b", key="b")
    st.text(repr(st.session_state.log))
"""


def test_AT_7_a_staged_value_is_visible_on_the_widget_but_not_in_state_before_run(
    app_test: AppTestFactory,
) -> None:
    at = app_test(COUNTER_APP).run()
    w = at.number_input(key="n")
    w.set_value(9)
    assert w.value == 9
    assert at.session_state["n"] == 0.0
    at.run()
    assert at.session_state["n"] == 9.0
    assert texts(at) == ["['cb n=9.0']"]


def test_AT_8_a_run_after_staged_changes_is_one_interaction(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("log", [])
        st.text_input("a", key="a", on_change=lambda: st.session_state.log.append("a"))
        st.text_input("b", key="b", on_change=lambda: st.session_state.log.append("b"))
        st.text(repr(st.session_state.log))
    """).run()
    at.text_input(key="b").input("1")
    at.text_input(key="a").input("1")
    at.run()
    assert texts(at) == ["['a', 'b']"]
    assert at.text_input(key="a").input("2").run() is at
    assert texts(at) == ["['a', 'b', 'a']"]


def test_AT_9_session_state_can_be_read_and_written_from_the_test(
    app_test: AppTestFactory,
) -> None:
    at = app_test(COUNTER_APP).run()
    at.number_input(key="n").set_value(9).run()
    assert (at.session_state["n"], at.session_state.n, "n" in at.session_state) == (9.0, 9.0, True)
    at.session_state["n"] = 4
    at.run()
    # tidal returns the assigned 4 as is; Streamlit's AppTest echoes every widget through its
    # protobuf on each run and showed 4.0 (the two are equal).
    assert at.number_input(key="n").value == 4.0
    assert texts(at) == ["['cb n=9.0']"]  # no callback for a programmatic change
    at.session_state["b"] = True  # a read-only button key: no error from a test
    at.run()
    assert len(at.exception) == 0
    assert at.session_state.to_dict() == {"b": False, "n": 4.0, "log": ["cb n=9.0"]}
    at.session_state.custom = 1
    at.run()
    assert "custom" in at.session_state
    with pytest.raises(KeyError) as info:
        _ = at.session_state["nope"]
    assert info.value.args == (
        f'st.session_state has no key "nope". Did you forget to initialize it? More info: {DOCS}',
    )


def test_AT_11_apptest_has_no_front_end_and_does_not_break_after_del_or_clear(
    app_test: AppTestFactory,
) -> None:
    # Streamlit's AppTest breaks (KeyError) on the run after deleting an instantiated widget
    # key or clearing the state; tidal's AppTest goes on, with the widget back at its default.
    at = app_test("""
        import tidal as st
        v = st.text_input("t", key="t")
        if st.session_state.get("wipe") == "del":
            del st.session_state["t"]
        if st.session_state.get("wipe") == "clear":
            st.session_state.clear()
        st.text(f"v={v!r}")
    """).run()
    for wipe in ("del", "clear"):
        at.session_state.wipe = None
        at.text_input(key="t").input("typed").run()
        at.session_state.wipe = wipe
        at.run()
        assert texts(at) == ["v='typed'"]
        at.session_state.wipe = None
        at.run()
        assert len(at.exception) == 0
        assert texts(at) == ["v=''"]
    # no front end: clear_on_submit does not reset the fields (F-6)
    at = app_test("""
        import tidal as st
        with st.form("f", clear_on_submit=True):
            a = st.text_input("a", key="a")
            st.form_submit_button("go")
    """).run()
    at.text_input(key="a").input("hi")
    at.button[0].click().run()
    at.run()
    assert at.text_input(key="a").value == "hi"


def test_AT_2_a_script_stuck_without_st_calls_still_times_out() -> None:
    at = AppTest.from_string(
        """
        import tidal as st
        st.session_state.setdefault("n", 0)
        st.session_state.n += 1
        if st.session_state.n == 2:
            while True:
                pass
        st.write("ran", st.session_state.n)
        """
    )
    at.run()
    started = time.monotonic()
    with pytest.raises(RuntimeError, match=r"AppTest script run timed out after 0.2\(s\)"):
        at.run(timeout=0.2)
    assert time.monotonic() - started < 3
    at.run()  # the session lives on
    assert "ran" in at.markdown[0].value


def test_a_block_iterates_over_itself_then_everything_inside_depth_first(app_test):
    at = app_test(
        """
        import tidal as st
        st.text("before")
        st.write("loading 3")
        with st.expander("inside"):
            st.text("nested")
        st.text("after")
        """
    ).run()
    # what Streamlit 1.67's AppTest gives for the same page
    assert [(e.type, getattr(e, "value", None)) for e in at.main] == [
        ("main", None),
        ("text", "before"),
        ("markdown", "loading 3"),
        ("expander", None),
        ("text", "nested"),
        ("text", "after"),
    ]
    assert len(at.main) == 4
    assert at.main[0].value == "before"
    assert [getattr(e, "value", None) for e in at.main[2]] == [None, "nested"]
