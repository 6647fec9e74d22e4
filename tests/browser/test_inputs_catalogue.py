"""Streamlit 1.67's inputs in Chromium: pills and segmented controls, feedback, a slider over
dates, a date range, a keyboard shortcut on a button, a widget bound to the URL, a link button,
a menu button and pagination."""

from __future__ import annotations

import re

from playwright.sync_api import expect

GROUPS = """
import tidal as st
colour = st.pills("Colour", ["red", "green", "blue"], key="colour")
tags = st.pills("Tags", ["new", "sale", "eco"], selection_mode="multi", default=["eco"])
view = st.segmented_control("View", ["Map", "Table"], default="Map")
st.text(f"colour={colour} tags={tags} view={view}")
"""


def test_pills_and_segmented_control_pick_options(open_app):
    app = open_app(GROUPS)
    page = app.page
    app.expect_text("colour=None tags=['eco'] view=Map")
    colour = page.get_by_role("radiogroup", name="Colour")
    colour.get_by_role("button", name="green").click()
    app.idle()
    app.expect_text("colour=green")
    expect(colour.get_by_role("button", name="green")).to_have_attribute("aria-pressed", "true")
    colour.get_by_role("button", name="green").click()  # clicking again clears it
    app.idle()
    app.expect_text("colour=None")
    tags = page.get_by_role("group", name="Tags")
    tags.get_by_role("button", name="new").click()
    app.idle()
    app.expect_text("tags=['new', 'eco']")
    page.get_by_role("radiogroup", name="View").get_by_role("button", name="Table").click()
    app.idle()
    app.expect_text("view=Table")
    assert not app.console_errors


def test_feedback_stars_light_up_to_the_choice(open_app):
    app = open_app("""
import tidal as st
st.text(f"rating={st.feedback('stars')}")
""")
    page = app.page
    app.expect_text("rating=None")
    page.get_by_role("button", name="stars 4").click()
    app.idle()
    app.expect_text("rating=3")
    assert page.locator(".bg-stars .bg-opt.lit").count() == 4
    assert page.locator(".bg-stars svg").count() == 5  # the star glyphs are drawn
    assert not app.console_errors


def test_a_slider_over_dates_shows_and_sends_dates(open_app):
    app = open_app("""
import datetime as dt
import tidal as st
d = st.slider("Day", min_value=dt.date(2024, 1, 1), max_value=dt.date(2024, 1, 31),
              value=dt.date(2024, 1, 10), format="MMM D, YYYY")
st.text(f"day={d.isoformat()}")
""")
    page = app.page
    app.expect_text("day=2024-01-10")
    app.expect_text("Jan 10, 2024")
    thumb = page.get_by_role("slider", name="Day")
    thumb.focus()
    thumb.press("ArrowRight")
    thumb.press("ArrowRight")
    app.idle()
    app.expect_text("day=2024-01-12")
    expect(thumb).to_have_attribute("aria-valuetext", "Jan 12, 2024")
    assert not app.console_errors


def test_a_date_range_is_picked_with_two_dates(open_app):
    app = open_app("""
import datetime as dt
import tidal as st
r = st.date_input("Stay", (dt.date(2024, 7, 1), dt.date(2024, 7, 8)))
st.text(f"stay={[d.isoformat() for d in r]}")
""")
    page = app.page
    app.expect_text("stay=['2024-07-01', '2024-07-08']")
    page.get_by_label("End date").fill("2024-07-20")
    app.idle()
    app.expect_text("stay=['2024-07-01', '2024-07-20']")
    page.get_by_label("End date").fill("")
    app.idle()
    app.expect_text("stay=['2024-07-01']")
    assert not app.console_errors


