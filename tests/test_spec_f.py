"""Spec section 4: forms (rules F-1 .. F-12).

Each test replays the experiment named in the spec row (``shared/spec/experiments``) and asserts
what Streamlit 1.67 printed.
"""

from __future__ import annotations

from tests.conftest import AppTestFactory
from tidal.testing import AppTest

FORM_DOCS = (
    "\n\nFor more information, refer to the\n[documentation for forms]"
    "(https://docs.streamlit.io/develop/api-reference/execution-flow/st.form)."
)

FORM_APP = """
    import tidal as st
    if "log" not in st.session_state: st.session_state.log = []
    def sub(tag): st.session_state.log.append(f"submit cb {tag}: a={st.session_state.a!r} b={st.session_state.b!r}")
    with st.form("f"):
        a = st.text_input("a", key="a")
        b = st.number_input("b", key="b")
        s = st.form_submit_button("go", on_click=sub, args=("T",))
    st.session_state.log.append(f"script: s={s} a={a!r} b={b!r}")
    st.text(" | ".join(st.session_state.log))
    st.text("keys in script: " + repr(sorted(st.session_state.keys())))
"""


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def test_F_1_form_values_are_held_until_a_submit_button_is_pressed(
    app_test: AppTestFactory,
) -> None:
    at = app_test(FORM_APP).run()
    at.session_state.log = []
    at.text_input(key="a").input("hi")
    at.number_input(key="b").set_value(2.0)
    at.run()
    assert texts(at)[0] == "script: s=False a='' b=0.0"
    assert (at.session_state.a, at.session_state.b) == ("", 0.0)
    # As Streamlit's AppTest: a run without the submit drops the staged edits (checked side by
    # side on 1.67), so a later submit sends the values the widgets had.
    assert at.text_input(key="a").value == ""
    at.session_state.log = []
    at.button[0].click().run()
    assert texts(at)[0] == "submit cb T: a='' b=0.0 | script: s=True a='' b=0.0"
    at.session_state.log = []
    at.text_input(key="a").input("hi")
    at.button[0].click().run()
    assert texts(at)[0] == "submit cb T: a='hi' b=0.0 | script: s=True a='hi' b=0.0"


def test_F_2_submit_runs_the_submit_callback_first_with_all_new_values(
    app_test: AppTestFactory,
) -> None:
    at = app_test(FORM_APP).run()
    at.session_state.log = []
    at.text_input(key="a").input("hi")
    at.number_input(key="b").set_value(2.0)
    at.button[0].click().run()
    assert texts(at) == [
        "submit cb T: a='hi' b=2.0 | script: s=True a='hi' b=2.0",
        "keys in script: ['FormSubmitter:f-go', 'a', 'b', 'log']",
    ]
    assert at.session_state.to_dict() == {
        "log": ["submit cb T: a='hi' b=2.0", "script: s=True a='hi' b=2.0"],
        "b": 2.0,
        "FormSubmitter:f-go": False,
        "a": "hi",
    }


def test_F_3_submitted_values_persist_and_the_submit_button_is_false_next_run(
    app_test: AppTestFactory,
) -> None:
    at = app_test(FORM_APP).run()
    at.text_input(key="a").input("hi")
    at.number_input(key="b").set_value(2.0)
    at.button[0].click().run()
    at.session_state.log = []
    at.run()
    assert texts(at) == [
        "script: s=False a='hi' b=2.0",
        "keys in script: ['FormSubmitter:f-go', 'a', 'b', 'log']",
    ]


def test_F_4_only_the_clicked_submit_button_is_true(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        with st.form("f"):
            a = st.text_input("a", key="a")
            s1 = st.form_submit_button("one")
            s2 = st.form_submit_button("two")
        st.text(f"s1={s1} s2={s2} a={a!r}")
    """).run()
    at.text_input(key="a").input("x")
    at.button[1].click().run()
    assert texts(at) == ["s1=False s2=True a='x'"]
    assert at.session_state.to_dict() == {
        "a": "x",
        "FormSubmitter:f-one": False,
        "FormSubmitter:f-two": False,
    }


def test_F_5_a_keyless_submit_button_has_the_key_formsubmitter_form_label(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        with st.form("f"):
            st.text_input("a", key="a")
            s = st.form_submit_button("go")
        st.text(f"s={s} state={st.session_state['FormSubmitter:f-go']!r}")
    """).run()
    assert texts(at) == ["s=False state=False"]
    at.button[0].click().run()
    assert texts(at) == ["s=True state=True"]
    assert at.session_state.to_dict() == {"a": "", "FormSubmitter:f-go": False}

    at = app_test("""
        import tidal as st
        with st.form("f"):
            st.text_input("a", key="a")
            s = st.form_submit_button("go", key="sub")
        st.text(f"s={s} state_sub={st.session_state.sub!r}")
    """).run()
    at.button(key="sub").click().run()
    assert texts(at) == ["s=True state_sub=True"]
    assert at.session_state.to_dict() == {"sub": False, "a": ""}


