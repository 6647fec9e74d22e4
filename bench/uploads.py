"""Uploads and media: a 100 MB upload (server memory growth while it streams, time on
loopback) and a page of 50 images (first-load bytes and requests, bytes of a rerun that
changes none).

Prints figures; asserts nothing. Run: `.venv/bin/python bench/uploads.py`. With
`STREAMLIT_PYTHON=/path/to/venv/bin/python` (a venv with streamlit 1.67), the same 100 MB
upload through Chromium is also measured against `streamlit run` for comparison.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

import httpx
from common import PYTHON, Server, free_port, stop_process
from websockets.sync.client import connect

from tidal.media_file import media_key

UPLOAD_APP = """
import tidal as st
f = st.file_uploader("File", max_upload_size=200)
st.write(f.size if f else 0)
"""

IMAGES_APP = """
import numpy as np
import tidal as st
rng = np.random.default_rng(7)
cols = st.columns(5)
for i in range(50):
    cols[i % 5].image(rng.integers(0, 255, (64, 96, 3), dtype=np.uint8), caption=f"#{i}")
st.button("Rerun")
"""

MB = 1024 * 1024


class Page:
    """A protocol client: hello, the first run, a mirror of the elements, bytes received."""

    def __init__(self, server: Server) -> None:
        self.ws = connect(server.ws_url, max_size=1 << 26).__enter__()
        self.bytes_in = 0
        self.elements: list[dict[str, Any]] = []
        self.ws.send(json.dumps({"t": "hello", "v": 1, "nonce": "bench"}))
        welcome = self.recv()
        self.token = welcome["token"]
        self.seq = 0
        self.wait_end()

    def recv(self) -> dict[str, Any]:
        raw = self.ws.recv(timeout=30)
        self.bytes_in += len(raw)
        msg: dict[str, Any] = json.loads(raw)
        if msg["t"] == "delta":
            self.elements += [op["e"] for op in msg["ops"] if op["o"] == "set"]
        return msg

    def wait_end(self) -> None:
        while True:
            msg = self.recv()
            final = msg["t"] == "end" and msg["status"] in ("ok", "error", "stopped")
            if final and msg.get("ack", 0) >= self.seq:
                return

    def widget(self, kind: str) -> dict[str, Any]:
        return next(e["p"] for e in self.elements if e["t"] == kind)

    def change(self, wid: str, value: Any) -> None:
        self.seq += 1
        self.ws.send(json.dumps({"t": "change", "id": wid, "v": value, "seq": self.seq}))
        self.wait_end()


def sample_rss(server: Server, stop: threading.Event, samples: list[tuple[float, int]]) -> None:
    while not stop.is_set():
        samples.append((time.perf_counter(), server.rss()))
        time.sleep(0.005)


def bench_upload(folder: Path, store: str) -> None:
    app = folder / "upload_app.py"
    app.write_text(UPLOAD_APP)
    server = Server(app, "--session.store", store)
    try:
        page = Page(server)
        wid = page.widget("file_uploader")["id"]
        chunk = bytes(range(256)) * 4096  # 1 MiB

        sent = [0.0]

        def body() -> Any:
            for _ in range(100):
                yield chunk
            sent[0] = time.perf_counter()  # the server has read all but a socket buffer

        before = server.rss()
        samples: list[tuple[float, int]] = []
        stop = threading.Event()
        sampler = threading.Thread(target=sample_rss, args=(server, stop, samples))
        sampler.start()
        started = time.perf_counter()
        reply = httpx.post(
            f"{server.url}/_tidal/upload/{urllib.parse.quote(wid, safe='')}",
            content=body(),
            headers={
                "X-Tidal-Session": page.token,
                "X-Tidal-Filename": "big.bin",
                "Content-Length": str(100 * MB),
            },
            timeout=120,
        )
        took = time.perf_counter() - started
        stop.set()
        sampler.join()
        assert reply.status_code == 200, reply.text
        after_upload = server.rss()
        streaming = max(r for t, r in samples if t <= sent[0])
        storing = max(r for _, r in samples)
        page.change(wid, [reply.json()])
        after_run = server.rss()
        print(
            f"  100 MB upload, {store.split(':')[0]} store: {took:.2f} s "
            f"({100 / took:.0f} MB/s); server RSS growth: while the body streams "
            f"{(streaming - before) / MB:.1f} MB, peak while it is stored "
            f"{(storing - before) / MB:.1f} MB, after {(after_upload - before) / MB:.1f} MB; "
            f"after the run that reads it (the UploadedFile holds the bytes): "
            f"{(after_run - before) / MB:.1f} MB"
        )
    finally:
        server.stop()


def bench_images(folder: Path) -> None:
    app = folder / "images_app.py"
    app.write_text(IMAGES_APP)
    server = Server(app)
    try:
        page = Page(server)
        ws_first = page.bytes_in
        key = media_key(page.token)
        srcs = [img["src"] for e in page.elements if e["t"] == "image" for img in e["p"]["images"]]
        media_bytes = 0
        with httpx.Client() as client:
            for src in srcs:
                media_bytes += len(client.get(f"{server.url}/_tidal/media/{key}/{src}").content)
        before = page.bytes_in
        page.change(page.widget("button")["id"], True)
        rerun = page.bytes_in - before
        print(
            f"  50 images (64x96 RGB arrays): first load {ws_first / 1024:.1f} KB over the "
            f"websocket + {len(srcs)} media requests, {media_bytes / 1024:.0f} KB; "
            f"a rerun that changes none: {rerun} bytes"
        )
    finally:
        server.stop()


BROWSER_APP = """
import {module} as st
f = st.file_uploader("File")
st.write(f"size={{f.size if f else 0}}")
"""


def rss_tree(pid: int) -> int:
    """RSS of a process and its children, bytes."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    page = os.sysconf("SC_PAGE_SIZE")
    for p in pids:
        with contextlib.suppress(OSError):
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * page
    return total


