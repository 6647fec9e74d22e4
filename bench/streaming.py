"""Streaming and chat figures (issue 11): ``python bench/streaming.py``.

1. bytes to the browser per token, 2,000 tokens streamed into one chat message (protocol
   client; beside it, what resending the whole message per token would cost, as Streamlit's
   protocol does);
2. token -> visible latency in Chromium: the script stamps each token with the wall clock
   as it yields it, a MutationObserver in the page stamps when each token is in the DOM;
3. 50 tabs streaming at once (protocol clients, one asyncio process): the gaps between the
   deltas of each tab's stream (p50/p99/max), and how long tabs waited for their first token;
4. a new message in a 200-message chat history: ops and bytes the browser receives, and in
   Chromium the elements created and the time until the new message shows.

``--streamlit PYTHON`` measures 1 and 2 in Chromium for tidal and for Streamlit side by side
(PYTHON: an interpreter with ``streamlit`` installed, e.g. a scratch venv; never a project
dependency), websocket bytes counted with CDP, the same app with its import line changed.

Not a test: nothing is asserted beyond what the measurement needs.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

import websockets
from common import PYTHON, Server, free_port, pct
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("TIDAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
TOKENS = 2000

STREAM_APP = """
import json
import os
import time
import tidal as st

N = int(os.environ.get("BENCH_TOKENS", "2000"))
DELAY = float(os.environ.get("BENCH_DELAY", "0.002"))
STAMPS = os.environ.get("BENCH_STAMPS")

if st.button("Stream"):
    stamps = []
    def tokens():
        for i in range(N):
            stamps.append(time.time())
            yield f"t{i} " if i % 50 != 49 else f"t{i}\\n\\n"
            time.sleep(DELAY)
    with st.chat_message("assistant"):
        st.write_stream(tokens)
    if STAMPS:
        with open(STAMPS, "w") as f:
            json.dump(stamps, f)
"""

HISTORY_APP = """
import tidal as st
st.session_state.setdefault(
    "messages",
    [{"role": ("user", "assistant")[i % 2], "content": f"message {i} " * 8} for i in range(200)],
)
for m in st.session_state.messages:
    with st.chat_message(m["role"]):
        st.markdown(m["content"])
if prompt := st.chat_input("Message"):
    st.session_state.messages.append({"role": "user", "content": prompt})
    with st.chat_message("user"):
        st.markdown(prompt)
