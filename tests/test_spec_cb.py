"""Spec section 3: callbacks (rules CB-1 .. CB-15).

Each test replays the experiment named in the spec row (``shared/spec/experiments``) and asserts
what Streamlit 1.67 printed. CB-14 (``st.rerun("fragment_key")``) has no test: tidal has no
fragments yet.
"""

from __future__ import annotations

from tests.conftest import AppTestFactory
from tidal.testing import AppTest


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


ON_CHANGE_APP = """
    import tidal as st
    if "log" not in st.session_state: st.session_state.log = []
    def cb(a, b=None):
        st.session_state.log.append(f"cb a={a} b={b} val={st.session_state.n!r}")
    st.session_state.log.append("script start")
    v = st.number_input("n", key="n", on_change=cb, args=("A",), kwargs={"b": "B"})
    st.session_state.log.append(f"after widget v={v!r}")
    st.text(" | ".join(st.session_state.log))
"""


def test_CB_1_callbacks_are_called_with_args_and_kwargs(app_test: AppTestFactory) -> None:
    at = app_test(ON_CHANGE_APP).run()
    at.session_state.log = []
    at.number_input(key="n").set_value(3).run()
    assert at.session_state.log[0] == "cb a=A b=B val=3.0"


def test_CB_2_the_callback_runs_before_the_body_and_sees_the_new_value(
    app_test: AppTestFactory,
) -> None:
    at = app_test(ON_CHANGE_APP).run()
    at.session_state.log = []
    at.number_input(key="n").set_value(3).run()
    assert texts(at) == ["cb a=A b=B val=3.0 | script start | after widget v=3.0"]
    assert at.session_state.n == 3.0


def test_CB_3_a_callback_fires_only_when_the_value_changes(app_test: AppTestFactory) -> None:
    at = app_test(ON_CHANGE_APP).run()
    at.number_input(key="n").set_value(3).run()
    at.session_state.log = []
    at.run()
    assert texts(at) == ["script start | after widget v=3.0"]
    at.session_state.log = []
    at.number_input(key="n").set_value(3).run()
    assert texts(at) == ["script start | after widget v=3.0"]


def test_CB_4_programmatic_changes_never_fire_callbacks(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        if "log" not in st.session_state: st.session_state.log = []
        if "i" not in st.session_state: st.session_state.i = 0
        st.session_state.i += 1
        if st.session_state.i == 2:
            st.session_state.t = "programmatic"
        st.text_input("t", key="t", on_change=lambda: st.session_state.log.append("t cb"))
        st.text(" | ".join(st.session_state.log) + f" t={st.session_state.t!r}")
    """).run()
    at.run()
    assert texts(at) == ["t='programmatic'"]  # st.text strips its body, as Streamlit's
    assert at.session_state.to_dict() == {"log": [], "t": "programmatic", "i": 2}
    at.run()
    assert texts(at) == ["t='programmatic'"]  # st.text strips its body, as Streamlit's
    assert at.session_state.to_dict() == {"log": [], "t": "programmatic", "i": 3}

    # nor does an assignment from a test (exp_apptest2)
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("log", [])
        st.number_input("n", key="n", on_change=lambda: st.session_state.log.append(f"cb n={st.session_state.n}"))
        st.text(repr(st.session_state.log))
    """).run()
    at.session_state["n"] = 4
    at.run()
    assert at.number_input(key="n").value == 4
    assert texts(at) == ["[]"]


def test_CB_5_args_are_captured_when_the_widget_is_rendered(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("n", 0)
        st.session_state.setdefault("log", [])
        st.session_state.n += 1
        def cb(captured):
            st.session_state.log.append(f"cb captured={captured} current_n={st.session_state.n}")
        st.button("b", key="b", on_click=cb, args=(st.session_state.n,))
        st.text(repr(st.session_state.log))
    """)
    at.run()
    at.run()
    at.run()
    at.button(key="b").click().run()
    assert texts(at) == ["['cb captured=3 current_n=3']"]
    assert at.session_state.to_dict() == {"n": 4, "log": ["cb captured=3 current_n=3"], "b": False}


def test_CB_6_a_callback_fires_even_if_its_widget_is_not_rendered_in_the_resulting_run(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("log", [])
        def cb():
            st.session_state.log.append("cb ran")
            st.session_state.hide = True
        if not st.session_state.get("hide"):
            st.checkbox("c", key="c", on_change=cb)
        st.text(repr(st.session_state.log) + f" c_in_state={'c' in st.session_state}")
    """).run()
    at.checkbox(key="c").check().run()
    assert texts(at) == ["['cb ran'] c_in_state=True"]
    assert at.session_state.to_dict() == {"hide": True, "log": ["cb ran"]}
    at.run()
    assert texts(at) == ["['cb ran'] c_in_state=False"]