def test_F_6_clear_on_submit_is_frontend_only_so_the_submit_run_sees_the_values(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        with st.form("f", clear_on_submit=True):
            a = st.text_input("a", key="a")
            n = st.slider("n", 0, 10, 3, key="n")
            s = st.form_submit_button("go")
        st.text(f"s={s} a={a!r} n={n!r} state_a={st.session_state.a!r} state_n={st.session_state.n!r}")
    """).run()
    assert at.form[0].props["clear_on_submit"] is True
    at.text_input(key="a").input("hi")
    at.slider(key="n").set_value(7)
    at.button[0].click().run()
    assert texts(at) == ["s=True a='hi' n=7 state_a='hi' state_n=7"]
    assert at.text_input(key="a").value == "hi"
    assert at.session_state.to_dict() == {"FormSubmitter:f-go": False, "a": "hi", "n": 7}
    # AppTest has no front end to reset the fields (AT-11)
    at.run()
    assert texts(at) == ["s=False a='hi' n=7 state_a='hi' state_n=7"]


def test_F_7_a_form_without_a_submit_button_is_not_an_error(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        with st.form("f"):
            st.text_input("a")
    """).run()
    assert len(at.exception) == 0
    assert len(at.text_input) == 1
    assert at.session_state.to_dict() == {}


def test_F_8_nested_forms_raise(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        with st.form("outer"):
            with st.form("inner"):
                st.text_input("a")
                st.form_submit_button("i")
            st.form_submit_button("o")
    """).run()
    assert at.exception[0].value == "Forms cannot be nested in other forms."
    assert at.exception[0].is_markdown is True
    assert at.exception[0].exception_type == "StreamlitInvalidLayoutContextError"


def test_F_9_submit_buttons_belong_in_forms_and_plain_buttons_do_not(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.form_submit_button("s")
    """).run()
    assert at.exception[0].value == (
        "`st.form_submit_button()` must be used inside an `st.form()`." + FORM_DOCS
    )
    assert at.exception[0].exception_type == "StreamlitInvalidLayoutContextError"
    at = app_test("""
        import tidal as st
        with st.form("f"):
            st.button("b")
            st.form_submit_button("s")
    """).run()
    assert at.exception[0].value == (
        "`st.button()` can't be used in an `st.form()`. Use `st.form_submit_button()` instead "
        "to submit the form." + FORM_DOCS
    )
    assert at.exception[0].is_markdown is True
    assert at.exception[0].exception_type == "StreamlitInvalidLayoutContextError"


def test_F_10_the_form_key_is_not_in_state_but_cannot_be_assigned_after_the_form(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        with st.form("myform"):
            st.form_submit_button("s")
        st.text(f"myform in state: {'myform' in st.session_state}")
        try:
            st.session_state.myform = 1
            st.text("assign ok")
        except Exception as e:
            st.text(f"{type(e).__name__}: {e}")
    """).run()
    assert texts(at) == [
        "myform in state: False",
        "StreamlitWidgetAlreadyInstantiatedError: `st.session_state['myform']` cannot be "
        "modified after the widget with that key is instantiated. Assign "
        "`st.session_state['myform']` before creating the widget, or update it from an "
        "`on_change` or `on_click` callback, which runs before the widget is instantiated. If "
        "this is a read-only session state key (buttons, file and media inputs, "
        "`st.data_editor`, forms, chart or `ButtonColumn` selections), store the value under a "
        "different session state key.",
    ]
    assert at.session_state.to_dict() == {"FormSubmitter:myform-s": False}


def test_F_11_form_widgets_can_be_set_through_state_and_cleared_from_the_submit_callback(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        if "i" not in st.session_state: st.session_state.i = 0
        st.session_state.i += 1
        if st.session_state.i == 2: st.session_state.a = "preset"
        with st.form("f"):
            a = st.text_input("a", key="a")
            st.form_submit_button("go")
        st.text(f"a={a!r}")
    """).run()
    at.run()
    assert texts(at) == ["a='preset'"]
    assert at.session_state.to_dict() == {"FormSubmitter:f-go": False, "a": "preset", "i": 2}

    at = app_test("""
        import tidal as st
        def clear(): st.session_state.a = ""
        with st.form("f"):
            st.text_input("a", key="a")
            st.form_submit_button("go", on_click=clear)
        st.text(f"a={st.session_state.a!r}")
    """).run()
    at.text_input(key="a").input("x")
    at.button[0].click().run()
    assert texts(at) == ["a=''"]
    assert at.session_state.to_dict() == {"a": "", "FormSubmitter:f-go": False}


def test_F_12_object_notation_behaves_like_with(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        f = st.form("f")
        a = f.text_input("a", key="a")
        s = f.form_submit_button("go")
        st.text(f"s={s} a={a!r}")
    """).run()
    at.text_input(key="a").input("x")
    at.button[0].click().run()
    assert texts(at) == ["s=True a='x'"]
    assert at.session_state.to_dict() == {"a": "x", "FormSubmitter:f-go": False}
