"""Figures in Chromium, measured as the Streamlit baseline was (spec/streamlit-baseline.md).

Debian's /usr/bin/chromium, headless, driven by Playwright (never ``playwright install``):

- click -> new count in the DOM, measured in the page: a capturing ``click`` listener records
  ``performance.now()``, a MutationObserver on ``document.body`` records the first mutation
  after which the text matches ``/Count =\\s+N(?!\\d)/``, and the next ``requestAnimationFrame``
  after it gives "-> frame" (the first frame that can show it). 50 ms between clicks. Three ways
  of clicking, because Chromium's timing depends on it (see CLICKS);
- websocket payload bytes in/out per click (CDP ``Network.webSocketFrameReceived``/``Sent``);
- server CPU per click (utime + stime of the server process);
- the first page load of the counter app: HTTP requests and encoded bytes (CDP);
- launch ``tidal run counter.py`` -> ``Count = 0`` visible in a pre-started Chromium.

``--streamlit PYTHON`` runs the click figures against Streamlit instead (PYTHON: an
interpreter with ``streamlit`` installed, e.g. a scratch venv; never a project dependency),
with the same apps (their import line changed), the same Chromium and the same harness.

Not a test: nothing is asserted beyond what the measurement needs.
"""

from __future__ import annotations

import argparse
import base64
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any, Protocol

from common import APPS, Server, free_port, pct, stop_process
from playwright.sync_api import Browser, CDPSession, Page, ViewportSize, sync_playwright