def test_CB_7_callbacks_of_several_changed_widgets_run_in_page_order(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        if "log" not in st.session_state: st.session_state.log = []
        def cb(name): st.session_state.log.append(f"cb {name}")
        st.text_input("x", key="x", on_change=cb, args=("x",))
        st.text_input("y", key="y", on_change=cb, args=("y",))
        st.text_input("z", key="z", on_change=cb, args=("z",))
        st.text(" | ".join(st.session_state.log))
    """).run()
    at.session_state.log = []
    at.text_input(key="z").input("1")
    at.text_input(key="x").input("1")
    at.text_input(key="y").input("1")
    at.run()
    assert texts(at) == ["cb x | cb y | cb z"]
    assert at.session_state.to_dict() == {
        "log": ["cb x", "cb y", "cb z"],
        "z": "1",
        "x": "1",
        "y": "1",
    }


def test_CB_8_keyless_widgets_have_working_callbacks(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        if "log" not in st.session_state: st.session_state.log = []
        st.checkbox("c", on_change=lambda: st.session_state.log.append("chk cb"))
        st.text(" | ".join(st.session_state.log))
    """).run()
    at.checkbox[0].check().run()
    assert texts(at) == ["chk cb"]
    assert at.session_state.to_dict() == {"log": ["chk cb"]}


def test_CB_9_a_callback_may_assign_any_widget_key(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        def reset(): st.session_state.t = "reset!"
        st.text_input("t", key="t")
        st.button("reset", on_click=reset)
        st.text(f"t={st.session_state.t!r}")
    """).run()
    at.text_input(key="t").input("typed").run()
    at.button[0].click().run()
    assert texts(at) == ["t='reset!'"]
    assert at.text_input(key="t").value == "reset!"
    assert at.session_state.to_dict() == {"t": "reset!"}


def test_CB_10_callback_output_goes_to_the_top_of_the_page(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        def cb(): st.write("written from callback")
        st.button("b", on_click=cb)
        st.text("body")
    """).run()
    at.button[0].click().run()
    assert [(c.type, getattr(c, "value", None)) for c in at.main.children.values()] == [
        ("markdown", "written from callback"),
        ("button", True),
        ("text", "body"),
    ]


def test_CB_11_an_exception_in_a_callback_skips_the_body_and_keeps_earlier_mutations(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        if "log" not in st.session_state: st.session_state.log = []
        def boom():
            st.session_state.log.append("in boom before raise")
            raise ValueError("boom in cb")
        st.session_state.log.append("script ran")
        st.button("b", on_click=boom)
        st.text(" | ".join(st.session_state.log))
    """).run()
    at.session_state.log = []
    at.button[0].click().run()
    assert at.exception[0].value == "boom in cb"
    assert at.exception[0].is_markdown is False
    assert texts(at) == []
    assert at.session_state.to_dict() == {"log": ["in boom before raise"]}


RERUN_IN_CALLBACK_APP = """
    import tidal as st
    st.session_state.setdefault("log", [])
    st.session_state.setdefault("runs", 0)
    st.session_state.runs += 1
    def cb_rerun():
        st.session_state.log.append(f"cb: t={st.session_state.t!r}")
        st.rerun()
    t = st.text_input("t", key="t", on_change=cb_rerun)
    b = st.button("b", key="b", on_click=cb_rerun)
    st.session_state.log.append(f"body#{st.session_state.runs}: t={t!r} b={b}")
    st.text(" | ".join(st.session_state.log))
"""


def test_CB_12_rerun_in_a_callback_gives_one_body_run_where_the_button_is_false(
    app_test: AppTestFactory,
) -> None:
    at = app_test(RERUN_IN_CALLBACK_APP).run()
    at.session_state.log = []
    at.text_input(key="t").input("x").run()
    assert texts(at) == ["cb: t='x' | body#2: t='x' b=False"]
    at.session_state.log = []
    at.button(key="b").click().run()
    assert texts(at) == ["cb: t='x' | body#3: t='x' b=False"]
    assert at.session_state.to_dict() == {
        "log": ["cb: t='x'", "body#3: t='x' b=False"],
        "b": False,
        "runs": 3,
        "t": "x",
    }

    # compare: a plain on_click leaves the button True for the body
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("log", [])
        st.session_state.setdefault("runs", 0)
        st.session_state.runs += 1
        def cb(): st.session_state.log.append("cb")
        b = st.button("b", key="b", on_click=cb)
        st.session_state.log.append(f"body#{st.session_state.runs}: b={b}")
        st.text(" | ".join(st.session_state.log))
    """).run()
    at.session_state.log = []
    at.button(key="b").click().run()
    assert texts(at) == ["cb | body#2: b=True"]


def test_CB_13_stop_in_a_callback_gives_a_blank_page_and_leaves_the_trigger_true(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("log", [])
        def cb():
            st.session_state.log.append("cb before stop")
            st.stop()
            st.session_state.log.append("cb after stop")
        b = st.button("b", key="b", on_click=cb)
        st.session_state.log.append(f"body: b={b}")
        st.text(" | ".join(st.session_state.log))
    """).run()
    at.session_state.log = []
    at.button(key="b").click().run()
    assert at.main.children == {}
    assert len(at.exception) == 0
    assert at.session_state.to_dict() == {"log": ["cb before stop"], "b": True}


def test_CB_15_callbacks_inside_a_form_are_only_allowed_on_the_submit_button(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        with st.form("f"):
            st.text_input("t", on_change=lambda: None)
            st.form_submit_button("s")
    """).run()
    assert at.exception[0].value == (
        "Within a form, callbacks can only be defined on `st.form_submit_button`. Defining "
        "callbacks on other widgets inside a form is not allowed."
    )
    assert at.exception[0].is_markdown is True
    assert at.exception[0].exception_type == "StreamlitInvalidFormCallbackError"
    assert at.session_state.to_dict() == {}
