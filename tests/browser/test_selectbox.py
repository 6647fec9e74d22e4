"""st.selectbox and st.multiselect in Chromium: typing filters the options by ``filter_mode``.

"fuzzy" (Streamlit's default) keeps options holding the typed letters in order, best matches
first; "contains" keeps options holding the text; "prefix" keeps options starting with it;
None takes no typing. The tests type as a person would and read the open list back.
"""

from __future__ import annotations

from playwright.sync_api import expect

APP = """
import tidal as st
cities = ["Bergen", "Oslo", "Lisbon", "Berlin", "Bern"]
fuzzy = st.selectbox("Fuzzy", cities, key="fuzzy")
contains = st.selectbox("Contains", cities, filter_mode="contains", key="contains")
prefix = st.selectbox("Prefix", cities, filter_mode="prefix", key="prefix")
fixed = st.selectbox("Fixed", cities, filter_mode=None, key="fixed")
many = st.multiselect("Many", cities, filter_mode="prefix", key="many")
st.text(f"picked={fuzzy},{contains},{prefix},{fixed},{many}")
"""


def listed(app, name: str):
    """The rows of a combobox's list (its options, or a note such as "No results")."""
    box = app.page.get_by_role("combobox", name=name)
    return app.page.locator(f'[id="{box.get_attribute("aria-controls")}"] li')


def shown_after_typing(app, name: str, text: str) -> list[str]:
    box = app.page.get_by_role("combobox", name=name)
    box.click()
    box.fill(text)
    rows = listed(app, name).all_inner_texts()
    box.press("Escape")  # close the list, which lies over the widgets below
    return rows


def test_each_filter_mode_offers_the_options_it_matches(open_app):
    app = open_app(APP)
    app.expect_text("picked=Bergen,Bergen,Bergen,Bergen,[]")
    # fuzzy: the letters in order; a label starting with the text first, then one holding it
    assert shown_after_typing(app, "Fuzzy", "bn") == ["Bergen", "Lisbon", "Berlin", "Bern"]
    assert shown_after_typing(app, "Fuzzy", "ber") == ["Bergen", "Berlin", "Bern"]
    assert shown_after_typing(app, "Fuzzy", "lin") == ["Berlin", "Lisbon"]  # holds it, then l-i-n
    assert shown_after_typing(app, "Contains", "bn") == ["No results"]
    assert shown_after_typing(app, "Contains", "SL") == ["Oslo"]
    assert shown_after_typing(app, "Contains", "er") == ["Bergen", "Berlin", "Bern"]
    assert shown_after_typing(app, "Prefix", "er") == ["No results"]
    assert shown_after_typing(app, "Prefix", "Ber") == ["Bergen", "Berlin", "Bern"]
    assert shown_after_typing(app, "Prefix", "bern") == ["Bern"]  # the exact label
    assert shown_after_typing(app, "Many", "os") == ["Oslo"]
    assert not app.console_errors


def test_enter_picks_the_best_match_and_escape_restores_the_choice(open_app):
    app = open_app(APP)
    box = app.page.get_by_role("combobox", name="Fuzzy")
    box.click()
    box.fill("lsb")
    box.press("Enter")
    app.idle()
    app.expect_text("picked=Lisbon,Bergen,Bergen,Bergen,[]")
    expect(box).to_have_value("Lisbon")
    box.fill("osl")
    box.press("Escape")  # no pick: the box shows the chosen option again
    expect(box).to_have_value("Lisbon")
    prefix = app.page.get_by_role("combobox", name="Prefix")
    prefix.fill("Bern")
    prefix.press("Enter")  # the exact label beats the options it is a prefix of
    app.idle()
    app.expect_text("picked=Lisbon,Bergen,Bern,Bergen,[]")
    many = app.page.get_by_role("combobox", name="Many")
    many.fill("li")
    many.press("Enter")
    app.idle()
    app.expect_text("picked=Lisbon,Bergen,Bern,Bergen,['Lisbon']")
    assert not app.console_errors


def test_without_a_filter_mode_the_box_takes_no_typing_but_the_list_still_picks(open_app):
    app = open_app(APP)
    box = app.page.get_by_role("combobox", name="Fixed")
    expect(box).to_have_attribute("readonly", "")
    box.click()
    expect(listed(app, "Fixed")).to_have_count(5)
    box.press("o")  # ignored: the list stays whole
    expect(listed(app, "Fixed")).to_have_count(5)
    box.press("ArrowDown")
    box.press("ArrowDown")
    box.press("Enter")
    app.idle()
    app.expect_text("picked=Bergen,Bergen,Bergen,Lisbon,[]")
    assert not app.console_errors


def test_a_selectbox_in_a_form_sends_its_pick_with_the_submit(open_app):
    app = open_app("""
import tidal as st
st.session_state.setdefault("runs", 0)
st.session_state.runs += 1
with st.form("f"):
    size = st.selectbox("Size", ["Small", "Medium", "Large"], index=None)
    st.form_submit_button("Order")
st.selectbox("Locked", ["x", "y"], disabled=True)
st.text(f"size={size} runs={st.session_state.runs}")
""")
    page = app.page
    app.expect_text("size=None runs=1")
    box = page.get_by_role("combobox", name="Size")
    box.fill("lar")
    box.press("Enter")
    app.idle()
    expect(box).to_have_value("Large")
    app.expect_text("size=None runs=1")  # a form sends nothing before its submit
    app.click("Order")
    app.expect_text("size=Large runs=2")
    locked = page.get_by_role("combobox", name="Locked")
    expect(locked).to_be_disabled()
    locked.click(force=True)
    expect(page.get_by_role("option", name="y")).to_have_count(0)  # no list opens
    assert not app.console_errors
