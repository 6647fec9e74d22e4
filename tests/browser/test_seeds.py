"""Every seed example (examples/seeds/) driven in Chromium as a person would drive it.

Each test opens one seed script on a real tidal server, clicks, types, drags and submits, and
checks that what the seed's text says appears on screen does (tests/test_seeds.py checks the
same examples through AppTest). Every test ends with no console error.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, expect

from tests.browser.conftest import AppPage

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"

DOCS_INIT = "https://docs.streamlit.io/develop/concepts/architecture/session-state#initialization"


def seed(name: str) -> Path:
    return SEEDS / name


def written(app: AppPage, label: str) -> Locator:
    """The Markdown block that ``st.write(label, value)`` produced."""
    return app.page.locator(".markdown").filter(has_text=label)


def expect_shown(app: AppPage, label: str, value: object) -> None:
    """``st.write(label, value)`` shows ``label`` then ``value`` (spacing is not compared)."""
    words = r"\s*".join(map(re.escape, label.split()))
    expect(written(app, label)).to_have_text(
        re.compile(rf"^\s*{words}\s+{re.escape(str(value))}\s*$")
    )


def expect_count(app: AppPage, n: int) -> None:
    expect_shown(app, "Count =", n)


def no_exception(app: AppPage) -> None:
    expect(app.page.locator(".exception")).to_have_count(0)
    assert app.page.evaluate("window.__tidal.lastRunStatus") == "ok"


def done(app: AppPage) -> None:
    """End of a test: nothing went wrong in the browser."""
    assert not app.console_errors, app.console_errors


def runs(app: AppPage) -> int:
    return int(app.page.evaluate("window.__tidal.runs"))


def server_state(app: AppPage) -> dict[str, Any]:
    """The session state of the page's (only) session, as the server holds it."""
    (session,) = app.server.sessions.all()  # type: ignore[attr-defined]
    return dict(session.state.to_dict())


# ------------------------------------------------------------------ sliders, by mouse and keys
def slider_x(box: dict[str, float], fraction: float) -> float:
    """Where the thumb's centre sits at ``fraction`` of a native range input (thumb = height)."""
    thumb = box["height"]
    return box["x"] + thumb / 2 + fraction * (box["width"] - thumb)


def slider_fraction(slider: Locator) -> float:
    return float(
        slider.evaluate("e => (Number(e.value) - Number(e.min)) / (Number(e.max) - Number(e.min))")
    )


def drag_slider(app: AppPage, slider: Locator, to: float) -> None:
    """Press the thumb where it is, drag it to ``to`` (0..1 of the track), release."""
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    assert box
    y = box["y"] + box["height"] / 2
    mouse = app.page.mouse
    mouse.move(slider_x(box, slider_fraction(slider)), y)
    mouse.down()
    mouse.move(slider_x(box, to), y, steps=8)
    mouse.up()
    app.idle()


# ------------------------------------------------------------------ counters
STATEFUL_COUNTERS = [
    "basic_counter.py",
    "counter_session_state.py",
    "counter_callbacks.py",
    "button_actions.py",
    "increment_decrement.py",
]


@pytest.mark.parametrize("script", STATEFUL_COUNTERS)
def test_a_session_state_counter_counts_three_clicks(open_app, script):
    app = open_app(seed(script))
    expect_count(app, 0)
    for n in (1, 2, 3):
        app.click("Increment")
        expect_count(app, n)
    app.page.reload()  # the state belongs to the session, not to the page load
    app.idle()
    expect_count(app, 3)
    done(app)


def test_the_counter_shows_its_title(open_app):
    app = open_app(seed("counter_session_state.py"))
    expect(app.page.get_by_role("heading", level=1)).to_have_text("Counter Example")
    done(app)


def test_the_stateless_counter_never_gets_past_one(open_app):
    app = open_app(seed("counter_without_state.py"))
    expect_count(app, 0)
    for _ in range(3):
        app.click("Increment")
        expect_count(app, 1)
    done(app)


