"""The demo (src/tidal/hello: ``tidal hello`` and ``make demo``): every example page works."""

from __future__ import annotations

import datetime
import json
import re

import pytest

from tidal.testing import AppTest

DEMO = "../src/tidal/hello/app.py"

EXAMPLES = [
    "Counter",
    "Callbacks",
    "Args and kwargs",
    "Form",
    "Weight conversion",
    "Mirrored widgets",
    "Celsius slider",
    "Name and volume",
    "Fragments and caching",
    "Components",
]


def page_of(example: str) -> str:
    """The page file of an example: "Args and kwargs" -> "pages/args_and_kwargs.py"."""
    return "pages/" + example.lower().replace(" ", "_") + ".py"


def go(at: AppTest, example: str) -> AppTest:
    """Open an example's page, as a click in the sidebar menu does."""
    return at.switch_page(page_of(example)).run()


def open_demo(example: str | None = None) -> AppTest:
    """Run the demo, then open ``example``'s page."""
    at = AppTest.from_file(DEMO).run()
    if example is not None:
        go(at, example)
    return at


def shown(at: AppTest, label: str) -> str:
    """The inline-code value that ``st.write(label, value)`` shows after ``label``."""
    pattern = re.compile(r"\s*".join(map(re.escape, label.split())) + r"\s*`([^`]*)`")
    for markdown in at.markdown:
        match = pattern.fullmatch(markdown.value.strip())
        if match:
            return match.group(1)
    raise AssertionError(f"no Markdown '{label} `...`' among {at.markdown.values!r}")


def shown_state(at: AppTest) -> dict[str, object]:
    """The session-state section at the end of the page, as a dict."""
    state: dict[str, object] = json.loads(at.json[-1].value)
    return state


def test_the_demo_opens_on_the_counter_with_a_title_and_an_intro() -> None:
    at = open_demo()
    assert len(at.exception) == 0
    assert "tidal" in at.title[0].value
    assert at.caption[0].value
    assert at.header[0].value == "Counter"  # the default page


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_runs_without_an_error_and_ends_with_session_state(example: str) -> None:
    at = open_demo(example)
    assert [e.value for e in at.exception] == []
    assert at.subheader[-1].value == "Session state"
    heading = at.header[0].value.lower()
    assert example.split()[0].lower().rstrip("s") in heading  # the example's own page


def test_the_counter_example_counts_up_and_down() -> None:
    at = open_demo("Counter")
    at.button(key="counter_increment").click().run()
    at.button(key="counter_increment").click().run()
    at.button(key="counter_decrement").click().run()
    assert shown(at, "Count =") == "1"
    assert shown_state(at)["counter_count"] == 1


def test_the_callbacks_example_increments_and_resets() -> None:
    at = open_demo("Callbacks")
    at.button(key="callbacks_increment").click().run()
    assert shown(at, "Count =") == "1"
    at.button(key="callbacks_reset").click().run()
    assert shown(at, "Count =") == "0"


def test_the_args_and_kwargs_example_adds_the_value_then_five_then_minus_one() -> None:
    at = open_demo("Args and kwargs")
    at.number_input(key="args_value").set_value(3).run()
    at.button(key="args_increment").click().run()
    assert shown(at, "Count =") == "3"
    at.button(key="args_plus_five").click().run()
    at.button(key="args_minus_one").click().run()
    assert shown(at, "Count =") == "7"


def test_the_form_example_updates_only_on_submit() -> None:
    at = open_demo("Form")
    at.number_input(key="form_increment_value").set_value(2)
    at.run()
    assert shown(at, "Current Count =") == "0"
    at.number_input(key="form_increment_value").set_value(2)
    at.time_input(key="form_update_time").set_value(datetime.time(8, 15))
    at.button[0].click().run()
    assert shown(at, "Current Count =") == "2"
    assert shown(at, "Last Updated =") == "08:15:00"


def test_the_weight_example_converts_pounds_to_kilograms() -> None:
    at = open_demo("Weight conversion")
    at.number_input(key="weight_lbs").set_value(10).run()
    assert at.number_input(key="weight_kg").value == pytest.approx(10 / 2.2046)
    assert shown_state(at)["weight_kg"] == pytest.approx(4.5359, abs=1e-4)


