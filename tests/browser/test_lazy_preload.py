"""A lazily loaded family in real Chromium: its modules, the vendored scripts it imports and its
stylesheet are all asked for in one round, not one level of imports per round trip
(module_graph.py, lazy.js's preloadNeeds). Seen with Resource Timing on a network with
200 ms of latency per request (Chromium's emulation), so that rounds cannot overlap: every file
of the family starts before the first one has arrived. A page without lazy families fetches
nothing more than before."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import AppPage
from tests.fixtures.server import COUNTER
from tidal.front_end import STATIC_DIR
from tidal.module_graph import closure, module_needs, page_modules

DATAFRAME = """
import tidal as st
st.dataframe({"a": [1.5, 2.5, 3.5], "b": ["x", "y", "z"]})
"""

LINE_CHART = """
import tidal as st
st.line_chart({"y": [1, 3, 2, 5, 4]})
"""

RESOURCES = """() => performance.getEntriesByType('resource').map((e) => ({
  url: e.name, start: e.startTime, end: e.responseEnd,
}))"""


LATENCY_MS = 200


@pytest.fixture
def open_slow_app(
    browser: Browser, serve_app: Callable[..., Any]
) -> Iterator[Callable[[str], AppPage]]:
    """``open_slow_app(source)``: serve the app and open it over a network that answers each
    request ``LATENCY_MS`` late, in a new tab."""
    contexts = []

    def start(source: str) -> AppPage:
        server = serve_app(source)
        context = browser.new_context(viewport={"width": 1100, "height": 800})
        contexts.append(context)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        conditions = {"offline": False, "latency": LATENCY_MS}
        cdp.send(
            "Network.emulateNetworkConditions",
            {**conditions, "downloadThroughput": -1, "uploadThroughput": -1},
        )
        app = AppPage(page, server.url)
        page.goto(server.url)
        return app.idle(timeout=30_000)

    yield start
    for context in contexts:
        context.close()


def _static_files(app: AppPage) -> dict[str, list[dict[str, Any]]]:
    """Path under static/ -> its Resource Timing entries (one per fetch)."""
    prefix = app.url + "/static/"
    out: dict[str, list[dict[str, Any]]] = {}
    for entry in app.page.evaluate(RESOURCES):
        if entry["url"].startswith(prefix):
            out.setdefault(entry["url"].removeprefix(prefix), []).append(entry)
    return out


def _family(entry: str) -> set[str]:
    return {entry} | closure(module_needs(STATIC_DIR), entry)


ARRIVED = """(urls) => {
  const done = new Set(performance.getEntriesByType('resource').map((e) => e.name));
  return urls.every((url) => done.has(url));
}"""


def _assert_one_round(app: AppPage, entry: str, expected: set[str]) -> None:
    family = _family(entry)
    assert expected <= family
    # a stylesheet is not awaited by idle(): wait until every file has arrived
    app.page.wait_for_function(ARRIVED, arg=[f"{app.url}/static/{f}" for f in family])
    fetched = _static_files(app)
    assert all(len(fetched[f]) == 1 for f in family), {f: len(fetched[f]) for f in family}
    entries = [fetched[f][0] for f in family]
    first_arrival = min(e["end"] for e in entries)
    assert first_arrival - min(e["start"] for e in entries) >= LATENCY_MS * 0.9  # emulated
    late = {e["url"]: round(e["start"] - first_arrival, 1) for e in entries}
    late = {url: ms for url, ms in late.items() if ms >= 0}
    assert not late, f"asked for only after the first file of {entry} arrived: {late}"
    # and the page fetched no script or sheet that the map and the page do not name
    page = page_modules(STATIC_DIR) | {"theme.js"}
    unnamed = {f for f in fetched if f.endswith((".js", ".mjs", ".css"))} - page - family
    assert not unnamed, unnamed


def test_a_dataframe_fetches_all_its_modules_and_stylesheet_in_one_round(open_slow_app):
    app = open_slow_app(DATAFRAME)
    app.expect_text("2.5")
    grid = {f"elements/grid_{part}.js" for part in ("buttons", "columns", "edit", "input", "rows")}
    expected = {"elements/data.js", "elements/grid.js", "elements/cells.js", "format.js", *grid}
    _assert_one_round(app, "elements/data.js", expected | {"elements/data.css"})
    assert not app.console_errors


def test_a_chart_fetches_its_modules_and_the_vendored_vega_in_one_round(open_slow_app):
    app = open_slow_app(LINE_CHART)
    app.page.locator(".vega-embed canvas, .vega-embed svg").first.wait_for()
    vega = {f"vendor/vega/{name}.js" for name in ("vega", "vega-lite", "vega-embed")}
    expected = {"elements/charts.js", "elements/chart_data.js", "elements/charts.css", *vega}
    _assert_one_round(app, "elements/charts.js", expected)
    assert not app.console_errors


def test_a_page_without_lazy_families_fetches_nothing_more(open_app):
    app = open_app(COUNTER)
    app.expect_text("Count = 0")
    app.page.wait_for_timeout(300)  # late requests (fonts, icons)
    needs = module_needs(STATIC_DIR)
    named = set(needs) | {file for files in needs.values() for file in files}
    fetched = set(_static_files(app))
    assert fetched and not fetched & named, fetched & named
    # no module preloaded beyond the page's own links
    links = app.page.evaluate("() => document.querySelectorAll('link[rel=modulepreload]').length")
    assert links == (STATIC_DIR / "index.html").read_text().count('rel="modulepreload"')
    assert app.page.evaluate("() => !!document.getElementById('tidal-needs')")
    assert not app.console_errors
