"""A 1,000,000 x 5 float frame in Chromium, tidal beside Streamlit: first rows, bytes, scroll,
sort, a click elsewhere, memory per session.

Runs ``bench/apps/dataframe_1m.py`` (the frame comes from ``st.cache_data``, then
``st.dataframe`` and a button) with tidal and, with ``--streamlit PYTHON``, with Streamlit (the
same app, its import line changed; PYTHON is an interpreter that has ``streamlit`` installed,
e.g. a scratch venv, never a project dependency), in Debian's /usr/bin/chromium (Playwright,
headless), with the same harness for both.

How "rows are visible" is seen. tidal's grid is DOM: rows are ``.grid-row`` elements with
``data-r`` (the view row) whose cells hold the text; a row waiting for its data has the
``pending`` class. Streamlit 1.67 loads a frame this size lazily too (``lazy=None``: over
150,000 rows, chunks of 1,000 rows over the websocket, sorting on the server), and its grid
(glide-data-grid) paints on a canvas, keeping inside it an accessible mirror of the visible cells
(``<table role="grid">``, ``<tr aria-rowindex>`` per visible row, ``<td>`` per cell with the
cell's value, column 0 the index; a row still loading has empty cells). The mirror says *which*
rows show and that they have data, but it is rendered 200-400 ms after the canvas paints them
(checked frame by frame with ``toDataURL``), so its time alone would be unfair to Streamlit.
So, for both, a probe reads the visible rows (view row, index label, cell texts) from the DOM
each animation frame until they all show data (and the right rows), then:

- tidal: the next ``requestAnimationFrame`` after that (the first frame that can paint them);
- Streamlit: the first frame since which the canvas has looked as it does at that moment (a
  hash of the 105 px of rows under the header is kept for every animation frame while a
  measurement runs), i.e. the canvas's first paint of the rows the mirror then confirms.

That is the "frame" figure, reported for both; the "dom" figure (the mirror, for Streamlit) is
printed beside it. Times are ``performance.now()`` in the page, with no Playwright round trip.

- navigation -> first rows: 0 = navigation start, until row 0 shows data; the first load of a
  server is reported apart (it builds and caches the frame);
- bytes received until then: HTTP bodies (CDP ``Network.loadingFinished`` encodedDataLength)
  plus websocket payloads (``Network.webSocketFrameReceived``, binary frames decoded; the same
  as counted in the page);
- scroll: the grid's own scroller (tidal ``.grid-scroll``, glide ``.dvn-scroller``) is set so
  that view row 500,000 (then random rows) comes first, mapped proportionally onto its scroll
  range; from the scroll until every visible row shows data and the first one is within 50
  rows of the target;
- sort: a trusted mouse click on each column's header, twice (ascending, then descending;
  tidal: the header cell's box; Streamlit: the canvas's header band at the column's x from the
  grid's default column widths; the probe checks the result, so a miss times out rather than
  passing); from the ``pointerdown`` (a capturing listener) until row 0's index label is the
  column's argmin (argmax). Both sort on the server and send the rows in view;
- a click on the "Elsewhere" button (the grid does not change): websocket bytes received
  (until 1 s without a message), and ``pointerdown`` -> the last websocket message;
- server RSS: before any session, after the first, after ``--loads`` more sessions showing the
  frame (their tabs stay open); per extra session = the difference / ``--loads``.

Every wait is bounded (``--timeout`` seconds each) and the loops are bounded in count; loopback
only. Usage: ``python bench/dataframe.py [--loads 5] [--scrolls 10] [--sorts 5] [--clicks 5]
[--streamlit PYTHON] [--skip-tidal]``. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from dataclasses import dataclass
from typing import Any

from common import APPS, Server, load_average, pct, print_results
from playwright.sync_api import Browser, Page, sync_playwright

from browser import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, StreamlitTarget, count_received

APP = APPS / "dataframe_1m.py"
ROWS = 1_000_000
COLUMNS = "abcde"


@dataclass(frozen=True)
class Grid:
    """How one framework's grid is read and driven from the page."""

    rows: str  # JS expression: () => [{r, label, cells: [text], pending}] of the visible rows
    scroller: str  # CSS selector of the element that scrolls the rows
    row_height: int
    canvas: str | None = None  # the canvas the rows are painted on (None: the rows are DOM)