def test_increment_and_decrement_move_the_count_both_ways(open_app):
    app = open_app(seed("increment_decrement.py"))
    app.click("Increment")
    app.click("Increment")
    app.click("Decrement")
    expect_count(app, 1)
    for _ in range(3):
        app.click("Decrement")
    expect_count(app, -2)
    done(app)


def test_a_callback_counter_shows_one_after_one_click(open_app):
    app = open_app(seed("counter_callbacks.py"))
    expect(app.page.get_by_role("heading", level=1)).to_have_text("Counter Example using Callbacks")
    app.click("Increment")
    expect_count(app, 1)
    done(app)


def test_the_args_counter_adds_the_number_typed_or_stepped(open_app):
    app = open_app(seed("counter_args.py"))
    box = app.page.get_by_label("Enter a value", exact=True)
    expect(box).to_have_value("0")
    app.type_and_enter("Enter a value", "5")
    expect(box).to_have_value("5")
    expect_count(app, 0)
    app.click("Increment")
    expect_count(app, 5)
    app.click("Increment")
    expect_count(app, 10)
    # the number input's own -/+ buttons
    widget = app.page.locator(".w-number_input")
    widget.get_by_role("button", name=re.compile("^Decrease")).click()
    app.idle()
    widget.get_by_role("button", name=re.compile("^Decrease")).click()
    app.idle()
    expect(box).to_have_value("3")
    app.click("Increment")
    expect_count(app, 13)
    # Tab away commits as well as Enter does
    box.fill("-4")
    box.press("Tab")
    app.idle()
    app.click("Increment")
    expect_count(app, 9)
    done(app)


def test_the_kwargs_counter_adds_five_and_subtracts_one(open_app):
    app = open_app(seed("counter_kwargs.py"))
    app.click("Increment")
    expect_count(app, 5)
    app.click("Increment")
    expect_count(app, 10)
    app.click("Decrement")
    expect_count(app, 9)
    done(app)


def test_the_reset_button_alone_runs_cleanly(open_app):
    app = open_app(seed("reset_button.py"))
    app.click("Reset")
    no_exception(app)
    assert server_state(app) == {"count": 0}
    done(app)


def test_the_reset_button_sets_the_counter_above_it_back_to_zero(open_app):
    # In seed 001 the reset snippet follows the callback counter it resets.
    source = seed("button_actions.py").read_text() + "\n" + seed("reset_button.py").read_text()
    app = open_app(source)
    for _ in range(3):
        app.click("Increment")
    expect_count(app, 3)
    app.click("Reset")
    expect_count(app, 0)
    app.click("Increment")
    expect_count(app, 1)
    done(app)


# ------------------------------------------------------------------ forms and callbacks
def test_the_form_changes_nothing_until_update_is_clicked(open_app):
    app = open_app(seed("counter_form.py"))
    expect_shown(app, "Current Count =", 0)
    expect_shown(app, "Last Updated =", "00:00:00")
    before = runs(app)

    app.page.get_by_label("Enter the time", exact=True).fill("12:30")
    value = app.page.get_by_label("Enter a value", exact=True)
    value.fill("4")
    value.press("Tab")
    app.idle()
    app.page.get_by_role("heading", name="Counter Example").click()
    app.idle()
    assert runs(app) == before  # a form sends nothing before its submit
    expect_shown(app, "Current Count =", 0)
    expect_shown(app, "Last Updated =", "00:00:00")

    app.click("Update")
    expect_shown(app, "Current Count =", 4)
    expect_shown(app, "Last Updated =", "12:30:00")
    expect(value).to_have_value("4")  # the form keeps what was entered (no clear_on_submit)
    expect(app.page.get_by_label("Enter the time", exact=True)).to_have_value("12:30")

    app.click("Update")
    expect_shown(app, "Current Count =", 8)

    # the + button steps the value inside the form without sending anything either
    before = runs(app)
    app.page.locator(".w-number_input").get_by_role("button", name=re.compile("^Increase")).click()
    app.idle()
    expect(value).to_have_value("5")
    assert runs(app) == before
    expect_shown(app, "Current Count =", 8)
    # Enter in the form's number input submits it, as the Update button does
    value.press("Enter")
    app.idle()
    expect_shown(app, "Current Count =", 13)
    no_exception(app)
    done(app)


