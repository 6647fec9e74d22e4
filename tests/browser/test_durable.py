"""Durable sessions in Chromium against real server processes: kill -9 and restart, two
replicas behind nginx sharing Redis, hibernation."""

from __future__ import annotations

import re
import signal
import time
from pathlib import Path

import redis
from playwright.sync_api import expect

from tests.browser.conftest import AppPage
from tests.fixtures.processes import Nginx, free_port
from tests.fixtures.server import COUNTER


def write_app(folder: Path) -> Path:
    app = folder / "counter.py"
    app.write_text(COUNTER)
    return app


def open_page(browser, url: str) -> AppPage:
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    return AppPage(context.new_page(), url).open()


def test_a_server_killed_with_sigkill_and_restarted_resumes_the_tab(
    browser, tidal_process, tmp_path
):
    app = write_app(tmp_path)
    port = free_port()
    store = ("--session.store", "sqlite:///sessions.db")
    server = tidal_process(app, port, *store).start()
    page = open_page(browser, server.url)
    for _ in range(5):
        page.click("Increment")
    page.expect_text("Count = 5")
    deadline = time.monotonic() + 5  # the first run and 5 clicks each saved (write-behind)
    while server.metric("tidal_snapshot_bytes_count") < 6:
        assert time.monotonic() < deadline, "the 5th click was never saved"
        time.sleep(0.01)
    server.kill(signal.SIGKILL)
    expect(page.page.locator("#banner")).to_be_visible()
    tidal_process(app, port, *store).start()
    expect(page.page.locator("#banner")).to_be_hidden(timeout=15_000)
    page.idle()
    page.expect_text("Count = 5")
    page.click("Increment")
    page.expect_text("Count = 6")


def test_two_replicas_behind_nginx_share_the_session_through_redis(
    browser, tidal_process, redis_server, tmp_path
):
    redis.Redis.from_url(redis_server).flushdb()
    app = write_app(tmp_path)
    store = ("--session.store", redis_server)
    ports = [free_port(), free_port()]
    replicas = [tidal_process(app, p, *store).start() for p in ports]
    nginx = Nginx(tmp_path / "nginx", ports).start()
    try:
        page = open_page(browser, nginx.url)
        page.click("Increment")
        page.expect_text("Count = 1")
        serving = [r for r in replicas if r.metric("tidal_sessions_connected") == 1]
        assert len(serving) == 1, "exactly one replica holds the tab's websocket"
        other = next(r for r in replicas if r is not serving[0])
        serving[0].kill(signal.SIGKILL)
        deadline = time.monotonic() + 15
        while other.metric("tidal_sessions_connected") != 1:
            assert time.monotonic() < deadline, "the tab did not reconnect to the other replica"
            time.sleep(0.05)
        page.idle()
        page.expect_text("Count = 1")  # no reset
        page.click("Increment")
        page.expect_text("Count = 2")
        assert other.metric("tidal_sessions_restored_total") == 1
    finally:
        nginx.stop()


def test_an_idle_tab_hibernates_and_wakes_with_its_state(browser, tidal_process, tmp_path):
    app = write_app(tmp_path)
    server = tidal_process(
        app, free_port(), "--session.store", "sqlite:///s.db", "--session.idleTimeout", "0.2"
    ).start()
    page = open_page(browser, server.url)
    for _ in range(3):
        page.click("Increment")
    page.page.goto("about:blank")  # the tab leaves; its sessionStorage stays
    deadline = time.monotonic() + 10
    while server.metric("tidal_sessions_hibernated_total") < 1:
        assert time.monotonic() < deadline, "the idle session never hibernated"
        time.sleep(0.05)
    assert server.metric("tidal_sessions") == 0  # nothing left in server memory
    page.page.go_back()
    page.idle()
    page.expect_text(re.compile(r"Count =\s+3"))
    page.click("Increment")
    page.expect_text("Count = 4")


def test_a_redis_outage_shows_state_not_saved_and_the_app_keeps_working(
    browser, tidal_process, private_redis_server, tmp_path
):
    app = write_app(tmp_path)
    server = tidal_process(app, free_port(), "--session.store", private_redis_server.url).start()
    page = open_page(browser, server.url)
    page.click("Increment")
    banner = page.page.locator("#banner")
    expect(banner).to_be_hidden()
    private_redis_server.stop()
    page.click("Increment")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("State not saved")
    page.click("Increment")  # still working, from memory
    page.expect_text("Count = 3")
    private_redis_server.start()
    page.click("Increment")
    expect(banner).to_be_hidden()
    page.expect_text("Count = 4")