def bench_browser_upload(folder: Path, kind: str, python: str) -> None:
    """The same 100 MB file through Chromium's file chooser, into tidal or Streamlit."""
    from playwright.sync_api import sync_playwright

    app = folder / f"browser_{kind}.py"
    app.write_text(BROWSER_APP.format(module="tidal" if kind == "tidal" else "streamlit"))
    big = folder / "big.bin"
    if not big.exists():
        big.write_bytes(bytes(range(256)) * 4096 * 100)
    port = free_port()
    base = [python, "-m", kind, "run", str(app), "--server.headless", "true"]
    flags = ["--server.port", str(port), "--server.address", "127.0.0.1"]
    if kind == "streamlit":
        flags += ["--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(
        [*base, *flags], cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page()
            deadline = time.monotonic() + 30
            while True:
                try:
                    page.goto(f"http://127.0.0.1:{port}/")
                    break
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            page.get_by_text("size=0").wait_for(timeout=30_000)
            time.sleep(1)
            before = rss_tree(proc.pid)
            samples: list[int] = []
            stop = threading.Event()

            def sample() -> None:
                while not stop.is_set():
                    samples.append(rss_tree(proc.pid))
                    time.sleep(0.01)

            sampler = threading.Thread(target=sample)
            sampler.start()
            started = time.perf_counter()
            page.locator("input[type=file]").set_input_files(str(big))
            page.get_by_text(f"size={100 * MB}").wait_for(timeout=120_000)
            took = time.perf_counter() - started
            stop.set()
            sampler.join()
            browser.close()
        print(
            f"  {kind}: 100 MB through Chromium's file chooser until the script shows its "
            f"size: {took:.2f} s; server RSS growth: peak {(max(samples) - before) / MB:.0f} MB"
        )
    finally:
        stop_process(proc)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench_upload(folder, "memory://")
        bench_upload(folder, f"sqlite:///{folder / 'sessions.db'}")
        bench_images(folder)
        bench_browser_upload(folder, "tidal", PYTHON)
        streamlit = os.environ.get("STREAMLIT_PYTHON")
        if streamlit:
            bench_browser_upload(folder, "streamlit", streamlit)


if __name__ == "__main__":
    main()
