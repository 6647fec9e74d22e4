"""Stuck scripts starve no one: a thread per busy session, hard interrupts, run timeouts."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request

import pytest

import tidal.pool
import tidal.server
from tidal.pool import WorkerPool

STUCK_APP = """
import time
import tidal as st
if st.button("Spin"):
    while True:
        pass
if st.button("Sleep"):
    time.sleep(2.5)
st.session_state.setdefault("count", 0)
if st.button("Increment"):
    st.session_state.count += 1
st.write("Count =", st.session_state.count)
"""

LOOP_APP = """
import tidal as st
n = st.slider("N", 0, 10, key="n")
if n == 5:
    while True:  # a loop without st.* calls: only an exception in its thread stops it
        pass
st.write("n is", n)
"""


def _busy(server) -> int:  # type: ignore[no-untyped-def]
    return int(server.app.state.runtime.executor.busy)


def test_a_looping_and_20_sleeping_sessions_leave_a_healthy_tab_fast(serve_app):
    server = serve_app(STUCK_APP)
    spinner = server.client(nonce="spin")
    spinner.click("Spin", wait=False)
    sleepers = [server.client(nonce=f"sleep{i}") for i in range(20)]
    for s in sleepers:
        s.click("Sleep", wait=False)
    deadline = time.monotonic() + 5
    while _busy(server) < 21:
        assert time.monotonic() < deadline, "the stuck runs never started"
        time.sleep(0.01)
    started = time.monotonic()
    fresh = server.client(nonce="fresh")  # a new tab: hello, welcome, its first run
    rendered = time.monotonic() - started
    assert "Count = `0`" in fresh.texts()
    started = time.monotonic()
    fresh.click("Increment")
    clicked = time.monotonic() - started
    assert "Count = `1`" in fresh.texts()
    assert rendered < 1.0, f"a new tab took {rendered:.3f} s to render"
    assert clicked < 0.25, f"a click took {clicked:.3f} s"
    assert _busy(server) == 21  # measured while the other 21 runs were still stuck


def test_a_new_event_interrupts_a_loop_without_st_calls(serve_app):
    server = serve_app(LOOP_APP)
    client = server.client()
    client.change("N", 5, wait=False)
    time.sleep(0.2)  # the run is looping
    started = time.monotonic()
    client.change("N", 3)
    assert time.monotonic() - started < 1.0
    assert "n is `3`" in client.texts()


def test_a_disconnect_interrupts_a_loop_without_st_calls(serve_app):
    server = serve_app(LOOP_APP)
    client = server.client()
    client.change("N", 5, wait=False)
    time.sleep(0.2)
    assert _busy(server) == 1
    client.close()
    deadline = time.monotonic() + 2
    while _busy(server):  # the thread is free again: no core kept busy for a gone tab
        assert time.monotonic() < deadline, "the loop kept running after its tab left"
        time.sleep(0.01)


def test_a_run_past_max_run_seconds_is_stopped_with_a_message(serve_app):
    server = serve_app(STUCK_APP, runner__maxRunSeconds="0.3")
    client = server.client()
    started = time.monotonic()
    client.click("Spin")  # waits for the run's end
    assert time.monotonic() - started < 2.0
    errors = [e["p"] for e in client.elements() if e["t"] == "exception"]
    assert errors and errors[0]["type"] == "RunTimedOut"
    assert "runner.maxRunSeconds" in errors[0]["message"]
    client.event({"t": "rerun"})  # the session goes on
    client.click("Increment")
    assert "Count = `1`" in client.texts()


def test_readyz_says_not_ready_while_no_run_can_start(serve_app, monkeypatch):
    monkeypatch.setattr(tidal.server, "WorkerPool", lambda: WorkerPool(max_threads=2))
    server = serve_app(STUCK_APP)
    a, b = server.client(nonce="a"), server.client(nonce="b")
    assert urllib.request.urlopen(server.url + "/readyz").read() == b"ready"
    a.click("Sleep", wait=False)
    b.click("Sleep", wait=False)
    deadline = time.monotonic() + 5
    while _busy(server) < 2:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(server.url + "/readyz")
    assert err.value.code == 503 and b"busy" in err.value.read()


def test_metrics_show_busy_and_stuck_runs(serve_app, monkeypatch):
    monkeypatch.setattr(tidal.pool, "STUCK_SECONDS", 0.2)
    server = serve_app(STUCK_APP)
    server.client(nonce="a").click("Sleep", wait=False)
    time.sleep(0.5)
    text = urllib.request.urlopen(server.url + "/metrics").read().decode()
    assert "\ntidal_runs_busy 1\n" in text
    assert "\ntidal_runs_stuck 1\n" in text


def test_idle_threads_are_reaped_and_jobs_beyond_the_cap_wait():
    pool = WorkerPool(max_threads=2, idle_seconds=0.1)
    release = threading.Event()
    done: list[int] = []
    for i in range(3):
        pool.submit(lambda i=i: (release.wait(5), done.append(i)))
    time.sleep(0.1)
    assert (pool.threads, pool.busy, pool.queued) == (2, 2, 1)
    assert not pool.can_start()
    release.set()
    deadline = time.monotonic() + 5
    while pool.threads:
        assert time.monotonic() < deadline, "idle threads were never reaped"
        time.sleep(0.01)
    assert sorted(done) == [0, 1, 2]
