"""Every widget type in Chromium: a person changes it, the script receives the value.

Each app writes what its widgets returned (``st.write(f"name={value!r}")``); the tests act as
a person would (click, type, drag, use the keyboard) and read that line back from the page.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

from tests.browser.conftest import AppPage


def got(app: AppPage, name: str) -> Locator:
    """The line ``name=<repr of the value>`` the app writes."""
    return app.page.locator(".markdown").filter(has_text=re.compile(rf"^{re.escape(name)}="))


def expect_got(app: AppPage, name: str, value: str) -> None:
    expect(got(app, name)).to_have_text(f"{name}={value}")


def runs(app: AppPage) -> int:
    return int(app.page.evaluate("window.__tidal.runs"))


def done(app: AppPage) -> None:
    expect(app.page.locator(".exception")).to_have_count(0)
    assert not app.console_errors, app.console_errors


# ------------------------------------------------------------------ range inputs by mouse
def thumb_x(slider: Locator, fraction: float | None = None) -> tuple[float, float]:
    """Page coordinates of a range input's thumb centre (at ``fraction``, or where it is)."""
    box = slider.bounding_box()
    assert box
    if fraction is None:
        fraction = float(
            slider.evaluate(
                "e => (Number(e.value) - Number(e.min)) / (Number(e.max) - Number(e.min))"
            )
        )
    thumb = box["height"]  # the thumb is as wide as the input is tall
    return box["x"] + thumb / 2 + fraction * (box["width"] - thumb), box["y"] + box["height"] / 2


def drag(app: AppPage, slider: Locator, to: float) -> None:
    """Press the thumb where it is, drag it to ``to`` (0..1 along the track), release."""
    slider.scroll_into_view_if_needed()
    x, y = thumb_x(slider)
    tx, _ = thumb_x(slider, to)
    app.page.mouse.move(x, y)
    app.page.mouse.down()
    app.page.mouse.move(tx, y, steps=8)
    app.page.mouse.up()
    app.idle()


# ------------------------------------------------------------------ on/off
def test_checkbox(open_app):
    app = open_app(
        """
        import tidal as st
        agreed = st.checkbox("I agree")
        st.write(f"agreed={agreed!r}")
        """
    )
    expect_got(app, "agreed", "False")
    app.page.get_by_text("I agree").click()  # the label toggles it too
    app.idle()
    expect_got(app, "agreed", "True")
    box = app.page.get_by_role("checkbox", name="I agree")
    expect(box).to_be_checked()
    box.press("Space")
    app.idle()
    expect_got(app, "agreed", "False")
    done(app)


def test_toggle(open_app):
    app = open_app(
        """
        import tidal as st
        on = st.toggle("Night mode", value=True)
        st.write(f"on={on!r}")
        """
    )
    switch = app.page.get_by_role("switch", name="Night mode")
    expect(switch).to_be_checked()
    expect_got(app, "on", "True")
    switch.click()
    app.idle()
    expect_got(app, "on", "False")
    expect(switch).not_to_be_checked()
    done(app)


# ------------------------------------------------------------------ buttons
def test_a_button_works_from_the_keyboard_like_a_native_one(open_app):
    app = open_app(
        """
        import tidal as st
        st.session_state.setdefault("clicks", 0)
        if st.button("Add"):
            st.session_state.clicks += 1
        with st.form("f"):
            name = st.text_input("Name")
            sent = st.form_submit_button("Send")
        st.write(f"clicks={st.session_state.clicks!r}")
        st.write(f"sent={(sent, name)!r}")
        """
    )
    page = app.page
    add = page.get_by_role("button", name="Add", exact=True)
    add.focus()
    page.keyboard.press("Enter")
    app.idle()
    expect_got(app, "clicks", "1")
    page.keyboard.press("Space")  # activates on release, as a <button> does
    app.idle()
    expect_got(app, "clicks", "2")
    page.keyboard.down("Enter")  # held down: the key repeats, the click does not
    page.keyboard.down("Enter")
    page.keyboard.up("Enter")
    app.idle()
    expect_got(app, "clicks", "3")
    assert page.evaluate("scrollY") == 0  # Space did not scroll the page
    page.keyboard.press("Tab")  # the form's text input, then its submit button
    page.keyboard.type("Ada")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Send")).to_be_focused()
    page.keyboard.press("Space")
    app.idle()
    expect_got(app, "sent", "(True, 'Ada')")
    expect_got(app, "clicks", "3")
    done(app)


