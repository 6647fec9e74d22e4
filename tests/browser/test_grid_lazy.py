"""st.dataframe(lazy=True) in Chromium: a small frame's later rows arrive as the person
scrolls to them, and a big frame with lazy=False shows every row without asking the server for any."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import AppPage

APP = """
import tidal as st
st.dataframe({"n": [f"row {i}" for i in range(ROWS)]}, lazy=LAZY, key="t")
"""


def _scroll_to_the_end(app: AppPage) -> None:
    app.page.locator(".grid-scroll").evaluate("(el) => { el.scrollTop = el.scrollHeight; }")


def test_a_lazy_frame_fetches_its_last_rows_on_scroll(open_app):
    app: AppPage = open_app(APP.replace("LAZY", "True").replace("ROWS", "150"))
    last = app.page.locator(".grid-body .grid-row:not([hidden])", has_text="row 149")
    expect(last).to_have_count(0)
    _scroll_to_the_end(app)
    expect(last).to_have_count(1)
    assert not app.console_errors


def test_a_big_frame_with_lazy_false_asks_for_no_rows(serve_app, browser):
    server = serve_app(APP.replace("LAZY", "False").replace("ROWS", "300"))
    page = browser.new_page()
    sent: list[str] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(str(payload))))
    app = AppPage(page, server.url).open()
    _scroll_to_the_end(app)
    last = app.page.locator(".grid-body .grid-row:not([hidden])", has_text="row 299")
    expect(last).to_have_count(1)
    app.idle()
    assert sent and not [f for f in sent if '"t":"rows"' in f.replace(" ", "")]
    page.close()
