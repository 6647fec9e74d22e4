"""Feedback elements in Chromium: progress, status, toast, spinner, st.empty."""

from __future__ import annotations

import re

from playwright.sync_api import expect

RECORD = """([selector, read]) => {
  const seen = (window.__seen = []);
  const note = () => {
    for (const el of document.querySelectorAll(selector)) {
      const v = read === 'text' ? el.textContent : el.getAttribute(read);
      if (v !== null && seen[seen.length - 1] !== v) seen.push(v);
    }
  };
  new MutationObserver(note).observe(document.getElementById('root-0'),
    { childList: true, subtree: true, attributes: true, characterData: true });
}"""
"""Records in the page every value an element shows, as it changes (a browser test must not
miss a state by polling from Python on a loaded machine)."""


def test_a_progress_bar_counts_up_in_place(open_app):
    app = open_app(
        """
        import time
        import tidal as st
        if st.button("Go"):
            bar = st.progress(0, text="Working")
            for pct in range(0, 101, 10):
                bar.progress(pct, text=f"Working {pct}%")
                time.sleep(0.05)
        """
    )
    page = app.page
    page.evaluate(RECORD, ["[role=progressbar]", "aria-valuenow"])
    page.get_by_role("button", name="Go").click()
    app.idle()
    seen = [int(v) for v in page.evaluate("() => window.__seen")]
    assert seen == sorted(seen) and seen[-1] == 100 and len(seen) >= 3, seen
    assert page.locator(".st-progress").count() == 1  # one bar, updated in place
    app.expect_text("Working 100%")


def test_a_status_goes_from_running_to_complete(open_app):
    app = open_app(
        """
        import time
        import tidal as st
        if st.button("Start"):
            with st.status("Downloading", expanded=True) as s:
                st.write("step one")
                time.sleep(0.6)
            s.update(label="Downloaded")
        """
    )
    page = app.page
    page.get_by_role("button", name="Start").click()
    status = page.locator(".st-status")
    expect(status).to_have_attribute("data-state", "running")
    expect(status).to_contain_text("step one")
    app.idle()
    expect(status).to_have_attribute("data-state", "complete")
    expect(status).to_contain_text("Downloaded")


def test_a_toast_shows_and_a_handle_updates_it(open_app):
    app = open_app(
        """
        import tidal as st
        if st.button("Save"):
            msg = st.toast("Saving...", icon="💾")
            msg.toast("Saved!", icon="✅")
        """
    )
    app.click("Save")
    toasts = app.page.locator("#toasts .st-toast")
    expect(toasts).to_have_count(1)
    expect(toasts).to_contain_text("Saved!")


def test_a_spinner_disappears_when_its_block_ends(open_app):
    app = open_app(
        """
        import time
        import tidal as st
        if st.button("Run"):
            with st.spinner("Thinking...", show_time=True):
                time.sleep(0.8)
            st.write("finished")
        """
    )
    page = app.page
    page.get_by_role("button", name="Run").click()
    spinner = page.locator(".st-spinner")
    expect(spinner).to_be_visible()
    expect(spinner).to_contain_text("Thinking...")
    expect(spinner).to_contain_text(re.compile(r"\(\d+\.\d seconds\)"))
    app.idle()
    expect(spinner).to_have_count(0)
    app.expect_text("finished")


def test_an_empty_placeholder_is_replaced_three_times(open_app):
    app = open_app(
        """
        import time
        import tidal as st
        if st.button("Swap"):
            slot = st.empty()
            for word in ["one", "two", "three"]:
                slot.markdown(f"word: {word}")
                time.sleep(0.3)
            slot.empty()
            st.write("cleared")
        """
    )
    page = app.page
    page.evaluate(RECORD, [".markdown", "text"])
    page.get_by_role("button", name="Swap").click()
    expect(page.get_by_text("word: one")).to_be_visible()
    assert page.get_by_text(re.compile(r"^word: ")).count() == 1
    app.idle()
    app.expect_text("cleared")
    assert page.get_by_text(re.compile(r"^word: ")).count() == 0
    words = [v.strip() for v in page.evaluate("() => window.__seen") if v.startswith("word: ")]
    assert words == ["word: one", "word: two", "word: three"]
    assert not app.console_errors
