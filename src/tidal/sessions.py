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
from tidal.outbox import Schedule, Send
from tidal.session import Session
from tidal.stores import StoreError

log = logging.getLogger("tidal.sessions")

CLAIM_GRACE = 1.0
"""Seconds a page load waits for the page that holds its session elsewhere to let go (a
reload whose old page closed a moment ago) before it is taken for a duplicated tab. The old
page's claim ends on the saver's thread after its last document is written, which on a busy
machine took more than 0.3 s (a reload landing on another worker then lost its session); the
wait ends as soon as the claim does, so only a really duplicated tab waits this long."""


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
        """The session for a ``hello``: ``(session, resumed)``. May block on the store.

        A page with another nonce connected to the token, in this process or (as the store
        records) in another, means this page is a duplicated tab: it gets a new session.
        """
        with self._lock:
            session = self._by_token.get(token) if token else None
            if session is not None and session.connected and session.nonce != nonce:
                session, token = None, None  # a duplicated tab: same token, another live page
        durability = self.durability
        if token and durability is not None and durability.durable:
            holder = durability.claim(token, nonce)
            if holder is not None and session is not None and session.nonce == holder:
                # this process's own page, disconnected: its release may not have landed yet
                durability.release_now(token, holder)
                holder = durability.claim(token, nonce)
            deadline = time.monotonic() + CLAIM_GRACE
            while holder is not None and time.monotonic() < deadline:
                # a reload's old page may have closed a moment ago in another process
                time.sleep(0.02)
                holder = durability.claim(token, nonce)
            if holder is not None:  # connected to another process, by another page
                log.info("session %s is open in another page: a new session", token[:8])
                session, token = None, None
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
            if session.token != token:
                durability.claim(session.token, nonce)  # a new token: nobody else has it
            session.epoch = durability.acquire(session.token)
            session.superseded = False
        with self._lock:
            self._by_token[session.token] = session
        session.attach(send, nonce, conn_id, schedule)
        return session, resumed

    def disconnect(self, session: Session, conn_id: object) -> None:
        """The connection ``conn_id`` of ``session`` closed (on the event loop: the store
        learns it on the saver's thread)."""
        nonce = session.nonce
        if session.detach(conn_id) and self.durability is not None and nonce is not None:
            self.durability.release_later(session.token, nonce)

    def expire(self, now: float | None = None) -> list[Session]:
        """Drop sessions from memory: disconnected for longer than ``ttl`` (gone for good),
        or, with a durable store, idle for ``idle_timeout`` (hibernated: they live on in
        the store and wake on their next connection). A session whose run is still going
        stays until ``ttl``, then its run is stopped. Returns them."""
        now = time.monotonic() if now is None else now
        durable = self.durability is not None and self.durability.durable
        limit = self.ttl
        if durable and self.idle_timeout is not None:
            limit = min(self.ttl, self.idle_timeout)
        with self._lock:
            gone = [
                s
                for s in self._by_token.values()
                if not s.connected
                and now - s.last_active > limit
                and (not s.busy or now - s.last_active > self.ttl)
            ]
            for s in gone:
                del self._by_token[s.token]
        for s in gone:
            if s.busy:  # a run still going long after its tab left: stuck, stop it
                s.force_stop()
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
                if s.nonce is not None:
                    self.durability.claim(s.token, s.nonce)  # renew: this page is still here

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
