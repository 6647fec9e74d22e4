"""Uploaded files in the SQLite session file (the file store beside ``sqlite:///``).

Owns the ``tidal_files`` table and its statements. Bytes are written through SQLite's
incremental blob I/O, chunk by chunk, so an upload never has to be whole in memory; a file is
invisible until its last chunk is written. Rows expire with their session (``touch``) and are
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

_SCHEMA = """
CREATE TABLE IF NOT EXISTS tidal_files (
    token    TEXT NOT NULL,
    file_id  TEXT NOT NULL,
    name     TEXT NOT NULL,
    type     TEXT NOT NULL,
    size     INTEGER NOT NULL,
    widget   TEXT NOT NULL,
    data     BLOB NOT NULL,
    complete INTEGER NOT NULL DEFAULT 0,
    until    REAL NOT NULL,
    PRIMARY KEY (token, file_id)
);
CREATE INDEX IF NOT EXISTS tidal_files_until ON tidal_files (until)
"""
_INSERT = """
INSERT OR REPLACE INTO tidal_files (token, file_id, name, type, size, widget, data, until)
VALUES (?, ?, ?, ?, ?, ?, zeroblob(?), ?) RETURNING rowid
"""
_GET = """
SELECT name, type, size, widget, data FROM tidal_files
WHERE token = ? AND file_id = ? AND complete = 1 AND until > ?
"""


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
            db.execute("DELETE FROM tidal_files WHERE until <= ?", (now,))

    def put(self, token: str, info: FileInfo, chunks: Iterable[bytes], *, ttl: float) -> None:
        ttl = check_ttl(ttl)
        now = time.time()
        row = (token, info.file_id, info.name, info.type, info.size, info.widget)
        with self._guard() as db:
            self._maybe_purge(db, now)
            rowid = db.execute(_INSERT, (*row, info.size, now + WRITE_WINDOW)).fetchone()[0]
        written = 0
        try:
            for chunk in chunks:
                if written + len(chunk) > info.size:
                    raise ValueError(f"file {info.file_id}: more than {info.size} bytes")
                with self._guard() as db, db.blobopen("tidal_files", "data", rowid) as blob:
                    blob.seek(written)
                    blob.write(chunk)
                written += len(chunk)
            if written != info.size:
                raise ValueError(f"file {info.file_id}: got {written} bytes of {info.size}")
        except BaseException:
            with self._guard() as db:
                db.execute("DELETE FROM tidal_files WHERE rowid = ?", (rowid,))
            raise
        with self._guard() as db:
            db.execute(
                "UPDATE tidal_files SET complete = 1, until = ? WHERE rowid = ?",
                (time.time() + ttl, rowid),
            )

    def get(self, token: str, file_id: str) -> tuple[FileInfo, bytes] | None:
        with self._guard() as db:
            row = db.execute(_GET, (token, file_id, time.time())).fetchone()
        if row is None:
            return None
        name, type_, size, widget, data = row
        return FileInfo(file_id, name, type_, int(size), widget), bytes(data)

    def delete(self, token: str, file_id: str) -> bool:
        with self._guard() as db:
            cursor = db.execute(
                "DELETE FROM tidal_files WHERE token = ? AND file_id = ? AND complete = 1",
                (token, file_id),
            )
        return cursor.rowcount == 1

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