def test_pressing_a_button_changes_nothing_on_screen_before_the_answer(open_app):
    """A click that changes the page makes Chromium hold the app's answer until the next frame.

    So a button has no pressed look: its style is the same while the mouse is down, and no
    style changes between the click and the answer (DeferRendererTasksAfterInput).
    """
    app = open_app(
        """
        import time
        import tidal as st
        if st.button("Slow", type="primary"):
            time.sleep(0.3)
            st.write("done=True")
        """
    )
    page = app.page
    button = page.get_by_role("button", name="Slow")
    style = (
        "e => { const s = getComputedStyle(e); return [s.background, s.boxShadow, s.color,"
        " s.borderColor, s.transform, s.transitionDuration, s.outlineStyle]; }"
    )
    button.hover()
    hovered = button.evaluate(style)
    assert hovered[5] == "0s"  # no transition that would keep frames coming
    page.mouse.down()
    assert button.evaluate(style) == hovered
    page.mouse.up()
    assert button.evaluate(style) == hovered
    expect(page.locator("#status")).to_have_class(re.compile(r"\bon\b"))  # the run shows
    app.idle()
    expect_got(app, "done", "True")
    done(app)


# ------------------------------------------------------------------ choices
def test_radio(open_app):
    app = open_app(
        """
        import tidal as st
        flavour = st.radio("Flavour", ["Vanilla", "Chocolate", "Mint"])
        st.write(f"flavour={flavour!r}")
        """
    )
    group = app.page.get_by_role("radiogroup", name="Flavour")
    expect(group.get_by_role("radio", name="Vanilla")).to_be_checked()
    expect_got(app, "flavour", "'Vanilla'")
    app.page.get_by_text("Chocolate").click()
    app.idle()
    expect_got(app, "flavour", "'Chocolate'")
    group.get_by_role("radio", name="Chocolate").press("ArrowDown")  # arrows move the choice
    app.idle()
    expect_got(app, "flavour", "'Mint'")
    expect(group.get_by_role("radio", name="Mint")).to_be_checked()
    done(app)


def test_selectbox(open_app):
    app = open_app(
        """
        import tidal as st
        colour = st.selectbox("Colour", ["Red", "Green", "Blue"], index=None,
                              placeholder="Pick one")
        st.write(f"colour={colour!r}")
        """
    )
    expect_got(app, "colour", "None")
    select = app.page.get_by_role("combobox", name="Colour")
    expect(select).to_have_value("")
    expect(select).to_have_attribute("placeholder", "Pick one")
    select.click()  # the list opens with every option
    expect(app.page.get_by_role("option")).to_have_text(["Red", "Green", "Blue"])
    app.page.get_by_role("option", name="Green").click()
    app.idle()
    expect_got(app, "colour", "'Green'")
    expect(select).to_have_value("Green")
    select.click()
    select.press("ArrowDown")  # the keyboard moves from the chosen option
    select.press("Enter")
    app.idle()
    expect_got(app, "colour", "'Blue'")
    done(app)


def test_multiselect(open_app):
    app = open_app(
        """
        import tidal as st
        fruit = st.multiselect("Fruit", ["Apples", "Pears", "Plums", "Figs"], default=["Apples"])
        st.write(f"fruit={fruit!r}")
        """
    )
    expect_got(app, "fruit", "['Apples']")
    box = app.page.get_by_role("combobox", name="Fruit")
    box.click()
    app.page.get_by_role("option", name="Plums").click()  # pick from the open list
    app.idle()
    expect_got(app, "fruit", "['Apples', 'Plums']")
    box.fill("fi")  # type to filter, Enter takes the first match
    box.press("Enter")
    app.idle()
    expect_got(app, "fruit", "['Apples', 'Plums', 'Figs']")
    app.page.get_by_role("button", name="Remove Apples").click()
    app.idle()
    expect_got(app, "fruit", "['Plums', 'Figs']")
    box.focus()
    box.press("Backspace")  # Backspace in the empty box drops the last chip
    app.idle()
    expect_got(app, "fruit", "['Plums']")
    done(app)


