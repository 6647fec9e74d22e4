"""Uploads, downloads, media and capture inputs in Chromium, against a real tidal server."""

from __future__ import annotations

import base64
import io
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from playwright.sync_api import Browser, expect

from tests.browser.conftest import AppPage
from tests.fixtures.processes import free_port
from tests.fixtures.server import LiveServer
from tidal.config import load_config

UPLOADER = """
import tidal as st
files = st.file_uploader("Files", type=["txt", "csv"], accept_multiple_files=True,
                         max_upload_size=1, key="up")
st.markdown("got: " + ", ".join(f"{f.name}={f.getvalue().decode()}" for f in files))
"""


def got(app: AppPage) -> str:
    return app.page.locator("p", has_text="got:").inner_text()


def drop(app: AppPage, files: dict[str, str]) -> None:
    """Drop files (name -> text) on the uploader, as a person dragging them from a folder."""
    transfer = app.page.evaluate_handle(
        """(files) => {
          const dt = new DataTransfer();
          for (const [name, text] of Object.entries(files)) {
            const type = name.endsWith('.exe') ? 'application/x-msdownload' : 'text/plain';
            dt.items.add(new File([text], name, { type }));
          }
          return dt;
        }""",
        files,
    )
    app.page.locator(".fu-drop").dispatch_event("drop", {"dataTransfer": transfer})


def wait_for(app: AppPage, pattern: str) -> None:
    expect(app.page.locator("p", has_text="got:")).to_have_text(re.compile(pattern))
    app.idle()


def test_one_file_from_the_file_chooser_reaches_the_script(open_app: Any) -> None:
    app = open_app(UPLOADER)
    with app.page.expect_file_chooser() as chooser:
        app.page.get_by_role("button", name="Browse files").click()
    chooser.value.set_files({"name": "a.txt", "mimeType": "text/plain", "buffer": b"hello"})
    wait_for(app, r"got: a\.txt=hello")
    expect(app.page.locator(".fu-file")).to_have_count(1)
    assert not app.console_errors


def test_several_dropped_files_arrive_and_one_can_be_removed(open_app: Any) -> None:
    app = open_app(UPLOADER)
    drop(app, {"a.txt": "A", "b.csv": "B", "c.txt": "C"})
    wait_for(app, r"got: a\.txt=A, b\.csv=B, c\.txt=C")
    app.page.get_by_role("button", name="Remove b.csv").click()
    wait_for(app, r"got: a\.txt=A, c\.txt=C$")
    expect(app.page.locator(".fu-file")).to_have_count(2)


def test_a_file_over_the_limit_shows_streamlits_message_and_is_not_sent(open_app: Any) -> None:
    app = open_app(UPLOADER)
    drop(app, {"big.txt": "x" * (1024 * 1024 + 10), "ok.txt": "fine"})
    wait_for(app, r"got: ok\.txt=fine$")
    expect(app.page.get_by_role("alert")).to_have_text("File must be 1.0MB or smaller.")


def test_a_file_of_a_refused_type_shows_streamlits_message(open_app: Any) -> None:
    app = open_app(UPLOADER)
    drop(app, {"tool.exe": "MZ"})
    expect(app.page.get_by_role("alert")).to_have_text(
        "application/x-msdownload files are not allowed."
    )
    expect(app.page.locator(".fu-hint")).to_have_text("1MB per file • TXT, CSV")
    expect(app.page.locator(".fu-title")).to_have_text("Drag and drop files here")
    assert got(app) == "got:"


def test_an_uploaded_file_is_still_there_after_a_restart_with_sqlite(
    browser: Browser, tidal_process: Any, tmp_path: Path
) -> None:
    app_file = tmp_path / "files_app.py"
    app_file.write_text(UPLOADER)
    port = free_port()
    store = ("--session.store", "sqlite:///sessions.db")
    server = tidal_process(app_file, port, *store).start()
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    app = AppPage(context.new_page(), server.url).open()
    drop(app, {"kept.txt": "survives"})
    wait_for(app, r"got: kept\.txt=survives")
    deadline = time.monotonic() + 5
    while server.metric("tidal_snapshot_bytes_count") < 2:
        assert time.monotonic() < deadline, "the upload's run was never saved"
        time.sleep(0.01)
    server.kill()
    expect(app.page.locator("#banner")).to_be_visible()
    tidal_process(app_file, port, *store).start()
    expect(app.page.locator("#banner")).to_be_hidden(timeout=15_000)
    app.idle()
    wait_for(app, r"got: kept\.txt=survives")
    context.close()


