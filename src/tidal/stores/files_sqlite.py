"""Uploaded files in the SQLite session file (the file store beside ``sqlite:///``).

Owns the ``tidal_files`` (metadata) and ``tidal_file_chunks`` (1 MiB rows of bytes) tables
and their statements. Bytes are written a few rows per transaction, so an upload is never
whole in memory and session saves never wait long; a file is invisible until its last row is
written. Rows expire with their session (``touch``) and are
deleted at most every ``PURGE_INTERVAL`` seconds. Knows nothing about what the bytes mean.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from tidal.stores.base import StoreError, check_ttl
from tidal.uploaded_file import FileInfo

__all__ = ["SqliteFileStore"]

BUSY_TIMEOUT = 5.0
PURGE_INTERVAL = 60.0
WRITE_WINDOW = 3600.0
"""Seconds a file being written may take before its unfinished row counts as expired."""
ROW_BYTES = 1 << 20
"""Bytes per chunk row: large enough for few rows, small enough to never hold a file whole."""
ROWS_PER_COMMIT = 8
"""Chunk rows written per transaction: other writers (session saves) wait at most that long."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS tidal_files (
    token    TEXT NOT NULL,
    file_id  TEXT NOT NULL,
    name     TEXT NOT NULL,
    type     TEXT NOT NULL,
    size     INTEGER NOT NULL,
    widget   TEXT NOT NULL,
    complete INTEGER NOT NULL DEFAULT 0,
    until    REAL NOT NULL,
    PRIMARY KEY (token, file_id)
);
CREATE INDEX IF NOT EXISTS tidal_files_until ON tidal_files (until);
CREATE TABLE IF NOT EXISTS tidal_file_chunks (
    token   TEXT NOT NULL,
    file_id TEXT NOT NULL,
    n       INTEGER NOT NULL,
    data    BLOB NOT NULL,
    PRIMARY KEY (token, file_id, n)
)
"""
_INSERT = """
INSERT OR REPLACE INTO tidal_files (token, file_id, name, type, size, widget, until)
VALUES (?, ?, ?, ?, ?, ?, ?)
"""
_GET = """
SELECT name, type, size, widget FROM tidal_files
WHERE token = ? AND file_id = ? AND complete = 1 AND until > ?
"""
_PURGE_CHUNKS = """
DELETE FROM tidal_file_chunks WHERE (token, file_id) IN
    (SELECT token, file_id FROM tidal_files WHERE until <= ?)
"""


def _rows(chunks: Iterable[bytes], size: int) -> Iterator[bytes]:
    """The chunks regrouped into rows of ``ROW_BYTES`` (the last one shorter)."""
    buf = bytearray()
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > size:
            raise ValueError(f"more than {size} bytes")
        buf += chunk
        while len(buf) >= ROW_BYTES:
            yield bytes(buf[:ROW_BYTES])
            del buf[:ROW_BYTES]
    if total != size:
        raise ValueError(f"got {total} bytes of {size}")
    if buf:
        yield bytes(buf)


class SqliteFileStore:
    """Files in a SQLite database file, shared by the processes of one host."""

    def __init__(self, path: Path, url: str) -> None:
        self.url = url
        self._lock = threading.Lock()
        self._next_purge = 0.0
        try:
            self._db = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
            )
            self._db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
            for statement in _SCHEMA.split(";"):
                self._db.execute(statement)
        except sqlite3.Error as exc:
            raise StoreError(f"Cannot keep uploaded files in {url}: {exc}") from exc

    @contextlib.contextmanager
    def _guard(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._db
            except sqlite3.Error as exc:
                raise StoreError(f"The SQLite file store {self.url} failed: {exc}") from exc

    def _maybe_purge(self, db: sqlite3.Connection, now: float) -> None:
        if now >= self._next_purge:
            self._next_purge = now + PURGE_INTERVAL
            db.execute(_PURGE_CHUNKS, (now,))
            db.execute("DELETE FROM tidal_files WHERE until <= ?", (now,))

    def _forget(self, db: sqlite3.Connection, token: str, file_id: str) -> int:
        db.execute(
            "DELETE FROM tidal_file_chunks WHERE token = ? AND file_id = ?", (token, file_id)
        )
        return db.execute(
            "DELETE FROM tidal_files WHERE token = ? AND file_id = ?", (token, file_id)
        ).rowcount

    def put(self, token: str, info: FileInfo, chunks: Iterable[bytes], *, ttl: float) -> None:
        ttl = check_ttl(ttl)
        now = time.time()
        row = (token, info.file_id, info.name, info.type, info.size, info.widget)
        with self._guard() as db:
            self._maybe_purge(db, now)
            self._forget(db, token, info.file_id)
            db.execute(_INSERT, (*row, now + WRITE_WINDOW))
        insert = "INSERT INTO tidal_file_chunks (token, file_id, n, data) VALUES (?, ?, ?, ?)"
        try:
            rows = _rows(chunks, info.size)
            n = 0
            while True:
                batch = [
                    (token, info.file_id, n + i, data)
                    for i, data in zip(range(ROWS_PER_COMMIT), rows, strict=False)
                ]
                if not batch:
                    break
                with self._guard() as db, self._transaction(db):
                    db.executemany(insert, batch)
                n += len(batch)
        except BaseException as exc:
            with self._guard() as db:
                self._forget(db, token, info.file_id)
            if isinstance(exc, ValueError):
                raise ValueError(f"file {info.file_id}: {exc}") from None
            raise
        with self._guard() as db:
            db.execute(
                "UPDATE tidal_files SET complete = 1, until = ? WHERE token = ? AND file_id = ?",
                (time.time() + ttl, token, info.file_id),
            )

    @staticmethod
    @contextlib.contextmanager
    def _transaction(db: sqlite3.Connection) -> Iterator[None]:
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def get(self, token: str, file_id: str) -> tuple[FileInfo, bytes] | None:
        with self._guard() as db:
            row = db.execute(_GET, (token, file_id, time.time())).fetchone()
            if row is None:
                return None
            parts = db.execute(
                "SELECT data FROM tidal_file_chunks WHERE token = ? AND file_id = ? ORDER BY n",
                (token, file_id),
            ).fetchall()
        name, type_, size, widget = row
        return FileInfo(file_id, name, type_, int(size), widget), b"".join(p[0] for p in parts)

    def delete(self, token: str, file_id: str) -> bool:
        with self._guard() as db:
            return self._forget(db, token, file_id) == 1

    def touch(self, token: str, *, ttl: float) -> None:
        ttl = check_ttl(ttl)
        now = time.time()
        with self._guard() as db:
            self._maybe_purge(db, now)
            db.execute(
                "UPDATE tidal_files SET until = ? WHERE token = ? AND complete = 1 AND until > ?",
                (now + ttl, token, now),
            )

    def drop(self, token: str) -> None:
        with self._guard() as db:
            db.execute("DELETE FROM tidal_file_chunks WHERE token = ?", (token,))
            db.execute("DELETE FROM tidal_files WHERE token = ?", (token,))

    def usage(self) -> int:
        with self._guard() as db:
            row = db.execute(
                "SELECT COALESCE(SUM(size), 0) FROM tidal_files WHERE complete = 1 AND until > ?",
                (time.time(),),
            ).fetchone()
        return int(row[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()
