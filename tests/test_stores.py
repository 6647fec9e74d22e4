"""The session store contract, run against memory://, sqlite:/// and a real redis-server."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis

from tests.fixtures.redis import (  # noqa: F401
    RedisServer,
    free_port,
    private_redis_server_fixture,
    redis_server,
)
from tidal.stores import SessionStore, Stored, StoreError, open_store
from tidal.stores.sqlite import SqliteStore

SHORT_TTL = 0.2
LONG_TTL = 60.0


def wait_until(condition: Callable[[], bool], timeout: float = 3.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


@dataclass
class Backend:
    """One store back end; ``open()`` gives another store object on the same data."""

    name: str
    url: str
    opened: list[SessionStore] = field(default_factory=list)

    def open(self) -> SessionStore:
        store = open_store(self.url)
        self.opened.append(store)
        return store


def make_backend(name: str, request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if name == "memory":
        return Backend(name, "memory://")
    if name == "sqlite":
        return Backend(name, f"sqlite:///{tmp_path / 'sessions.db'}")
    url = request.getfixturevalue("redis_server")
    with redis.Redis.from_url(url) as client:
        client.flushdb()
    return Backend(name, url)


ALL = ["memory", "sqlite", pytest.param("redis", marks=pytest.mark.redis)]
SHARED = ["sqlite", pytest.param("redis", marks=pytest.mark.redis)]


@pytest.fixture(params=ALL)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    b = make_backend(request.param, request, tmp_path)
    yield b
    for store in b.opened:
        store.close()


@pytest.fixture(params=SHARED)
def shared_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    b = make_backend(request.param, request, tmp_path)
    yield b
    for store in b.opened:
        store.close()


@pytest.fixture
def store(backend: Backend) -> SessionStore:
    return backend.open()


# ----------------------------------------------------------------------------- round trip
def test_a_saved_session_loads_back_with_its_epoch(store: SessionStore) -> None:
    epoch = store.acquire("tok")
    assert store.save("tok", b"\x00snapshot\xff", epoch=epoch, ttl=LONG_TTL)
    loaded = store.load("tok")
    assert loaded is not None
    assert loaded.data == b"\x00snapshot\xff"
    assert loaded.epoch == epoch


def test_a_later_save_replaces_the_data(store: SessionStore) -> None:
    epoch = store.acquire("tok")
    store.save("tok", b"one", epoch=epoch, ttl=LONG_TTL)
    store.save("tok", b"two", epoch=epoch, ttl=LONG_TTL)
    assert store.load("tok").data == b"two"  # type: ignore[union-attr]


def test_a_missing_token_loads_as_none(store: SessionStore) -> None:
    assert store.load("never-saved") is None


def test_an_acquired_session_without_data_loads_as_none(store: SessionStore) -> None:
    store.acquire("tok")
    assert store.load("tok") is None
    assert store.count() == 0


def test_sessions_are_kept_apart_by_token(store: SessionStore) -> None:
    for token in ("a", "b"):
        store.save(token, token.encode(), epoch=store.acquire(token), ttl=LONG_TTL)
    assert store.load("a").data == b"a"  # type: ignore[union-attr]
    assert store.load("b").data == b"b"  # type: ignore[union-attr]


# ----------------------------------------------------------------------------- leases
def test_each_acquire_returns_an_epoch_greater_than_any_before(store: SessionStore) -> None:
    epochs = [store.acquire(token) for token in ("a", "b", "a", "c", "a")]
    assert epochs == sorted(epochs)
    assert len(set(epochs)) == len(epochs)


def test_a_save_without_the_lease_writes_nothing(store: SessionStore) -> None:
    assert not store.save("tok", b"data", epoch=1, ttl=LONG_TTL)
    assert store.load("tok") is None


def test_a_superseded_lease_cannot_save_and_leaves_the_data_alone(store: SessionStore) -> None:
    old = store.acquire("tok")
    assert store.save("tok", b"old holder", epoch=old, ttl=LONG_TTL)
    new = store.acquire("tok")
    assert new > old
    assert not store.save("tok", b"stale write", epoch=old, ttl=LONG_TTL)
    assert store.load("tok") == Stored(b"old holder", new)
    assert store.save("tok", b"new holder", epoch=new, ttl=LONG_TTL)
    assert store.load("tok").data == b"new holder"  # type: ignore[union-attr]


def test_taking_over_a_session_keeps_its_data(store: SessionStore) -> None:
    store.save("tok", b"resume me", epoch=store.acquire("tok"), ttl=LONG_TTL)
    epoch = store.acquire("tok")
    loaded = store.load("tok")
    assert loaded is not None
    assert (loaded.data, loaded.epoch) == (b"resume me", epoch)


# ----------------------------------------------------------------------------- expiry
def test_a_session_is_gone_after_its_ttl(store: SessionStore) -> None:
    store.save("tok", b"data", epoch=store.acquire("tok"), ttl=SHORT_TTL)
    assert store.load("tok") is not None
    assert wait_until(lambda: store.load("tok") is None)
    assert store.count() == 0


def test_an_expired_lease_cannot_save_until_acquired_again(store: SessionStore) -> None:
    epoch = store.acquire("tok")
    store.save("tok", b"data", epoch=epoch, ttl=SHORT_TTL)
    assert wait_until(lambda: store.load("tok") is None)
    assert not store.save("tok", b"late", epoch=epoch, ttl=LONG_TTL)
    again = store.acquire("tok")
    assert again > epoch
    assert store.save("tok", b"fresh", epoch=again, ttl=LONG_TTL)
    assert store.load("tok").data == b"fresh"  # type: ignore[union-attr]


def test_epochs_outlive_expiry_so_a_stale_holder_stays_fenced(store: SessionStore) -> None:
    stale = store.acquire("tok")
    store.save("tok", b"stale", epoch=stale, ttl=SHORT_TTL)
    assert wait_until(lambda: store.load("tok") is None)
    store.delete("tok")  # even with every trace of the session gone...
    fresh = store.acquire("tok")
    assert fresh > stale  # ...the new lease never reuses an old number
    assert store.save("tok", b"fresh", epoch=fresh, ttl=LONG_TTL)
    assert not store.save("tok", b"stale", epoch=stale, ttl=LONG_TTL)
    assert store.load("tok").data == b"fresh"  # type: ignore[union-attr]


def test_touch_extends_a_session_without_rewriting_it(store: SessionStore) -> None:
    epoch = store.acquire("tok")
    store.save("tok", b"data", epoch=epoch, ttl=0.6)
    time.sleep(0.35)
    store.touch("tok", ttl=LONG_TTL)
    time.sleep(0.4)  # past the first ttl
    assert store.load("tok") == Stored(b"data", epoch)
    assert store.save("tok", b"still mine", epoch=epoch, ttl=LONG_TTL)


def test_touch_with_a_short_ttl_lets_the_session_expire(store: SessionStore) -> None:
    store.save("tok", b"data", epoch=store.acquire("tok"), ttl=LONG_TTL)
    store.touch("tok", ttl=SHORT_TTL)
    assert wait_until(lambda: store.load("tok") is None)


def test_touch_of_a_missing_session_does_nothing(store: SessionStore) -> None:
    store.touch("nobody", ttl=LONG_TTL)
    assert store.load("nobody") is None
    assert store.count() == 0


@pytest.mark.parametrize("ttl", [0, -1.0, float("inf"), float("nan")])
def test_a_ttl_that_is_not_a_positive_number_is_refused(store: SessionStore, ttl: float) -> None:
    epoch = store.acquire("tok")
    with pytest.raises(ValueError, match="ttl"):
        store.save("tok", b"data", epoch=epoch, ttl=ttl)
    with pytest.raises(ValueError, match="ttl"):
        store.touch("tok", ttl=ttl)


# ----------------------------------------------------------------------------- housekeeping
def test_delete_forgets_the_session_and_its_lease(store: SessionStore) -> None:
    epoch = store.acquire("tok")
    store.save("tok", b"data", epoch=epoch, ttl=LONG_TTL)
    store.delete("tok")
    assert store.load("tok") is None
    assert not store.save("tok", b"again", epoch=epoch, ttl=LONG_TTL)
    store.delete("tok")  # deleting twice is fine


def test_count_counts_live_sessions_only(store: SessionStore) -> None:
    for token in ("a", "b", "c"):
        store.save(token, b"x", epoch=store.acquire(token), ttl=LONG_TTL)
    store.save("short", b"x", epoch=store.acquire("short"), ttl=SHORT_TTL)
    store.acquire("no-data-yet")
    assert store.count() == 4
    assert wait_until(lambda: store.count() == 3)
    store.delete("a")
    assert store.count() == 2


def test_purge_expired_removes_expired_sessions_and_keeps_live_ones(
    backend: Backend, store: SessionStore
) -> None:
    store.save("live", b"x", epoch=store.acquire("live"), ttl=LONG_TTL)
    for token in ("old1", "old2"):
        store.save(token, b"x", epoch=store.acquire(token), ttl=SHORT_TTL)
    assert wait_until(lambda: store.load("old1") is None and store.load("old2") is None)
    # Redis expires keys by itself, so there is nothing left to purge.
    assert store.purge_expired() == (0 if backend.name == "redis" else 2)
    assert store.purge_expired() == 0
    assert store.count() == 1
    assert store.load("live") is not None


# ----------------------------------------------------------------------------- sharing
def test_two_stores_on_one_backend_see_each_others_writes(shared_backend: Backend) -> None:
    first, second = shared_backend.open(), shared_backend.open()
    first.save("tok", b"from first", epoch=first.acquire("tok"), ttl=LONG_TTL)
    assert second.load("tok").data == b"from first"  # type: ignore[union-attr]
    assert second.count() == 1
    second.delete("tok")
    assert first.load("tok") is None


def test_two_stores_on_one_backend_fence_each_other(shared_backend: Backend) -> None:
    first, second = shared_backend.open(), shared_backend.open()
    mine = first.acquire("tok")
    assert first.save("tok", b"first", epoch=mine, ttl=LONG_TTL)
    theirs = second.acquire("tok")  # another replica takes the session over
    assert theirs > mine
    assert second.load("tok").data == b"first"  # type: ignore[union-attr]
    assert not first.save("tok", b"stale", epoch=mine, ttl=LONG_TTL)
    assert second.save("tok", b"second", epoch=theirs, ttl=LONG_TTL)
    assert first.load("tok") == second.load("tok")
    assert first.load("tok").data == b"second"  # type: ignore[union-attr]


def test_concurrent_saves_from_threads_all_land(store: SessionStore) -> None:
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            token = f"tok{n}"
            epoch = store.acquire(token)
            for i in range(20):
                assert store.save(token, f"{n}:{i}".encode(), epoch=epoch, ttl=LONG_TTL)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert not errors
    assert store.count() == 8
    assert all(store.load(f"tok{n}").data == f"{n}:19".encode() for n in range(8))  # type: ignore[union-attr]


def test_of_racing_holders_only_the_newest_lease_writes(backend: Backend) -> None:
    stores = [backend.open() for _ in range(2)] if backend.name != "memory" else [backend.open()]
    barrier = threading.Barrier(8, timeout=10)
    results: dict[int, bool] = {}

    def work(n: int) -> None:
        store = stores[n % len(stores)]
        epoch = store.acquire("tok")
        barrier.wait()  # every holder has its epoch; only the last one is current
        results[epoch] = store.save("tok", str(epoch).encode(), epoch=epoch, ttl=LONG_TTL)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    newest = max(results)
    assert results == {epoch: epoch == newest for epoch in results}
    assert stores[0].load("tok") == Stored(str(newest).encode(), newest)


SECOND_PROCESS = """
import sys
from tidal.stores import open_store
store = open_store(sys.argv[1])
epoch = store.acquire("tok")
assert store.save("tok", b"from the other process", epoch=epoch, ttl=60)
print(epoch)
"""


def test_another_process_takes_over_and_fences_this_one(shared_backend: Backend) -> None:
    store = shared_backend.open()
    mine = store.acquire("tok")
    store.save("tok", b"mine", epoch=mine, ttl=LONG_TTL)
    env = {**os.environ, "PYTHONPATH": "src"}
    done = subprocess.run(
        [sys.executable, "-c", SECOND_PROCESS, shared_backend.url],
        capture_output=True,
        text=True,
        timeout=20,
        env=env,
        check=True,
    )
    theirs = int(done.stdout)
    assert theirs > mine
    assert not store.save("tok", b"stale", epoch=mine, ttl=LONG_TTL)
    assert store.load("tok") == Stored(b"from the other process", theirs)


# ----------------------------------------------------------------------------- presence
def test_a_claim_is_granted_to_its_own_page_again_and_refused_to_another(
    store: SessionStore,
) -> None:
    assert store.claim("tok", "page-1", ttl=LONG_TTL) is None
    assert store.claim("tok", "page-1", ttl=LONG_TTL) is None  # renewal
    assert store.claim("tok", "page-2", ttl=LONG_TTL) == "page-1"
    assert store.claim("other", "page-2", ttl=LONG_TTL) is None


def test_a_released_or_expired_claim_lets_another_page_in(store: SessionStore) -> None:
    store.claim("tok", "page-1", ttl=LONG_TTL)
    store.release("tok", "page-2")  # not its claim: nothing changes
    assert store.claim("tok", "page-2", ttl=LONG_TTL) == "page-1"
    store.release("tok", "page-1")
    assert store.claim("tok", "page-2", ttl=SHORT_TTL) is None
    assert wait_until(lambda: store.claim("tok", "page-3", ttl=LONG_TTL) is None)


def test_claims_are_seen_by_every_store_on_one_backend(shared_backend: Backend) -> None:
    first, second = shared_backend.open(), shared_backend.open()
    assert first.claim("tok", "page-1", ttl=LONG_TTL) is None
    assert second.claim("tok", "page-2", ttl=LONG_TTL) == "page-1"


def test_of_racing_claims_exactly_one_page_wins(shared_backend: Backend) -> None:
    stores = [shared_backend.open() for _ in range(4)]
    for round_ in range(10):
        token = f"tok-{round_}"
        results: list[str | None] = ["unset"] * len(stores)
        barrier = threading.Barrier(len(stores))

        def claim(
            i: int,
            token: str = token,
            barrier: threading.Barrier = barrier,
            results: list[str | None] = results,
        ) -> None:
            barrier.wait()
            results[i] = stores[i].claim(token, f"page-{i}", ttl=LONG_TTL)

        threads = [threading.Thread(target=claim, args=(i,)) for i in range(len(stores))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(10)
        winners = [i for i, held in enumerate(results) if held is None]
        assert len(winners) == 1, results
        assert all(held == f"page-{winners[0]}" for held in results if held is not None)


# ----------------------------------------------------------------------------- URLs
def test_open_store_accepts_each_documented_url_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    stores = [
        open_store("memory://"),
        open_store("sqlite:///relative/sessions.db"),
        open_store(f"sqlite:///{tmp_path}/abs/sessions.db"),
        open_store("redis://127.0.0.1:1/0"),  # no command is sent on open
        open_store("redis://localhost"),
        open_store("rediss://user:pw@example.invalid:6380/3"),
    ]
    assert (tmp_path / "relative" / "sessions.db").is_file()
    assert (tmp_path / "abs" / "sessions.db").is_file()
    assert [type(s).__name__ for s in stores] == [
        "MemoryStore",
        "SqliteStore",
        "SqliteStore",
        "RedisStore",
        "RedisStore",
        "RedisStore",
    ]
    for s in stores:
        s.close()


@pytest.mark.parametrize(
    "url",
    [
        "",
        "sessions.db",
        "memory:",
        "memory://somewhere",
        "postgres://localhost/db",
        "sqlite://",
        "sqlite:///",
        "sqlite://host/path.db",
        "sqlite:///sessions.db?mode=ro",
        "redis://",
        "redis://localhost:6379/zero",
        "redis://localhost:notaport/0",
        "redis://[::1/0",
    ],
)
def test_open_store_rejects_a_bad_url_naming_it_and_the_accepted_forms(url: str) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert repr(url) in message
    assert "memory://" in message and "sqlite:///" in message and "redis://" in message


def test_a_redis_password_never_shows_in_the_url_or_errors() -> None:
    store = open_store(f"redis://:hunter2@127.0.0.1:{free_port()}/0")
    assert "hunter2" not in store.url
    with pytest.raises(StoreError) as caught:
        store.load("tok")
    assert "hunter2" not in str(caught.value)
    store.close()
    with pytest.raises(StoreError) as caught:
        open_store("redis://:hunter2@localhost/x")
    assert "hunter2" not in str(caught.value)


def test_the_sqlite_store_makes_its_folder_and_a_private_file(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "sessions.db"
    store = open_store(f"sqlite:///{path}")
    store.save("tok", b"x", epoch=store.acquire("tok"), ttl=LONG_TTL)
    store.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_sqlite_store_refuses_a_file_from_a_newer_tidal(tmp_path: Path) -> None:
    path = tmp_path / "sessions.db"
    SqliteStore(path, "sqlite:///x").close()
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer tidal"):
        open_store(f"sqlite:///{path}")


def test_a_sqlite_file_that_is_not_a_database_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "sessions.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=str(path)):
        open_store(f"sqlite:///{path}")


# ----------------------------------------------------------------------------- Redis down
@pytest.mark.redis
def test_redis_stopped_mid_session_raises_store_error_quickly_and_recovers(
    private_redis_server: RedisServer,
) -> None:
    store = open_store(private_redis_server.url)
    epoch = store.acquire("tok")
    assert store.save("tok", b"data", epoch=epoch, ttl=LONG_TTL)
    private_redis_server.stop()
    for call in (
        lambda: store.load("tok"),
        lambda: store.save("tok", b"data", epoch=epoch, ttl=LONG_TTL),
        lambda: store.acquire("tok"),
    ):
        started = time.monotonic()
        with pytest.raises(StoreError, match=f"{private_redis_server.port}.*unavailable"):
            call()
        assert time.monotonic() - started < 3
    private_redis_server.start()  # same port, empty (no persistence)
    assert store.load("tok") is None
    again = store.acquire("tok")
    assert store.save("tok", b"back", epoch=again, ttl=LONG_TTL)
    assert store.load("tok").data == b"back"  # type: ignore[union-attr]
    store.close()


@pytest.mark.redis
def test_no_redis_listening_raises_store_error_quickly() -> None:
    store = open_store(f"redis://127.0.0.1:{free_port()}/0")
    started = time.monotonic()
    with pytest.raises(StoreError, match="is unavailable"):
        store.acquire("tok")
    assert time.monotonic() - started < 3
    store.close()
