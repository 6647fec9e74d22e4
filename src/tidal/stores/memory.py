"""``memory://``: sessions in this process's memory.

Owns the in-memory twin of the store contract: dicts behind one lock, monotonic clock. Survives
a page refresh and a reconnect, not a restart. Knows nothing about what the bytes mean.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from tidal.stores.base import LEASE_TTL, Stored, check_ttl

__all__ = ["MemoryStore"]


@dataclass(slots=True)
class _Record:
    epoch: int
    lease_until: float
    data: bytes | None = None
    data_until: float = 0.0  # always <= lease_until


class MemoryStore:
    """The ``memory://`` store: thread-safe, process-local."""

    def __init__(self, url: str = "memory://") -> None:
        self.url = url
        self._lock = threading.Lock()
        self._records: dict[str, _Record] = {}
        self._last_epoch = 0
        self._claims: dict[str, tuple[str, float]] = {}  # token -> (nonce, until)

    def _live(self, token: str, now: float) -> _Record | None:
        record = self._records.get(token)
        if record is None or record.lease_until <= now:
            return None
        return record

    def load(self, token: str) -> Stored | None:
        with self._lock:
            now = time.monotonic()
            record = self._live(token, now)
            if record is None or record.data is None or record.data_until <= now:
                return None
            return Stored(record.data, record.epoch)

    def save(self, token: str, data: bytes, *, epoch: int, ttl: float) -> bool:
        ttl = check_ttl(ttl)
        with self._lock:
            now = time.monotonic()
            record = self._live(token, now)
            if record is None or record.epoch != epoch:
                return False
            record.data = bytes(data)
            record.data_until = record.lease_until = now + ttl
            return True

    def acquire(self, token: str) -> int:
        with self._lock:
            now = time.monotonic()
            self._last_epoch += 1
            record = self._live(token, now)
            if record is None:
                self._records[token] = _Record(self._last_epoch, now + LEASE_TTL)
            else:
                record.epoch = self._last_epoch
                record.lease_until = max(record.lease_until, now + LEASE_TTL)
            return self._last_epoch

    def delete(self, token: str) -> None:
        with self._lock:
            self._records.pop(token, None)

    def touch(self, token: str, *, ttl: float) -> None:
        ttl = check_ttl(ttl)
        with self._lock:
            now = time.monotonic()
            record = self._live(token, now)
            if record is None:
                return
            if record.data is not None and record.data_until > now:
                record.data_until = now + ttl
            record.lease_until = max(record.lease_until, now + ttl)

    def purge_expired(self) -> int:
        with self._lock:
            now = time.monotonic()
            purged = 0
            for token, (_, until) in list(self._claims.items()):
                if until <= now:
                    del self._claims[token]
            for token, record in list(self._records.items()):
                if record.data is not None and record.data_until <= now:
                    record.data = None
                    purged += 1
                if record.lease_until <= now:
                    del self._records[token]
            return purged

    def count(self) -> int:
        with self._lock:
            now = time.monotonic()
            return sum(
                1
                for r in self._records.values()
                if r.data is not None and r.data_until > now and r.lease_until > now
            )

    def claim(self, token: str, nonce: str, *, ttl: float) -> str | None:
        ttl = check_ttl(ttl)
        with self._lock:
            now = time.monotonic()
            held = self._claims.get(token)
            if held is not None and held[0] != nonce and held[1] > now:
                return held[0]
            self._claims[token] = (nonce, now + ttl)
            return None

    def release(self, token: str, nonce: str) -> None:
        with self._lock:
            held = self._claims.get(token)
            if held is not None and held[0] == nonce:
                del self._claims[token]

    def close(self) -> None:
        with self._lock:
            self._records.clear()
            self._claims.clear()
