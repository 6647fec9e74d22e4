"""Browser fixtures: Debian's Chromium driven by Playwright, against a real tidal server.

Never ``playwright install``: the browser is /usr/bin/chromium (``make test`` installs the
Debian package when it is missing). Waits are on ``window.__tidal`` (connected, nothing
pending, no run in progress), never on sleeps. Pages run under tidal's Content-Security-Policy
(no ``eval``): give ``wait_for_function`` a function (``"() => window.x > 1"``), never a bare
expression, which Playwright would evaluate with ``eval``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, Playwright, expect, sync_playwright

CHROMIUM = os.environ.get("TIDAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
IDLE = """() => {
  const t = window.__tidal;
  return !!t && t.connected && t.pending === 0 && !t.running && t.runs > 0 && !t.loading;
}"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium) or "
            "`apt-get install chromium`."
        )
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()


class AppPage:
    """A page of a tidal app, with the actions a person takes."""

    def __init__(self, page: Page, url: str) -> None:
        self.page = page
        self.url = url
        self.console_errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))

    def _console(self, msg: Any) -> None:
        if msg.type == "error" and "ERR_CONNECTION_REFUSED" not in msg.text:
            self.console_errors.append(msg.text)

    def open(self, path: str = "/") -> AppPage:
        self.page.goto(self.url + path)
        return self.idle()

    def idle(self, timeout: float = 10_000) -> AppPage:
        self.page.wait_for_function(IDLE, timeout=timeout)
        return self

    def click(self, name: str) -> AppPage:
        self.page.get_by_role("button", name=name, exact=True).click()
        return self.idle()

    def type_and_enter(self, label: str, text: str) -> AppPage:
        box = self.page.get_by_label(label, exact=True)
        box.fill(text)
        box.press("Enter")
        return self.idle()

    def expect_text(self, pattern: str | re.Pattern[str]) -> None:
        expect(self.page.locator("body").first).to_contain_text(pattern)

    def text(self) -> str:
        return self.page.inner_text("body")


def draw_stroke(app: AppPage, canvas: Locator) -> None:
    """Press the mouse on ``canvas``, drag it down and to the right, release, and wait."""
    box = canvas.bounding_box()
    assert box is not None and box["width"] >= 250
    x, y = box["x"] + 40, box["y"] + 40
    app.page.mouse.move(x, y)
    app.page.mouse.down()
    for i in range(1, 11):
        app.page.mouse.move(x + 15 * i, y + 8 * i)
    app.page.mouse.up()
    app.idle()


@pytest.fixture
def fake_media_browser(playwright: Playwright) -> Iterator[Browser]:
    """Chromium with a fake camera and microphone (a test pattern and a tone), and permission
    prompts accepted."""
    args = [*CHROMIUM_ARGS, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
    yield b
    b.close()


@pytest.fixture
def open_app(browser: Browser, serve_app: Callable[..., Any]) -> Iterator[Callable[..., AppPage]]:
    """``open_app(source_or_path, **config)``: serve the app and open it in a new tab."""
    contexts = []

    def start(source: str | Path, **options: Any) -> AppPage:
        if isinstance(source, Path):
            server = serve_app(source.read_text(), name=source.name, **options)
        else:
            server = serve_app(source, **options)
        context = browser.new_context(viewport={"width": 1100, "height": 800})
        contexts.append(context)
        app = AppPage(context.new_page(), server.url)
        app.server = server  # type: ignore[attr-defined]
        return app.open()

    yield start
    for c in contexts:
        c.close()


@pytest.fixture
def new_tab(browser: Browser) -> Iterator[Callable[[str], AppPage]]:
    """``new_tab(url)``: another tab (its own browser context) on the same server."""
    contexts = []

    def start(url: str) -> AppPage:
        context = browser.new_context(viewport={"width": 1100, "height": 800})
        contexts.append(context)
        return AppPage(context.new_page(), url).open()

    yield start
    for c in contexts:
        c.close()
