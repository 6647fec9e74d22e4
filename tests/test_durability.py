"""Durable sessions over real servers: restarts, other processes, hibernation, outages."""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path

import pytest
import redis

from tests.fixtures.server import COUNTER, count_of


def eventually(check, timeout: float = 5) -> None:
    """Saves happen just after a run's output is sent (write-behind): wait, bounded."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.01)


def click_to(client, n: int) -> None:
    while count_of(client) < n:
        client.click("Increment")


@pytest.fixture(params=["sqlite", "redis"])
def store_url(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'sessions.db'}"
    url: str = request.getfixturevalue("redis_server")
    redis.Redis.from_url(url).flushdb()
    return url


def test_a_restarted_server_resumes_the_tab_from_the_store(serve_app, store_url):
    server = serve_app(COUNTER, session__store=store_url)
    tab = server.client(nonce="page")
    click_to(tab, 5)
    tab.close()
    server = server.restart()  # a new process-equivalent: nothing in memory
    try:
        again = server.client(token=tab.token, nonce="page")
        assert again.resumed and again.token == tab.token
        assert count_of(again) == 5
        again.click("Increment")
        assert count_of(again) == 6
    finally:
        server.stop()


def test_an_unknown_token_gets_a_fresh_session(serve_app, store_url):
    server = serve_app(COUNTER, session__store=store_url)
    tab = server.client(token="never-seen-before", nonce="x")
    assert not tab.resumed and tab.token != "never-seen-before"
    assert count_of(tab) == 0


def test_a_tab_moving_between_processes_always_sees_the_newest_state(serve_app, tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    a = serve_app(COUNTER, session__store=url)
    b = serve_app(COUNTER, name="app_b.py", session__store=url)
    on_a = a.client(nonce="1")
    click_to(on_a, 2)
    on_a.close()
    on_b = b.client(token=on_a.token, nonce="2")  # the load balancer picked replica b
    assert count_of(on_b) == 2
    on_b.click("Increment")
    on_b.close()
    back_on_a = a.client(token=on_a.token, nonce="3")  # a's memory copy is stale now
    assert count_of(back_on_a) == 3
    back_on_a.click("Increment")
    assert count_of(back_on_a) == 4


def test_a_process_that_lost_the_session_can_no_longer_write_it(serve_app, tmp_path):
    url = f"sqlite:///{tmp_path / 'fenced.db'}"
    a = serve_app(COUNTER, session__store=url)
    b = serve_app(COUNTER, name="app_b.py", session__store=url)
    old = a.client(nonce="1")
    click_to(old, 1)
    # the same page reconnects through replica b while a still holds its old socket
    new = b.client(token=old.token, nonce="1")
    new.click("Increment")
    old.click("Increment")  # a runs it, but its save (just after the run) is fenced off
    deadline = time.monotonic() + 5
    while not a.sessions.get(old.token).superseded:
        assert time.monotonic() < deadline, "a's save was not fenced off"
        time.sleep(0.01)
    new.close()
    again = b.client(token=old.token, nonce="3")
    assert count_of(again) == 2


def test_idle_sessions_hibernate_and_wake_intact(serve_app, tmp_path):
    url = f"sqlite:///{tmp_path / 'hibernate.db'}"
    server = serve_app(COUNTER, session__store=url, session__idleTimeout="0.2")
    tab = server.client(nonce="p")
    click_to(tab, 3)
    tab.close()
    deadline = time.monotonic() + 5
    while server.sessions.get(tab.token) is not None:  # the server's housekeeping
        assert time.monotonic() < deadline, "the idle session never hibernated"
        time.sleep(0.01)
    assert server.sessions.hibernated == 1
    woken = server.client(token=tab.token, nonce="p2")
    assert woken.resumed and count_of(woken) == 3


def test_values_that_cannot_be_stored_are_recreated_by_the_app_after_a_restart(serve_app, tmp_path):
    server = serve_app(
        """
        import threading
        import tidal as st
        if "lock" not in st.session_state:
            st.session_state.lock = threading.Lock()
            st.session_state.made = st.session_state.get("made", 0) + 1
        st.session_state.setdefault("n", 0)
        if st.button("Add"):
            st.session_state.n += 1
        st.write(f"n={st.session_state.n} made={st.session_state.made}")
        """,
        session__store=f"sqlite:///{tmp_path / 'nd.db'}",
    )
    tab = server.client(nonce="p")
    tab.click("Add")
    assert "n=1 made=1" in tab.texts()
    eventually(lambda: server.sessions.get(tab.token).not_durable == ("lock",))
    tab.close()
    server = server.restart()
    try:
        again = server.client(token=tab.token, nonce="p")
        assert "n=1 made=2" in again.texts()  # the lock was recreated by the app's own guard
    finally:
        server.stop()


def test_a_redis_outage_warns_and_saving_resumes_when_it_returns(serve_app, private_redis_server):
    server = serve_app(COUNTER, session__store=private_redis_server.url)
    tab = server.client(nonce="p")
    tab.click("Increment")
    private_redis_server.stop()
    tab.click("Increment")  # the app keeps working in memory
    assert count_of(tab) == 2
    warnings = []
    deadline = time.monotonic() + 10
    while not warnings:
        msg = tab.recv(timeout=max(0.01, deadline - time.monotonic()))
        if msg["t"] == "state_warning":
            warnings.append(msg)
    assert not warnings[0]["ok"] and "State not saved" in warnings[0]["message"]
    private_redis_server.start()
    tab.click("Increment")
    deadline = time.monotonic() + 10
    while True:
        msg = tab.recv(timeout=max(0.01, deadline - time.monotonic()))
        if msg["t"] == "state_warning":
            assert msg["ok"]
            break
    assert count_of(tab) == 3
    tab.close()
    server = server.restart()
    try:
        again = server.client(token=tab.token, nonce="p")
        assert count_of(again) == 3
    finally:
        server.stop()


def test_metrics_count_sessions_runs_and_store_work(serve_app, tmp_path):
    server = serve_app(COUNTER, session__store=f"sqlite:///{tmp_path / 'm.db'}")
    tab = server.client(nonce="p")
    tab.click("Increment")

    def metrics() -> str:
        return urllib.request.urlopen(server.url + "/metrics").read().decode()

    durability = server.app.state.runtime.durability

    def saved_count() -> object:
        stored = durability.fetch(tab.token)
        return None if stored is None else durability.decode(tab.token, stored).user["count"]

    eventually(lambda: saved_count() == 1)
    text = metrics()
    assert "tidal_sessions_connected 1" in text
    assert "tidal_sessions_created_total 1" in text
    assert "tidal_run_seconds_count 2" in text
    # two runs, one or two writes: the saver keeps only a session's newest document
    assert "tidal_snapshot_bytes_count 2" in text or "tidal_snapshot_bytes_count 1" in text
    assert "tidal_store_seconds_count" in text


def test_expired_sessions_are_deleted_from_the_sqlite_store(serve_app, tmp_path):
    server = serve_app(COUNTER, session__store=f"sqlite:///{tmp_path / 'purge.db'}",
                       session__ttl="0.3")  # fmt: skip
    tab = server.client(nonce="p")
    tab.click("Increment")
    tab.close()
    store = server.app.state.runtime.durability.store
    eventually(lambda: store.count() == 0)  # expired: no longer readable
    time.sleep(0.4)
    assert server.sessions.purge_store() >= 1  # and its row is deleted
    assert server.sessions.purge_store() == 0
