"""A hung session store (redis-server stopped with SIGSTOP) never slows a click: saves are
written behind, a circuit breaker stops waiting on the store, and /readyz says it is down."""

from __future__ import annotations

import gc
import os
import signal
import time
import urllib.error
import urllib.request
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from tests.fixtures.redis import RedisServer, private_redis_server_fixture  # noqa: F401
from tests.fixtures.server import COUNTER, Client, count_of, serve_app  # noqa: F401
from tidal.breaker import Breaker
from tidal.codec import make_codec
from tidal.durability import Durability
from tidal.stores import open_store


@contextmanager
def hung(redis: RedisServer) -> Iterator[None]:
    """The redis-server process frozen: connections open, nothing ever answered."""
    assert redis._process is not None
    pid = redis._process.pid
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


def readyz(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url + "/readyz", timeout=5) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def timed_click(tab: Client) -> float:
    start = time.perf_counter()
    tab.click("Increment")
    return time.perf_counter() - start


def wait_for_warning(tab: Client, ok: bool, timeout: float = 15) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        msg = tab.recv(timeout=max(0.01, deadline - time.monotonic()))
        if msg["t"] == "state_warning" and msg["ok"] is ok:
            return msg


def eventually(check, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def test_clicks_stay_fast_while_redis_hangs_and_saving_resumes_after(
    serve_app,  # noqa: F811
    private_redis_server,
):
    server = serve_app(COUNTER, session__store=private_redis_server.url)
    tab = server.client(nonce="p")
    tab.click("Increment")
    assert readyz(server.url) == (200, "ready")
    with hung(private_redis_server):
        durations = [timed_click(tab) for _ in range(5)]
        assert max(durations) < 0.3, durations
        assert count_of(tab) == 6
        warning = wait_for_warning(tab, ok=False)  # the store timed out, behind the scenes
        assert "State not saved" in warning["message"]
        status, body = readyz(server.url)
        assert status == 503 and "session store unavailable" in body
        assert max(timed_click(tab) for _ in range(3)) < 0.3  # the breaker is open
        start = time.perf_counter()
        other = server.client(nonce="q")  # a new tab does not wait for the store either
        assert time.perf_counter() - start < 1.0
        assert count_of(other) == 0
    assert count_of(tab) == 9
    wait_for_warning(tab, ok=True)  # the waiting document was written once Redis answered
    eventually(lambda: readyz(server.url) == (200, "ready"))
    tab.close()
    server = server.restart()
    try:
        again = server.client(token=tab.token, nonce="p")
        assert again.resumed and count_of(again) == 9
    finally:
        server.stop()


def test_the_breaker_opens_on_failure_lets_one_trial_through_and_backs_off():
    breaker = Breaker(cooldown=0.05, max_cooldown=0.2)
    assert breaker.allow() and breaker.closed
    breaker.failed("timeout")
    assert not breaker.allow() and not breaker.closed
    assert 0 < breaker.retry_in() <= 0.05
    time.sleep(0.06)
    assert breaker.allow()  # the trial
    assert not breaker.allow()  # only one at a time
    breaker.failed("timeout again")
    assert 0.05 < breaker.retry_in() <= 0.1  # twice as long
    time.sleep(0.11)
    assert breaker.allow()
    breaker.succeeded()
    assert breaker.closed and breaker.allow() and breaker.error == ""


def test_the_saver_keeps_no_session_alive_once_its_document_is_written(tmp_path):
    class Owner:  # stands for a session: the saver holds its bound methods until written
        epoch = 0

        def lease(self) -> int:
            return self.epoch

        def saved(self, result: object) -> None:
            self.result = result

    durability = Durability(
        open_store(f"sqlite:///{tmp_path / 's.db'}"), make_codec("safe"), ttl=60.0
    )
    owner = Owner()
    durability.saver.submit("tok", b"document", owner.lease, owner.saved)
    assert durability.saver.flush(5)
    assert owner.result.outcome == "saved"
    ref = weakref.ref(owner)
    del owner
    gc.collect()
    assert ref() is None
    durability.close()


def test_a_session_read_back_waits_for_its_own_document_still_being_written(tmp_path):
    """Write-behind must not let a resumed tab read an older document than its last run's."""
    import threading
    import time

    from tidal.breaker import Breaker
    from tidal.saver import Saver, SaveResult

    started, release = threading.Event(), threading.Event()
    written: list[bytes] = []

    def slow_write(token: str, data: bytes, epoch: int) -> SaveResult:
        started.set()
        release.wait(5)
        written.append(data)
        return SaveResult("saved", epoch)

    saver = Saver(slow_write, lambda t, n: True, Breaker())
    saver.submit("tok", b"newest", lambda: 1, lambda r: None)
    assert started.wait(5)
    assert not saver.settle("tok", 0.05)  # still being written: a read now would be stale
    threading.Timer(0.1, release.set).start()
    t0 = time.monotonic()
    assert saver.settle("tok", 5)
    assert written == [b"newest"] and time.monotonic() - t0 < 2
    assert saver.settle("other", 0.01)  # nothing waits for another session
    saver.close(1)
