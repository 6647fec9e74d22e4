"""The examples of the tidal demo (``tidal hello``, ``make demo``): one function per page.

Each example is one function, and every key it uses (widget keys and plain session-state keys)
starts with the example's own prefix, so the examples never collide. Every page ends with
``session_state_section()``: everything this tab keeps between runs.
"""

import datetime
import time
from pathlib import Path

import tidal as st
import tidal.components.v1 as components

ss = st.session_state


# ----------------------------------------------------------------------------- callbacks
# Module-level functions: a callback runs at the start of the *next* run, before the script.


def increment_callbacks_count() -> None:
    ss.callbacks_count += 1


def reset_callbacks_count() -> None:
    ss.callbacks_count = 0


def add_to_args_count(amount: int = 0) -> None:
    ss.args_count += amount


def update_form_counter() -> None:
    ss.form_count += ss.form_increment_value
    ss.form_last_updated = ss.form_update_time


def lbs_to_kg() -> None:
    ss.weight_kg = ss.weight_lbs / 2.2046


def kg_to_lbs() -> None:
    ss.weight_lbs = ss.weight_kg * 2.2046


def copy_first_to_second() -> None:
    ss.mirror_second = ss.mirror_first


def copy_second_to_first() -> None:
    ss.mirror_first = ss.mirror_second


def reset_celsius() -> None:
    ss.celsius_value = 50.0


# ----------------------------------------------------------------------------- examples
def counter() -> None:
    st.header("Counter")
    st.caption(
        "A value in `st.session_state` survives the rerun every click causes; a plain variable "
        "would start again from 0. (Docs: Example 1, and the Increment/Decrement post.)"
    )
    if "counter_count" not in ss:
        ss.counter_count = 0
    increment, decrement = st.columns(2)
    with increment:
        if st.button("Increment", key="counter_increment"):
            ss.counter_count += 1
    with decrement:
        if st.button("Decrement", key="counter_decrement"):
            ss.counter_count -= 1
    st.write("Count = ", ss.counter_count)


def callbacks() -> None:
    st.header("Callbacks")
    st.caption(
        "`on_click` runs before the script reruns, so the new count shows in the same run. "
        "(Docs: Example 2, and the reset button of the tutorial.)"
    )
    if "callbacks_count" not in ss:
        ss.callbacks_count = 0
    increment, reset = st.columns(2)
    increment.button("Increment", key="callbacks_increment", on_click=increment_callbacks_count)
    reset.button("Reset", key="callbacks_reset", on_click=reset_callbacks_count)
    st.write("Count = ", ss.callbacks_count)


def args_and_kwargs() -> None:
    st.header("Callbacks with args and kwargs")
    st.caption(
        "`args` and `kwargs` are passed to the callback. They are captured when the button is "
        "drawn, so a new value counts from the click after it. (Docs: Example 3.)"
    )
    if "args_count" not in ss:
        ss.args_count = 0
    value = st.number_input("Enter a value", value=0, step=1, key="args_value")
    by_value, plus_five, minus_one = st.columns(3)
    by_value.button(
        "Increment by the value", key="args_increment", on_click=add_to_args_count, args=(value,)
    )
    plus_five.button("+5", key="args_plus_five", on_click=add_to_args_count, kwargs={"amount": 5})
    minus_one.button("-1", key="args_minus_one", on_click=add_to_args_count, kwargs={"amount": -1})
    st.write("Count = ", ss.args_count)


def form() -> None:
    st.header("Forms and callbacks")
    st.caption(
        "Widgets in a form send their values only when it is submitted; the submit button's "
        "callback then sees all of them. (Docs: Example 4.)"
    )
    if "form_count" not in ss:
        ss.form_count = 0
        ss.form_last_updated = datetime.time(0, 0)
    with st.form(key="form_my_form"):
        st.time_input(
            "Enter the time", value=datetime.datetime.now().time(), key="form_update_time"
        )
        st.number_input("Enter a value", value=0, step=1, key="form_increment_value")
        st.form_submit_button("Update", on_click=update_form_counter)
    st.write("Current Count = ", ss.form_count)
    st.write("Last Updated = ", ss.form_last_updated)


def weight_conversion() -> None:
    st.header("Weight conversion")
    st.caption(
        "Each input's `on_change` callback writes the other input's key, so typing in one "
        "box updates the other. (Tutorial: st.session_state.)"
    )
    pounds, _, kilograms = st.columns([2, 1, 2])
    with pounds:
        st.number_input("Pounds:", key="weight_lbs", on_change=lbs_to_kg)
    with kilograms:
        st.number_input("Kilograms:", key="weight_kg", on_change=kg_to_lbs)


def mirrored_widgets() -> None:
    st.header("🪞 Mirrored widgets")
    st.caption(
        "A widget's `key` is its session-state entry, so a callback can set another widget's "
        "value. (Release post: Callback functions and Session State API.)"
    )
    st.text_input("Textbox 1", key="mirror_first", on_change=copy_first_to_second)
    st.text_input("Textbox 2", key="mirror_second", on_change=copy_second_to_first)


def celsius_slider() -> None:
    st.header("Celsius slider")
    st.caption(
        "Set a widget's value through its key before the widget is drawn, read it back after. "
        "(Docs: Session State and Widget State association.)"
    )
    if "celsius_value" not in ss:
        ss.celsius_value = 50.0
    st.slider("Temperature in Celsius", min_value=-100.0, max_value=100.0, key="celsius_value")
    st.write("Celsius:", ss.celsius_value, "Fahrenheit:", ss.celsius_value * 9 / 5 + 32)
    st.button("Back to 50 °C", key="celsius_reset", on_click=reset_celsius)