"""


def write_app(folder: Path, name: str, source: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(source))
    return path


async def hello(ws_url: str, nonce: str) -> tuple[Any, dict[str, str]]:
    ws = await websockets.connect(ws_url, max_size=1 << 24)
    await ws.send(json.dumps({"t": "hello", "v": 1, "nonce": nonce, "token": None}))
    ids: dict[str, str] = {}
    while True:
        msg = json.loads(await ws.recv())
        if msg["t"] == "delta":
            for op in msg["ops"]:
                p = op.get("e", {}).get("p", {})
                if op["o"] == "set" and "id" in p:
                    ids[p.get("label") or p.get("placeholder") or op["e"]["t"]] = p["id"]
        if msg["t"] == "end":
            return ws, ids


async def stream_once(ws: Any, button: str, seq: int = 1) -> tuple[int, list[float], float]:
    """Click, read until the run ends: (bytes in, delta arrival times, click time)."""
    clicked = time.perf_counter()
    await ws.send(json.dumps({"t": "change", "seq": seq, "id": button, "v": True}))
    size, arrivals = 0, []
    while True:
        raw = await ws.recv()
        size += len(raw)
        msg = json.loads(raw)
        if msg["t"] == "delta":
            arrivals.append(time.perf_counter())
        if msg["t"] == "end" and msg["ack"] >= seq:
            return size, arrivals, clicked


async def bytes_per_token(folder: Path) -> None:
    server = Server(write_app(folder, "stream.py", STREAM_APP))
    try:
        ws, ids = await hello(server.ws_url, "bytes")
        size, arrivals, _ = await stream_once(ws, ids["Stream"])
        await ws.close()
        text = "".join(f"t{i} " if i % 50 != 49 else f"t{i}\n\n" for i in range(TOKENS))
        prefix = 0
        resend = 0
        for i in range(TOKENS):
            prefix += len(f"t{i} ")
            resend += prefix
        print(
            f"1. {TOKENS} tokens into one chat message: {size / TOKENS:.1f} B per token "
            f"({size} B in {len(arrivals)} deltas, {len(text)} B of text); resending the "
            f"whole message per token would be {resend / TOKENS:.0f} B per token"
        )
    finally:
        server.stop()


def latency(folder: Path) -> None:
    stamps = folder / "stamps.json"
    os.environ["BENCH_STAMPS"] = str(stamps)
    server = Server(write_app(folder, "stream_browser.py", STREAM_APP))
    os.environ.pop("BENCH_STAMPS")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1100, "height": 800})
            page.goto(server.url)
            page.wait_for_function("() => window.__tidal && window.__tidal.runs > 0")
            page.evaluate(
                """() => {
                  const seen = (window.__seen = []);
                  const last = /t(\\d+)\\s*$/;
                  new MutationObserver(() => {
                    const el = document.querySelector('.chat-msg .md-tail') ??
                      document.querySelector('.chat-msg .markdown');
                    if (!el) return;
                    const m = last.exec(el.textContent);
                    if (m) seen.push([performance.timeOrigin + performance.now(), +m[1]]);
                  }).observe(document.getElementById('root-0'),
                             { childList: true, subtree: true, characterData: true });
                }"""
            )
            page.get_by_role("button", name="Stream").click()
            page.wait_for_function(
                "() => window.__tidal.runs > 1 && !window.__tidal.running", timeout=60_000
            )
            seen = page.evaluate("() => window.__seen")
            browser.close()
        produced = json.loads(stamps.read_text())
        visible: dict[int, float] = {}
        top = -1
        for t, idx in seen:
            for i in range(top + 1, idx + 1):
                visible[i] = t / 1000
            top = max(top, idx)
        lat = [visible[i] - produced[i] for i in range(len(produced)) if i in visible]
        print(
            f"2. token -> visible in Chromium ({len(lat)} of {len(produced)} tokens, one every "
            f"2 ms): median {pct(lat, 50) * 1000:.1f} ms, p95 {pct(lat, 95) * 1000:.1f} ms, "
            f"p99 {pct(lat, 99) * 1000:.1f} ms, max {max(lat) * 1000:.1f} ms"
        )
    finally:
        server.stop()


POOL_LAUNCHER = """
import os, sys
import tidal.server
size = int(os.environ["BENCH_POOL"])
base = tidal.server.WorkerPool
tidal.server.WorkerPool = lambda _size, *a, **k: base(size, *a, **k)
from tidal.cli import main
sys.argv[0] = "tidal"
main()
"""


class PoolServer(Server):
    """``tidal run`` with a worker pool of ``BENCH_POOL`` threads (the default is 4 per core)."""

    def __init__(self, app: Path, pool: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}/ws"
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [PYTHON, "-c", POOL_LAUNCHER, "run", str(app), "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=str(app.parent),
            env={**os.environ, "BENCH_POOL": str(pool)},
        )  # fmt: skip
        self.healthy_after = self._wait_healthy()


async def many_tabs(
    folder: Path, tabs: int = 50, tokens: int = 300, pool: int | None = None
) -> None:
    os.environ["BENCH_TOKENS"] = str(tokens)
    os.environ["BENCH_DELAY"] = "0.01"
    app = write_app(folder, "stream_many.py", STREAM_APP)
    server = Server(app) if pool is None else PoolServer(app, pool)
    os.environ.pop("BENCH_TOKENS")
    os.environ.pop("BENCH_DELAY")
    workers = (
        f"{pool}-thread pool" if pool else f"default pool ({max(4, 4 * (os.cpu_count() or 1))})"
    )
    try:
        sessions = [await hello(server.ws_url, f"tab{i}") for i in range(tabs)]
        results = await asyncio.gather(*(stream_once(ws, ids["Stream"]) for ws, ids in sessions))
        gaps: list[float] = []
        first: list[float] = []
        for _, arrivals, clicked in results:
            first.append(arrivals[0] - clicked)
            gaps += [b - a for a, b in itertools.pairwise(arrivals)]
        for ws, _ in sessions:
            await ws.close()
        print(
            f"3. {tabs} tabs streaming {tokens} tokens each (one per 10 ms) at once, {workers}: "
            f"gap between "
            f"deltas median {pct(gaps, 50) * 1000:.1f} ms, p99 {pct(gaps, 99) * 1000:.1f} ms, "
            f"max {max(gaps) * 1000:.1f} ms; click -> first delta median "
            f"{pct(first, 50) * 1000:.0f} ms, max {max(first) * 1000:.0f} ms"
        )
    finally:
        server.stop()


async def history_protocol(folder: Path) -> None:
    server = Server(write_app(folder, "history.py", HISTORY_APP))
    try:
        ws, ids = await hello(server.ws_url, "history")
        box = ids["Message"]
        sizes, ops = [], []
        for seq in (1, 2):
            await ws.send(json.dumps({"t": "change", "seq": seq, "id": box, "v": f"new {seq}"}))
            size, n = 0, 0
            while True:
                raw = await ws.recv()
                size += len(raw)
                msg = json.loads(raw)
                if msg["t"] == "delta":
                    n += len(msg["ops"])
                if msg["t"] == "end" and msg["ack"] >= seq:
                    break
            sizes.append(size)
            ops.append(n)
        await ws.close()
        print(
            f"4a. a new message in a 200-message history: {ops[1]} ops, {sizes[1]} B to the "
            f"browser (the first one: {ops[0]} ops, {sizes[0]} B)"
        )
    finally:
        server.stop()


def history_browser(folder: Path) -> None:
    server = Server(write_app(folder, "history_browser.py", HISTORY_APP))
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1100, "height": 800})
            page.goto(server.url)
            page.wait_for_function(
                "() => window.__tidal && window.__tidal.runs > 0 && !window.__tidal.running"
                " && document.querySelectorAll('.chat-msg').length === 200"
            )
            box = page.get_by_role("textbox", name="Message")
            results = []
            for i in range(2):
                page.evaluate(
                    """() => {
                      const b = (window.__hist = { made: 0, t0: performance.now(), shown: null });
                      new MutationObserver((records) => {
                        for (const r of records) for (const n of r.addedNodes) {
                          if (n.nodeType === 1 && (n.matches('.chat-msg') ||
                              n.querySelector?.('.chat-msg'))) b.made++;
                        }
                        if (b.shown === null && [...document.querySelectorAll('.chat-msg')]
                              .some((m) => m.textContent.includes('fresh'))) {
                          b.shown = performance.now() - b.t0;
                        }
                      }).observe(document.getElementById('root-0'),
                                 { childList: true, subtree: true });
                    }"""
                )
                box.fill(f"fresh {i}")
                page.evaluate("() => { window.__hist.t0 = performance.now(); }")
                box.press("Enter")
                page.wait_for_function(
                    "() => !window.__tidal.running && window.__tidal.pending === 0 "
                    f"&& document.querySelectorAll('.chat-msg').length === {201 + i}"
                )
                results.append(page.evaluate("() => window.__hist"))
            browser.close()
        last = results[-1]
        print(
            f"4b. in Chromium: {last['made']} chat message element(s) created for the new "
            f"message, shown {last['shown']:.1f} ms after Enter (first message: "
            f"{results[0]['made']} created, {results[0]['shown']:.1f} ms)"
        )
    finally:
        server.stop()


OBSERVE = """([selector]) => {
  const seen = (window.__seen = []);
  const last = /t(\\d+)\\s*$/;
  new MutationObserver(() => {
    const all = document.querySelectorAll(selector);
    const el = all[all.length - 1];
    if (!el) return;
    const m = last.exec(el.textContent);
    if (m) seen.push([performance.timeOrigin + performance.now(), +m[1]]);
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}"""


def in_chromium(url: str, stamps: Path, selector: str) -> tuple[int, list[float]]:
    """Click "Stream" in Chromium: websocket bytes received while streaming, and each token's
    produced -> visible latency (seconds)."""
    received = [0]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 800})
        cdp = page.context.new_cdp_session(page)

        def frame(params: dict[str, Any]) -> None:
            data = params["response"]["payloadData"]
            binary = params["response"]["opcode"] == 2
            received[0] += len(base64.b64decode(data)) if binary else len(data.encode())

        cdp.on("Network.webSocketFrameReceived", frame)
        cdp.send("Network.enable")
        page.goto(url)
        button = page.get_by_role("button", name="Stream")
        button.wait_for(timeout=60_000)
        page.wait_for_timeout(500)
        page.evaluate(OBSERVE, [selector])
        received[0] = 0
        button.click()
        page.wait_for_function(
            f"() => window.__seen.length && window.__seen[window.__seen.length - 1][1] === "
            f"{TOKENS - 1}",
            timeout=120_000,
        )
        deadline = time.monotonic() + 30
        while not stamps.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        page.wait_for_timeout(300)
        seen = page.evaluate("() => window.__seen")
        browser.close()
    produced = json.loads(stamps.read_text())
    visible: dict[int, float] = {}
    top = -1
    for t, idx in seen:
        for i in range(top + 1, idx + 1):
            visible[i] = t / 1000
        top = max(top, idx)
    return received[0], [visible[i] - produced[i] for i in range(len(produced)) if i in visible]


def side_by_side(python: str) -> None:
    """Bytes per token and token -> visible latency, tidal and Streamlit, same app and harness."""
    from browser import StreamlitTarget

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = []
        for who in ("tidal", "Streamlit"):
            stamps = folder / f"stamps-{who}.json"
            os.environ["BENCH_STAMPS"] = str(stamps)
            app = write_app(folder, f"stream_{who.lower()}.py", STREAM_APP)
            if who == "tidal":
                server: Any = Server(app)
                selector = ".chat-msg .markdown"
            else:
                server = StreamlitTarget(python, app)
                selector = '[data-testid="stChatMessage"] [data-testid="stMarkdownContainer"]'
            os.environ.pop("BENCH_STAMPS")
            try:
                size, lat = in_chromium(server.url, stamps, selector)
            finally:
                server.stop()
            rows.append(
                f"   {who:9} {size / TOKENS:8.1f} B per token   token -> visible median "
                f"{pct(lat, 50) * 1000:6.1f} ms, p99 {pct(lat, 99) * 1000:7.1f} ms, "
                f"max {max(lat) * 1000:7.1f} ms ({len(lat)} tokens)"
            )
        print(f"{TOKENS} tokens (one per 2 ms) into one chat message, in Chromium:")
        print("\n".join(rows))


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--streamlit":
        side_by_side(sys.argv[2])
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        asyncio.run(bytes_per_token(folder))
        latency(folder)
        asyncio.run(many_tabs(folder))
        asyncio.run(many_tabs(folder, pool=64))
        asyncio.run(history_protocol(folder))
        history_browser(folder)


if __name__ == "__main__":
    main()