def test_the_mirrored_example_copies_the_first_box_into_the_second() -> None:
    at = open_demo("Mirrored widgets")
    at.text_input(key="mirror_first").input("tide").run()
    assert at.text_input(key="mirror_second").value == "tide"


def test_the_celsius_example_shows_fahrenheit_and_resets_to_fifty() -> None:
    at = open_demo("Celsius slider")
    assert at.slider(key="celsius_value").value == 50.0
    at.slider(key="celsius_value").set_value(100.0).run()
    assert shown(at, "Celsius: `100.0` Fahrenheit:") == "212.0"
    at.button(key="celsius_reset").click().run()
    assert at.slider(key="celsius_value").value == 50.0


def test_the_name_and_volume_example_remembers_every_edit() -> None:
    at = open_demo("Name and volume")
    at.text_input(key="profile_name_in").input("Ada").run()
    at.text_input(key="profile_name_in").input("Grace").run()
    at.slider(key="profile_volume_in").set_value(80).run()
    assert at.markdown.values.count("Hello, Grace") == 1
    assert shown(at, "Volume =") == "80"


def test_plain_values_survive_a_visit_to_another_example() -> None:
    at = open_demo("Name and volume")
    at.text_input(key="profile_name_in").input("Ada").run()
    go(at, "Counter")
    go(at, "Name and volume")
    assert at.text_input(key="profile_name_in").value == "Ada"


def test_widget_keys_of_a_hidden_example_leave_session_state() -> None:
    at = open_demo("Mirrored widgets")
    at.text_input(key="mirror_first").input("tide").run()
    go(at, "Counter")
    # readable during the run that no longer draws them, gone at its end (W-12)
    assert shown_state(at)["mirror_first"] == "tide"
    at.run()
    state = shown_state(at)
    assert "mirror_first" not in state
    assert "mirror_second" not in state


def test_clicking_through_every_example_in_one_session_raises_nothing() -> None:
    at = open_demo()
    for example in EXAMPLES:
        go(at, example)
        for button in at.main.button:
            button.click().run()
            assert [e.value for e in at.exception] == [], example
    assert at.session_state.counter_count == 0  # one Increment, one Decrement
    assert at.session_state.args_count == 4  # + the value 0, +5, -1


def test_the_session_state_page_shows_what_the_examples_keep() -> None:
    at = open_demo("Counter")
    at.button[0].click().run()
    at.switch_page("pages/session_state.py").run()
    assert shown_state(at)["counter_count"] == 1
    assert not at.exception


def test_the_fragments_example_counts_likes_squares_and_keeps_the_name_in_the_address() -> None:
    at = open_demo("Fragments and caching")
    assert shown(at, "Page runs:") == "1"
    at.button(key="fragments_like").click().run()  # AppTest reruns the page too
    assert shown(at, "Likes:") == "1"
    assert any(m.value.startswith("12² =") and "144" in m.value for m in at.markdown)
    at.number_input(key="fragments_n").set_value(9).run()
    assert any(m.value.startswith("9² =") and "81" in m.value for m in at.markdown)
    at.text_input(key="fragments_name").input("Ada").run()
    assert at.query_params["name"] == "Ada"
    assert any("Hello, Ada!" in m.value for m in at.markdown)
    at.text_input(key="fragments_name").input("").run()
    assert "name" not in at.query_params


def test_the_components_example_shows_the_rating_its_component_sends() -> None:
    at = open_demo("Components")
    assert any(m.value == "No rating yet: click a star." for m in at.markdown)
    stars = at.get("component_instance")[0]
    assert stars.props["args"] == {"label": "Rate tidal"}
    stars.set_value(4).run()
    assert any(m.value == "You gave 4 stars." for m in at.markdown)
    assert at.session_state.components_rating == 4


def test_the_components_v2_example_counts_claps_and_hears_the_clap_once() -> None:
    at = open_demo("Components")
    claps = at.get("bidi_component")[0]
    assert claps.props["data"] == {"claps": 0}
    claps.set_state_value("claps", 1).set_trigger_value("clapped", True).run()
    assert any(m.value == "Clap number 1 heard in this run." for m in at.markdown)
    assert at.get("bidi_component")[0].props["data"] == {"claps": 1}
    at.run()
    assert not any(m.value.startswith("Clap number") for m in at.markdown)