def name_and_volume() -> None:
    st.header("Name and volume")
    st.caption(
        "Plain session-state values fed back into widgets as their defaults: they outlive the "
        "widgets, so they are still here after you visit another example. (Session State in "
        "Streamlit: inputs and sliders.)"
    )
    if "profile_name" not in ss:
        ss.profile_name = ""
    if "profile_volume" not in ss:
        ss.profile_volume = 50
    # A key keeps the widget's identity when its default changes, so every edit counts.
    ss.profile_name = st.text_input("Enter your name:", ss.profile_name, key="profile_name_in")
    st.write("Hello,", ss.profile_name)
    ss.profile_volume = st.slider("Volume", 0, 100, ss.profile_volume, key="profile_volume_in")
    st.write("Volume =", ss.profile_volume)


EXAMPLES = {
    "Counter": counter,
    "Callbacks": callbacks,
    "Args and kwargs": args_and_kwargs,
    "Form": form,
    "Weight conversion": weight_conversion,
    "Mirrored widgets": mirrored_widgets,
    "Celsius slider": celsius_slider,
    "Name and volume": name_and_volume,
}


# ----------------------------------------------------------------------------- beyond the docs
@st.cache_data
def slow_square(n: int) -> int:
    """A slow computation: it runs once per ``n`` for the whole server, then comes from the
    cache (a copy per caller)."""
    time.sleep(0.3)
    return n * n


@st.fragment
def fragments_likes() -> None:
    """Clicks in here rerun only this function: the page's run count above does not move."""
    ss.setdefault("fragments_likes", 0)
    if st.button("👍 Like", key="fragments_like"):
        ss.fragments_likes += 1
    st.write("Likes:", ss.fragments_likes)


def fragments_and_caching() -> None:
    st.header("Fragments, caching and the address")
    st.caption(
        "Three things beyond the session-state docs: `@st.fragment` reruns one function "
        "instead of the page, `@st.cache_data` remembers a slow result for every tab, and "
        "`st.query_params` keeps a value in the page's address."
    )
    ss.setdefault("fragments_page_runs", 0)
    ss.fragments_page_runs += 1
    st.write("Page runs:", ss.fragments_page_runs)
    with st.container(border=True):
        fragments_likes()
    n = int(st.number_input("Square of", 0, 100, 12, key="fragments_n") or 0)
    started = time.perf_counter()
    square = slow_square(n)
    took = (time.perf_counter() - started) * 1000
    st.write(f"{n}² =", square, f"(in {took:.0f} ms: a new number takes 300 ms, then it is cached)")
    name = st.text_input(
        "Your name, kept in the address", st.query_params.get("name", ""), key="fragments_name"
    )
    if name:
        st.query_params["name"] = name
        st.write(f"Hello, {name}! Reload the page or share its address: the name stays.")
    elif "name" in st.query_params:
        del st.query_params["name"]


# ----------------------------------------------------------------------------- components
_STARS = components.declare_component(
    "stars", path=Path(__file__).resolve().parent / "components" / "stars"
)


def components_example() -> None:
    st.header("Custom components")
    st.write(
        "A component is a small web page with its own JavaScript, shown in a sandboxed frame. "
        "It talks to the app with Streamlit's component protocol, so Streamlit's component "
        "packages from PyPI run on tidal unchanged. This one is five stars, a few lines of "
        "HTML shipped with the demo; its value is a widget value like any other."
    )
    rating = _STARS(label="Rate tidal", default=0, key="components_rating")
    if rating:
        st.write(f"You gave {rating} star{'s' if rating > 1 else ''}.")
    else:
        st.write("No rating yet: click a star.")


_CLAPS = st.components.v2.component(
    "tidal_hello.claps",
    html='<button class="clap" type="button">👏 Clap</button> <span class="total"></span>',
    css=(
        ".clap { font: inherit; padding: .35rem .8rem; border-radius: var(--st-button-radius);"
        " border: 1px solid var(--st-border-color); background: var(--st-background-color);"
        " color: var(--st-text-color); cursor: pointer; }"
        " .clap:hover { border-color: var(--st-primary-color); }"
        " .total { color: var(--st-text-color); margin-left: .5rem; }"
    ),
    js="""
export default function ({ data, parentElement, setStateValue, setTriggerValue }) {
  parentElement.querySelector('.total').textContent = `${data.claps} so far`;
  parentElement.querySelector('.clap').onclick = () => {
    setStateValue('claps', data.claps + 1);
    setTriggerValue('clapped', true);
  };
}
""",
)


def components_v2_example() -> None:
    st.subheader("Components v2")
    st.write(
        "A v2 component (`st.components.v2.component`) is HTML, CSS and an ES module mounted "
        "in the page itself, in a shadow root. It sends *state* (kept across runs) and "
        "*triggers* (one run each); both come back as attributes of its result."
    )
    claps = st.session_state.components_claps.claps if "components_claps" in st.session_state else 0
    result = _CLAPS(
        key="components_claps",
        data={"claps": claps},
        default={"claps": 0},
        on_claps_change=lambda: None,
        on_clapped_change=lambda: None,
    )
    if result.clapped:
        st.write(f"Clap number {result.claps} heard in this run.")


def session_state_section() -> None:
    """The live session state, at the end of every example page."""
    st.divider()
    st.subheader("Session state")
    st.caption(
        "What this tab keeps between runs. The keys of widgets that are not on the page are "
        "dropped at the end of a run, as in Streamlit; plain values stay."
    )
    st.write(st.session_state)
