"""AppTest behaves as Streamlit 1.67's AppTest where tests can see it (issue 15).

Each expectation was checked side by side with ``streamlit.testing.v1.AppTest`` 1.67.0.
"""

from __future__ import annotations

import datetime

APP = """
    import datetime
    import tidal as st
    b = st.slider("b", 0, 10, key="b")
    c = st.multiselect("c", ["x", "y"], key="c")
    d = st.text_area("d", key="d", max_chars=2)
    e = st.number_input("e", key="e", min_value=0.0, max_value=1.0)
    f = st.date_input("f", key="f", value=datetime.date(2020, 1, 5),
                      min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2020, 1, 10))
    h = st.select_slider("h", ["p", "q"], key="h")
    st.text(repr((b, c, d, e, f, h)))
"""
DEFAULTS = "(0, [], '', 0.0, datetime.date(2020, 1, 5), 'p')"


def test_a_staged_number_outside_the_range_is_ignored(app_test):
    at = app_test(APP).run()
    at.slider(key="b").set_value(50).run()
    at.number_input(key="e").set_value(5.0).run()
    assert at.text[0].value == DEFAULTS
    assert not at.exception


def test_a_staged_unknown_option_is_ignored(app_test):
    at = app_test(APP).run()
    at.multiselect(key="c").set_value(["zzz"]).run()
    at.select_slider(key="h").set_value("zzz").run()
    assert at.text[0].value == DEFAULTS


def test_a_staged_date_outside_the_range_is_ignored(app_test):
    at = app_test(APP).run()
    at.date_input(key="f").set_value(datetime.date(2021, 1, 1)).run()
    assert at.text[0].value == DEFAULTS


def test_a_staged_text_longer_than_max_chars_is_cut_to_it(app_test):
    at = app_test(APP).run()
    at.text_area(key="d").set_value("abcdef").run()
    assert at.session_state.d == "ab"


def test_a_valid_value_staged_with_an_ignored_one_still_goes_through(app_test):
    at = app_test(APP).run()
    at.slider(key="b").set_value(50)
    at.slider(key="b")  # the same widget, looked up again
    at.number_input(key="e").set_value(0.5).run()
    assert at.session_state.e == 0.5
    assert at.session_state.b == 0


def test_a_form_value_staged_without_its_submit_is_dropped_after_the_run(app_test):
    at = app_test("""
        import tidal as st
        with st.form("f"):
            t = st.text_input("t", key="t")
            s = st.form_submit_button("go")
        st.text(f"t={t!r} s={s}")
    """).run()
    at.text_input(key="t").set_value("hello").run()
    assert at.text[0].value == "t='' s=False"
    assert at.text_input(key="t").value == ""
    at.button[0].click().run()
    assert at.text[0].value == "t='' s=True"
    at.text_input(key="t").set_value("hello")
    at.button[0].click().run()
    assert at.text[0].value == "t='hello' s=True"


def test_an_int_assigned_to_a_float_slider_is_a_float_from_the_next_run(app_test):
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("v", 3)
        x = st.slider("x", key="v", min_value=0.0, max_value=10.0)
        st.text(f"{type(x).__name__} {x!r}")
    """).run()
    assert at.text[0].value == "int 3"  # W-9: returned without coercion in the run it was set
    at.run()
    assert at.text[0].value == "float 3.0"  # then as the browser sends it back
    assert at.session_state.v == 3.0 and isinstance(at.session_state.v, float)


def test_an_int_assigned_to_a_float_number_input_steps_as_a_float(app_test):
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("v", 5)
        x = st.number_input("x", key="v", min_value=0.0, max_value=10.0)
        st.text(f"{type(x).__name__} {x!r}")
    """).run()
    assert at.text[0].value == "int 5"
    at.number_input[0].increment().run()
    assert at.text[0].value == "float 5.01"


def test_the_echo_does_not_run_the_widgets_callback(app_test):
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("calls", 0)
        st.session_state.setdefault("v", 3)
        def cb():
            st.session_state.calls += 1
        st.slider("x", key="v", min_value=0.0, max_value=10.0, on_change=cb)
    """).run()
    at.run()
    at.run()
    assert at.session_state.calls == 0