CHROMIUM = os.environ.get("TIDAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [  # as tests/browser/conftest.py
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
VIEWPORT: ViewportSize = {"width": 1100, "height": 800}
IDLE = """() => {
  const t = window.__tidal;
  return !!t && t.connected && t.pending === 0 && !t.running && t.runs > 0;
}"""

# In the page: the click time, the first mutation after which the wanted count shows, and the
# animation frame after that mutation (the first frame that can paint it).
PROBE = """() => {
  const b = (window.__bench = { want: null, t0: null, result: null, frame: null });
  document.addEventListener('click', () => { b.t0 = performance.now(); }, true);
  new MutationObserver(() => {
    if (b.want === null || b.t0 === null) return;
    if (b.re.test(document.body.textContent)) {
      const t0 = b.t0;
      b.result = performance.now() - t0;
      b.want = null;
      requestAnimationFrame(() => { b.frame = performance.now() - t0; });
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}"""
ARM = """(n) => {
  const b = window.__bench;
  b.t0 = null; b.result = null; b.frame = null; b.want = n;
  b.re = new RegExp('Count =\\\\s+' + n + '(?!\\\\d)');
}"""

# Before any page script: times (performance.now()) of websocket sends and received messages.
WS_TIMES = """(() => {
  const Native = window.WebSocket;
  const times = (window.__ws = { sent: [], recv: [] });
  function Timed(...args) {
    const ws = new Native(...args);
    const send = ws.send.bind(ws);
    ws.send = (data) => { times.sent.push(performance.now()); return send(data); };
    ws.addEventListener('message', () => times.recv.push(performance.now()));
    return ws;
  }
  Timed.prototype = Native.prototype;
  Object.assign(Timed, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  window.WebSocket = Timed;
})();"""

# Before any page script: the wall-clock time (epoch ms) at which "Count = 0" first shows.
FIRST_VISIBLE = """(() => {
  const re = /Count =\\s+0(?!\\d)/;
  window.__visibleAt = null;
  const obs = new MutationObserver(() => {
    if (window.__visibleAt === null && document.body && re.test(document.body.textContent)) {
      window.__visibleAt = performance.timeOrigin + performance.now();
      obs.disconnect();
    }
  });
  obs.observe(document, { childList: true, subtree: true, characterData: true });
})();"""


def ms(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} / {pct(values, 95):.1f} ms"


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Frames:
    """Websocket payload bytes and frames seen through CDP."""

    def __init__(self, cdp: CDPSession) -> None:
        self.bytes_in = self.bytes_out = self.frames_in = self.frames_out = 0
        cdp.on("Network.webSocketFrameReceived", lambda e: self._count(e, inbound=True))
        cdp.on("Network.webSocketFrameSent", lambda e: self._count(e, inbound=False))

    def _count(self, event: dict[str, Any], *, inbound: bool) -> None:
        frame = event["response"]
        opcode, data = frame["opcode"], frame["payloadData"]
        if opcode == 1:
            size = len(data.encode("utf-8"))
        elif opcode == 2:
            size = len(base64.b64decode(data))
        else:
            return  # control frames (ping/pong/close) are not payload
        if inbound:
            self.bytes_in += size
            self.frames_in += 1
        else:
            self.bytes_out += size
            self.frames_out += 1

    def reset(self) -> None:
        self.bytes_in = self.bytes_out = self.frames_in = self.frames_out = 0


def count_received(cdp: CDPSession) -> dict[str, int]:
    """Live counts of what a page receives, from CDP events (then send ``Network.enable``):
    ``http`` encoded bytes of finished HTTP responses, ``ws`` websocket payload bytes (binary
    frames decoded, text as UTF-8) and ``ws_frames`` websocket messages."""
    counts = {"http": 0, "ws": 0, "ws_frames": 0}

    def http(e: dict[str, Any]) -> None:
        counts["http"] += int(e["encodedDataLength"])

    def ws(e: dict[str, Any]) -> None:
        r = e["response"]
        data = r["payloadData"]
        binary = r.get("opcode") == 2
        counts["ws"] += len(base64.b64decode(data)) if binary else len(data.encode("utf-8"))
        counts["ws_frames"] += 1

    cdp.on("Network.loadingFinished", http)
    cdp.on("Network.webSocketFrameReceived", ws)
    return counts


# How the button is clicked. Chromium holds network tasks (the websocket reply among them)
# after a discrete input until the next frame, if that input leaves a frame pending
# (DeferRendererTasksAfterInput, on by default): so the figure depends on what is pending then.
CLICKS = {
    # A person's click: the pointer already rests on the button; press and release (trusted
    # input through CDP Input.dispatchMouseEvent).
    "pointer": "pointer resting on the button, press + release",
    # The same press held 80 ms, about as long as a person holds one.
    "held": "the same, held 80 ms",
    # Playwright's locator.click(), as the Streamlit baseline was measured: its actionability
    # checks poll requestAnimationFrame just before the press, so a frame is always pending
    # and Chromium holds the reply until it is drawn: about half a frame more on every click.
    "locator": "Playwright locator.click()",
}


class Target(Protocol):
    """A running app server: tidal or Streamlit."""

    url: str
    proc: subprocess.Popen[bytes]
    idle: str | None  # a function that is true when the session is idle; None: wait a moment

    def stop(self) -> None: ...


class TidalTarget(Server):
    idle: str | None = IDLE


class StreamlitTarget:
    """`streamlit run` of one of the bench apps (its import line changed) on a free port."""

    idle: str | None = None

    def __init__(self, python: str, app: Path) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="tidal-bench-st-"))
        script = self.tmp / app.name
        source = app.read_text().replace("import tidal as st", "import streamlit as st", 1)
        script.write_text(source)
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen(
            [
                python,
                "-m",
                "streamlit",
                "run",
                str(script),
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=str(self.tmp),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("streamlit did not become healthy")

    def stop(self) -> None:
        stop_process(self.proc)
        shutil.rmtree(self.tmp, ignore_errors=True)


def open_page(browser: Browser, target: Target) -> tuple[Page, Frames]:
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(WS_TIMES)
    page = context.new_page()
    cdp = page.context.new_cdp_session(page)
    frames = Frames(cdp)
    cdp.send("Network.enable")
    page.goto(target.url)
    settle(page, target)
    page.get_by_role("button", name="Increment", exact=True).first.wait_for(timeout=30_000)
    return page, frames


def settle(page: Page, target: Target) -> None:
    """Wait until the session is idle (tidal's test hook; for Streamlit, a pause)."""
    if target.idle is None:
        page.wait_for_timeout(150)
    else:
        page.wait_for_function(target.idle, timeout=30_000)


def press(page: Page, method: str, button: Any, at: tuple[float, float]) -> None:
    if method == "locator":
        button.click()
        return
    page.mouse.move(*at)  # already there: no hover change
    page.mouse.down()
    if method == "held":
        page.wait_for_timeout(80)
    page.mouse.up()


def clicks(
    browser: Browser, target: Target, app: str, n: int, methods: list[str], baseline: str = ""
) -> None:
    page, frames = open_page(browser, target)
    page.evaluate(PROBE)
    # first: Streamlit names its number inputs' + buttons "Increment" too
    button = page.get_by_role("button", name="Increment", exact=True).first
    box = button.bounding_box()
    assert box is not None
    at = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.move(*at)
    count = 0
    name = app.removesuffix(".py")
    for method in methods:
        for _ in range(3):  # warm-up, not measured
            count += 1
            page.evaluate(ARM, count)
            press(page, method, button, at)
            page.wait_for_function("() => window.__bench.frame !== null", timeout=30_000)
            settle(page, target)
        page.wait_for_timeout(200)
        frames.reset()
        cpu = cpu_seconds(target.proc.pid)
        latencies: list[float] = []
        painted: list[float] = []
        first_in: list[float] = []  # click -> first websocket message received
        for _ in range(n):
            count += 1
            page.evaluate("() => { window.__ws.sent = []; window.__ws.recv = []; }")
            page.evaluate(ARM, count)
            press(page, method, button, at)
            page.wait_for_function("() => window.__bench.frame !== null", timeout=30_000)
            t0, result, frame, recv = page.evaluate(
                "() => [window.__bench.t0, window.__bench.result, window.__bench.frame,"
                " window.__ws.recv]"
            )
            latencies.append(result)
            painted.append(frame)
            before = [t - t0 for t in recv if t - t0 <= result]
            if before:
                first_in.append(before[0])
            settle(page, target)
            page.wait_for_timeout(50)
        cpu = cpu_seconds(target.proc.pid) - cpu
        page.wait_for_timeout(200)  # let the last CDP events arrive
        extra = f"  [{baseline}]" if baseline and method == "locator" else ""
        print(
            f"browser {name} ({CLICKS[method]}): click -> count in DOM {ms(latencies)}, "
            f"-> frame {ms(painted)} median / p95 (n={n}){extra}",
            flush=True,
        )
        if first_in:
            print(
                f"browser {name} ({method}): click -> first ws message "
                f"{statistics.median(first_in):.1f} ms median; server CPU per click "
                f"{cpu / n * 1000:.1f} ms; ws payload per click in {frames.bytes_in / n:,.0f} B "
                f"({frames.frames_in / n:.1f} frames), out {frames.bytes_out / n:,.0f} B "
                f"({frames.frames_out / n:.1f} frames)",
                flush=True,
            )
    page.context.close()


def first_load(browser: Browser, listed: bool = False) -> None:
    server = Server(APPS / "counter.py")
    try:
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        requests: dict[str, str] = {}
        encoded: dict[str, float] = {}
        cdp.on(
            "Network.requestWillBeSent",
            lambda e: requests.__setitem__(e["requestId"], e["request"]["url"]),
        )
        cdp.on(
            "Network.loadingFinished",
            lambda e: encoded.__setitem__(e["requestId"], e["encodedDataLength"]),
        )
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        page.goto(server.url)
        page.wait_for_function(IDLE, timeout=30_000)
        page.wait_for_timeout(500)  # late requests (fonts, icons) and their loadingFinished
        total = sum(encoded.values())
        for rid, url in requests.items() if listed else ():
            print(f"  {encoded.get(rid, 0):>9,.0f} B  {url.removeprefix(server.url)}")
        print(
            f"browser first load (counter): {len(requests)} HTTP requests, "
            f"{total / 1000:,.1f} kB encoded ({len(encoded)} finished)  "
            "[Streamlit 67 requests, 2.69 MB]",
            flush=True,
        )
        context.close()
    finally:
        server.stop()


def launch_to_visible(browser: Browser, runs: int = 5) -> None:
    times = []
    for _ in range(runs):
        context = browser.new_context(viewport=VIEWPORT)
        context.add_init_script(FIRST_VISIBLE)
        page = context.new_page()
        page.goto("about:blank")
        launched = time.time()
        server = Server(APPS / "counter.py")
        try:
            page.goto(server.url)
            page.wait_for_function("() => window.__visibleAt !== null", timeout=30_000)
            visible_at = page.evaluate("() => window.__visibleAt") / 1000
            times.append(visible_at - launched)
        finally:
            context.close()
            server.stop()
    print(
        f"browser: launch `tidal run counter.py` -> `Count = 0` visible "
        f"{statistics.median(times):.3f} s median ({min(times):.3f}-{max(times):.3f}, n={runs})"
        "  [Streamlit 2.003 s]",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--streamlit", metavar="PYTHON", help="measure Streamlit with this Python")
    parser.add_argument("-n", type=int, default=200, help="clicks per figure on the counter")
    parser.add_argument("--app", action="append", help="only these apps (counter.py, ...)")
    parser.add_argument(
        "--first-load", action="store_true", help="only the first page load, each request listed"
    )
    args = parser.parse_args()
    if not os.path.exists(CHROMIUM):
        print(f"browser: {CHROMIUM} is missing (apt-get install chromium); skipped")
        return 1
    apps = [  # app, clicks, methods, Streamlit's baseline figures (spec/streamlit-baseline.md)
        ("counter.py", args.n, list(CLICKS), "Streamlit 65.0 / 81.6 ms, 693 B in, 137 B out"),
        ("big_text.py", 50, ["pointer", "locator"], "Streamlit 401.5 / 486.1 ms, 73,958 B in"),
        ("big_widgets.py", 50, ["pointer", "locator"], "Streamlit 436.8 / 532.8 ms, 37,754 B in"),
    ]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
            who = "Streamlit" if args.streamlit else "tidal"
            print(f"browser: {who}, Chromium {browser.version}; load average {load}", flush=True)
            if args.first_load:
                first_load(browser, listed=True)
                apps = []
            for app, n, methods, baseline in apps:
                if args.app and app not in args.app:
                    continue
                target: Target
                if args.streamlit:
                    target = StreamlitTarget(args.streamlit, APPS / app)
                else:
                    target = TidalTarget(APPS / app)
                try:
                    clicks(browser, target, app, n, methods, "" if args.streamlit else baseline)
                finally:
                    target.stop()
            if not args.streamlit and not args.app and not args.first_load:
                first_load(browser)
                launch_to_visible(browser)
            load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
            print(f"browser: load average at the end {load} ({os.cpu_count()} CPUs)", flush=True)
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
