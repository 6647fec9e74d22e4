"""File stores: where uploaded files live, beside the session documents.

Owns the :class:`FileStore` contract, its in-memory twin, :class:`StoreFiles` (one session's
view of a store, what a run reaches through ``SessionState.files``). ``files_beside`` (in
``tidal.stores``) picks the file store that matches a session store: files in memory for
``memory://``, in the same SQLite file for ``sqlite:///``, in the same Redis for ``redis://``.
Knows nothing about HTTP, widgets or what the bytes mean.

Rules every file store follows (``tests/test_file_stores.py`` is the contract suite):

* Files belong to a session token; a file id is unique within it. ``get`` with another
  session's token finds nothing.
* Files expire ``ttl`` seconds after their ``put`` or the session's latest ``touch``: the
  session document and its files are kept alive together, and go together.
* ``put`` takes the bytes as chunks and never needs them whole in memory (SQLite writes an
  incremental blob, Redis appends), except in the memory store, which is memory.
* Names are metadata only: nothing is ever created on disk under a name a browser sent.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from tidal.stores.base import check_ttl
from tidal.uploaded_file import FileInfo

__all__ = ["FileStore", "MemoryFileStore", "StoreFiles", "new_file_id"]


def new_file_id() -> str:
    """A random, unguessable file id."""
    return secrets.token_urlsafe(18)


class FileStore(Protocol):
    """Uploaded files by session token and file id."""

    def put(self, token: str, info: FileInfo, chunks: Iterable[bytes], *, ttl: float) -> None:
        """Keep a file of ``info.size`` bytes, given as chunks, for ``ttl`` seconds.

        Raises:
            StoreError: the store is unreachable.
            ValueError: the chunks do not add up to ``info.size`` bytes.
        """
        ...

    def get(self, token: str, file_id: str) -> tuple[FileInfo, bytes] | None:
        """The file's metadata and bytes, or None (unknown, another session's, expired)."""
        ...

    def delete(self, token: str, file_id: str) -> bool:
        """Forget one file; False when there was no such file."""
        ...

    def touch(self, token: str, *, ttl: float) -> None:
        """Set every file of the session to expire ``ttl`` seconds from now."""
        ...

    def drop(self, token: str) -> None:
        """Forget every file of the session."""
        ...

    def usage(self) -> int:
        """Bytes held by live files (for metrics, tests and docs/deploy.md)."""
        ...

    def close(self) -> None:
        """Release connections; the store is not used afterwards."""
        ...


@dataclass(slots=True)
class _Session:
    until: float
    files: dict[str, tuple[FileInfo, bytearray]] = field(default_factory=dict)


class MemoryFileStore:
    """Files in this process's memory (the twin of ``memory://``)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sessions: dict[str, _Session] = {}

    def _live(self, token: str, now: float) -> _Session | None:
        held = self._sessions.get(token)
        if held is not None and held.until <= now:
            del self._sessions[token]
            return None
        return held

    def _purge(self, now: float) -> None:
        for token in [t for t, s in self._sessions.items() if s.until <= now]:
            del self._sessions[token]

    def put(self, token: str, info: FileInfo, chunks: Iterable[bytes], *, ttl: float) -> None:
        ttl = check_ttl(ttl)
        # filled in place: the file is in memory once, never twice while it arrives
        data = bytearray(info.size)
        view, at = memoryview(data), 0
        for chunk in chunks:
            if at + len(chunk) > info.size:
                raise ValueError(f"file {info.file_id}: more than {info.size} bytes")
            view[at : at + len(chunk)] = chunk
            at += len(chunk)
        view.release()
        if at != info.size:
            raise ValueError(f"file {info.file_id}: got {at} bytes, expected {info.size}")
        with self._lock:
            now = time.monotonic()
            self._purge(now)
            held = self._sessions.setdefault(token, _Session(now + ttl))
            held.until = max(held.until, now + ttl)
            held.files[info.file_id] = (info, data)

    def get(self, token: str, file_id: str) -> tuple[FileInfo, bytes] | None:
        with self._lock:
            held = self._live(token, time.monotonic())
            found = None if held is None else held.files.get(file_id)
        return None if found is None else (found[0], bytes(found[1]))

    def delete(self, token: str, file_id: str) -> bool:
        with self._lock:
            held = self._live(token, time.monotonic())
            return held is not None and held.files.pop(file_id, None) is not None

    def touch(self, token: str, *, ttl: float) -> None:
        ttl = check_ttl(ttl)
        with self._lock:
            now = time.monotonic()
            held = self._live(token, now)
            if held is not None:
                held.until = now + ttl

    def drop(self, token: str) -> None:
        with self._lock:
            self._sessions.pop(token, None)

    def usage(self) -> int:
        with self._lock:
            self._purge(time.monotonic())
            return sum(i.size for s in self._sessions.values() for i, _ in s.files.values())

    def close(self) -> None:
        with self._lock:
            self._sessions.clear()


class StoreFiles:
    """One session's files in a ``FileStore`` (``SessionState.files`` of a live session)."""

    __slots__ = ("store", "token", "ttl")

    def __init__(self, store: FileStore, token: str, ttl: float) -> None:
        self.store = store
        self.token = token
        self.ttl = ttl

    def get(self, file_id: str) -> tuple[FileInfo, bytes] | None:
        """The file's metadata and bytes, or None."""
        return self.store.get(self.token, file_id)

    def add(self, name: str, type: str, data: bytes, widget: str) -> FileInfo:
        """Keep ``data`` as a new file of ``widget`` (AppTest's uploads and tests)."""
        info = FileInfo(new_file_id(), name, type, len(data), widget)
        self.store.put(self.token, info, [data], ttl=self.ttl)
        return info
