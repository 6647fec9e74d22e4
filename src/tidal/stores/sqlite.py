"""``sqlite:///path.db``: sessions in one SQLite file on this host.

Owns the SQLite back end of the store contract: the table schema, WAL mode and the single
statements that make saves fenced and atomic, so that several worker processes on one host can
share the file. Survives restarts. Knows nothing about what the bytes mean.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from tidal.stores.base import LEASE_TTL, Stored, StoreError, check_ttl

__all__ = ["SqliteStore"]

BUSY_TIMEOUT = 5.0
"""Seconds a statement waits for another process's write lock before failing."""

_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS tidal_sessions (
    token       TEXT PRIMARY KEY,
    epoch       INTEGER NOT NULL,
    lease_until REAL NOT NULL,
    data        BLOB,
    data_until  REAL NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS tidal_sessions_lease ON tidal_sessions (lease_until);
CREATE TABLE IF NOT EXISTS tidal_epoch (
    id   INTEGER PRIMARY KEY CHECK (id = 0),
    last INTEGER NOT NULL
);
INSERT OR IGNORE INTO tidal_epoch (id, last) VALUES (0, 0);
CREATE TABLE IF NOT EXISTS tidal_presence (
    token TEXT PRIMARY KEY,
    nonce TEXT NOT NULL,
    until REAL NOT NULL
);
"""
# Invariant: data_until <= lease_until. A row whose lease expired is dead (its data too).
_LOAD = """
SELECT data, epoch FROM tidal_sessions
WHERE token = ? AND data IS NOT NULL AND data_until > ? AND lease_until > ?
"""
_SAVE = """
UPDATE tidal_sessions SET data = ?, data_until = ?, lease_until = ?
WHERE token = ? AND epoch = ? AND lease_until > ?
"""
_NEXT_EPOCH = "UPDATE tidal_epoch SET last = last + 1 WHERE id = 0 RETURNING last"
_ACQUIRE = """
INSERT INTO tidal_sessions (token, epoch, lease_until) VALUES (:token, :epoch, :lease)
ON CONFLICT (token) DO UPDATE SET
    epoch = excluded.epoch,
    data = CASE WHEN lease_until > :now THEN data END,
    data_until = CASE WHEN lease_until > :now THEN data_until ELSE 0 END,
    lease_until = MAX(excluded.lease_until,
                      CASE WHEN lease_until > :now THEN lease_until ELSE 0 END)
"""
_TOUCH = """
UPDATE tidal_sessions SET
    data_until = CASE WHEN data IS NOT NULL AND data_until > :now THEN :until
                 ELSE data_until END,
    lease_until = MAX(lease_until, :until)
WHERE token = :token AND lease_until > :now
"""
_CLAIM = """
INSERT INTO tidal_presence (token, nonce, until) VALUES (:token, :nonce, :until)
ON CONFLICT (token) DO UPDATE SET nonce = excluded.nonce, until = excluded.until
WHERE tidal_presence.nonce = excluded.nonce OR tidal_presence.until <= :now
"""
_HOLDER = "SELECT nonce FROM tidal_presence WHERE token = ?"
_RELEASE = "DELETE FROM tidal_presence WHERE token = ? AND nonce = ?"
_PURGE_PRESENCE = "DELETE FROM tidal_presence WHERE until <= ?"
_PURGE_DATA = "UPDATE tidal_sessions SET data = NULL WHERE data IS NOT NULL AND data_until <= ?"
_PURGE_ROWS = "DELETE FROM tidal_sessions WHERE lease_until <= ?"
_COUNT = "SELECT COUNT(*) FROM tidal_sessions WHERE data IS NOT NULL AND data_until > ?"


class SqliteStore:
    """The ``sqlite:///`` store: one connection per store object, shared under a lock.

    Statements run in autocommit mode; each write is one statement, or one ``BEGIN
    IMMEDIATE`` transaction where it takes two, so concurrent processes never interleave.
    """

    def __init__(self, path: Path, url: str) -> None:
        self.url = url
        self.path = path
        """The database file (uploaded files are kept in it too: ``files_sqlite.py``)."""
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Session data is private: create the file owner-only (SQLite's -wal and -shm
            # files copy its permissions).
            os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
            self._db = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"Cannot open the SQLite session store {url}: {exc}") from exc
        try:
            self._set_up()
        except BaseException:
            self._db.close()
            raise

    def _set_up(self) -> None:
        url = self.url
        with self._guard():
            self._db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            with self._transaction():
                version = self._db.execute("PRAGMA user_version").fetchone()[0]
                if version > _SCHEMA_VERSION:
                    raise StoreError(
                        f"The SQLite session store {url} has schema version {version}, made by "
                        f"a newer tidal (this one knows {_SCHEMA_VERSION}). Upgrade tidal or "
                        "use another file."
                    )
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        with self._lock:
            try:
                yield
            except sqlite3.Error as exc:
                raise StoreError(f"The SQLite session store {self.url} failed: {exc}") from exc

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def load(self, token: str) -> Stored | None:
        now = time.time()
        with self._guard():
            row = self._db.execute(_LOAD, (token, now, now)).fetchone()
        return None if row is None else Stored(bytes(row[0]), int(row[1]))

    def save(self, token: str, data: bytes, *, epoch: int, ttl: float) -> bool:
        ttl = check_ttl(ttl)
        now = time.time()
        until = now + ttl
        with self._guard():
            cursor = self._db.execute(_SAVE, (bytes(data), until, until, token, epoch, now))
        return cursor.rowcount == 1

    def acquire(self, token: str) -> int:
        now = time.time()
        with self._guard(), self._transaction():
            epoch = int(self._db.execute(_NEXT_EPOCH).fetchall()[0][0])
            params = {"token": token, "epoch": epoch, "lease": now + LEASE_TTL, "now": now}
            self._db.execute(_ACQUIRE, params)
        return epoch

    def delete(self, token: str) -> None:
        with self._guard():
            self._db.execute("DELETE FROM tidal_sessions WHERE token = ?", (token,))

    def touch(self, token: str, *, ttl: float) -> None:
        ttl = check_ttl(ttl)
        now = time.time()
        with self._guard():
            self._db.execute(_TOUCH, {"token": token, "now": now, "until": now + ttl})

    def purge_expired(self) -> int:
        now = time.time()
        with self._guard(), self._transaction():
            purged = self._db.execute(_PURGE_DATA, (now,)).rowcount
            self._db.execute(_PURGE_ROWS, (now,))
            self._db.execute(_PURGE_PRESENCE, (now,))
        return int(purged)

    def claim(self, token: str, nonce: str, *, ttl: float) -> str | None:
        ttl = check_ttl(ttl)
        now = time.time()
        params = {"token": token, "nonce": nonce, "until": now + ttl, "now": now}
        with self._guard(), self._transaction():
            if self._db.execute(_CLAIM, params).rowcount == 1:
                return None
            row = self._db.execute(_HOLDER, (token,)).fetchone()
        return None if row is None else str(row[0])

    def release(self, token: str, nonce: str) -> None:
        with self._guard():
            self._db.execute(_RELEASE, (token, nonce))

    def count(self) -> int:
        with self._guard():
            return int(self._db.execute(_COUNT, (time.time(),)).fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()
