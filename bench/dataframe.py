"""A 1,000,000 x 5 float frame in Chromium: first rows, bytes, scroll, sort, memory.

Runs ``tidal run bench/apps/dataframe_1m.py`` (the frame comes from ``st.cache_data``, as in
a typical app) and Debian's /usr/bin/chromium (Playwright, headless), and measures:

- navigation -> first rows visible: ``performance.now()`` (0 = navigation start) when the
  grid's first row shows data, seen by a MutationObserver; the first load of the server is
  reported apart (it builds and caches the frame);
- bytes received before the first rows: HTTP bodies (CDP ``Network.loadingFinished``
  encodedDataLength) plus websocket payloads (``Network.webSocketFrameReceived``);
- scroll to row 500,000 (and other random rows) -> every visible row shows data;
- click a column header (sort on the server over the whole frame) -> the first rows show the
  sorted order (ascending, then descending);
- a click on a button elsewhere -> websocket bytes received (the grid did not change);
- server RSS: before any session, after the first, after 5 more sessions showing the frame.

Usage: ``python bench/dataframe.py [--loads 5] [--scrolls 10]``. Not a test.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from typing import Any

from common import APPS, Server
from playwright.sync_api import Browser, Page, sync_playwright

from browser import CHROMIUM, CHROMIUM_ARGS, VIEWPORT

APP = APPS / "dataframe_1m.py"

FIRST_ROWS = """(() => {
  window.__firstRows = null;
  new MutationObserver((_, obs) => {
    const sel = '.grid-body .grid-row[data-r="0"]:not(.pending) .c.t-number';
    const row = document.querySelector(sel);
    if (row && row.textContent) {
      window.__firstRows = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();"""

# Scroll so that view row `target` is the first one, then time until every visible row shows
# data (sets window.__scrolled to the elapsed ms).
SCROLL_TO = """(target) => {
  const s = document.querySelector('.grid-scroll');
  const rh = 35;
  const total = 1000000;
  const bodyH = s.clientHeight - rh;
  const content = total * rh;
  const maxTop = s.scrollHeight - s.clientHeight;
  window.__scrolled = null;
  const t0 = performance.now();
  const check = () => {
    const rows = [...document.querySelectorAll('.grid-body .grid-row:not([hidden])')];
    const ok = rows.length > 0 && rows.every((r) => !r.classList.contains('pending'))
      && Math.abs(Number(rows[0].dataset.r) - target) < 50;
    if (ok) window.__scrolled = performance.now() - t0;
    else requestAnimationFrame(check);
  };
  s.scrollTop = (target * rh) / (content - bodyH) * maxTop;
  requestAnimationFrame(check);
}"""

SORTED = """(want) => {
  const t0 = window.__sortClick;
  const check = () => {
    const cell = document.querySelector('.grid-body .grid-row[data-r="0"]:not(.pending) .c.ix');
    if (cell && cell.textContent === want) window.__sorted = performance.now() - t0;
    else requestAnimationFrame(check);
  };
  check();
}"""


def open_page(browser: Browser, url: str) -> tuple[Page, dict[str, int]]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    counts = {"http": 0, "ws": 0}
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on(
        "Network.loadingFinished",
        lambda e: counts.__setitem__("http", counts["http"] + int(e["encodedDataLength"])),
    )
    cdp.on(
        "Network.webSocketFrameReceived",
        lambda e: counts.__setitem__("ws", counts["ws"] + len(e["response"]["payloadData"])),
    )
    page.add_init_script(FIRST_ROWS)
    page.goto(url)
    page.wait_for_function("window.__firstRows !== null", timeout=60_000)
    page.wait_for_timeout(100)  # let CDP deliver the byte counts of what arrived
    return page, counts


def ms(values: list[float]) -> str:
    med, lo, hi = statistics.median(values), min(values), max(values)
    return f"median {med:.0f} ms (min {lo:.0f}, max {hi:.0f}, n={len(values)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--scrolls", type=int, default=10)
    args = parser.parse_args()
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(0)
    frame = pd.DataFrame(rng.standard_normal((1_000_000, 5)), columns=list("abcde"))
    asc_first, desc_first = str(int(frame["c"].argmin())), str(int(frame["c"].argmax()))
    server = Server(APP)
    out: dict[str, Any] = {}
    try:
        out["rss_before_MB"] = server.rss() / 1e6
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page, counts = open_page(browser, server.url)
            out["cold_first_rows_ms"] = page.evaluate("window.__firstRows")
            out["rss_one_session_MB"] = server.rss() / 1e6
            loads, bytes_ = [], []
            for _ in range(args.loads):
                p, c = open_page(browser, server.url)
                loads.append(p.evaluate("window.__firstRows"))
                bytes_.append(c["http"] + c["ws"])
                out.setdefault("last_split", c)
            out["rss_after_sessions_MB"] = server.rss() / 1e6
            out["sessions"] = 1 + args.loads
            out["first_rows"] = ms(loads)
            out["bytes_before_first_rows"] = (
                f"median {statistics.median(bytes_) / 1e3:.0f} kB (max {max(bytes_) / 1e3:.0f} kB)"
            )
            targets = [500_000] + [
                random.Random(i).randrange(1000, 999_000) for i in range(args.scrolls - 1)
            ]
            scrolls = []
            for t in targets:
                page.evaluate(SCROLL_TO, t)
                page.wait_for_function("window.__scrolled !== null", timeout=30_000)
                scrolls.append(page.evaluate("window.__scrolled"))
            out["scroll_to_500000_ms"] = scrolls[0]
            out["scroll_random"] = ms(scrolls)
            page.evaluate("document.querySelector('.grid-scroll').scrollTop = 0")
            header = page.locator(".grid-head .hc").filter(has_text="c")
            for name, want in (("sort_asc_ms", asc_first), ("sort_desc_ms", desc_first)):
                page.evaluate("window.__sorted = null")
                page.evaluate("window.__sortClick = performance.now()")
                header.click()
                page.evaluate(SORTED, want)
                page.wait_for_function("window.__sorted != null", timeout=60_000)
                out[name] = page.evaluate("window.__sorted")
            before = counts["ws"]
            t0 = time.perf_counter()
            page.get_by_role("button", name="Elsewhere").click()
            page.wait_for_function("window.__tidal.runs > 1 && !window.__tidal.running")
            page.wait_for_timeout(200)
            out["click_elsewhere_ws_bytes"] = counts["ws"] - before
            out["click_elsewhere_ms"] = (time.perf_counter() - t0) * 1000
            browser.close()
    finally:
        server.stop()
    for k, v in out.items():
        print(f"{k:28} {v if not isinstance(v, float) else f'{v:.1f}'}")


if __name__ == "__main__":
    main()