def test_a_keyboard_shortcut_clicks_its_button(open_app):
    app = open_app("""
import tidal as st
st.session_state.setdefault("n", 0)
if st.button("Add", shortcut="Ctrl+K"):
    st.session_state.n += 1
st.text_input("Notes")
st.text(f"n={st.session_state.n}")
""")
    page = app.page
    button = page.get_by_role("button", name=re.compile("^Add"))
    expect(button).to_have_attribute("aria-keyshortcuts", "ctrl+k")
    expect(button.locator("kbd")).to_have_text("Ctrl+K")
    page.keyboard.press("Control+k")
    app.idle()
    app.expect_text("n=1")
    page.get_by_label("Notes").click()
    page.keyboard.press("Control+k")  # with a modifier it works while typing too
    app.idle()
    app.expect_text("n=2")
    page.keyboard.press("k")  # no modifier: nothing
    app.idle()
    app.expect_text("n=2")
    assert not app.console_errors


def test_a_widget_bound_to_the_url_shows_its_value_there_and_restores_it(open_app, new_tab):
    app = open_app("""
import tidal as st
size = st.segmented_control("Size", ["S", "M", "L"], default="M", key="size",
                            bind="query-params")
show = st.checkbox("Show all", key="all", bind="query-params")
st.text(f"size={size} all={show}")
""")
    page = app.page
    app.expect_text("size=M all=False")
    page.get_by_role("radiogroup", name="Size").get_by_role("button", name="L").click()
    app.idle()
    expect(page).to_have_url(re.compile(r"\?size=L$"))
    page.get_by_text("Show all").click()
    app.idle()
    expect(page).to_have_url(re.compile(r"\?size=L&all=true$"))
    page.reload()
    app.idle()
    app.expect_text("size=L all=True")
    expect(page.get_by_role("button", name="L")).to_have_attribute("aria-pressed", "true")
    app.open("/?size=S")  # a changed address wins; a missing param keeps the value
    app.expect_text("size=S all=True")
    expect(page).to_have_url(re.compile(r"\?size=S&all=true$"))
    other = new_tab(app.server.url).open("/?size=XXL&all=true")  # another session, a bad size
    other.expect_text("size=M all=True")
    expect(other.page).to_have_url(re.compile(r"/\?all=true$"))  # the bad param is dropped
    assert not app.console_errors
    assert not other.console_errors


def test_link_button_opens_its_url_in_a_new_tab(open_app):
    app = open_app("""
import tidal as st
st.link_button("Docs", "https://example.com/docs", icon=":material/open_in_new:")
""")
    link = app.page.get_by_role("link", name="Docs")
    expect(link).to_have_attribute("href", "https://example.com/docs")
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", re.compile("noopener"))
    assert not app.console_errors


def test_menu_button_and_pagination(open_app):
    app = open_app("""
import tidal as st
choice = st.menu_button("Export", ["CSV", "JSON"])
page = st.pagination(20, key="p")
st.text(f"choice={choice} page={page}")
""")
    page = app.page
    page.get_by_role("button", name="Export").click()
    page.get_by_role("menuitem", name="JSON").click()
    app.idle()
    app.expect_text("choice=JSON page=1")
    page.get_by_role("button", name="Next page").click()
    app.idle()
    app.expect_text("choice=None page=2")
    page.get_by_role("button", name="Page 20").click()
    app.idle()
    app.expect_text("page=20")
    expect(page.get_by_role("button", name="Next page")).to_be_disabled()
    assert not app.console_errors


def test_on_change_ignore_waits_for_the_next_run(open_app):
    app = open_app("""
import tidal as st
st.session_state.setdefault("runs", 0)
st.session_state.runs += 1
name = st.text_input("Name", on_change="ignore")
st.button("Show")
st.text(f"name={name!r} runs={st.session_state.runs}")
""")
    page = app.page
    app.expect_text("name='' runs=1")
    runs = page.evaluate("window.__tidal.runs")
    box = page.get_by_label("Name")
    box.fill("Ada")
    box.press("Enter")
    app.idle()
    assert page.evaluate("window.__tidal.runs") == runs  # no run for the change
    app.expect_text("name='' runs=1")
    app.click("Show")
    app.expect_text("name='Ada' runs=2")
    assert not app.console_errors


