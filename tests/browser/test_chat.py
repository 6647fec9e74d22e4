"""Chat and streaming in Chromium: a round trip with history kept across a refresh and a
server restart, a 2,000-token stream shown as it arrives, async callbacks and scripts."""

from __future__ import annotations

import re
import signal
import time
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import AppPage
from tests.fixtures.processes import free_port

ECHO_CHAT = """
import time
import tidal as st
st.session_state.setdefault("messages", [])
for m in st.session_state.messages:
    with st.chat_message(m["role"]):
        st.markdown(m["content"])
if prompt := st.chat_input("Say something"):
    st.session_state.messages.append({"role": "user", "content": prompt})
    with st.chat_message("user"):
        st.markdown(prompt)
    def reply():
        for word in f"You said: {prompt}".split():
            yield word + " "
            time.sleep(0.01)
    with st.chat_message("assistant"):
        text = st.write_stream(reply)
    st.session_state.messages.append({"role": "assistant", "content": text})
"""


def send(app: AppPage, text: str) -> None:
    box = app.page.get_by_role("textbox", name="Say something")
    box.fill(text)
    box.press("Enter")
    app.idle()


def messages(app: AppPage) -> list[str]:
    return [t.strip() for t in app.page.locator(".chat-msg").all_inner_texts()]


def test_a_chat_round_trip_keeps_its_history_across_a_refresh_and_a_restart(
    browser, tidal_process, tmp_path: Path
):
    app_file = tmp_path / "chat.py"
    app_file.write_text(ECHO_CHAT)
    port = free_port()
    store = ("--session.store", "sqlite:///sessions.db")
    server = tidal_process(app_file, port, *store).start()
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    app = AppPage(context.new_page(), server.url).open()
    send(app, "hello")
    send(app, "second")
    expected = ["hello", "You said: hello", "second", "You said: second"]
    assert messages(app) == expected
    box = app.page.get_by_role("textbox", name="Say something")
    expect(box).to_be_focused()  # the pinned input keeps the focus across the reruns
    expect(box).to_have_value("")
    app.page.reload()
    app.idle()
    assert messages(app) == expected
    deadline = time.monotonic() + 5
    while server.metric("tidal_snapshot_bytes_count") < 4:
        assert time.monotonic() < deadline, "the chat was never saved"
        time.sleep(0.01)
    server.kill(signal.SIGKILL)
    expect(app.page.locator("#banner")).to_be_visible()
    tidal_process(app_file, port, *store).start()
    expect(app.page.locator("#banner")).to_be_hidden(timeout=15_000)
    app.idle()
    assert messages(app) == expected
    send(app, "third")
    assert messages(app)[-2:] == ["third", "You said: third"]
    assert not app.console_errors
    context.close()


def test_a_chat_input_stops_typing_at_max_chars(open_app):
    app = open_app(
        """
        import tidal as st
        st.session_state.setdefault("got", [])
        if p := st.chat_input("Short", max_chars=5):
            st.session_state.got.append(p)
        st.write("got:", len(st.session_state.got))
        """
    )
    box = app.page.get_by_role("textbox", name="Short")
    box.fill("far too long")
    assert box.input_value() == "far t"  # maxlength stops the typing (the server refuses more)
    expect(app.page.locator(".chat-count")).to_have_text("5/5")  # shown while typing
    box.press("Enter")
    app.idle()
    app.expect_text(re.compile(r"got:\s*1"))


def test_a_stream_of_2000_tokens_shows_as_it_arrives(open_app):
    app = open_app(
        """
        import time
        import tidal as st
        if st.button("Stream"):
            def tokens():
                for i in range(2000):
                    yield f"t{i} "
                    if i % 100 == 99:
                        yield "\\n\\n"
                    time.sleep(0.001)
            with st.chat_message("assistant"):
                st.write_stream(tokens)
        """
    )
    page = app.page
    page.get_by_role("button", name="Stream").click()
    body = page.locator(".chat-msg .markdown")
    expect(body).to_contain_text("t50 ")
    partial = body.inner_text()
    assert "t1999" not in partial  # seen while it was still streaming
    app.idle()
    text = body.inner_text()
    assert text.count("t") == 2000 and "t1999" in text
    assert body.locator("p").count() == 20  # paragraphs rendered as Markdown
    assert not app.console_errors


def test_an_async_callback_runs_before_the_rerun(open_app):
    app = open_app(
        """
        import asyncio
        import tidal as st
        st.session_state.setdefault("log", [])
        async def fetch():
            await asyncio.sleep(0.05)
            st.session_state.log.append("fetched")
        st.button("Fetch", on_click=fetch)
        st.write("log:", ", ".join(st.session_state.log) or "empty")
        """
    )
    app.click("Fetch")
    app.expect_text("log: fetched")


def test_a_script_awaiting_does_not_block_another_tab(open_app, new_tab):
    app = open_app(
        """
        import asyncio
        import tidal as st
        if st.button("Wait"):
            st.write("waiting")
            await asyncio.sleep(1.5)
            st.write("waited")
        st.session_state.setdefault("n", 0)
        if st.button("Count"):
            st.session_state.n += 1
        st.write("count:", st.session_state.n)
        """
    )
    other = new_tab(app.url)
    app.page.get_by_role("button", name="Wait").click()
    expect(app.page.get_by_text("waiting")).to_be_visible()
    started = time.monotonic()
    other.click("Count")
    other.expect_text(re.compile(r"count:\s*1"))
    assert time.monotonic() - started < 1.0  # answered while the first tab still awaits
    assert "waited" not in app.text()
    app.idle()
    app.expect_text("waited")


def test_a_new_event_cancels_a_pending_await(open_app):
    app = open_app(
        """
        import asyncio
        import tidal as st
        st.session_state.setdefault("runs", 0)
        st.session_state.runs += 1
        if st.checkbox("Sleep"):
            st.write("sleeping")
            await asyncio.sleep(10)
            st.write("slept")
        st.write("runs:", st.session_state.runs)
        """
    )
    page = app.page
    box = page.get_by_role("checkbox", name="Sleep")
    box.check()
    expect(page.get_by_text("sleeping")).to_be_visible()
    started = time.monotonic()
    box.uncheck()  # a new event: the run awaiting asyncio.sleep(10) is cancelled
    app.idle()
    assert time.monotonic() - started < 3
    app.expect_text(re.compile(r"runs:\s*3"))
    assert "slept" not in app.text() and "sleeping" not in app.text()


def test_streamed_markdown_ends_exactly_as_a_full_render(open_app):
    app = open_app(
        '''
        import time
        import tidal as st
        TEXT = """Intro paragraph with **bold**.

        ```python
        def f():

            return 1
        ```

        - first item

        - second item

        | a | b |
        |---|---|
        | 1 | 2 |
        """
        if st.button("Stream"):
            def pieces():
                for ch in TEXT:
                    yield ch
                    time.sleep(0.002)
            st.write_stream(pieces)
            st.markdown(TEXT)
        '''
    )
    page = app.page
    page.get_by_role("button", name="Stream").click()
    app.idle()
    streamed, full = page.locator(".markdown .md").all()
    page.wait_for_timeout(400)  # appends paused: the streamed element settles
    assert streamed.inner_html() == full.inner_html()
    assert streamed.locator("pre code").inner_text() == "def f():\n\n    return 1\n"
    assert streamed.locator("ul > li").count() == 2
    assert streamed.locator("table td").all_inner_texts() == ["1", "2"]
