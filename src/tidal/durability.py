"""Durability: a session's document to the store after each run, and back on resume.

Owns the bridge between ``SessionState`` and a ``SessionStore``: snapshot -> codec (in the
session's worker) -> the :class:`Saver` thread -> store with the session's lease epoch (so a
process that lost the session can no longer write), the load on resume, TTL touches, the
store's health (a :class:`Breaker`: after a failure, calls fail at once for a while instead of
waiting for a hung store) and the bookkeeping of what failed. Knows nothing about sockets.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import time
from collections.abc import Callable
from typing import TypeVar

from tidal.breaker import Breaker
from tidal.codec import Codec, CodecError, Encoded, Snapshot
from tidal.media_file import MediaFile, media_key
from tidal.metrics import Metrics
from tidal.saver import SaveOutcome as SaveOutcome
from tidal.saver import Saver
from tidal.saver import SaveResult as SaveResult
from tidal.state import SessionState
from tidal.stores import (
    PRESENCE_TTL,
    SessionStore,
    Stored,
    StoreError,
    StoreFiles,
    files_beside,
)
from tidal.tree import Node
from tidal.uploaded_file import FileInfo, from_refs, has_refs, to_refs

log = logging.getLogger("tidal.durability")

T = TypeVar("T")
_PROBE = "tidal-health-probe"
"""A token no session has: loading it is the cheapest question a store can answer."""
SETTLE_SECONDS = 2.0
"""How long reading a session back waits for its own document still being written behind."""
MEMORY_FILES_TTL = 30 * 86_400.0
"""Seconds an uploaded file may stay in memory: its session drops it long before."""


class Durability:
    """Saves and loads session documents for one server process."""

    def __init__(
        self,
        store: SessionStore,
        codec: Codec,
        *,
        ttl: float,
        metrics: Metrics | None = None,
        breaker: Breaker | None = None,
    ) -> None:
        self.store = store
        self.codec = codec
        self.ttl = ttl
        self.metrics = metrics or Metrics()
        self.durable = not store.url.startswith("memory:")
        """False for ``memory://``: the process's own memory already holds every session."""
        self.breaker = breaker or Breaker()
        self.saver = Saver(self.write, self._release, self.breaker)
        """Writes documents off the script workers (write-behind)."""
        self.files = files_beside(store)
        """Uploaded files, kept beside the documents and expiring with them."""
        self._with_files: set[str] = set()
        """Sessions whose last document refers to uploaded files (their TTL follows it)."""

    @property
    def files_ttl(self) -> float:
        """How long an uploaded file lives unless touched: with a durable store, as long as
        the document; in memory, until its session leaves (``Sessions.expire`` drops them)."""
        return self.ttl if self.durable else MEMORY_FILES_TTL

    def files_of(self, token: str) -> StoreFiles:
        """One session's uploaded files."""
        return StoreFiles(self.files, token, self.files_ttl)

    def _call(self, what: Callable[[], T]) -> T:
        """One store call, timed, through the breaker: fails at once (StoreError) while the
        store is known to be down."""
        if not self.breaker.allow():
            raise StoreError(
                f"the session store is unavailable ({self.breaker.error}); tidal tries it "
                f"again in {self.breaker.retry_in():.1f} s"
            )
        start = time.perf_counter()
        try:
            result = what()
        except StoreError as exc:
            self.breaker.failed(str(exc))
            self.metrics.inc("tidal_store_errors_total", "Failed session store operations.")
            raise
        finally:
            self.metrics.store_seconds.observe(time.perf_counter() - start)
        self.breaker.succeeded()
        return result

    def health(self) -> str | None:
        """None while the store is healthy, else what is wrong (for ``/readyz``)."""
        if not self.durable or self.breaker.closed:
            return None
        return f"session store unavailable: {self.breaker.error}"

    def probe(self) -> None:
        """Ask the store a cheap question, so that ``health`` knows a hung store even when
        no session saves (called periodically by the server's housekeeping)."""
        if self.durable:
            with contextlib.suppress(StoreError):  # the breaker keeps it; health() reports it
                self._call(lambda: self.store.load(_PROBE))

    def acquire(self, token: str) -> int:
        """Take the session's lease in this process; 0 when the store is not durable or
        unreachable (the first save then takes it)."""
        if not self.durable:
            return 0
        try:
            return self._call(lambda: self.store.acquire(token))
        except StoreError as exc:
            log.error("could not take the lease of session %s: %s", token[:8], exc)
            return 0

    def claim(self, token: str, nonce: str) -> str | None:
        """Record that page ``nonce`` is connected to the session (renewed periodically);
        the nonce of another page holding it now, or None (also when the store cannot say:
        logged, and this process's own knowledge decides)."""
        if not self.durable:
            return None
        try:
            return self._call(lambda: self.store.claim(token, nonce, ttl=PRESENCE_TTL))
        except StoreError as exc:
            log.warning("could not record the connection of session %s: %s", token[:8], exc)
            return None

    def release_later(self, token: str, nonce: str) -> None:
        """End page ``nonce``'s claim on the session, on the saver's thread (after the
        session's last document): never blocks the caller (the event loop)."""
        if self.durable:
            self.saver.release(token, nonce)

    def release_now(self, token: str, nonce: str) -> bool:
        """End page ``nonce``'s claim now (a worker thread); False if the store failed."""
        return self._release(token, nonce)

    def _release(self, token: str, nonce: str) -> bool:
        try:
            self._call(lambda: self.store.release(token, nonce))
        except StoreError:
            return False
        return True

    def encode(
        self, state: SessionState, *, page: str, seq: int, token: str | None = None
    ) -> Encoded:
        """The session's document as bytes (in the session's worker: CPU only, no I/O).
        Uploaded files go in as references: their bytes are beside the document."""
        user, widgets, keys = state.snapshot_parts()
        user = {k: to_refs(v) for k, v in user.items()}
        widgets = {k: to_refs(v) for k, v in widgets.items()}
        if token is not None:
            if any(has_refs(v) for v in (*user.values(), *widgets.values())):
                self._with_files.add(token)
            else:
                self._with_files.discard(token)
        return self.codec.encode(Snapshot(user, widgets, keys, page, seq))

    def write(self, token: str, data: bytes, epoch: int) -> SaveResult:
        """Write an encoded document with the lease ``epoch`` (on the saver's thread).

        A refused write means another process took the session over (``fenced``) unless
        the store holds nothing for it at all (it was restarted empty, or the lease expired)
        or this process never got a lease (epoch 0: the store was down at connect): then this
        process takes the lease and writes (the result carries the new epoch).
        """
        store, ttl = self.store, self.ttl

        def save() -> tuple[bool, int]:
            held = epoch or store.acquire(token)
            ok = store.save(token, data, epoch=held, ttl=ttl)
            if not ok and store.load(token) is None:
                held = store.acquire(token)
                ok = store.save(token, data, epoch=held, ttl=ttl)
            return ok, held

        try:
            ok, held = self._call(save)
        except StoreError as exc:
            return SaveResult("failed", epoch, str(exc))
        if not ok:
            return SaveResult("fenced", held)
        if token in self._with_files:  # the files live as long as the document
            try:
                self._call(lambda: self.files.touch(token, ttl=ttl))
            except StoreError as exc:
                log.warning("could not extend the files of session %s: %s", token[:8], exc)
        self.metrics.snapshot_bytes.observe(len(data))
        return SaveResult("saved", held)

    def fetch(self, token: str) -> Stored | None:
        """The stored bytes and lease epoch of a session, or None (unknown, expired, or the
        store is unreachable: logged, and the tab starts afresh)."""
        if not self.durable:
            return None
        if self.breaker.closed and not self.saver.settle(token, SETTLE_SECONDS):
            log.warning("session %s: its last document is still being written", token[:8])
        try:
            return self._call(lambda: self.store.load(token))
        except StoreError as exc:
            log.error("could not load session %s: %s", token[:8], exc)
            return None

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
                put = functools.partial(self.files.put, key, info, [media.data], ttl=self.ttl)
                try:
                    self._call(put)
                except StoreError as exc:
                    log.warning("could not publish media of session %s: %s", token[:8], exc)
                    return
                published.add(mid)

    def touch(self, token: str) -> None:
        """Keep a live session from expiring in the store (skipped while the store is down:
        ``probe`` finds out when it is back)."""
        if self.durable and self.breaker.closed:
            try:
                self._call(lambda: self.store.touch(token, ttl=self.ttl))
                self._call(lambda: self.files.touch(token, ttl=self.ttl))
                self._call(lambda: self.files.touch(media_key(token), ttl=self.ttl))
            except StoreError as exc:
                log.warning("could not extend session %s: %s", token[:8], exc)

    def close(self, timeout: float = 2.0) -> None:
        """Write the documents still waiting (for at most ``timeout`` s), release the store."""
        self.saver.close(timeout)
        self.store.close()
