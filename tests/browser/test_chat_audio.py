"""The chat input's microphone button in Chromium, with the fake microphone (a tone): a
recording sent with the message reaches the script as ``.audio``, a WAV at
``audio_sample_rate`` (issue 11)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import AppPage

VOICE_CHAT = """
import io, wave
import tidal as st
st.session_state.setdefault("runs", 0)
st.session_state.runs += 1
st.button("Again")
v = st.chat_input("Say", accept_audio=True, audio_sample_rate={rate})
if v is None:
    st.markdown(f"got: none (run {{st.session_state.runs}})")
else:
    a = v.audio
    if a is None:
        st.markdown(f"got: {{v.text!r}} no audio")
    else:
        with wave.open(io.BytesIO(a.getvalue())) as w:
            frames, rate, width = w.getnframes(), w.getframerate(), w.getsampwidth()
        st.markdown(
            f"got: {{v.text!r}} {{a.name}} {{a.type}} {{rate}} Hz {{width * 8}}-bit "
            f"{{frames > 0}} {{a.size == 44 + frames * width}}"
        )
"""


@pytest.fixture
def voice_app(
    fake_media_browser: Browser, serve_app: Callable[..., Any]
) -> Iterator[Callable[..., AppPage]]:
    contexts = []

    def start(rate: int | None = 16000) -> AppPage:
        server = serve_app(VOICE_CHAT.format(rate=rate))
        context = fake_media_browser.new_context(viewport={"width": 1000, "height": 700})
        contexts.append(context)
        return AppPage(context.new_page(), server.url).open()

    yield start
    for context in contexts:
        context.close()


def got(app: AppPage) -> Any:
    return expect(app.page.locator("p", has_text="got:"))


def record(app: AppPage) -> None:
    app.page.get_by_role("button", name="Record audio").click()
    expect(app.page.get_by_role("status")).to_contain_text("Recording")
    expect(app.page.get_by_role("button", name="Record audio")).to_be_hidden()
    app.page.wait_for_timeout(700)  # the fake microphone's tone, recorded for a moment


def test_a_recording_sent_with_text_reaches_the_script_as_a_wav_then_none(voice_app):
    app = voice_app()
    got(app).to_have_text("got: none (run 1)")
    record(app)
    box = app.page.get_by_role("textbox", name="Say")
    box.fill("listen")
    box.press("Enter")
    got(app).to_have_text("got: 'listen' audio.wav audio/wav 16000 Hz 16-bit True True")
    app.idle()
    expect(app.page.get_by_role("button", name="Record audio")).to_be_visible()
    expect(app.page.get_by_role("status")).to_be_hidden()
    app.click("Again")
    got(app).to_have_text("got: none (run 3)")
    assert app.console_errors == []


def test_a_recording_alone_is_sent_with_the_send_button(voice_app):
    app = voice_app(rate=8000)
    send = app.page.get_by_role("button", name="Send message")
    expect(send).to_be_disabled()
    record(app)
    expect(send).to_be_enabled()
    send.click()
    got(app).to_have_text("got: '' audio.wav audio/wav 8000 Hz 16-bit True True")


def test_a_cancelled_recording_is_not_sent(voice_app):
    app = voice_app()
    record(app)
    app.page.get_by_role("button", name="Cancel recording").click()
    expect(app.page.get_by_role("button", name="Send message")).to_be_disabled()
    box = app.page.get_by_role("textbox", name="Say")
    box.fill("only text")
    box.press("Enter")
    got(app).to_have_text("got: 'only text' no audio")


def test_a_chat_input_without_accept_audio_has_no_microphone_button(open_app):
    app = open_app('import tidal as st\nst.chat_input("Say", accept_file=True)\n')
    expect(app.page.get_by_role("button", name="Attach files")).to_be_visible()
    expect(app.page.get_by_role("button", name="Record audio")).to_be_hidden()


def test_files_and_a_recording_go_in_one_message(
    fake_media_browser: Browser, serve_app: Callable[..., Any]
) -> None:
    server = serve_app(
        """
        import tidal as st
        v = st.chat_input("Say", accept_file="multiple", file_type="txt", accept_audio=True)
        if v is not None:
            names = [f"{f.name}={f.getvalue().decode()}" for f in v.files]
            st.markdown(f"got: {v.text!r} {names} {v.audio.name} {v.audio.type}")
        """
    )
    context = fake_media_browser.new_context(viewport={"width": 1000, "height": 700})
    app = AppPage(context.new_page(), server.url).open()
    files = app.page.locator(".chat-input input[type=file]")
    files.set_input_files([{"name": "a.txt", "mimeType": "text/plain", "buffer": b"one"}])
    expect(app.page.locator(".chat-chip")).to_have_text(["a.txt"])
    record(app)
    app.page.get_by_role("button", name="Send message").click()
    got(app).to_have_text("got: '' ['a.txt=one'] audio.wav audio/wav")
    expect(app.page.locator(".chat-chip")).to_have_count(0)
    context.close()


def test_audio_sample_rate_none_records_at_the_browsers_own_rate(voice_app):
    app = voice_app(rate=None)
    own = app.page.evaluate("() => new AudioContext().sampleRate")
    record(app)
    app.page.get_by_role("button", name="Send message").click()
    got(app).to_have_text(f"got: '' audio.wav audio/wav {own} Hz 16-bit True True")


def test_a_microphone_the_browser_refuses_is_said_and_nothing_is_sent(open_app):
    # the ordinary test browser has no fake device and no permission: getUserMedia fails
    app = open_app('import tidal as st\nst.chat_input("Say", accept_audio=True)\n')
    app.page.get_by_role("button", name="Record audio").click()
    expect(app.page.locator(".chat-count")).to_contain_text("Microphone:")
    expect(app.page.get_by_role("button", name="Record audio")).to_be_visible()
    expect(app.page.get_by_role("button", name="Send message")).to_be_disabled()
