"""A duplicated tab (same token, another page) never takes over a live session, whichever
server process it reaches; a page whose session was taken over is told so."""

from __future__ import annotations

import time
from pathlib import Path

from tests.fixtures.processes import TidalProcess, free_port, tidal_process  # noqa: F401
from tests.fixtures.server import COUNTER, Client, count_of
from tidal.persistence import SUPERSEDED


def replicas(tidal_process, tmp_path: Path) -> tuple[TidalProcess, TidalProcess]:  # noqa: F811
    """Two server processes (replicas) of the counter app sharing one SQLite store."""
    app = tmp_path / "counter.py"
    app.write_text(COUNTER)
    store = f"sqlite:///{tmp_path / 'shared.db'}"
    a = tidal_process(app, free_port(), "--session.store", store).start()
    b = tidal_process(app, free_port(), "--session.store", store).start()
    return a, b


def ws(process: TidalProcess) -> str:
    return process.url.replace("http", "ws") + "/ws"


def test_a_duplicated_tab_on_another_process_always_gets_a_new_session(
    tidal_process,  # noqa: F811
    tmp_path,
):
    a, b = replicas(tidal_process, tmp_path)
    for i in range(12):
        first, other = (a, b) if i % 2 == 0 else (b, a)
        tab = Client(ws(first), token=None, nonce=f"tab-{i}")
        tab.click("Increment")
        duplicate = Client(ws(other), token=tab.token, nonce=f"copy-{i}")
        assert not duplicate.resumed and duplicate.token != tab.token
        assert count_of(duplicate) == 0
        duplicate.click("Increment")
        tab.click("Increment")  # the first tab's click is never lost
        assert count_of(tab) == 2
        assert not tab.errors
        tab.close()
        duplicate.close()


def test_a_reload_on_another_process_resumes_the_session(tidal_process, tmp_path):  # noqa: F811
    a, b = replicas(tidal_process, tmp_path)
    tab = Client(ws(a), token=None, nonce="load-1")
    tab.click("Increment")
    tab.close()  # the page unloads; the reloaded page may reach the other replica at once
    reloaded = Client(ws(b), token=tab.token, nonce="load-2")
    assert reloaded.resumed and reloaded.token == tab.token
    assert count_of(reloaded) == 1


def test_a_page_whose_session_was_taken_over_is_told_so(tidal_process, tmp_path):  # noqa: F811
    a, b = replicas(tidal_process, tmp_path)
    old = Client(ws(a), token=None, nonce="page")
    old.click("Increment")
    # the same page reconnects through replica b while a still holds its old socket
    moved = Client(ws(b), token=old.token, nonce="page")
    assert moved.resumed
    moved.click("Increment")
    old.event({"t": "change", "id": old.widget("Increment")["id"], "v": True}, wait=False)
    deadline = time.monotonic() + 10
    while SUPERSEDED not in old.errors:
        assert time.monotonic() < deadline, f"no superseded message: {old.errors}"
        old.recv(timeout=max(0.01, deadline - time.monotonic()))
    moved.click("Increment")
    assert count_of(moved) == 3  # the old page's click did not overwrite the newer state


def test_with_two_workers_a_duplicated_tab_never_gets_the_live_session(
    tidal_process,  # noqa: F811
    tmp_path,
):
    app = tmp_path / "counter.py"
    app.write_text(COUNTER)
    server = tidal_process(
        app, free_port(), "--server.workers", "2", "--session.store", "sqlite:///s.db"
    ).start()
    for i in range(12):  # the kernel sends each connection to either worker
        tab = Client(ws(server), token=None, nonce=f"tab-{i}")
        duplicate = Client(ws(server), token=tab.token, nonce=f"copy-{i}")
        assert not duplicate.resumed and duplicate.token != tab.token
        tab.click("Increment")
        assert count_of(tab) == 1
        tab.close()
        duplicate.close()