TIDAL = Grid(
    rows="""() => [...document.querySelectorAll('.grid-body .grid-row:not([hidden])')].map(
      (el) => {
        const cells = [...el.querySelectorAll('.c')];
        return { r: Number(el.dataset.r), label: el.querySelector('.c.ix')?.textContent ?? '',
                 cells: cells.filter((c) => !c.classList.contains('ix')).map((c) => c.textContent),
                 pending: el.classList.contains('pending') };
      })""",
    scroller=".grid-scroll",
    row_height=35,
)
STREAMLIT = Grid(
    rows="""() => [...document.querySelectorAll(
        '[data-testid="stDataFrame"] canvas table tbody tr[aria-rowindex]')].map((el) => {
      const cells = [...el.querySelectorAll('td')].map((c) => c.textContent);
      return { r: Number(el.getAttribute('aria-rowindex')) - 2, label: cells[0] ?? '',
               cells: cells.slice(1), pending: cells.length < 2 || cells[1] === '' };
    })""",
    scroller='[data-testid="stDataFrame"] .dvn-scroller',
    row_height=35,
    canvas='[data-testid="data-grid-canvas"]',
)
# Streamlit's default column widths for this frame (index column, then 130 px per float column)
ST_INDEX_WIDTH, ST_COLUMN_WIDTH = 50, 130

# Before any page script: window.__grid, the probe. `frameOf(cb)` calls cb with the time of the
# first frame that shows the rows: for DOM rows the next animation frame; for a canvas, the
# first frame since which the canvas has looked as it does now (a hash of its top rows is kept
# for every animation frame while `watching`).
PROBE = """(() => {
  const rows = %s;
  const sel = %s;
  const hist = [];
  const hash = () => {
    const c = sel && document.querySelector(sel);
    if (!c || c.height < 80) return null;
    const d = c.getContext('2d').getImageData(0, 36, c.width, Math.min(105, c.height - 36)).data;
    let h = 0;
    for (let i = 0; i < d.length; i += 16) h = (h * 31 + d[i] + 7 * d[i + 1] + 13 * d[i + 2]) | 0;
    return h;
  };
  const G = (window.__grid = { rows, hist, watching: false });
  G.frameOf = (cb) => requestAnimationFrame(() => {
    const now = performance.now();
    if (!sel) { cb(now); return; }
    const h = hash();
    let t = now;
    for (let i = hist.length - 1; i >= 0 && hist[i][1] === h; i--) t = hist[i][0];
    cb(t);
  });
  const tick = () => {
    if (G.watching && sel) hist.push([performance.now(), hash()]);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  document.addEventListener('pointerdown', () => { window.__down = performance.now(); }, true);
})();"""

# Before any page script, after PROBE: navigation -> row 0 shows data (window.__firstRows), and
# the frame that shows it (window.__firstFrame).
FIRST_ROWS = """(() => {
  const G = window.__grid;
  window.__firstRows = null; window.__firstFrame = null;
  G.watching = true;
  new MutationObserver((_, obs) => {
    const row = G.rows().find((x) => x.r === 0);
    if (row && !row.pending && row.label !== '' && row.cells.some((c) => c !== '')) {
      window.__firstRows = performance.now();
      obs.disconnect();
      G.frameOf((t) => { window.__firstFrame = t; G.watching = false; });
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();"""

# Arm, then (optionally) scroll: on the first animation frame where the visible rows all show
# data (near `target`; or row 0 labelled `want`), window.__done = [ms to it in the DOM, ms to
# the frame that shows it], from the scroll (or from the next pointerdown, for a click).
UNTIL = """([scroll, target, want]) => {
  const G = window.__grid;
  G.hist.length = 0; G.watching = true;
  window.__done = null; window.__down = null;
  const start = performance.now();
  const done = (vis) => vis.length > 0 && vis.every((x) => !x.pending && x.label !== '')
    && (target === null || Math.abs(vis[0].r - target) < 50)
    && (want === null || (vis[0].r === 0 && vis[0].label === want));
  const check = () => {
    if (done(G.rows())) {
      const at = performance.now();
      G.frameOf((f) => {
        const t0 = scroll ? start : window.__down;
        window.__done = [at - t0, f - t0];
        G.watching = false;
      });
    } else {
      requestAnimationFrame(check);
    }
  };
  if (scroll) {
    const [sel, rh, total] = scroll;
    const s = document.querySelector(sel);
    const max = s.scrollHeight - s.clientHeight;
    const content = total * rh - (s.clientHeight - rh);
    s.scrollTop = Math.round(Math.min(1, (target * rh) / content) * max);
  }
  requestAnimationFrame(check);
}"""

