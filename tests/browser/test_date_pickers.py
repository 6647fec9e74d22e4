"""Date, datetime and time pickers in Chromium show their value in the widget's ``format``.

The browser's own input stays the control (its picker, keyboard and ISO value); while it does
not have the focus its text is written in ``format`` ("DD/MM/YYYY", "MM.DD.YYYY", a "12h"
clock...). The tests read the text a person sees, pick new values and read what the script got.
"""

from __future__ import annotations

from playwright.sync_api import Locator, expect

APP = """
import datetime as dt
import tidal as st
day = st.date_input("Day", dt.date(2024, 1, 31), format="DD/MM/YYYY")
us = st.date_input("US day", dt.date(2024, 1, 31), format="MM.DD.YYYY")
plain = st.date_input("Plain day", dt.date(2024, 1, 31))
stay = st.date_input("Stay", (dt.date(2024, 7, 1), dt.date(2024, 7, 8)), format="DD-MM-YYYY")
none = st.date_input("No day", None, format="DD/MM/YYYY")
when = st.datetime_input("When", dt.datetime(2024, 5, 1, 14, 30), format="DD/MM/YYYY")
alarm = st.time_input("Alarm", dt.time(14, 5), format="12h")
wake = st.time_input("Wake", dt.time(7, 0))
st.text(f"day={day} us={us} stay={list(map(str, stay))} none={none}")
st.text(f"when={when} alarm={alarm} wake={wake}")
"""


def shown(control: Locator) -> Locator:
    """The text written over a picker (its value in the widget's format)."""
    return control.locator("xpath=following-sibling::span[contains(@class, 'fmt-text')]")


def test_pickers_show_their_values_in_the_format(open_app):
    app = open_app(APP)
    page = app.page
    app.expect_text("day=2024-01-31 us=2024-01-31")
    expected = {
        "Day": "31/01/2024",
        "US day": "01.31.2024",
        "Plain day": "2024/01/31",  # Streamlit's default format
        "Start date": "01-07-2024",
        "End date": "08-07-2024",
        "When": "01/05/2024 14:30",
        "Alarm": "2:05 PM",
        "Wake": "07:00",
    }
    for label, text in expected.items():
        control = page.get_by_label(label, exact=True)
        expect(shown(control)).to_have_text(text)
        expect(shown(control)).to_be_visible()
        # the browser's own (locale) text is hidden under it
        assert control.evaluate("e => getComputedStyle(e).color") == "rgba(0, 0, 0, 0)", label
    no_day = shown(page.get_by_label("No day", exact=True))
    expect(no_day).to_have_text("DD/MM/YYYY")  # an empty picker shows its format
    expect(no_day).to_have_class("fmt-text fmt-empty")
    expect(no_day).to_be_visible()
    # the value on the wire is still ISO
    expect(page.get_by_label("Day", exact=True)).to_have_value("2024-01-31")
    expect(page.get_by_label("When", exact=True)).to_have_value("2024-05-01T14:30")
    assert not app.console_errors


def test_picking_still_works_and_the_new_value_shows_in_the_format(open_app):
    app = open_app(APP)
    page = app.page
    picks = [  # label, the value the browser's picker sets, what the script got, what shows
        ("Day", "2024-03-15", "day=2024-03-15", "15/03/2024"),
        ("Alarm", "09:45", "alarm=09:45:00", "9:45 AM"),
        ("When", "2024-06-02T08:15", "when=2024-06-02 08:15:00", "02/06/2024 08:15"),
        ("End date", "2024-07-20", "stay=['2024-07-01', '2024-07-20']", "20-07-2024"),
        ("No day", "2025-12-24", "none=2025-12-24", "24/12/2025"),
    ]
    for label, value, got, _ in picks:
        page.get_by_label(label, exact=True).fill(value)
        app.idle()
        app.expect_text(got)
    page.locator("body").click(position={"x": 5, "y": 5})  # the focus leaves the pickers
    for label, _, _, text in picks:
        expect(shown(page.get_by_label(label, exact=True))).to_have_text(text)
    assert not app.console_errors


def test_a_focused_picker_shows_the_browsers_own_text_to_edit(open_app):
    app = open_app(APP)
    day = app.page.get_by_label("Day", exact=True)
    day.focus()
    expect(shown(day)).to_be_hidden()
    assert day.evaluate("e => getComputedStyle(e).color") != "rgba(0, 0, 0, 0)"
    day.blur()
    expect(shown(day)).to_be_visible()
    assert not app.console_errors