def test_a_download_button_has_a_keyboard_shortcut_and_can_keep_its_label_on_one_line(
    open_app: Any,
) -> None:
    app = open_app(
        """
        import tidal as st
        st.download_button("Save the report", "a,b\\n1,2\\n", file_name="r.csv",
                           shortcut="Ctrl+S", wrap=False)
        """
    )
    button = app.page.get_by_role("button", name="Save the report")
    expect(button).to_have_attribute("aria-keyshortcuts", "ctrl+s")  # as st.button spells it
    expect(button).to_have_class(re.compile(r"\bnowrap\b"))
    app.page.locator("body").click()  # focus on the page, not in a field
    with app.page.expect_download() as download:
        app.page.keyboard.press("Control+s")
    assert Path(download.value.path()).read_bytes() == b"a,b\n1,2\n"


def test_a_download_gives_exactly_the_data(open_app: Any) -> None:
    app = open_app(
        """
        import tidal as st
        st.session_state.setdefault("clicks", 0)
        def count():
            st.session_state.clicks += 1
        data = bytes(range(256)) * 100
        st.download_button("Download", data, file_name="bytes.bin", on_click=count)
        st.download_button("Made", lambda: "naïve ✓", file_name="made.txt", on_click="ignore")
        st.markdown(f"clicks: {st.session_state.clicks}")
        """
    )
    with app.page.expect_download() as download:
        app.page.get_by_role("button", name="Download").click()
    assert download.value.suggested_filename == "bytes.bin"
    assert Path(download.value.path()).read_bytes() == bytes(range(256)) * 100
    app.idle()
    app.expect_text("clicks: 1")
    with app.page.expect_download() as made:
        app.page.get_by_role("button", name="Made").click()
    assert Path(made.value.path()).read_bytes() == "naïve ✓".encode()
    app.idle()
    app.expect_text("clicks: 1")


def wav_bytes(seconds: float = 1.0, rate: int = 8000) -> bytes:
    import wave

    t = np.arange(int(seconds * rate)) / rate
    samples = (np.sin(2 * np.pi * 440 * t) * 20000).astype("<i2")
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())
    return out.getvalue()


RECORD_WEBM = """async () => {
  const canvas = document.createElement('canvas');
  canvas.width = 64; canvas.height = 48;
  const g = canvas.getContext('2d');
  const stream = canvas.captureStream(15);
  const rec = new MediaRecorder(stream, { mimeType: 'video/webm' });
  const parts = [];
  rec.ondataavailable = (e) => parts.push(e.data);
  const stopped = new Promise((ok) => { rec.onstop = ok; });
  rec.start();
  for (let i = 0; i < 12; i++) {
    g.fillStyle = `hsl(${i * 30}, 80%, 50%)`; g.fillRect(0, 0, 64, 48);
    await new Promise((ok) => setTimeout(ok, 60));
  }
  rec.stop();
  await stopped;
  const buf = new Uint8Array(await new Blob(parts).arrayBuffer());
  let s = ''; for (const b of buf) s += String.fromCharCode(b);
  return btoa(s);
}"""


def test_an_image_an_audio_and_a_video_load_and_play(
    open_app: Any, browser: Browser, tmp_path: Path
) -> None:
    maker = browser.new_page()
    maker.set_content("<body></body>")
    (tmp_path / "clip.webm").write_bytes(base64.b64decode(maker.evaluate(RECORD_WEBM)))
    maker.close()
    (tmp_path / "tone.wav").write_bytes(wav_bytes())
    app = open_app(
        f"""
        import numpy as np
        import tidal as st
        st.image(np.full((30, 40, 3), 200, dtype=np.uint8), caption="grey")
        st.audio({str(tmp_path / "tone.wav")!r})
        st.video({str(tmp_path / "clip.webm")!r}, format="video/webm", muted=True)
        """
    )
    img = app.page.locator(".m-figure img")
    expect(img).to_be_visible()
    app.page.wait_for_function(
        "() => { const i = document.querySelector('.m-figure img');"
        " return i.complete && i.naturalWidth === 40; }"
    )
    for tag in ("audio", "video"):
        app.page.eval_on_selector(tag, "el => el.play()")
        app.page.wait_for_function(
            f"() => document.querySelector('{tag}').readyState >= 4", timeout=10_000
        )
    assert not app.console_errors


