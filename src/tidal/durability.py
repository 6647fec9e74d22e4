"""Durability: a session's document to the store after each run, and back on resume.

Owns the bridge between ``SessionState`` and a ``SessionStore``: snapshot -> codec -> store
with the session's lease epoch (so a process that lost the session can no longer write), the
load on resume, TTL touches, and the bookkeeping of what failed. Knows nothing about sockets
or threads: the session calls it from its worker, the server from its housekeeping.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Literal

from tidal.api.media_file import MediaFile, media_key
from tidal.codec import Codec, CodecError, Snapshot
from tidal.metrics import Metrics
from tidal.state import SessionState
from tidal.stores import SessionStore, Stored, StoreError, StoreFiles, files_beside
from tidal.tree import Node
from tidal.uploaded_file import FileInfo, from_refs, has_refs, to_refs

log = logging.getLogger("tidal.durability")

SaveOutcome = Literal["saved", "fenced", "failed"]
MEMORY_FILES_TTL = 30 * 86_400.0
"""Seconds an uploaded file may stay in memory: its session drops it long before."""


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What became of one save: the outcome, the keys left out, the lease epoch now held."""

    outcome: SaveOutcome
    not_durable: tuple[str, ...]
    epoch: int
    error: str = ""


class Durability:
    """Saves and loads session documents for one server process."""

    def __init__(
        self, store: SessionStore, codec: Codec, *, ttl: float, metrics: Metrics | None = None
    ) -> None:
        self.store = store
        self.codec = codec
        self.ttl = ttl
        self.metrics = metrics or Metrics()
        self.durable = not store.url.startswith("memory:")
        """False for ``memory://``: the process's own memory already holds every session."""
        self.files = files_beside(store)
        """Uploaded files, kept beside the documents and expiring with them."""

    @property
    def files_ttl(self) -> float:
        """How long an uploaded file lives unless touched: with a durable store, as long as
        the document; in memory, until its session leaves (``Sessions.expire`` drops them)."""
        return self.ttl if self.durable else MEMORY_FILES_TTL

    def files_of(self, token: str) -> StoreFiles:
        """One session's uploaded files."""
        return StoreFiles(self.files, token, self.files_ttl)

    def _timed(self, start: float) -> None:
        self.metrics.store_seconds.observe(time.perf_counter() - start)

    def acquire(self, token: str) -> int:
        """Take the session's lease in this process; 0 when the store is not durable."""
        if not self.durable:
            return 0
        start = time.perf_counter()
        try:
            return self.store.acquire(token)
        except StoreError as exc:
            log.error("could not take the lease of session %s: %s", token[:8], exc)
            return 0
        finally:
            self._timed(start)

    def save(
        self, token: str, state: SessionState, *, page: str, seq: int, epoch: int
    ) -> SaveResult:
        """Write the session's document with the lease ``epoch``.

        A refused write means another process took the session over (``fenced``) unless
        the store holds nothing for it at all (it was restarted empty, or the lease expired):
        then this process takes the lease again and writes (the result carries the epoch).
        """
        user, widgets, keys = state.snapshot_parts()
        # uploaded files: the document keeps their ids and metadata, the file store the bytes
        user = {k: to_refs(v) for k, v in user.items()}
        widgets = {k: to_refs(v) for k, v in widgets.items()}
        with_files = any(has_refs(v) for v in (*user.values(), *widgets.values()))
        encoded = self.codec.encode(Snapshot(user, widgets, keys, page, seq))
        start = time.perf_counter()
        try:
            ok = self.store.save(token, encoded.data, epoch=epoch, ttl=self.ttl)
            if not ok and self.store.load(token) is None:
                epoch = self.store.acquire(token)
                ok = self.store.save(token, encoded.data, epoch=epoch, ttl=self.ttl)
        except StoreError as exc:
            self.metrics.inc("tidal_store_errors_total", "Failed session store operations.")
            return SaveResult("failed", encoded.not_durable, epoch, str(exc))
        finally:
            self._timed(start)
        if not ok:
            return SaveResult("fenced", encoded.not_durable, epoch)
        if with_files:
            try:
                self.files.touch(token, ttl=self.ttl)
            except StoreError as exc:
                log.warning("could not extend the files of session %s: %s", token[:8], exc)
        self.metrics.snapshot_bytes.observe(len(encoded.data))
        return SaveResult("saved", encoded.not_durable, epoch)

    def fetch(self, token: str) -> Stored | None:
        """The stored bytes and lease epoch of a session, or None (unknown, expired, or the
        store is unreachable: logged, and the tab starts afresh)."""
        if not self.durable:
            return None
        start = time.perf_counter()
        try:
            return self.store.load(token)
        except StoreError as exc:
            log.error("could not load session %s: %s", token[:8], exc)
            return None
        finally:
            self._timed(start)

    def decode(self, token: str, stored: Stored) -> Snapshot | None:
        """The document in ``stored``, or None when it cannot be read (logged)."""
        try:
            snapshot = self.codec.decode(stored.data)
        except CodecError as exc:
            log.error("refused the stored document of session %s: %s", token[:8], exc)
            return None
        values = (*snapshot.user.values(), *snapshot.widgets.values())
        if not any(has_refs(v) for v in values):
            return snapshot
        files = self.files_of(token)
        try:
            user = {k: from_refs(v, files) for k, v in snapshot.user.items()}
            widgets = {k: from_refs(v, files) for k, v in snapshot.widgets.items()}
        except StoreError as exc:
            log.error("could not load the files of session %s: %s", token[:8], exc)
            return snapshot
        return Snapshot(user, widgets, snapshot.keys, snapshot.page, snapshot.seq)

    def publish_media(self, token: str, roots: list[Node], published: set[str]) -> None:
        """Put the media a session's page shows into the file store (once each), so that
        any replica can serve them: a load balancer may send the browser's media requests
        to another process than its websocket. ``published`` remembers what went already."""
        key = media_key(token)
        stack = list(roots)
        while stack:
            node = stack.pop()
            if node.children:
                stack.extend(node.children)
            if not isinstance(node.extra, dict):
                continue
            for mid, media in node.extra.items():
                if mid in published or not isinstance(media, MediaFile):
                    continue
                if not isinstance(media.data, bytes):
                    continue  # made on request: only the replica holding the session can
                info = FileInfo(mid, media.file_name or "", media.mime, len(media.data), "")
                try:
                    self.files.put(key, info, [media.data], ttl=self.ttl)
                except StoreError as exc:
                    log.warning("could not publish media of session %s: %s", token[:8], exc)
                    return
                published.add(mid)

    def touch(self, token: str) -> None:
        """Keep a live session from expiring in the store."""
        if self.durable:
            try:
                self.store.touch(token, ttl=self.ttl)
                self.files.touch(token, ttl=self.ttl)
                self.files.touch(media_key(token), ttl=self.ttl)
            except StoreError as exc:
                log.warning("could not extend session %s: %s", token[:8], exc)
