"""Widgets, tested as a Streamlit user tests them: values, attributes and interactions."""

from __future__ import annotations

import datetime

import pytest
from streamlit.testing.v1 import AppTest, AppTestError


def app(source: str) -> AppTest:
    return AppTest.from_string(source).run()


def test_a_button_click_is_true_for_one_run():
    at = app(
        """
import streamlit as st
st.session_state.setdefault("clicks", 0)
if st.button("Add", help="adds one"):
    st.session_state.clicks += 1
"""
    )
    button = at.button[0]
    assert (button.label, button.help, button.disabled, button.value) == (
        "Add",
        "adds one",
        False,
        False,
    )
    button.click().run()
    assert at.session_state.clicks == 1
    assert at.button[0].value is True
    at.run()
    assert at.button[0].value is False
    assert at.session_state.clicks == 1


def test_checkbox_and_toggle():
    at = app(
        """
import streamlit as st
c = st.checkbox("Agree", key="agree")
t = st.toggle("Dark", value=True)
st.text(f"{c} {t}")
"""
    )
    at.checkbox(key="agree").check().run()
    assert at.text[0].value == "True True"
    at.toggle[0].set_value(False).run()
    at.checkbox[0].uncheck().run()
    assert at.text[0].value == "False False"


def test_text_inputs_take_typed_text_and_show_their_settings():
    at = app(
        """
import streamlit as st
name = st.text_input("Name", max_chars=5, placeholder="your name", key="name")
bio = st.text_area("Bio")
st.markdown(f"Hello {name}! {len(bio)}")
"""
    )
    name = at.text_input(key="name")
    assert (name.max_chars, name.placeholder, name.value) == (5, "your name", "")
    name.input("Ada").run()
    at.text_area[0].input("xyz").run()
    assert at.markdown[0].value == "Hello Ada! 3"


def test_number_input_steps_within_its_bounds():
    at = app(
        """
import streamlit as st
n = st.number_input("n", min_value=0, max_value=3, value=2, step=1)
st.text(repr(n))
"""
    )
    n = at.number_input[0]
    assert (n.min, n.max, n.step, n.value) == (0, 3, 1, 2)
    n.increment().run()
    assert at.text[0].value == "3"
    at.number_input[0].decrement().decrement().run()
    assert at.text[0].value == "1"


def test_sliders_take_a_value_or_a_range():
    at = app(
        """
import streamlit as st
one = st.slider("one", 0, 10, 5)
two = st.slider("two", 0, 100, (20, 80))
size = st.select_slider("size", ["S", "M", "L"], value="M")
span = st.select_slider("span", ["S", "M", "L"], value=("S", "M"))
st.text(repr((one, two, size, span)))
"""
    )
    assert at.slider[0].min == 0 and at.slider[0].max == 10
    at.slider[0].set_value(7)
    at.slider[1].set_range(10, 30)
    at.select_slider[0].set_value("L")
    at.select_slider[1].set_range("M", "L").run()
    assert at.text[0].value == "(7, (10, 30), 'L', ('M', 'L'))"
    assert at.select_slider[0].options == ["S", "M", "L"]


def test_selectbox_and_radio_show_formatted_options_and_return_values():
    at = app(
        """
import streamlit as st
n = st.selectbox("n", [1, 2, 3], format_func=lambda x: f"#{x}", key="n")
r = st.radio("r", ["a", "b"], index=None, horizontal=True)
plain = st.selectbox("plain", ["p", "q", "s"])
st.text(repr((n, r, plain)))
"""
    )
    box = at.selectbox(key="n")
    assert box.options == ["#1", "#2", "#3"]
    assert (box.value, box.index) == (1, 0)
    assert box.format_func(2) == "#2"
    assert at.radio[0].value is None and at.radio[0].index is None
    assert at.radio[0].horizontal is True
    box.select(3)
    at.radio[0].set_value("b")
    at.selectbox[1].select_index(2).run()
    assert at.text[0].value == "(3, 'b', 's')"
    at.selectbox[0].select(2).run()
    assert at.selectbox[0].index == 1


def test_a_selectbox_value_that_is_no_option_fails_the_run():
    at = app('import streamlit as st\nst.selectbox("s", ["a", "b"])\nst.radio("r", ["a"])\n')
    at.selectbox[0].set_value("zzz")
    with pytest.raises(ValueError, match="'zzz' is not in list"):
        _ = at.selectbox[0].index
    with pytest.raises(ValueError, match="'zzz' is not in list"):
        at.run()


def test_multiselect_selects_and_unselects():
    at = app(
        """
import streamlit as st
picked = st.multiselect("m", ["x", "y", "z"], default=["y"], max_selections=2,
                        format_func=str.upper)
st.text(repr(picked))
"""
    )
    m = at.multiselect[0]
    assert (m.options, m.value, m.indices, m.values) == (["X", "Y", "Z"], ["y"], [1], ["Y"])
    assert m.max_selections == 2
    m.select("z").run()
    assert at.text[0].value == "['y', 'z']"
    at.multiselect[0].unselect("y").run()
    assert at.text[0].value == "['z']"


def test_pickers_color_date_and_time():
    at = app(
        """
import datetime
import streamlit as st
c = st.color_picker("c", "#000000")
d = st.date_input("d", datetime.date(2024, 1, 1))
span = st.date_input("span", (datetime.date(2024, 1, 1), datetime.date(2024, 1, 2)))
t = st.time_input("t", datetime.time(8, 0), step=3600)
st.text(repr((c, d, span, t)))
"""
    )
    assert at.date_input[1].is_range is True
    at.color_picker[0].pick("#ff0000")
    at.date_input[0].set_value(datetime.date(2024, 2, 2))
    at.date_input[1].set_value((datetime.date(2024, 3, 1), datetime.date(2024, 3, 5)))
    at.time_input[0].increment().run()
    assert at.text[0].value == repr(
        (
            "#ff0000",
            datetime.date(2024, 2, 2),
            (datetime.date(2024, 3, 1), datetime.date(2024, 3, 5)),
            datetime.time(9, 0),
        )
    )


