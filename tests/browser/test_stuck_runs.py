"""A new tab renders at once while other tabs' scripts are stuck (issue 14, finding 3)."""

from __future__ import annotations

import time

from tests.test_pool import STUCK_APP


def test_a_new_tab_renders_as_fast_while_21_other_tabs_are_stuck(serve_app, new_tab):
    server = serve_app(STUCK_APP)
    started = time.monotonic()
    new_tab(server.url)  # how long a page load takes on this machine, nothing stuck
    baseline = time.monotonic() - started
    spinner = server.client(nonce="spin")
    spinner.click("Spin", wait=False)
    sleepers = [server.client(nonce=f"sleep{i}") for i in range(20)]
    for s in sleepers:
        s.click("Sleep", wait=False)
    executor = server.app.state.runtime.executor
    deadline = time.monotonic() + 5
    while executor.busy < 21:
        assert time.monotonic() < deadline, "the stuck runs never started"
        time.sleep(0.01)
    started = time.monotonic()
    tab = new_tab(server.url)  # load the page, connect, wait for its first run to end
    rendered = time.monotonic() - started
    tab.expect_text("Count = 0")
    assert executor.busy >= 21  # measured while the other runs were still stuck
    # The protocol test holds the server to < 1 s. A page load here takes over a second on a
    # loaded machine, and varies: the bound is its unloaded time, with room for that noise
    # (the old fixed pool never rendered the tab at all).
    assert rendered < 1.5 * baseline + 0.5, f"{rendered:.3f} s, unloaded {baseline:.3f} s"
