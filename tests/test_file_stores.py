"""The file store contract, run against memory, SQLite and a real redis-server."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests.fixtures.redis import redis_server  # noqa: F401
from tidal.stores import FileStore, SessionStore, files_beside, open_store
from tidal.stores.files import StoreFiles
from tidal.uploaded_file import FileInfo

LONG_TTL = 60.0
SHORT_TTL = 0.2


@pytest.fixture(params=["memory", "sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "memory":
        return "memory://"
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'sessions.db'}"
    found: str = request.getfixturevalue("redis_server")
    with redis.Redis.from_url(found) as client:
        client.flushdb()
    return found


@pytest.fixture
def sessions(url: str) -> Iterator[SessionStore]:
    store = open_store(url)
    yield store
    store.close()


@pytest.fixture
def files(sessions: SessionStore) -> Iterator[FileStore]:
    store = files_beside(sessions)
    yield store
    store.close()


def info(file_id: str = "f" * 24, size: int = 6, name: str = "a.csv") -> FileInfo:
    return FileInfo(file_id, name, "text/csv", size, "$$ID-w-up")


def test_a_file_put_in_chunks_comes_back_whole_with_its_metadata(files: FileStore) -> None:
    files.put("tok", info(), [b"a,b", b"\n1,2"[:3]], ttl=LONG_TTL)
    got = files.get("tok", "f" * 24)
    assert got == (info(), b"a,b\n1,")


def test_another_session_cannot_read_a_file(files: FileStore) -> None:
    files.put("tok", info(), [b"secret"], ttl=LONG_TTL)
    assert files.get("other", "f" * 24) is None


def test_an_unknown_id_finds_nothing(files: FileStore) -> None:
    assert files.get("tok", "g" * 24) is None


def test_chunks_that_do_not_add_up_store_nothing(files: FileStore) -> None:
    with pytest.raises(ValueError):
        files.put("tok", info(size=10), [b"short"], ttl=LONG_TTL)
    with pytest.raises(ValueError):
        files.put("tok", info(size=2), [b"too long"], ttl=LONG_TTL)
    assert files.get("tok", "f" * 24) is None
    assert files.usage() == 0


def test_an_empty_file_is_kept(files: FileStore) -> None:
    files.put("tok", info(size=0), [], ttl=LONG_TTL)
    assert files.get("tok", "f" * 24) == (info(size=0), b"")


def test_a_deleted_file_is_gone_and_its_neighbours_stay(files: FileStore) -> None:
    files.put("tok", info("a" * 24), [b"aaaaaa"], ttl=LONG_TTL)
    files.put("tok", info("b" * 24), [b"bbbbbb"], ttl=LONG_TTL)
    assert files.delete("tok", "a" * 24)
    assert not files.delete("tok", "a" * 24)
    assert files.get("tok", "a" * 24) is None
    assert files.get("tok", "b" * 24) is not None


def test_files_expire_with_their_session_unless_touched(files: FileStore) -> None:
    files.put("old", info(), [b"oooooo"], ttl=SHORT_TTL)
    files.put("live", info(), [b"llllll"], ttl=SHORT_TTL)
    files.touch("live", ttl=LONG_TTL)  # the session is still in use: its files live on
    deadline = time.monotonic() + 5
    while files.get("old", "f" * 24) is not None:
        assert time.monotonic() < deadline, "a file outlived its session"
        time.sleep(0.02)
    assert files.get("live", "f" * 24) is not None


def test_dropping_a_session_forgets_all_its_files(files: FileStore) -> None:
    files.put("tok", info("a" * 24), [b"aaaaaa"], ttl=LONG_TTL)
    files.put("tok", info("b" * 24), [b"bbbbbb"], ttl=LONG_TTL)
    files.drop("tok")
    assert files.get("tok", "a" * 24) is None
    assert files.usage() == 0


def test_usage_counts_the_bytes_of_live_files(files: FileStore) -> None:
    files.put("t1", info("a" * 24, size=3), [b"abc"], ttl=LONG_TTL)
    files.put("t2", info("b" * 24, size=4), [b"abcd"], ttl=LONG_TTL)
    assert files.usage() == 7


def test_a_session_view_adds_files_with_fresh_random_ids(files: FileStore) -> None:
    view = StoreFiles(files, "tok", LONG_TTL)
    one = view.add("x.txt", "text/plain", b"hello", "$$ID-w-up")
    two = view.add("x.txt", "text/plain", b"hello", "$$ID-w-up")
    assert one.file_id != two.file_id
    assert view.get(one.file_id) == (one, b"hello")


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def test_a_second_store_object_on_the_same_data_sees_the_files(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if kind == "sqlite":
        where = f"sqlite:///{tmp_path / 's.db'}"
    else:
        where = request.getfixturevalue("redis_server")
    first, second = open_store(where), open_store(where)
    try:
        files_beside(first).put("tok", info(), [b"shared"], ttl=LONG_TTL)
        assert files_beside(second).get("tok", "f" * 24) == (info(), b"shared")
    finally:
        first.close()
        second.close()


def test_names_are_never_paths_on_disk(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    try:
        before = sorted(p.name for p in tmp_path.iterdir())
        files_beside(store).put("tok", info(name="../../etc/evil.sh"), [b"rm -rf"], ttl=LONG_TTL)
        after = sorted(p.name for p in tmp_path.iterdir())
        assert after == before
        assert not (tmp_path.parent / "evil.sh").exists()
    finally:
        store.close()
