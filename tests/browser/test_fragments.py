"""``st.fragment`` in Chromium: a click inside a fragment redraws only the fragment."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_a_click_in_a_fragment_redraws_only_the_fragment(open_app):
    app = open_app(
        """
        import tidal as st
        st.session_state.setdefault("full", 0)
        st.session_state.full += 1
        st.write(f"page runs: {st.session_state.full}")

        @st.fragment
        def likes():
            st.session_state.setdefault("likes", 0)
            if st.button("Like"):
                st.session_state.likes += 1
            st.write(f"likes: {st.session_state.likes}")
            if st.button("Refresh the page"):
                st.rerun()

        likes()
        if st.button("Outside"):
            pass
        st.write(f"seen by the page: {st.session_state.get('likes', 0)}")
        """
    )
    page = app.page
    like = page.get_by_role("button", name="Like")
    for n in (1, 2, 3):
        like.click()
        app.idle()
        expect(page.get_by_text(f"likes: {n}", exact=True)).to_be_visible()
    expect(page.get_by_text("page runs: 1", exact=True)).to_be_visible()
    expect(page.get_by_text("seen by the page: 0", exact=True)).to_be_visible()
    expect(page.locator(".stale")).to_have_count(0)
    page.get_by_role("button", name="Outside").click()  # a full run
    app.idle()
    expect(page.get_by_text("page runs: 2", exact=True)).to_be_visible()
    expect(page.get_by_text("seen by the page: 3", exact=True)).to_be_visible()
    like.click()
    app.idle()
    expect(page.get_by_text("likes: 4", exact=True)).to_be_visible()
    page.get_by_role("button", name="Refresh the page").click()  # st.rerun() in the fragment
    app.idle()
    expect(page.get_by_text("page runs: 3", exact=True)).to_be_visible()
    expect(page.get_by_text("seen by the page: 4", exact=True)).to_be_visible()
    page.reload()  # a new page load draws everything, fragment included
    app.idle()
    expect(page.get_by_text("likes: 4", exact=True)).to_be_visible()
    assert not app.console_errors, app.console_errors


def test_a_slow_fragment_run_fades_only_the_fragment(open_app):
    app = open_app(
        """
        import time
        import tidal as st
        st.write("outside the fragment")

        @st.fragment
        def slow():
            if st.button("Work"):
                time.sleep(0.8)
            st.write("inside the fragment")

        slow()
        """
    )
    page = app.page
    page.get_by_role("button", name="Work").click()
    inside = page.locator(".stale", has_text="inside the fragment")
    expect(inside).to_have_count(1)  # faded while the fragment runs (after ~200 ms)
    expect(page.locator(".stale", has_text="outside the fragment")).to_have_count(0)
    app.idle()
    expect(page.locator(".stale")).to_have_count(0)
    assert not app.console_errors, app.console_errors


def test_a_fragment_with_run_every_updates_itself_and_nothing_else(open_app):
    app = open_app(
        """
        import tidal as st
        st.session_state.setdefault("page", 0)
        st.session_state.page += 1
        st.write(f"page runs: {st.session_state.page}")

        @st.fragment(run_every=0.2)
        def clock():
            st.session_state.setdefault("ticks", 0)
            st.session_state.ticks += 1
            st.write(f"ticks: {st.session_state.ticks}")

        clock()
        name = st.text_input("Name")
        """
    )
    page = app.page
    expect(page.get_by_text(re.compile(r"^ticks: ([4-9]|\d\d+)$"))).to_be_visible(timeout=5000)
    box = page.get_by_label("Name")
    box.fill("Ada")  # typing is not disturbed by the ticks around it
    expect(box).to_have_value("Ada")
    expect(page.get_by_text("page runs: 1", exact=True)).to_be_visible()
    assert not app.console_errors, app.console_errors