def test_select_slider(open_app):
    app = open_app(
        """
        import tidal as st
        size = st.select_slider("Size", ["XS", "S", "M", "L", "XL"], value="M")
        st.write(f"size={size!r}")
        """
    )
    widget = app.page.locator(".w-select_slider")
    slider = app.page.get_by_role("slider", name="Size")
    expect(slider).to_have_value("2")  # option indices
    expect(slider).to_have_attribute("aria-valuetext", "M")
    expect(widget).to_contain_text("M")  # the label of the option, not its index
    expect(widget.locator(".sl-ends")).to_have_text(re.compile(r"^\s*XS\s*XL\s*$"))
    expect_got(app, "size", "'M'")

    slider.focus()
    slider.press("ArrowRight")
    app.idle()
    expect_got(app, "size", "'L'")
    expect(slider).to_have_attribute("aria-valuetext", "L")

    drag(app, slider, 0.0)
    expect_got(app, "size", "'XS'")
    drag(app, slider, 0.74)  # snaps to the nearest stop
    expect_got(app, "size", "'L'")
    expect(widget.locator(".sl-val")).to_have_text("L")
    done(app)


def test_select_slider_range(open_app):
    app = open_app(
        """
        import tidal as st
        lo, hi = st.select_slider("Band", ["low", "mid", "high", "max"], value=("mid", "high"))
        st.write(f"band={(lo, hi)!r}")
        """
    )
    low = app.page.get_by_role("slider", name="Band minimum")
    high = app.page.get_by_role("slider", name="Band maximum")
    expect(low).to_have_attribute("aria-valuetext", "mid")
    expect(high).to_have_attribute("aria-valuetext", "high")
    expect_got(app, "band", "('mid', 'high')")
    drag(app, low, 0.0)
    expect_got(app, "band", "('low', 'high')")
    high.focus()
    high.press("End")
    app.idle()
    expect_got(app, "band", "('low', 'max')")
    drag(app, low, 1.0)  # the low thumb stops at the high one
    expect_got(app, "band", "('max', 'max')")
    done(app)


# ------------------------------------------------------------------ numbers
def test_slider_range(open_app):
    app = open_app(
        """
        import tidal as st
        lo, hi = st.slider("Price", 0, 100, (20, 80))
        st.write(f"price={(lo, hi)!r}")
        """
    )
    low = app.page.get_by_role("slider", name="Price minimum")
    high = app.page.get_by_role("slider", name="Price maximum")
    expect_got(app, "price", "(20, 80)")
    drag(app, high, 0.5)
    hi = int(high.input_value())
    assert abs(hi - 50) <= 2
    expect_got(app, "price", f"(20, {hi})")
    low.focus()
    low.press("ArrowRight")
    app.idle()
    expect_got(app, "price", f"(21, {hi})")
    drag(app, low, 0.9)  # cannot pass the high thumb
    expect_got(app, "price", f"({hi}, {hi})")
    done(app)


def test_number_input_with_format_and_clamped_steps(open_app):
    app = open_app(
        """
        import tidal as st
        price = st.number_input("Price", min_value=0.0, max_value=10.0, value=9.5, step=0.25,
                                format="%.3f")
        st.write(f"price={price!r}")
        """
    )
    box = app.page.get_by_label("Price", exact=True)
    minus = app.page.get_by_role("button", name="Decrease Price")
    plus = app.page.get_by_role("button", name="Increase Price")
    expect(box).to_have_value("9.500")
    expect_got(app, "price", "9.5")
    plus.click()
    app.idle()
    expect(box).to_have_value("9.750")
    expect_got(app, "price", "9.75")
    plus.click()
    app.idle()
    expect(box).to_have_value("10.000")
    expect_got(app, "price", "10.0")
    expect(plus).to_be_disabled()  # at max: + can go no further
    before = runs(app)
    plus.click(force=True)
    app.idle()
    assert runs(app) == before
    expect(box).to_have_value("10.000")
    minus.click()
    app.idle()
    expect_got(app, "price", "9.75")
    app.type_and_enter("Price", "42")  # typed beyond max: clamped
    expect(box).to_have_value("10.000")
    expect_got(app, "price", "10.0")
    app.type_and_enter("Price", "1.5")
    expect(box).to_have_value("1.500")
    expect_got(app, "price", "1.5")
    box.press("ArrowDown")  # arrow keys step too
    app.idle()
    expect(box).to_have_value("1.250")
    expect_got(app, "price", "1.25")
    done(app)


