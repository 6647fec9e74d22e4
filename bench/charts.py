"""Charts in Chromium, tidal beside Streamlit: a 100,000-point line chart and a click on a page
of 5 unchanged charts.

Runs ``bench/apps/line_chart_100k.py`` and ``bench/apps/five_charts.py`` with tidal (and, with
``--streamlit PYTHON``, with Streamlit: PYTHON is an interpreter that has ``streamlit``
installed, e.g. a scratch venv; never a project dependency) and Debian's /usr/bin/chromium
(Playwright, headless), and measures:

- navigation -> chart drawn: ``performance.now()`` (0 = navigation start) when the chart's
  canvas (or SVG) is on the page and, for tidal, no module or chart is still loading;
- bytes received until then: HTTP bodies (CDP ``Network.loadingFinished`` encodedDataLength)
  plus websocket payloads (``Network.webSocketFrameReceived``, binary frames decoded);
- a click on a button of a page with 5 line charts whose data does not change: websocket bytes
  received, and click -> the new count in the DOM (a MutationObserver in the page), for a
  person's click (the pointer resting on the button) and for Playwright's locator.click().

Usage: ``python bench/charts.py [--loads 5] [--clicks 20] [--streamlit /path/to/python]``.
Not a test.
"""

from __future__ import annotations

import argparse
import statistics
from typing import Any

from common import APPS, Server, load_average, pct, print_results
from playwright.sync_api import Browser, Page, sync_playwright

from browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PROBE,
    VIEWPORT,
    StreamlitTarget,
    count_received,
    press,
)

# Arm the click probe of browser.py for "Count = N clicks" (the charts' axis labels are text
# in Streamlit's SVG: a bare number could run into them)
ARM = """(n) => {
  const b = window.__bench;
  b.t0 = null; b.result = null; b.frame = null; b.want = n;
  b.re = new RegExp('Count = ' + n + ' clicks');
}"""

# Before any page script: the time the first chart is drawn (tidal: nothing left loading).
DRAWN = """(() => {
  window.__drawnAt = null;
  const check = () => {
    const c = document.querySelector('.vega-embed canvas, .vega-embed svg.marks');
    const t = window.__tidal;
    if (c && c.getBoundingClientRect().width > 0 && (!t || !t.loading)) {
      window.__drawnAt = performance.now();
    } else {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
})();"""


def open_page(browser: Browser, url: str) -> tuple[Page, dict[str, int]]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    counts = count_received(cdp)
    cdp.send("Network.enable")
    page.add_init_script(DRAWN)
    page.goto(url)
    page.wait_for_function("() => window.__drawnAt !== null", timeout=120_000)
    page.wait_for_timeout(300)  # let CDP deliver the byte counts of what arrived
    return page, counts


def ms(values: list[float]) -> str:
    med, p95, lo, hi = statistics.median(values), pct(values, 95), min(values), max(values)
    return f"median / p95 {med:.1f} / {p95:.1f} ms (min {lo:.1f}, max {hi:.1f}, n={len(values)})"


def measure(browser: Browser, make: Any, loads: int, clicks: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    target = make(APPS / "line_chart_100k.py")
    try:
        open_page(browser, target.url)[0].context.close()  # warm the server
        times: list[float] = []
        sizes: list[float] = []
        for _ in range(loads):
            page, counts = open_page(browser, target.url)
            times.append(page.evaluate("window.__drawnAt"))
            sizes.append(counts["http"] + counts["ws"])
            out["bytes_split"] = dict(counts)
            page.context.close()
        out["100k_line_drawn"] = ms(times)
        out["100k_line_bytes"] = (
            f"median / p95 {statistics.median(sizes) / 1e6:.2f} / {pct(sizes, 95) / 1e6:.2f} MB"
        )
    finally:
        target.stop()
    target = make(APPS / "five_charts.py")
    try:
        page, counts = open_page(browser, target.url)
        page.wait_for_function(
            "() => document.querySelectorAll('.vega-embed canvas, .vega-embed svg.marks')"
            ".length === 5",
            timeout=60_000,
        )
        page.wait_for_timeout(500)
        page.evaluate(PROBE)
        button = page.get_by_role("button", name="Increment", exact=True).first
        box = button.bounding_box()
        assert box is not None
        at = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.move(*at)
        n = 0
        # "pointer": a person's click (the pointer rests on the button; trusted press and
        # release), as bench/browser.py measures the counter; "locator": Playwright's
        # locator.click(), whose actionability checks leave a frame pending that Chromium
        # draws before it hands over the reply (see browser.CLICKS)
        for method, name in (("pointer", ""), ("locator", "_locator")):
            results: list[float] = []
            ws_bytes: list[float] = []
            for _ in range(clicks):
                n += 1
                page.evaluate(ARM, n)
                before = counts["ws"]
                press(page, method, button, at)
                page.wait_for_function("() => window.__bench.frame !== null", timeout=30_000)
                page.wait_for_timeout(150)
                results.append(page.evaluate("window.__bench.result"))
                ws_bytes.append(counts["ws"] - before)
            out[f"5_charts_click_to_dom{name}"] = ms(results)
            out[f"5_charts_click_ws_bytes{name}"] = (
                f"median / p95 {statistics.median(ws_bytes):.0f} / {pct(ws_bytes, 95):.0f} B"
            )
    finally:
        target.stop()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--clicks", type=int, default=20)
    parser.add_argument("--streamlit", metavar="PYTHON", help="also measure Streamlit")
    parser.add_argument("--skip-tidal", action="store_true", help="measure Streamlit only")
    args = parser.parse_args()
    print(f"charts: load average at the start {load_average()}", flush=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        results = {}
        if not args.skip_tidal:
            results["tidal"] = measure(browser, Server, args.loads, args.clicks)
        if args.streamlit:
            python = args.streamlit
            results["Streamlit"] = measure(
                browser, lambda app: StreamlitTarget(python, app), args.loads, args.clicks
            )
        browser.close()
    print_results(results)
    print(f"charts: load average at the end {load_average()}", flush=True)


if __name__ == "__main__":
    main()
