"""Spec section 5: reruns, stop and exceptions (rules R-1 .. R-8).

Each test replays the experiment named in the spec row (``shared/spec/experiments``) and asserts
what Streamlit 1.67 printed. R-9 .. R-13 are about ``st.fragment``: fragment-only reruns happen
only through a browser (AppTest always runs the whole app, R-13), so they are tested over the
protocol in ``test_fragments.py``, with R-7's fragment-run half.
"""

from __future__ import annotations

from tests.conftest import AppTestFactory
from tidal.testing import AppTest


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def test_R_1_rerun_in_the_body_stops_the_run_and_starts_a_new_one(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        if "runs" not in st.session_state: st.session_state.runs = 0
        st.session_state.runs += 1
        st.text(f"run {st.session_state.runs}")
        if st.session_state.runs < 3:
            st.rerun()
        st.text("end reached")
    """).run()
    assert texts(at) == ["run 3", "end reached"]
    assert at.session_state.to_dict() == {"runs": 3}


def test_R_2_a_run_cut_short_by_rerun_does_not_clean_up_unrendered_widgets(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("seen", [])
        st.session_state.seen.append(st.session_state.get("b", "<missing>"))
        if st.session_state.get("cut"):
            st.session_state.cut = False
            st.rerun()
        st.text_input("b", key="b")
    """).run()
    at.text_input(key="b").input("bee").run()
    at.session_state.seen = []
    at.session_state.cut = True
    at.run()
    # the cut run did not render "b" and did not remove it: the next run still reads it
    assert at.session_state.seen == ["bee", "bee"]
    assert at.text_input(key="b").value == "bee"


def test_R_3_a_clicked_button_followed_by_rerun_is_false_in_the_next_run(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("log", [])
        st.session_state.setdefault("runs", 0)
        st.session_state.runs += 1
        b = st.button("b", key="b")
        st.session_state.log.append(f"body#{st.session_state.runs}: b={b}")
        if b:
            st.rerun()
        st.text(" | ".join(st.session_state.log))
    """).run()
    at.session_state.log = []
    at.button(key="b").click().run()
    assert texts(at) == ["body#2: b=True | body#3: b=False"]
    assert at.session_state.to_dict() == {
        "log": ["body#2: b=True", "body#3: b=False"],
        "runs": 3,
        "b": False,
    }


def test_R_4_stop_ends_the_run_quietly_and_skips_widget_cleanup(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.x = 1
        st.text("before stop")
        st.stop()
        st.session_state.y = 2
        st.text("after stop")
    """).run()
    assert texts(at) == ["before stop"]
    assert len(at.exception) == 0
    assert at.session_state.to_dict() == {"x": 1}

    at = app_test("""
        import tidal as st
        if "stop" not in st.session_state: st.session_state.stop = False
        st.text_input("a", key="a")
        if st.session_state.stop: st.stop()
        st.text_input("b", key="b")
    """).run()
    at.text_input(key="b").input("bee").run()
    assert at.session_state.to_dict() == {"a": "", "b": "bee", "stop": False}
    at.session_state.stop = True
    at.run()
    assert at.session_state.to_dict() == {"a": "", "b": "bee", "stop": True}
    at.run()
    assert at.session_state.to_dict() == {"a": "", "b": "bee", "stop": True}


EXCEPTION_APP = """
    import tidal as st
    if "n" not in st.session_state: st.session_state.n = 0
    st.session_state.n += 1
    st.text_input("a", key="a")
    if st.session_state.get("boom"):
        raise RuntimeError("kaboom")
    st.text_input("b", key="b")
    st.text(f"n={st.session_state.n}")
"""


def test_R_5_an_uncaught_exception_is_shown_where_it_happened_and_the_next_run_goes_on(
    app_test: AppTestFactory,
) -> None:
    at = app_test(EXCEPTION_APP).run()
    at.text_input(key="b").input("bee").run()
    assert texts(at) == ["n=2"]
    at.session_state.boom = True
    at.run()
    assert [c.type for c in at.main.children.values()] == ["text_input", "exception"]
    assert at.exception[0].value == "kaboom"
    assert at.exception[0].is_markdown is False
    assert at.session_state.n == 3
    at.session_state.boom = False
    at.run()
    assert texts(at) == ["n=4"]
    assert len(at.exception) == 0


def test_R_6_an_uncaught_exception_skips_widget_cleanup(app_test: AppTestFactory) -> None:
    at = app_test(EXCEPTION_APP).run()
    at.text_input(key="b").input("bee").run()
    at.session_state.boom = True
    at.run()
    assert at.session_state.to_dict() == {"a": "", "n": 3, "boom": True, "b": "bee"}
    at.session_state.boom = False
    at.run()
    assert at.session_state.to_dict() == {"a": "", "n": 4, "boom": False, "b": "bee"}


def test_R_7_rerun_with_fragment_scope_outside_a_fragment_rerun_raises(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.rerun(scope="fragment")
    """).run()
    assert at.exception[0].value == (
        'scope="fragment" can only be specified from `@st.fragment`-decorated functions during '
        "fragment reruns."
    )
    assert at.exception[0].is_markdown is True
    assert at.exception[0].exception_type == "StreamlitInvalidLayoutContextError"


def test_R_8_rerun_with_a_fragment_key_from_the_body_raises(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.rerun(scope="bogus")
    """).run()
    assert at.exception[0].value == (
        "Passing a fragment key to `st.rerun()` is only allowed from a widget callback (e.g. "
        "`on_change` / `on_click`). Calling it from the main script body or a fragment body "
        "would abort the current run. If you meant to rerun the whole app or the current "
        "fragment, use `scope='app'` or `scope='fragment'`."
    )
    assert at.exception[0].is_markdown is True