# ------------------------------------------------------------------ text
def test_text_area_commits_on_ctrl_enter_and_blur(open_app):
    app = open_app(
        """
        import tidal as st
        notes = st.text_area("Notes")
        st.write(f"lines={notes.splitlines()!r}")
        """
    )
    area = app.page.get_by_label("Notes", exact=True)
    expect_got(app, "lines", "[]")
    before = runs(app)
    area.fill("first line")
    area.press("Enter")  # a plain Enter is a new line, not a commit
    area.press_sequentially("second line")
    app.idle()
    assert runs(app) == before
    expect(area).to_have_value("first line\nsecond line")
    area.press("Control+Enter")
    app.idle()
    expect_got(app, "lines", "['first line', 'second line']")
    expect(area).to_have_value("first line\nsecond line")
    area.fill("changed")
    app.page.get_by_text("lines=").click()  # focus leaves: commits
    app.idle()
    expect_got(app, "lines", "['changed']")
    done(app)


# ------------------------------------------------------------------ date, time, colour
def test_date_input(open_app):
    app = open_app(
        """
        import datetime
        import tidal as st
        day = st.date_input("Start", datetime.date(2024, 1, 31),
                            min_value=datetime.date(2024, 1, 1),
                            max_value=datetime.date(2024, 12, 31))
        st.write(f"day={day.isoformat()}")
        """
    )
    box = app.page.get_by_label("Start", exact=True)
    expect(box).to_have_value("2024-01-31")
    expect(box).to_have_attribute("min", "2024-01-01")
    expect(box).to_have_attribute("max", "2024-12-31")
    box.fill("2024-03-15")
    app.idle()
    expect_got(app, "day", "2024-03-15")
    done(app)


def test_time_input(open_app):
    app = open_app(
        """
        import datetime
        import tidal as st
        at = st.time_input("Alarm", datetime.time(7, 30))
        st.write(f"at={at.isoformat()}")
        """
    )
    box = app.page.get_by_label("Alarm", exact=True)
    expect(box).to_have_value("07:30")
    expect_got(app, "at", "07:30:00")
    box.fill("12:45")
    app.idle()
    expect_got(app, "at", "12:45:00")
    done(app)


def test_color_picker(open_app):
    app = open_app(
        """
        import tidal as st
        colour = st.color_picker("Paint", "#0b7285")
        st.write(f"colour={colour}")
        """
    )
    picker = app.page.get_by_label("Paint", exact=True)
    expect(picker).to_have_value("#0b7285")
    picker.fill("#ff8800")
    app.idle()
    expect_got(app, "colour", "#ff8800")
    expect(app.page.locator(".color-hex")).to_have_text("#ff8800")
    done(app)