def test_pills_and_segmented_control():
    at = app(
        """
import streamlit as st
p = st.pills("p", ["a", "b", "c"], selection_mode="multi")
s = st.segmented_control("s", ["x", "y"], format_func=str.upper)
st.text(repr((p, s)))
"""
    )
    at.pills[0].select("a").select("c").run()
    at.segmented_control[0].select("y").run()
    assert at.text[0].value == "(['a', 'c'], 'y')"
    assert at.segmented_control[0].formatted_values == ["Y"]
    assert at.pills[0].indices == [0, 2]
    at.pills[0].unselect("a").run()
    assert at.text[0].value == "(['c'], 'y')"


def test_a_disabled_widget_cannot_be_changed():
    at = app('import streamlit as st\nst.text_input("t", disabled=True, key="t")\n')
    assert at.text_input(key="t").disabled is True
    with pytest.raises(AppTestError, match="disabled"):
        at.text_input(key="t").input("x")


def test_widgets_are_found_by_key_in_their_list_or_anywhere():
    at = app(
        """
import streamlit as st
st.slider("a", key="a")
st.checkbox("b", key="b")
"""
    )
    assert at.slider(key="a").label == "a"
    assert at.get_by_key("b").label == "b"
    with pytest.raises(KeyError):
        at.slider(key="nope")
    with pytest.raises(KeyError):
        at.get_by_key("nope")


def test_callbacks_run_before_the_script():
    at = app(
        """
import streamlit as st
st.session_state.setdefault("log", [])
st.text_input("t", key="t", on_change=lambda: st.session_state.log.append("changed"))
st.session_state.log.append("ran")
"""
    )
    at.text_input(key="t").input("hi").run()
    assert at.session_state.log == ["ran", "changed", "ran"]


def test_datetime_input_bounds_default_to_whole_days_ten_years_around_the_value():
    at = app(
        """
import datetime
import streamlit as st
st.text(repr(st.datetime_input("a", datetime.datetime(2020, 1, 1, 12, 30))))
"""
    )
    w = at.datetime_input[0]
    assert (w.min, w.max) == ("2010-01-01T00:00", "2030-01-01T23:59")
    w.set_value(datetime.datetime(2030, 1, 1, 20, 0)).run()
    assert at.text[0].value == "datetime.datetime(2030, 1, 1, 20, 0)"


def test_help_and_limits_read_as_streamlits_when_not_given():
    at = app(
        """
import datetime
import streamlit as st
st.text_input("t")
st.multiselect("m", ["a"])
st.date_input("d", datetime.date(2020, 1, 1))
with st.expander("e"):
    pass
st.metric("x", 1)
"""
    )
    assert at.text_input[0].help == ""
    assert at.text_input[0].max_chars == 0
    assert at.multiselect[0].max_selections == 0
    assert (at.date_input[0].min, at.date_input[0].max) == (
        datetime.date(2010, 1, 1),
        datetime.date(2030, 1, 1),
    )
    assert at.expander[0].icon == ""
    assert at.metric[0].delta == ""


def test_element_types_are_streamlits_names():
    at = app(
        """
import datetime
import streamlit as st
st.pills("p", ["a"])
st.segmented_control("s", ["a"])
st.feedback()
st.datetime_input("d", datetime.datetime(2020, 1, 1))
st.help(len)
"""
    )
    assert [w.type for w in at.button_group] == ["button_group", "button_group"]
    assert at.feedback[0].type == "feedback"
    assert at.datetime_input[0].type == "date_time_input"
    assert at.help[0].type == "help_info"
    assert len(at.get("date_time_input")) == 1


def test_apptest_error_is_importable_from_its_module():
    from streamlit.testing.v1.errors import AppTestError as FromModule

    assert FromModule is AppTestError


def test_typed_text_over_max_chars_is_not_taken_but_a_set_value_is_cut():
    at = app('import streamlit as st\nst.text(repr(st.text_area("t", max_chars=3, key="t")))\n')
    at.text_area[0].input("abcdef").run()
    assert at.text[0].value == "''"
    at.text_area[0].set_value("abcdef").run()
    assert at.text[0].value == "'abc'"


def test_select_index_none_clears_a_selectbox():
    at = app('import streamlit as st\nst.text(repr(st.selectbox("s", ["a", "b"], index=None)))\n')
    assert (at.selectbox[0].value, at.selectbox[0].index) == (None, None)
    at.selectbox[0].select_index(1).run()
    assert at.text[0].value == "'b'"
    at.selectbox[0].select_index(None).run()
    assert at.text[0].value == "None"


def test_slider_bounds_given_the_wrong_way_round_are_swapped():
    at = app(
        """
import datetime
import streamlit as st
st.text(repr(st.slider("n", 10, 0)))
st.text(repr(st.slider("d", datetime.date(2020, 2, 1), datetime.date(2020, 1, 1))))
"""
    )
    assert not at.exception
    assert at.text.values == ["10", "datetime.date(2020, 2, 1)"]
    assert (at.slider[0].min, at.slider[0].max) == (0, 10)
    at.slider[0].set_value(3).run()
    assert at.text[0].value == "3"