# Before any page script: time and payload size of every websocket message received.
WS_RECV = """(() => {
  const Native = window.WebSocket;
  const recv = (window.__ws = { recv: [], bytes: 0 });
  function Timed(...args) {
    const ws = new Native(...args);
    ws.addEventListener('message', (e) => {
      const d = e.data;
      recv.recv.push(performance.now());
      recv.bytes += typeof d === 'string' ? new TextEncoder().encode(d).length
        : (d.byteLength ?? d.size ?? 0);
    });
    return ws;
  }
  Timed.prototype = Native.prototype;
  Object.assign(Timed, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  window.WebSocket = Timed;
})();"""


def rss(pid: int) -> float:
    """Resident set size of a process, MB."""
    with open(f"/proc/{pid}/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


class Run:
    """One framework's server, its grid and the timeout of every wait."""

    def __init__(self, browser: Browser, target: Any, grid: Grid, timeout: float) -> None:
        self.browser, self.target, self.grid = browser, target, grid
        self.timeout_ms = timeout * 1000

    def open(self) -> tuple[Page, dict[str, int]]:
        context = self.browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        counts = count_received(cdp)
        cdp.send("Network.enable")
        page.add_init_script(WS_RECV)
        page.add_init_script(PROBE % (self.grid.rows, json.dumps(self.grid.canvas)))
        page.add_init_script(FIRST_ROWS)
        page.goto(self.target.url)
        page.wait_for_function("() => window.__firstFrame !== null", timeout=self.timeout_ms)
        page.wait_for_timeout(300)  # let CDP deliver the byte counts of what arrived
        return page, counts

    def arm(self, page: Page, target: int | None, want: str | None, scroll: bool) -> None:
        """Arm the probe (and scroll, if asked) for rows near target, or row 0 labelled want."""
        g = self.grid
        spec = [g.scroller, g.row_height, ROWS] if scroll else None
        page.evaluate(UNTIL, [spec, target, want])

    def wait(self, page: Page) -> tuple[float, float]:
        """ms from the scroll or click to the rows in the DOM, and to the frame showing them."""
        page.wait_for_function("() => window.__done !== null", timeout=self.timeout_ms)
        dom, frame = page.evaluate("() => window.__done")
        return float(dom), float(frame)

    def header_point(self, page: Page, column: str) -> tuple[float, float]:
        if self.grid is TIDAL:
            box = page.locator(".grid-head .hc").filter(has_text=column).first.bounding_box()
            assert box is not None
            return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        box = page.locator('[data-testid="data-grid-canvas"]').bounding_box()
        assert box is not None
        k = COLUMNS.index(column)
        return box["x"] + ST_INDEX_WIDTH + ST_COLUMN_WIDTH * (k + 0.5), box["y"] + 18


def stats(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} / {pct(values, 95):.0f} ms (n={len(values)})"


def measure(
    run: Run,
    loads: int,
    scrolls: int,
    sorts: int,
    clicks: int,
    sort_want: dict[str, tuple[str, str]],
) -> dict[str, Any]:
    out: dict[str, Any] = {"rss_before_MB": rss(run.target.proc.pid)}
    page, counts = run.open()
    out["cold_first_rows_frame_ms"] = page.evaluate("() => window.__firstFrame")
    out["rss_one_session_MB"] = rss(run.target.proc.pid)
    firsts: list[float] = []
    frames: list[float] = []
    sizes: list[float] = []
    for _ in range(loads):
        p, c = run.open()
        firsts.append(p.evaluate("() => window.__firstRows"))
        frames.append(p.evaluate("() => window.__firstFrame"))
        sizes.append(c["http"] + c["ws"])
        c["ws_in_page"] = p.evaluate("() => window.__ws.bytes")
        out["bytes_split"] = dict(c)
    out["rss_after_MB"] = rss(run.target.proc.pid)
    out["rss_per_extra_session_MB"] = (out["rss_after_MB"] - out["rss_one_session_MB"]) / loads
    out["first_rows_dom"] = stats(firsts)
    out["first_rows_frame"] = stats(frames)
    out["bytes_before_first_rows"] = (
        f"{statistics.median(sizes) / 1e3:,.0f} / {pct(sizes, 95) / 1e3:,.0f} kB"
    )
    targets = [500_000] + [random.Random(i).randrange(1000, 999_000) for i in range(scrolls - 1)]
    doms, times = [], []
    for t in targets:
        run.arm(page, t, None, scroll=True)
        dom, frame = run.wait(page)
        doms.append(dom)
        times.append(frame)
    out["scroll_to_500000_ms"] = times[0]
    out["scroll_frame"] = stats(times)
    out["scroll_dom"] = stats(doms)
    run.arm(page, 0, None, scroll=True)
    run.wait(page)
    page.wait_for_timeout(500)
    asc: list[float] = []
    desc: list[float] = []
    asc_dom: list[float] = []
    desc_dom: list[float] = []
    for column in COLUMNS[:sorts]:
        x, y = run.header_point(page, column)
        for want, frames_, doms_ in zip(
            sort_want[column], (asc, desc), (asc_dom, desc_dom), strict=True
        ):
            run.arm(page, None, want, scroll=False)
            page.mouse.click(x, y)
            dom, frame = run.wait(page)
            frames_.append(frame)
            doms_.append(dom)
            page.wait_for_timeout(500)
    out["sort_asc_frame"], out["sort_asc_dom"] = stats(asc), stats(asc_dom)
    out["sort_desc_frame"], out["sort_desc_dom"] = stats(desc), stats(desc_dom)
    page.mouse.move(1, 1)
    page.wait_for_timeout(500)
    sizes, latest, frame_counts = [], [], []
    button = page.get_by_role("button", name="Elsewhere")
    for _ in range(clicks):
        page.evaluate("() => { window.__ws.recv = []; window.__down = null; }")
        before, frames_before = counts["ws"], counts["ws_frames"]
        button.click()
        deadline = time.monotonic() + run.timeout_ms / 1000
        last, quiet_since = counts["ws_frames"], time.monotonic()
        while time.monotonic() < deadline and time.monotonic() - quiet_since < 1.0:
            page.wait_for_timeout(50)
            if counts["ws_frames"] != last:
                last, quiet_since = counts["ws_frames"], time.monotonic()
        sizes.append(counts["ws"] - before)
        frame_counts.append(counts["ws_frames"] - frames_before)
        down, recv = page.evaluate("() => [window.__down, window.__ws.recv]")
        if recv and down is not None:
            latest.append(max(recv) - down)
    out["click_elsewhere_ws_bytes"] = (
        f"{statistics.median(sizes):,.0f} / {pct(sizes, 95):,.0f} B "
        f"({statistics.median(frame_counts):.0f} messages)"
    )
    out["click_elsewhere_last_ws"] = stats(latest) if latest else None
    out["rss_end_MB"] = rss(run.target.proc.pid)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--scrolls", type=int, default=10)
    parser.add_argument("--sorts", type=int, default=5, help="columns sorted (each up, down)")
    parser.add_argument("--clicks", type=int, default=5, help="clicks on the other button")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per wait")
    parser.add_argument("--streamlit", metavar="PYTHON", help="also measure Streamlit")
    parser.add_argument("--skip-tidal", action="store_true", help="measure Streamlit only")
    args = parser.parse_args()
    import numpy as np
    import pandas as pd  # type: ignore[import-untyped]

    rng = np.random.default_rng(0)
    frame = pd.DataFrame(rng.standard_normal((ROWS, 5)), columns=list(COLUMNS))
    want = {c: (str(int(frame[c].argmin())), str(int(frame[c].argmax()))) for c in COLUMNS}
    del frame
    print(f"dataframe: load average at the start {load_average()}", flush=True)
    results: dict[str, dict[str, Any]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        plan: list[tuple[str, Any, Grid]] = []
        if not args.skip_tidal:
            plan.append(("tidal", lambda: Server(APP), TIDAL))
        if args.streamlit:
            python = args.streamlit
            plan.append(("Streamlit", lambda: StreamlitTarget(python, APP), STREAMLIT))
        for who, make, grid in plan:
            target = make()
            try:
                run = Run(browser, target, grid, args.timeout)
                results[who] = measure(run, args.loads, args.scrolls, args.sorts, args.clicks, want)
            finally:
                target.stop()
                for context in browser.contexts:
                    context.close()
        browser.close()
    print_results(results)
    print(f"dataframe: load average at the end {load_average()}", flush=True)


if __name__ == "__main__":
    main()