# ------------------------------------------------------------------ containers
def test_tabs_switch_by_click_and_keyboard_and_keep_the_choice_across_reruns(open_app):
    app = open_app(
        """
        import tidal as st
        st.session_state.setdefault("n", 0)
        one, two, three = st.tabs(["Alpha", "Beta", "Gamma"])
        with one:
            st.write("in alpha")
        with two:
            if st.button("Bump"):
                st.session_state.n += 1
            st.write(f"n={st.session_state.n}")
        three.write("in gamma")
        """
    )
    page = app.page
    alpha, beta, gamma = (page.get_by_role("tab", name=n) for n in ("Alpha", "Beta", "Gamma"))
    expect(page.get_by_role("tablist")).to_be_visible()
    expect(alpha).to_have_attribute("aria-selected", "true")
    expect(page.get_by_text("in alpha")).to_be_visible()
    expect(page.get_by_text("n=0")).to_be_hidden()
    expect(page.get_by_role("tabpanel")).to_have_count(1)  # only the selected one is shown

    beta.click()
    expect(beta).to_have_attribute("aria-selected", "true")
    expect(alpha).to_have_attribute("aria-selected", "false")
    expect(page.get_by_text("in alpha")).to_be_hidden()
    expect(page.get_by_role("tabpanel", name="Beta")).to_contain_text("n=0")

    app.click("Bump")  # a rerun keeps the tab the person chose
    expect(page.get_by_role("tabpanel", name="Beta")).to_contain_text("n=1")
    expect(beta).to_have_attribute("aria-selected", "true")

    beta.focus()
    page.keyboard.press("ArrowRight")
    expect(gamma).to_be_focused()
    expect(page.get_by_role("tabpanel", name="Gamma")).to_have_text("in gamma")
    page.keyboard.press("ArrowRight")  # wraps around
    expect(alpha).to_be_focused()
    expect(page.get_by_text("in alpha")).to_be_visible()
    page.keyboard.press("End")
    expect(gamma).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Home")
    expect(alpha).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowLeft")
    expect(gamma).to_have_attribute("aria-selected", "true")
    # one tab stop for the whole list: the selected tab
    expect(page.locator('[role="tab"][tabindex="0"]')).to_have_count(1)
    done(app)


def test_expander(open_app):
    app = open_app(
        """
        import tidal as st
        with st.expander("Advanced"):
            verbose = st.checkbox("Verbose")
        st.write(f"verbose={verbose!r}")
        """
    )
    box = app.page.get_by_role("checkbox", name="Verbose")
    expect(box).to_be_hidden()
    app.page.get_by_text("Advanced").click()
    expect(box).to_be_visible()
    box.check()
    app.idle()
    expect_got(app, "verbose", "True")
    expect(box).to_be_visible()  # the rerun leaves it open
    app.page.get_by_text("Advanced").click()
    expect(box).to_be_hidden()
    done(app)


def test_sidebar_widgets(open_app):
    app = open_app(
        """
        import tidal as st
        region = st.sidebar.selectbox("Region", ["North", "South"])
        with st.sidebar:
            limit = st.slider("Limit", 0, 10, 3)
            who = st.text_input("Who")
        st.write(f"got={(region, limit, who)!r}")
        """
    )
    sidebar = app.page.locator("#sidebar")
    expect(sidebar).to_be_visible()
    expect_got(app, "got", "('North', 3, '')")
    sidebar.get_by_role("combobox", name="Region").click()
    sidebar.get_by_role("option", name="South").click()
    app.idle()
    limit = sidebar.get_by_role("slider", name="Limit")
    limit.focus()
    limit.press("ArrowLeft")
    app.idle()
    app.type_and_enter("Who", "Ada")
    expect_got(app, "got", "('South', 2, 'Ada')")
    # the sidebar folds away and comes back
    app.page.get_by_role("button", name="Collapse sidebar").click()
    expect(sidebar).to_be_hidden()
    app.page.get_by_role("button", name="Expand sidebar").click()
    expect(sidebar.get_by_label("Who", exact=True)).to_have_value("Ada")
    done(app)