# ------------------------------------------------------------------ weight conversion (seed 000)
def test_pounds_convert_to_kilograms_and_back(open_app):
    app = open_app(seed("weight_conversion.py"))
    pounds = app.page.get_by_label("Pounds:", exact=True)
    kilograms = app.page.get_by_label("Kilograms:", exact=True)
    expect(pounds).to_have_value("0.00")
    expect(kilograms).to_have_value("0.00")
    session = app.page.locator(".json")
    expect(session).to_contain_text('"lbs": 0.0')

    app.type_and_enter("Pounds:", "10")
    expect(pounds).to_have_value("10.00")
    expect(kilograms).to_have_value("4.54")  # the number input's %0.2f display
    expect(session).to_contain_text('"lbs": 10.0')
    expect(session).to_contain_text('"kg": 4.535970244035199')

    kilograms.fill("5")
    kilograms.press("Tab")  # leaving the field commits, as Enter does
    app.idle()
    expect(pounds).to_have_value("11.02")
    expect(kilograms).to_have_value("5.00")
    expect(session).to_contain_text('"kg": 5.0')
    expect(session).to_contain_text('"lbs": 11.023')

    # the two inputs sit side by side, in the outer columns
    left, right = pounds.bounding_box(), kilograms.bounding_box()
    assert left and right and abs(left["y"] - right["y"]) < 2 and right["x"] > left["x"] + 200
    no_exception(app)
    done(app)


# ------------------------------------------------------------------ widgets mirrored by key
def test_typing_in_one_mirrored_box_fills_the_other(open_app):
    app = open_app(seed("mirrored_widgets.py"))
    expect(app.page.get_by_role("heading", level=1)).to_have_text(
        "🪞 Mirrored Widgets using Session State"
    )
    first = app.page.get_by_label("Textbox 1", exact=True)
    second = app.page.get_by_label("Textbox 2", exact=True)
    app.type_and_enter("Textbox 1", "hello")
    expect(second).to_have_value("hello")
    expect(first).to_have_value("hello")
    second.fill("world")
    second.press("Tab")
    app.idle()
    expect(first).to_have_value("world")
    expect(second).to_have_value("world")
    done(app)


# ------------------------------------------------------------------ inputs and sliders (seed 001)
def test_the_name_typed_is_greeted_and_kept(open_app):
    app = open_app(seed("name_input.py"))
    box = app.page.get_by_label("Enter your name:", exact=True)
    expect(box).to_have_value("")
    app.type_and_enter("Enter your name:", "Ada")
    app.expect_text("Hello, Ada")
    app.page.reload()
    app.idle()
    expect(app.page.get_by_label("Enter your name:", exact=True)).to_have_value("Ada")
    app.expect_text("Hello, Ada")
    done(app)


def test_dragging_the_volume_slider_changes_the_volume(open_app):
    app = open_app(seed("volume_slider.py"))
    slider = app.page.get_by_label("Volume", exact=True)
    expect(slider).to_have_value("50")
    expect_shown(app, "Volume =", 50)
    drag_slider(app, slider, 0.8)
    volume = int(slider.input_value())
    assert abs(volume - 80) <= 2
    expect_shown(app, "Volume =", volume)
    app.page.reload()
    app.idle()
    expect_shown(app, "Volume =", volume)
    expect(app.page.get_by_label("Volume", exact=True)).to_have_value(str(volume))
    done(app)