def test_typed_new_options_select_all_and_radio_captions(open_app):
    app = open_app("""
import tidal as st
tags = st.multiselect("Tags", ["alpha", "beta", "gamma"], accept_new_options=True,
                      filter_mode="prefix", key="tags")
city = st.selectbox("City", ["Oslo", "Rome"], index=None, accept_new_options=True)
st.radio("Genre", ["Comedy", "Drama"], captions=["Laugh.", "Cry."])
st.text(f"tags={tags} city={city}")
""")
    page = app.page
    box = page.get_by_role("combobox", name="Tags")
    box.click()
    box.fill("ga")  # prefix: only gamma
    expect(page.get_by_role("option", name="gamma")).to_be_visible()
    expect(page.get_by_role("option", name="alpha")).to_have_count(0)
    box.fill("delta")
    box.press("Enter")  # not an option: a new one
    app.idle()
    app.expect_text("tags=['delta']")
    box.click()
    box.fill("")
    page.get_by_role("option", name="Select all").click()
    app.idle()
    app.expect_text("tags=['delta', 'alpha', 'beta', 'gamma']")
    city = page.get_by_label("City")
    city.fill("Lima")
    city.press("Enter")
    app.idle()
    app.expect_text("city=Lima")
    city.fill("Rome")
    city.press("Enter")
    app.idle()
    app.expect_text("city=Rome")
    expect(page.get_by_text("Cry.")).to_be_visible()
    assert not app.console_errors


def test_persist_state_shows_the_kept_value_when_the_widget_comes_back(open_app):
    app = open_app("""
import tidal as st
if st.toggle("Show", value=True, key="show"):
    st.text_input("Name", key="name", persist_state="page")
st.text(f"name={st.session_state.get('name')!r}")
""")
    page = app.page
    app.type_and_enter("Name", "Ada")
    app.expect_text("name='Ada'")
    page.get_by_text("Show", exact=True).click()
    app.idle()
    expect(page.get_by_label("Name")).to_have_count(0)
    app.expect_text("name='Ada'")
    page.get_by_text("Show", exact=True).click()
    app.idle()
    expect(page.get_by_label("Name")).to_have_value("Ada")
    assert not app.console_errors


def test_a_required_field_refuses_to_be_emptied_and_blocks_its_form(open_app):
    app = open_app("""
import tidal as st
st.session_state.setdefault("runs", 0)
st.session_state.runs += 1
name = st.text_input("Name", "Ada", required=True)
with st.form("f"):
    city = st.text_input("City", required=True)
    sent = st.form_submit_button("Send")
st.text(f"name={name!r} city={city!r} sent={sent} runs={st.session_state.runs}")
""")
    page = app.page
    app.expect_text("name='Ada' city='' sent=False runs=1")
    name = page.get_by_label("Name")
    name.fill("")
    name.press("Enter")
    app.idle()
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".w-text_input.invalid")).to_have_count(1)
    app.expect_text("runs=1")  # the empty value was not sent
    app.click("Send")
    app.expect_text("runs=1")  # the form is not sent while City is empty
    expect(page.locator(".w-text_input.invalid")).to_have_count(2)
    page.get_by_label("City").fill("Oslo")
    app.click("Send")
    app.expect_text("city='Oslo' sent=True runs=2")
    assert not app.console_errors


def test_a_live_text_input_sends_while_typing_and_validate_blocks_bad_text(open_app):
    app = open_app("""
import tidal as st
q = st.text_input("Search", live="50ms")
code = st.text_input("Code", validate=(r"[A-Z]{3}", "Three capitals"))
st.text(f"q={q!r} code={code!r}")
""")
    page = app.page
    page.get_by_label("Search").press_sequentially("tide")
    app.expect_text("q='tide'")  # no Enter: sent after the pause
    code = page.get_by_label("Code")
    code.fill("abc")
    code.press("Enter")
    app.idle()
    expect(page.get_by_role("alert")).to_have_text("Three capitals")
    app.expect_text("code=''")
    code.fill("ABC")
    code.press("Enter")
    app.idle()
    app.expect_text("code='ABC'")
    expect(page.get_by_role("alert")).to_be_hidden()
    assert not app.console_errors
