"""Element families fetched on first use (lazy.js) when their module cannot be fetched (a flaky
network): the element says so, a container keeps showing what was written into it, and a script
exception, always loaded with the page, still shows its type and message."""

from __future__ import annotations

from playwright.sync_api import expect

APP = """
import tidal as st
one, two = st.tabs(["One", "Two"])
one.write("first tab")
two.write("second tab")
st.json({"a": 1})
raise KeyError("missing")
"""


def test_a_family_that_cannot_load_says_so_and_keeps_its_children_and_exceptions_show(open_app):
    app = open_app(APP)
    expect(app.page.get_by_role("tab")).to_have_count(2)
    app.page.route("**/static/elements/**", lambda route: route.abort())
    app.page.reload()
    app.idle()
    page = app.page
    expect(page.get_by_text("Could not load the code for tabs")).to_be_visible()
    expect(page.get_by_text("Could not load the code for json")).to_be_visible()
    # the panels' own notices stand in for them, and what the script wrote is still there
    expect(page.get_by_text("first tab")).to_be_visible()
    expect(page.get_by_text("second tab")).to_be_visible()
    box = page.locator(".exception")
    expect(box.locator(".exc-type")).to_have_text("KeyError")
    expect(box.locator(".exc-msg")).to_contain_text("missing")
