"""``st.fragment(parallel=True)`` in Chromium: slow cards load side by side, the rest of the
page first."""

from __future__ import annotations

import time

from playwright.sync_api import expect

DASHBOARD = """
import time
import tidal as st

st.session_state.runs = st.session_state.get("runs", 0) + 1
run = st.session_state.runs
st.title("Regional dashboard")

@st.fragment(parallel=True)
def card(region, run):
    if run > 1:
        time.sleep(1.5)  # a slow query, from the second run on
    st.write(f"{region}: run {run}")

for region in ("North", "South", "West"):
    card(region, run)
st.button("Reload")
st.write(f"page run {run}")
"""


def test_the_page_appears_before_its_slow_parallel_cards_and_each_fills_its_place(open_app):
    app = open_app(DASHBOARD)
    page = app.page
    cards = page.get_by_text(": run", exact=False)
    expect(cards).to_have_text(["North: run 1", "South: run 1", "West: run 1"])
    started = time.monotonic()
    page.get_by_role("button", name="Reload").click()
    expect(page.get_by_text("page run 2", exact=True)).to_be_visible(timeout=1200)
    # the rest of the page is there; the cards are still loading, and say so
    expect(page.get_by_text("North: run 2", exact=True)).to_have_count(0)
    expect(page.locator(".container.loading[aria-busy=true]")).to_have_count(3)
    expect(cards).to_have_text(["North: run 2", "South: run 2", "West: run 2"], timeout=5000)
    took = time.monotonic() - started
    assert took < 3.5, f"three 1.5 s cards took {took:.1f} s: they did not load side by side"
    app.idle()
    expect(page.locator(".container.loading")).to_have_count(0)
    texts = page.locator("main").inner_text()
    assert texts.index("North: run 2") < texts.index("West: run 2") < texts.index("page run 2")
    assert not app.console_errors, app.console_errors