# ------------------------------------------------------------------ states
def test_a_disabled_widget_cannot_be_changed(open_app):
    app = open_app(
        """
        import tidal as st
        st.session_state.setdefault("runs", 0)
        st.session_state.runs += 1
        a = st.checkbox("Locked", True, disabled=True)
        b = st.text_input("Fixed", "same", disabled=True)
        c = st.slider("Frozen", 0, 10, 5, disabled=True)
        d = st.number_input("Count", value=3, disabled=True)
        e = st.selectbox("Pick", ["x", "y"], disabled=True)
        f = st.button("Nope", disabled=True)
        st.write(f"got={(a, b, c, d, e, f, st.session_state.runs)!r}")
        """
    )
    page = app.page
    expect_got(app, "got", "(True, 'same', 5, 3, 'x', False, 1)")
    locked = page.get_by_role("checkbox", name="Locked")
    for control in (
        locked,
        page.get_by_label("Fixed", exact=True),
        page.get_by_role("slider", name="Frozen"),
        page.get_by_label("Count", exact=True),
        page.get_by_role("button", name="Decrease Count"),
        page.get_by_role("button", name="Increase Count"),
        page.get_by_label("Pick", exact=True),
        page.get_by_role("button", name="Nope"),
    ):
        expect(control).to_be_disabled()
    locked.click(force=True)
    page.get_by_text("Locked").click(force=True)
    page.get_by_role("button", name="Nope").click(force=True)
    page.get_by_role("button", name="Increase Count").click(force=True)
    slider = page.get_by_role("slider", name="Frozen")
    x, y = thumb_x(slider, 0.9)
    page.mouse.click(x, y)
    app.idle()
    expect(locked).to_be_checked()
    expect(slider).to_have_value("5")
    expect(page.get_by_label("Count", exact=True)).to_have_value("3")
    expect_got(app, "got", "(True, 'same', 5, 3, 'x', False, 1)")  # no rerun at all
    done(app)


def test_help_shows_a_tooltip(open_app):
    app = open_app(
        """
        import tidal as st
        st.text_input("Email", help="We never share it.")
        st.checkbox("Subscribe", help="One mail a month.")
        st.button("Send", help="Sends now.")
        """
    )
    page = app.page
    tip = page.get_by_role("img", name="Help: We never share it.")
    expect(tip).to_be_visible()
    expect(page.get_by_role("img", name="Help: One mail a month.")).to_be_visible()
    expect(page.get_by_role("button", name="Send")).to_have_attribute("title", "Sends now.")

    def shown(el: Locator) -> str:
        return str(el.evaluate("e => getComputedStyle(e, '::after').content"))

    assert shown(tip) in ("none", "normal", "")
    tip.hover()
    assert shown(tip) == '"We never share it."'
    page.mouse.move(0, 0)
    tip.focus()  # keyboard users get it too
    assert shown(tip) == '"We never share it."'
    done(app)


def test_a_collapsed_label_is_still_the_accessible_name(open_app):
    app = open_app(
        """
        import tidal as st
        name = st.text_input("Search terms", label_visibility="collapsed")
        on = st.checkbox("Include archived", label_visibility="collapsed")
        pick = st.selectbox("Sort by", ["Date", "Name"], label_visibility="collapsed")
        level = st.slider("Depth", 0, 5, 1, label_visibility="collapsed")
        hidden = st.text_input("Hidden label", label_visibility="hidden")
        st.write(f"got={(name, on, pick, level, hidden)!r}")
        """
    )
    page = app.page
    search = page.get_by_label("Search terms", exact=True)
    for name in ("Search terms", "Sort by", "Depth"):  # out of sight, as screen-reader text
        head = page.locator(".w-head", has=page.locator("label", has_text=name))
        box = head.bounding_box()
        assert box is not None and box["width"] <= 1 and box["height"] <= 1, (name, box)
    check_label = page.locator(".check > .w-label", has_text="Include archived").bounding_box()
    assert check_label and check_label["width"] <= 1
    # a collapsed label takes no room: the input starts where the widget starts
    field = page.locator(".w-text_input").first.bounding_box()
    input_box = search.bounding_box()
    assert field and input_box and abs(field["y"] - input_box["y"]) < 1
    # a hidden label keeps its room but is not seen
    hidden_head = page.locator(".w-head", has=page.locator("label", has_text="Hidden label"))
    expect(hidden_head).to_have_css("opacity", "0")
    head_box = hidden_head.bounding_box()
    assert head_box and head_box["height"] > 10

    app.type_and_enter("Search terms", "tides")
    page.get_by_label("Include archived").check()
    app.idle()
    page.get_by_role("combobox", name="Sort by").fill("nam")
    page.get_by_role("combobox", name="Sort by").press("Enter")
    app.idle()
    depth = page.get_by_role("slider", name="Depth")
    depth.focus()
    depth.press("ArrowRight")
    app.idle()
    app.type_and_enter("Hidden label", "x")
    expect_got(app, "got", "('tides', True, 'Name', 2, 'x')")
    done(app)