def test_an_unchanged_image_is_not_fetched_again_on_a_rerun(open_app: Any) -> None:
    app = open_app(
        """
        import numpy as np
        import tidal as st
        st.image(np.zeros((8, 8), dtype=np.uint8))
        st.button("Again")
        """
    )
    # the first load's fetch is done before we start counting
    app.page.wait_for_function(
        "() => { const i = document.querySelector('img');"
        " return !!i && i.complete && i.naturalWidth > 0; }"
    )
    fetched: list[str] = []
    app.page.on("request", lambda r: fetched.append(r.url) if "/_tidal/media/" in r.url else None)
    app.click("Again")
    app.click("Again")
    assert fetched == []


# ------------------------------------------------------------------ camera and microphone
# (fake_media_browser, conftest.py: Chromium's fake devices)
def test_a_camera_input_takes_a_jpeg_with_the_fake_camera(
    fake_media_browser: Browser, serve_app: Callable[..., Any]
) -> None:
    server = serve_app(
        """
        import io
        from PIL import Image
        import tidal as st
        photo = st.camera_input("Photo")
        if photo is not None:
            size = Image.open(io.BytesIO(photo.getvalue())).size
            st.markdown(f"photo: {photo.type} {size[0]}x{size[1]}")
        """
    )
    context = fake_media_browser.new_context(viewport={"width": 1000, "height": 700})
    app = AppPage(context.new_page(), server.url).open()
    app.page.get_by_role("button", name="Enable camera").click()
    app.page.wait_for_function("() => document.querySelector('.cap-live')?.videoWidth > 0")
    app.page.get_by_role("button", name="Take Photo").click()
    expect(app.page.locator("p", has_text="photo:")).to_have_text(
        re.compile(r"photo: image/jpeg \d+x\d+")
    )
    app.idle()
    app.page.get_by_role("button", name="Clear photo").click()
    expect(app.page.locator("p", has_text="photo:")).to_have_count(0)
    context.close()


def test_an_audio_input_records_a_wav_at_its_sample_rate(
    fake_media_browser: Browser, serve_app: Callable[..., Any]
) -> None:
    server = serve_app(
        """
        import io, wave
        import tidal as st
        voice = st.audio_input("Voice", sample_rate=16000)
        if voice is not None:
            with wave.open(io.BytesIO(voice.getvalue())) as w:
                st.markdown(f"voice: {voice.type} {w.getframerate()} {w.getnframes() > 0}")
        """
    )
    context = fake_media_browser.new_context(viewport={"width": 1000, "height": 700})
    app = AppPage(context.new_page(), server.url).open()
    app.page.get_by_role("button", name="Record").click()
    expect(app.page.get_by_role("button", name="Stop recording")).to_be_visible()
    app.page.wait_for_timeout(700)  # the fake microphone's tone, recorded for a moment
    app.page.get_by_role("button", name="Stop recording").click()
    expect(app.page.locator("p", has_text="voice:")).to_have_text("voice: audio/wav 16000 True")
    context.close()


def test_the_demo_files_page_shows_an_uploaded_csv_and_downloads_its_summary(
    browser: Browser, tmp_path: Path
) -> None:
    demo = Path(__file__).resolve().parents[2] / "src" / "tidal" / "hello" / "app.py"
    config = load_config(project_dirs=[tmp_path], cli={}, env={}, home=tmp_path)
    server = LiveServer(demo, config).start()
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    try:
        app = AppPage(context.new_page(), server.url).open("/files")
        with app.page.expect_file_chooser() as chooser:
            app.page.get_by_role("button", name="Browse files").click()
        chooser.value.set_files(
            {"name": "scores.csv", "mimeType": "text/csv", "buffer": b"name,score\nada,3\nbob,4\n"}
        )
        expect(app.page.locator("td", has_text="ada")).to_be_visible()
        app.idle()
        with app.page.expect_download() as download:
            app.page.get_by_role("button", name="Download the column summary").click()
        assert Path(download.value.path()).read_bytes() == (
            b"column,count,sum,min,max\nscore,2,7.0,3.0,4.0\n"
        )
    finally:
        context.close()
        server.stop()
