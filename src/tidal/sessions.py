"""Every session of this process: the registry that creates, resumes and expires them.

``Sessions`` maps tokens to ``Session`` objects. On a ``hello`` it hands out a session: the
one held in memory, one resumed from the durable store (a restart, another replica, a
hibernated tab; the lease epoch says whose copy is current), or a new one. Periodically it
drops disconnected or idle sessions (hibernating them when the store is durable), keeps live
ones from expiring in the store and purges expired ones from it. Knows nothing about sockets
or HTTP, nor about what happens inside a session (events, runs, deltas).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from tidal.durability import Durability
from tidal.session import Schedule, Send, Session
from tidal.stores import StoreError

log = logging.getLogger("tidal.sessions")


class Sessions:
    """Every session of this process, by token: create, resume, hibernate, expire.

    A token has at most one live connection: a second page load with the same token while
    the first is still connected (a duplicated tab) gets a new session. With a durable store,
    a token this process does not hold (a restart, another replica, a hibernated tab) is
    resumed from the store; an in-memory copy is trusted only while its lease epoch is still
    the store's (otherwise another process has newer state).
    """

    def __init__(
        self,
        factory: Callable[[str | None], Session],
        *,
        ttl: float,
        durability: Durability | None = None,
        idle_timeout: float | None = None,
    ) -> None:
        self._factory = factory
        self.ttl = ttl
        self.idle_timeout = idle_timeout
        self.durability = durability
        self._by_token: dict[str, Session] = {}
        self._lock = threading.Lock()
        self.created = 0
        self.resumed = 0
        self.restored = 0
        self.hibernated = 0

    def connect(
        self,
        token: str | None,
        nonce: str,
        send: Send,
        conn_id: object,
        schedule: Schedule | None = None,
    ) -> tuple[Session, bool]:
        """The session for a ``hello``: ``(session, resumed)``. May block on the store."""
        with self._lock:
            session = self._by_token.get(token) if token else None
            if session is not None and session.connected and session.nonce != nonce:
                session, token = None, None  # a duplicated tab: same token, another live page
        durability = self.durability
        resumed = session is not None
        if token and durability is not None and durability.durable:
            stored = durability.fetch(token)
            if stored is not None and (session is None or session.epoch != stored.epoch):
                snapshot = durability.decode(token, stored)
                session = None
                if snapshot is not None:
                    session = self._factory(token)
                    session.restore(snapshot, 0)
                    self.restored += 1
            resumed = session is not None
        if session is None:
            session = self._factory(None)
            self.created += 1
        elif resumed:
            self.resumed += 1
        if durability is not None and durability.durable:
            session.epoch = durability.acquire(session.token)
            session.superseded = False
        with self._lock:
            self._by_token[session.token] = session
        session.attach(send, nonce, conn_id, schedule)
        return session, resumed

    def disconnect(self, session: Session, conn_id: object) -> None:
        """The connection ``conn_id`` of ``session`` closed."""
        session.detach(conn_id)

    def expire(self, now: float | None = None) -> list[Session]:
        """Drop sessions from memory: disconnected for longer than ``ttl`` (gone for good),
        or, with a durable store, idle for ``idle_timeout`` (hibernated: they live on in
        the store and wake on their next connection). Returns them."""
        now = time.monotonic() if now is None else now
        durable = self.durability is not None and self.durability.durable
        limit = self.ttl
        if durable and self.idle_timeout is not None:
            limit = min(self.ttl, self.idle_timeout)
        with self._lock:
            gone = [
                s
                for s in self._by_token.values()
                if not s.connected and not s.busy and now - s.last_active > limit
            ]
            for s in gone:
                del self._by_token[s.token]
        if durable:
            self.hibernated += len(gone)
        elif self.durability is not None:
            for s in gone:  # gone for good: so are the files they uploaded
                self.durability.files.drop(s.token)
        return gone

    def touch_live(self) -> None:
        """Keep connected sessions from expiring in the store (called periodically)."""
        if self.durability is None or not self.durability.durable:
            return
        for s in self.all():
            if s.connected and not s.superseded:
                self.durability.touch(s.token)

    def purge_store(self) -> int:
        """Delete expired sessions from the store now; returns how many."""
        durability = self.durability
        if durability is None or not durability.durable:
            return 0
        try:
            return durability.store.purge_expired()
        except StoreError as exc:
            log.warning("could not purge expired sessions: %s", exc)
            return 0

    def get(self, token: str) -> Session | None:
        """The live session with this token, if any."""
        return self._by_token.get(token)

    def __len__(self) -> int:
        return len(self._by_token)

    def all(self) -> list[Session]:
        """A snapshot of every session."""
        with self._lock:
            return list(self._by_token.values())

    def connected_count(self) -> int:
        """Sessions with a live connection."""
        return sum(1 for s in self.all() if s.connected)
