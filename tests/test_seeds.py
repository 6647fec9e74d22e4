"""The seed documents' examples (examples/seeds/) do on tidal what the documents say they do.

Each script is a seed's code with only ``import streamlit as st`` changed to ``import tidal as
st``; each test performs the interactions the text describes and checks what it says happens.
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import pytest

from tidal.context import RunOptions
from tidal.testing import AppTest

SEEDS = "../examples/seeds"

DOCS_INIT = "https://docs.streamlit.io/develop/concepts/architecture/session-state#initialization"


def run_seed(name: str, **kwargs: Any) -> AppTest:
    """Load ``examples/seeds/<name>`` (path relative to this file) and run it once."""
    return AppTest.from_file(f"{SEEDS}/{name}", **kwargs).run()


def shown(at: AppTest, label: str) -> str:
    """What ``st.write(label, value)`` shows as the value: the inline code after ``label``.

    ``st.write`` joins its arguments with spaces and shows non-strings as inline code, so
    ``st.write("Count = ", 3)`` renders ``Count =  `3```. Only the label's words and the value
    are compared, never the spacing between them.
    """
    pattern = re.compile(r"\s*".join(map(re.escape, label.split())) + r"\s*`([^`]*)`")
    for markdown in at.markdown:
        match = pattern.fullmatch(markdown.value.strip())
        if match:
            return match.group(1)
    raise AssertionError(f"no Markdown '{label} `...`' among {at.markdown.values!r}")


def assert_no_exception(at: AppTest) -> None:
    assert len(at.exception) == 0, [e.value for e in at.exception]


# ------------------------------------------------------------------ counters with session state
STATEFUL_COUNTERS = [
    "basic_counter.py",  # seed 001, Basic Example: Counter
    "counter_session_state.py",  # seed 003, Example 1: Add Session State
    "counter_callbacks.py",  # seed 003, Example 2: Session State and Callbacks
    "button_actions.py",  # seed 001, Using Session State with Buttons and Actions
    "increment_decrement.py",  # seed 002, Add State to your App
]


@pytest.mark.parametrize("script", STATEFUL_COUNTERS)
def test_a_session_state_counter_starts_at_zero(script: str) -> None:
    at = run_seed(script)
    assert_no_exception(at)
    assert shown(at, "Count =") == "0"
    assert at.session_state.count == 0


@pytest.mark.parametrize("script", STATEFUL_COUNTERS)
def test_a_session_state_counter_reaches_three_after_three_clicks(script: str) -> None:
    at = run_seed(script)
    for _ in range(3):
        at.button[0].click().run()
    assert_no_exception(at)
    assert shown(at, "Count =") == "3"
    assert at.session_state.count == 3


@pytest.mark.parametrize("script", STATEFUL_COUNTERS)
def test_a_session_state_counter_keeps_its_count_when_the_app_reruns_unclicked(
    script: str,
) -> None:
    at = run_seed(script)
    for _ in range(3):
        at.button[0].click().run()
    at.run()
    at.run()
    assert shown(at, "Count =") == "3"
    assert at.session_state.count == 3


def test_st_write_of_a_label_and_a_number_renders_one_markdown_with_the_number_as_code() -> None:
    at = run_seed("counter_session_state.py")
    for _ in range(3):
        at.button[0].click().run()
    assert re.fullmatch(r"Count =\s+`3`", at.markdown[0].value)


def test_the_counter_example_shows_its_title() -> None:
    at = run_seed("counter_session_state.py")
    assert at.title[0].value == "Counter Example"


def test_the_stateless_counter_shows_zero_before_any_click() -> None:
    at = run_seed("counter_without_state.py")
    assert shown(at, "Count =") == "0"


def test_the_stateless_counter_stays_at_one_however_often_it_is_clicked() -> None:
    at = run_seed("counter_without_state.py")
    for _ in range(3):
        at.button[0].click().run()
        assert shown(at, "Count =") == "1"
    assert_no_exception(at)


def test_the_stateless_counter_keeps_nothing_in_session_state() -> None:
    at = run_seed("counter_without_state.py")
    at.button[0].click().run()
    assert "count" not in at.session_state


def test_increment_and_decrement_move_the_count_both_ways() -> None:
    at = run_seed("increment_decrement.py")
    increment, decrement = at.button[0], at.button[1]
    assert (increment.label, decrement.label) == ("Increment", "Decrement")
    increment.click().run()
    at.button[0].click().run()
    at.button[1].click().run()
    assert shown(at, "Count =") == "1"
    for _ in range(3):
        at.button[1].click().run()
    assert shown(at, "Count =") == "-2"


def test_a_callback_runs_before_the_script_so_one_click_shows_one() -> None:
    at = run_seed("counter_callbacks.py")
    at.button[0].click().run()
    assert shown(at, "Count =") == "1"


def test_the_reset_button_sets_the_count_back_to_zero() -> None:
    at = run_seed("reset_button.py")
    at.session_state.count = 7
    at.run()
    assert at.session_state.count == 7
    at.button[0].click().run()
    assert_no_exception(at)
    assert at.session_state.count == 0


# ------------------------------------------------------------------ callbacks with args / kwargs
def test_the_args_counter_increments_by_the_number_entered() -> None:
    at = run_seed("counter_args.py")
    at.number_input[0].set_value(5).run()
    assert shown(at, "Count =") == "0"
    at.button[0].click().run()
    assert shown(at, "Count =") == "5"
    at.button[0].click().run()
    assert shown(at, "Count =") == "10"
    assert_no_exception(at)


def test_CB_5_the_args_counter_adds_the_value_rendered_before_the_click() -> None:
    at = run_seed("counter_args.py")
    at.number_input[0].set_value(2).run()
    # the value and the click arrive together: args were frozen when the button was drawn (2)
    at.number_input[0].set_value(7)
    at.button[0].click().run()
    assert at.session_state.count == 2
    at.button[0].click().run()
    assert at.session_state.count == 9


def test_the_kwargs_counter_adds_five_and_subtracts_one() -> None:
    at = run_seed("counter_kwargs.py")
    at.button[0].click().run()
    assert shown(at, "Count =") == "5"
    at.button[0].click().run()
    assert shown(at, "Count =") == "10"
    at.button[1].click().run()
    assert shown(at, "Count =") == "9"
    assert_no_exception(at)


# ------------------------------------------------------------------ forms and callbacks
def test_the_form_counter_starts_at_zero_last_updated_at_midnight() -> None:
    at = run_seed("counter_form.py")
    assert_no_exception(at)
    assert shown(at, "Current Count =") == "0"
    assert shown(at, "Last Updated =") == "00:00:00"
    assert at.session_state.last_updated == datetime.time(0, 0)


def test_changing_the_form_without_submitting_changes_neither_count_nor_last_updated() -> None:
    at = run_seed("counter_form.py")
    at.number_input(key="increment_value").set_value(4)
    at.time_input(key="update_time").set_value(datetime.time(12, 30))
    at.run()
    at.run()
    assert_no_exception(at)
    assert at.session_state.count == 0
    assert at.session_state.last_updated == datetime.time(0, 0)
    assert shown(at, "Current Count =") == "0"
    assert shown(at, "Last Updated =") == "00:00:00"


def test_F_1_form_values_reach_session_state_only_when_the_form_is_submitted() -> None:
    at = run_seed("counter_form.py")
    shown_time = at.session_state.update_time
    at.number_input(key="increment_value").set_value(4)
    at.time_input(key="update_time").set_value(datetime.time(12, 30))
    at.run()
    # a form keeps its values in the browser until it is submitted (F-1)
    assert at.session_state.increment_value == 0
    assert at.session_state.update_time == shown_time


def test_submitting_the_form_adds_the_value_and_records_the_chosen_time() -> None:
    at = run_seed("counter_form.py")
    at.number_input(key="increment_value").set_value(4)
    at.time_input(key="update_time").set_value(datetime.time(12, 30))
    at.button[0].click().run()
    assert_no_exception(at)
    assert at.session_state.count == 4
    assert at.session_state.last_updated == datetime.time(12, 30)
    assert shown(at, "Current Count =") == "4"
    assert shown(at, "Last Updated =") == "12:30:00"


def test_submitting_the_form_again_adds_the_value_again() -> None:
    at = run_seed("counter_form.py")
    at.number_input(key="increment_value").set_value(4)
    at.button[0].click().run()
    at.button[0].click().run()
    assert at.session_state.count == 8


# ------------------------------------------------------------------ weight conversion (seed 000)
def test_entering_pounds_converts_them_to_kilograms() -> None:
    at = run_seed("weight_conversion.py")
    at.number_input(key="lbs").set_value(10).run()
    assert_no_exception(at)
    assert at.session_state.kg == 10 / 2.2046
    assert at.number_input(key="kg").value == pytest.approx(4.5359, abs=1e-4)


def test_entering_kilograms_converts_them_back_to_pounds() -> None:
    at = run_seed("weight_conversion.py")
    at.number_input(key="lbs").set_value(10).run()
    at.number_input(key="kg").set_value(5).run()
    assert_no_exception(at)
    assert at.session_state.lbs == 5 * 2.2046
    assert at.number_input(key="lbs").value == pytest.approx(11.023)


def test_the_session_state_object_is_written_as_json_with_lbs_and_kg() -> None:
    at = run_seed("weight_conversion.py")
    at.number_input(key="lbs").set_value(10).run()
    assert at.markdown[0].value == "st.session_state object:"
    assert json.loads(at.json[0].value) == {"lbs": 10, "kg": 10 / 2.2046}


def test_the_weight_inputs_sit_in_the_outer_two_of_three_columns() -> None:
    at = run_seed("weight_conversion.py")
    assert len(at.columns) == 3
    assert [n.key for n in at.columns[0].number_input] == ["lbs"]
    assert len(at.columns[1].number_input) == 0
    assert [n.key for n in at.columns[2].number_input] == ["kg"]
    assert [h.value for h in at.header] == ["Input", "Output"]


# ------------------------------------------------------------------ widgets mirrored by key
def test_typing_in_the_first_box_copies_the_text_into_the_second() -> None:
    at = run_seed("mirrored_widgets.py")
    at.text_input(key="first").input("hello").run()
    assert_no_exception(at)
    assert at.text_input(key="second").value == "hello"
    assert at.session_state.second == "hello"


def test_typing_in_the_second_box_copies_the_text_into_the_first() -> None:
    at = run_seed("mirrored_widgets.py")
    at.text_input(key="first").input("hello").run()
    at.text_input(key="second").input("world").run()
    assert_no_exception(at)
    assert at.text_input(key="first").value == "world"
    assert at.session_state.first == "world"


def test_the_mirrored_widgets_title_keeps_its_emoji() -> None:
    at = run_seed("mirrored_widgets.py")
    assert at.title[0].value == "🪞 Mirrored Widgets using Session State"


# ------------------------------------------------------------------ inputs and sliders (seed 001)
def test_the_name_typed_is_remembered_across_reruns() -> None:
    at = run_seed("name_input.py")
    assert at.text_input[0].value == ""
    at.text_input[0].input("Ada").run()
    assert at.session_state.name == "Ada"
    assert at.markdown[0].value == "Hello, Ada"
    at.run()
    assert_no_exception(at)
    assert at.text_input[0].value == "Ada"
    assert at.markdown[0].value == "Hello, Ada"


def test_W_4_a_second_name_must_be_typed_twice_because_the_default_renames_the_widget() -> None:
    # The seed passes st.session_state.name as the keyless widget's default, and a keyless
    # widget's default is part of its id (W-2, W-4): once the name is "Ada" the widget is a
    # new one, so the next edit (made on the old widget) is dropped, as in Streamlit.
    at = run_seed("name_input.py")
    at.text_input[0].input("Ada").run()
    at.text_input[0].input("Grace").run()
    assert at.session_state.name == "Ada"
    at.text_input[0].input("Grace").run()
    assert at.session_state.name == "Grace"
    assert at.markdown[0].value == "Hello, Grace"


def test_the_volume_slider_starts_at_fifty() -> None:
    at = run_seed("volume_slider.py")
    assert at.slider[0].value == 50
    assert shown(at, "Volume =") == "50"


def test_the_volume_chosen_persists_across_reruns() -> None:
    at = run_seed("volume_slider.py")
    at.slider[0].set_value(70).run()
    at.run()
    assert_no_exception(at)
    assert at.session_state.volume == 70
    assert at.slider[0].value == 70
    assert shown(at, "Volume =") == "70"


# ------------------------------------------------------------------ the session state API (seed 003)
def test_best_practice_dictionary_keys_hold_several_variables() -> None:
    at = run_seed("best_practices.py")
    assert_no_exception(at)
    assert at.session_state["username"] == ""
    assert at.session_state["age"] == 18


def test_initialization_sets_key_to_value_through_either_syntax() -> None:
    at = run_seed("initialization.py")
    assert_no_exception(at)
    assert at.session_state["key"] == "value"
    assert at.session_state.key == "value"


def test_reading_a_key_writes_its_value() -> None:
    at = run_seed("reads.py")
    assert [m.value for m in at.markdown] == ["value"]


def test_updates_through_attribute_and_item_syntax_store_value2() -> None:
    at = run_seed("updates.py")
    assert_no_exception(at)
    assert at.session_state["key"] == "value2"


def test_SS_6_reading_an_uninitialized_key_shows_a_key_error() -> None:
    at = run_seed("uninitialized_access.py")
    assert len(at.exception) == 1
    error = at.exception[0]
    assert error.exception_type == "KeyError"
    assert error.is_markdown is False
    message = f'st.session_state has no key "value". Did you forget to initialize it? More info: {DOCS_INIT}'
    # str(KeyError(m)) is repr(m), quotes included, as Streamlit's AppTest shows it
    assert error.value == repr(message)
    assert error.message == repr(message)


# ------------------------------------------------------------------ widget state association
def test_the_celsius_slider_starts_at_the_value_set_in_session_state() -> None:
    at = run_seed("celsius_slider.py")
    assert_no_exception(at)
    assert at.slider[0].value == 50.0
    assert shown(at, "") == "50.0"


def test_moving_the_celsius_slider_updates_session_state_and_the_text() -> None:
    at = run_seed("celsius_slider.py")
    at.slider(key="celsius").set_value(-12.5).run()
    assert at.session_state.celsius == -12.5
    assert shown(at, "") == "-12.5"


def test_setting_celsius_in_session_state_moves_the_slider() -> None:
    at = run_seed("celsius_slider.py")
    at.session_state.celsius = 20.0
    at.run()
    assert at.slider[0].value == 20.0
    assert shown(at, "") == "20.0"


def test_W_10_assigning_a_button_key_through_session_state_is_refused() -> None:
    at = run_seed("button_key_assignment.py")
    assert len(at.exception) == 1
    error = at.exception[0]
    assert error.exception_type == "StreamlitValueAssignmentNotAllowedError"
    assert error.is_markdown is True
    assert error.value == (
        "`st.session_state['my_button']` is read-only and cannot be assigned through session "
        "state. Use a different session state key for values you need to set."
    )


# ------------------------------------------------------------------ serializable session state
def test_SER_4_a_lambda_is_refused_when_serializable_state_is_enforced() -> None:
    at = run_seed("unserializable_lambda.py", options=RunOptions(enforce_serializable=True))
    assert len(at.exception) == 1
    error = at.exception[0]
    assert error.exception_type == "UnserializableSessionStateError"
    assert error.is_markdown is True
    assert error.value == (
        "Cannot serialize the value (of type `<class 'function'>`) of 'unserializable' in "
        "st.session_state. Streamlit has been configured to use "
        "[pickle](https://docs.python.org/3/library/pickle.html) to serialize session_state "
        "values. Please convert the value to a pickle-serializable type. To learn more about "
        "this behavior, see [our docs](https://docs.streamlit.io/knowledge-base/using-streamlit/"
        "serializable-session-state)."
    )


def test_SER_5_the_refused_lambda_stays_and_fails_every_following_run() -> None:
    at = run_seed("unserializable_lambda.py", options=RunOptions(enforce_serializable=True))
    at.run()
    assert [e.exception_type for e in at.exception] == ["UnserializableSessionStateError"]
    assert callable(at.session_state.unserializable)


def test_a_lambda_is_accepted_when_serializable_state_is_not_enforced() -> None:
    at = run_seed("unserializable_lambda.py")
    assert_no_exception(at)
    assert at.session_state.unserializable(7) == 7