def test_the_volume_slider_moves_with_the_keyboard(open_app):
    app = open_app(seed("volume_slider.py"))
    slider = app.page.get_by_label("Volume", exact=True)
    slider.focus()
    slider.press("ArrowRight")
    app.idle()
    expect_shown(app, "Volume =", 51)
    done(app)


def test_the_celsius_slider_starts_at_fifty_and_writes_where_it_is_moved(open_app):
    app = open_app(seed("celsius_slider.py"))
    slider = app.page.get_by_label("Temperature in Celsius", exact=True)
    value = app.page.locator(".markdown")
    expect(value).to_have_text("50.0")
    expect(slider).to_have_value("50")

    slider.focus()
    slider.press("ArrowRight")  # one step of 0.01
    app.idle()
    expect(value).to_have_text("50.01")
    slider.press("End")
    app.idle()
    expect(value).to_have_text("100.0")
    slider.press("Home")
    app.idle()
    expect(value).to_have_text("-100.0")

    drag_slider(app, slider, 0.25)
    moved = float(slider.input_value())
    assert abs(moved - -50) <= 3
    expect(value).to_have_text(repr(moved))
    no_exception(app)
    done(app)


# ------------------------------------------------------------------ the session state API (seed 003)
def test_reading_a_key_writes_its_value(open_app):
    app = open_app(seed("reads.py"))
    expect(app.page.locator(".markdown")).to_have_text("value")
    no_exception(app)
    done(app)


@pytest.mark.parametrize(
    ("script", "state"),
    [
        ("initialization.py", {"key": "value"}),
        ("updates.py", {"key": "value2"}),
        ("best_practices.py", {"username": "", "age": 18}),
    ],
)
def test_state_only_examples_run_cleanly_and_keep_their_values(open_app, script, state):
    app = open_app(seed(script))
    no_exception(app)
    expect(app.page.locator("#root-0 > .el")).to_have_count(0)  # they write nothing
    app.page.reload()
    app.idle()
    no_exception(app)
    assert server_state(app) == state
    done(app)


def test_reading_an_uninitialized_key_shows_the_key_error(open_app):
    app = open_app(seed("uninitialized_access.py"))
    box = app.page.locator(".exception")
    expect(box).to_have_count(1)
    expect(box.locator(".exc-type")).to_have_text("KeyError")
    expect(box).to_contain_text(
        f'st.session_state has no key "value". Did you forget to initialize it? '
        f"More info: {DOCS_INIT}"
    )
    done(app)


def test_assigning_a_button_key_shows_the_assignment_error(open_app):
    app = open_app(seed("button_key_assignment.py"))
    box = app.page.locator(".exception")
    expect(box).to_have_count(1)
    expect(box.locator(".exc-type")).to_have_text("StreamlitValueAssignmentNotAllowedError")
    expect(box).to_contain_text(
        "st.session_state['my_button'] is read-only and cannot be assigned through session "
        "state. Use a different session state key for values you need to set."
    )
    done(app)


def test_a_lambda_in_state_is_refused_when_serializable_state_is_enforced(open_app):
    app = open_app(seed("unserializable_lambda.py"), runner__enforceSerializableSessionState="true")
    box = app.page.locator(".exception")
    expect(box).to_have_count(1)
    expect(box.locator(".exc-type")).to_have_text("UnserializableSessionStateError")
    expect(box).to_contain_text(
        "Cannot serialize the value (of type <class 'function'>) of 'unserializable' in "
        "st.session_state. Streamlit has been configured to use pickle to serialize "
        "session_state values. Please convert the value to a pickle-serializable type. To "
        "learn more about this behavior, see our docs."
    )
    expect(box.get_by_role("link", name="pickle")).to_have_attribute(
        "href", "https://docs.python.org/3/library/pickle.html"
    )
    done(app)


def test_a_lambda_in_state_is_accepted_when_serializable_state_is_not_enforced(open_app):
    app = open_app(seed("unserializable_lambda.py"))
    no_exception(app)
    done(app)
