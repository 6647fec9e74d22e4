"""``--server.workers N``: forked processes on one port, sharing sessions through the store."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.fixtures.processes import free_port
from tests.fixtures.server import COUNTER, Client


def children_of(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def test_workers_share_one_port_and_every_tab_keeps_its_state(tidal_process, tmp_path: Path):
    app = tmp_path / "counter.py"
    app.write_text(COUNTER)
    server = tidal_process(
        app, free_port(), "--server.workers", "2", "--session.store", "sqlite:///s.db"
    ).start()
    assert server.proc is not None
    assert len(children_of(server.proc.pid)) == 2
    ws_url = server.url.replace("http", "ws") + "/ws"
    first = Client(ws_url, token=None, nonce="load-0")
    first.click("Increment")
    first.close()
    token = first.token
    for i in range(1, 9):  # each page load may land on either worker
        tab = Client(ws_url, token=token, nonce=f"load-{i}")
        assert tab.resumed and tab.token == token
        tab.click("Increment")
        tab.close()
    last = Client(ws_url, token=token, nonce="load-last")
    assert "Count = `9`" in last.texts()
    last.close()
    server.proc.send_signal(signal.SIGINT)
    assert server.proc.wait(10) == 0


def test_several_workers_with_the_memory_store_are_refused(tmp_path: Path):
    app = tmp_path / "counter.py"
    app.write_text(COUNTER)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "tidal", "run", str(app), "--server.headless", "true",
         "--server.port", str(free_port()), "--server.workers", "2"],
        capture_output=True, text=True, timeout=30, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode != 0
    assert "memory://" in result.stderr and "server.workers" in result.stderr
    assert time.monotonic() - started < 30
