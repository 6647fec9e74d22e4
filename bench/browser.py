"""Figures in Chromium, measured as the Streamlit baseline was (spec/streamlit-baseline.md).

Debian's /usr/bin/chromium, headless, driven by Playwright (never ``playwright install``):

- click -> new count in the DOM, measured in the page: a capturing ``click`` listener records
  ``performance.now()``, a MutationObserver on ``document.body`` records the first mutation
  after which the text matches ``/Count =\\s+N(?!\\d)/``. 50 ms between clicks;
- websocket payload bytes in/out per click (CDP ``Network.webSocketFrameReceived``/``Sent``);
- server CPU per click (utime + stime of the server process);
- the first page load of the counter app: HTTP requests and encoded bytes (CDP);
- launch ``tidal run counter.py`` -> ``Count = 0`` visible in a pre-started Chromium.

Not a test: nothing is asserted beyond what the measurement needs.
"""

from __future__ import annotations

import base64
import os
import statistics
import sys
import time
from typing import Any

from common import APPS, Server, pct
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

# In the page: the click time, then the first mutation after which the wanted count shows.
PROBE = """() => {
  const b = (window.__bench = { want: null, t0: null, result: null });
  document.addEventListener('click', () => { b.t0 = performance.now(); }, true);
  new MutationObserver(() => {
    if (b.want === null || b.t0 === null) return;
    if (b.re.test(document.body.textContent)) {
      b.result = performance.now() - b.t0;
      b.want = null;
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}"""
ARM = """(n) => {
  const b = window.__bench;
  b.t0 = null; b.result = null; b.want = n;
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


def open_page(browser: Browser, url: str) -> tuple[Page, Frames]:
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(WS_TIMES)
    page = context.new_page()
    cdp = page.context.new_cdp_session(page)
    frames = Frames(cdp)
    cdp.send("Network.enable")
    page.goto(url)
    page.wait_for_function(IDLE, timeout=30_000)
    return page, frames


def clicks(browser: Browser, app: str, n: int, streamlit: str, streamlit_bytes: str) -> None:
    server = Server(APPS / app)
    try:
        page, frames = open_page(browser, server.url)
        page.evaluate(PROBE)
        button = page.get_by_role("button", name="Increment", exact=True)
        for count in (1, 2, 3):  # warm-up, not measured
            page.evaluate(ARM, count)
            button.click()
            page.wait_for_function("() => window.__bench.result !== null", timeout=30_000)
            page.wait_for_function(IDLE, timeout=30_000)
        page.wait_for_timeout(200)
        frames.reset()
        cpu = cpu_seconds(server.proc.pid)
        latencies: list[float] = []
        first_in: list[float] = []  # click -> first websocket message received
        last_in: list[float] = []  # click -> last message received before the count showed
        for count in range(4, n + 4):
            page.evaluate("() => { window.__ws.sent = []; window.__ws.recv = []; }")
            page.evaluate(ARM, count)
            button.click()
            page.wait_for_function("() => window.__bench.result !== null", timeout=30_000)
            t0, result, recv = page.evaluate(
                "() => [window.__bench.t0, window.__bench.result, window.__ws.recv]"
            )
            latencies.append(result)
            before = [t - t0 for t in recv if t - t0 <= result]
            if before:
                first_in.append(before[0])
                last_in.append(before[-1])
            page.wait_for_function(IDLE, timeout=30_000)
            page.wait_for_timeout(50)
        cpu = cpu_seconds(server.proc.pid) - cpu
        page.wait_for_timeout(200)  # let the last CDP events arrive
        name = app.removesuffix(".py")
        print(
            f"browser {name}: click -> new count in DOM {ms(latencies)} median / p95 (n={n})  "
            f"[Streamlit {streamlit}]",
            flush=True,
        )
        print(
            f"browser {name}: ws payload bytes per click in {frames.bytes_in / n:,.0f} B "
            f"({frames.frames_in / n:.1f} frames), out {frames.bytes_out / n:,.0f} B "
            f"({frames.frames_out / n:.1f} frames)  [Streamlit {streamlit_bytes}]",
            flush=True,
        )
        print(
            f"browser {name}: breakdown (medians): click -> first ws message "
            f"{statistics.median(first_in):.1f} ms, -> last message before the count "
            f"{statistics.median(last_in):.1f} ms, -> count in DOM "
            f"{statistics.median(latencies):.1f} ms; server CPU per click {cpu / n * 1000:.1f} ms",
            flush=True,
        )
        page.context.close()
    finally:
        server.stop()


def first_load(browser: Browser) -> None:
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
    if not os.path.exists(CHROMIUM):
        print(f"browser: {CHROMIUM} is missing (apt-get install chromium); skipped")
        return 1
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
            print(f"browser: Chromium {browser.version}; load average {load}", flush=True)
            clicks(browser, "counter.py", 200, "65.0 / 81.6 ms", "693 B in, 137 B out")
            clicks(browser, "big_text.py", 50, "401.5 / 486.1 ms", "73,958 B in, 137 B out")
            clicks(browser, "big_widgets.py", 50, "436.8 / 532.8 ms", "37,754 B in, 9,764 B out")
            first_load(browser)
            launch_to_visible(browser)
            load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
            print(f"browser: load average at the end {load} ({os.cpu_count()} CPUs)", flush=True)
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
