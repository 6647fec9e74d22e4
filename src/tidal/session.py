"""Sessions: one browser tab's document and its live parts, and the set of all of them.

``Session`` owns a tab's state (the document) and its live parts (the delta writer, the
pending events, the run in progress). Events are processed in ``seq`` order, one run at a
time, in a worker pool; an event arriving during a run interrupts it at its next ``st.*`` call
unless that run handles a click (clicks are never lost: every click gets its own run).
``Sessions`` creates, resumes and expires them. Knows nothing about sockets or HTTP.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tidal.codec import Snapshot
from tidal.context import Flag, FragmentInfo, RunOptions
from tidal.delta import DeltaWriter
from tidal.durability import Durability
from tidal.fragments import run_fragment
from tidal.pages import App, Navigator
from tidal.protocol import (
    Change,
    Delta,
    Error,
    Navigate,
    Outbound,
    Query,
    Rerun,
    RunFinished,
    RunStarted,
    RunStatus,
    StateWarning,
    Submit,
    Sync,
)
from tidal.querystring import encode_query, parse_query
from tidal.runner import RunHooks, Script, Status, WorkerPool, interrupt_thread
from tidal.state import SessionState
from tidal.stores import StoreError

log = logging.getLogger("tidal.session")

Send = Callable[[Outbound], None]
Schedule = Callable[[float, Callable[[], None]], None]
"""Run a function on the connection's event loop after a delay (seconds)."""
FLUSH_INTERVAL = 0.008
"""Seconds between streamed delta batches while a run is producing elements."""


@dataclass(slots=True)
class Batch:
    """Events merged into one run: widget values (wire form) and whether a click is among
    them. A batch with a click is never merged with later events, so every click runs."""

    changes: dict[str, Any] = field(default_factory=dict)
    trigger: bool = False
    seq: int = 0
    barrier: bool = False
    """Later events never merge into this batch (the rerun that redraws a (re)connected page
    must register the widgets before any change to them is validated)."""
    page: str | None = None
    """The page to go to (a ``navigate``); None: stay on the session's page."""
    query: str | None = None
    """The query string the address shows (``hello``, ``navigate``): it replaces the session's
    query params before the run; None: keep them."""


def new_token() -> str:
    """A random, unguessable session token."""
    return secrets.token_urlsafe(24)


class Session:
    """One tab: its state, its event queue and its runs."""

    __slots__ = (
        "_deferred",
        "_durability",
        "_executor",
        "_idle_waiter",
        "_interruptible",
        "_last_flush",
        "_lock",
        "_pending",
        "_query_sent",
        "_resync",
        "_run_no",
        "_running",
        "_save_failed",
        "_schedule",
        "_send",
        "_seq",
        "_thread_id",
        "_timer_armed",
        "conn_id",
        "connected",
        "epoch",
        "fragments",
        "interrupt",
        "last_active",
        "last_status",
        "nav",
        "nonce",
        "not_durable",
        "options",
        "page",
        "query_params",
        "run_count",
        "script",
        "state",
        "superseded",
        "token",
        "writer",
    )

    def __init__(
        self,
        script: Script,
        options: RunOptions,
        *,
        token: str | None = None,
        executor: WorkerPool | None = None,
        send: Send | None = None,
        durability: Durability | None = None,
    ) -> None:
        self.token = token or new_token()
        self.script = script
        self.options = options
        self.state = SessionState()
        self.writer = DeltaWriter()
        self.interrupt = Flag()
        self.query_params: dict[str, list[str]] = {}
        self.fragments: dict[str, FragmentInfo] = {}
        """The ``st.fragment`` calls of the last full run, by id: what a widget inside one
        reruns on its own."""
        self._query_sent = ""
        """The query string the browser's address shows, as ``encode_query`` spells it."""
        self.run_count = 0
        self.last_status: Status | None = None
        self.last_active = time.monotonic()
        self.nonce: str | None = None
        self.connected = False
        self._executor = executor
        self._send: Send | None = send
        self._lock = threading.Lock()
        self._pending: list[Batch] = []
        self._deferred: dict[str, Any] = {}
        self._running = False
        self._interruptible = False
        self._seq = 0
        self._last_flush = 0.0
        self._idle_waiter: threading.Event | None = None
        self._resync = False
        self.conn_id: object = None
        self._thread_id: int | None = None
        self._schedule: Schedule | None = None
        self._timer_armed = False
        self._run_no = 0
        self._durability = durability
        self._save_failed = False
        self.epoch = 0
        self.page = ""
        self.nav = Navigator(App.of(script))
        self.not_durable: tuple[str, ...] = ()
        self.superseded = False

    # ------------------------------------------------------------------ synchronous core
    def run(self, changes: dict[str, Any] | None = None, page: str | None = None) -> Status:
        """Run one interaction now, in the calling thread, with Python values already
        validated (``AppTest`` uses this; the server goes through ``enqueue``). ``page``
        navigates to that page first."""
        status = self.nav.run(
            self.state,
            self.writer,
            self.options,
            changes or {},
            page=self.page if page is None else page,
            interrupt=self.interrupt,
            query_params=self.query_params,
        )
        self.page = self.nav.url
        self.run_count += 1
        self.last_status = status
        return status

    def validate(self, wire: dict[str, Any]) -> dict[str, Any]:
        """Browser values -> Python values, dropping (and reporting) what does not fit."""
        out: dict[str, Any] = {}
        for wid, raw in wire.items():
            meta = self.state.meta(wid)
            if meta is None:
                self._refuse(f"unknown widget id {wid!r}")
                continue
            try:
                out[wid] = meta.from_wire(raw)
            except (ValueError, TypeError) as exc:
                self._refuse(f"value {raw!r} for {meta.kind} {meta.key or meta.id!r}: {exc}")
        return out

    def _refuse(self, what: str) -> None:
        log.warning("session %s: refused %s", self.token[:8], what)
        self._emit(Error(message=f"Refused {what}."))

    # ------------------------------------------------------------------ events (server)
    def attach(
        self, send: Send, nonce: str, conn_id: object = None, schedule: Schedule | None = None
    ) -> None:
        """A connection took this session; a new page load restarts the event numbering.
        Call ``redraw`` once the browser has been told which session it got."""
        with self._lock:
            self._send = send
            self._schedule = schedule
            self.conn_id = conn_id
            self.connected = True
            if nonce != self.nonce:
                self.nonce = nonce
                self._seq = 0
            self.last_active = time.monotonic()

    def redraw(self, query: str | None = None) -> None:
        """Queue the run that draws the page of a (re)connected browser from scratch;
        ``query`` (the address's query string) becomes the session's query params."""
        with self._lock:
            self._resync = True
            self._push(Batch({}, False, self._seq, barrier=True, query=query))

    def detach(self, conn_id: object = None) -> bool:
        """The connection ``conn_id`` went away; False if another connection owns it now."""
        with self._lock:
            if conn_id is not None and conn_id != self.conn_id:
                return False
            self._send = None
            self._schedule = None
            self.conn_id = None
            self.connected = False
            self.last_active = time.monotonic()
            return True

    def enqueue(self, msg: Change | Submit | Sync | Rerun | Navigate) -> bool:
        """Queue an event from the browser; False if it was a duplicate (old ``seq``)."""
        with self._lock:
            if msg.seq <= self._seq:
                return False
            self._seq = msg.seq
            self.last_active = time.monotonic()
            if isinstance(msg, Sync):
                self._deferred.update(msg.values)
                return True
            if isinstance(msg, Change):
                meta = self.state.meta(msg.id)
                batch = Batch({msg.id: msg.v}, meta is not None and meta.trigger, msg.seq)
            elif isinstance(msg, Submit):
                batch = Batch({**msg.values, msg.button: True}, True, msg.seq)
            elif isinstance(msg, Navigate):
                batch = Batch({}, False, msg.seq, page=msg.page.strip("/"), query=msg.query)
            else:
                batch = Batch({}, False, msg.seq)
            self._push(batch)
            return True

    def notify(self, msg: Outbound) -> None:
        """Send a message to the browser now (source changed, warnings)."""
        self._emit(msg)

    def request_rerun(self) -> None:
        """Queue a plain rerun (page load, resume, source change)."""
        with self._lock:
            self._push(Batch({}, False, self._seq))

    def _push(self, batch: Batch) -> None:
        if self._deferred:
            batch.changes = {**self._deferred, **batch.changes}
            self._deferred = {}
        last = self._pending[-1] if self._pending else None
        if last is not None and not last.trigger and not last.barrier and not batch.barrier:
            last.changes.update(batch.changes)
            last.trigger = batch.trigger
            last.seq = batch.seq
            if batch.page is not None:
                last.page = batch.page
            if batch.query is not None:
                last.query = batch.query
        else:
            self._pending.append(batch)
        if self._running:
            if self._interruptible:
                self.interrupt.set()
        else:
            self._running = True
            assert self._executor is not None, "a server session needs an executor"
            self._executor.submit(self._drain)

    def _drain(self) -> None:
        self._thread_id = threading.get_ident()
        while True:
            with self._lock:
                if not self._pending:
                    self._running = False
                    self._thread_id = None
                    if self._idle_waiter is not None:
                        self._idle_waiter.set()
                    return
                batch = self._pending.pop(0)
                self.interrupt.clear()
                self._interruptible = not batch.trigger
            try:
                self._process(batch)
            except Exception:  # a bug in tidal, not in the script: keep the session alive
                log.exception("session %s: run failed", self.token[:8])

    def _process(self, batch: Batch) -> None:
        with self._lock:
            resync, self._resync = self._resync, False
        if resync:
            self.writer.reset()
            self.nav.resend()
        if batch.query is not None:
            self.query_params = parse_query(batch.query)
            self._query_sent = encode_query(self.query_params)
        changes = self.validate(batch.changes)
        started = time.perf_counter()
        fragment = None if resync or batch.page is not None else self._fragment_of(changes)
        self.run_count += 1
        self._run_no = self.run_count
        self._emit(RunStarted(run=self._run_no, scope=list(fragment.path) if fragment else []))
        self._last_flush = 0.0

        def flush() -> None:
            # Elements go out at once after a quiet spell, then at most every FLUSH_INTERVAL;
            # a timer on the event loop sends what a script that went quiet left behind.
            now = time.monotonic()
            if now - self._last_flush >= FLUSH_INTERVAL:
                self._last_flush = now
                self._flush(self._run_no)
                self._sync_query(batch.seq)
            elif not self._timer_armed and self._schedule is not None:
                self._timer_armed = True
                self._schedule(FLUSH_INTERVAL, self._timed_flush)

        def rerun_started() -> None:
            self._flush(self._run_no)
            self._sync_query(batch.seq)
            self._emit(RunFinished(run=self._run_no, status="rerun", ack=batch.seq))
            self.run_count += 1
            self._run_no = self.run_count
            self._emit(RunStarted(run=self._run_no))

        hooks = RunHooks(flush=flush, rerun_started=rerun_started, fragments=self.fragments)
        status: RunStatus | None = None
        if fragment is not None:
            done = run_fragment(
                fragment,
                self.state,
                self.writer,
                self.options,
                changes,
                interrupt=self.interrupt,
                hooks=hooks,
                query_params=self.query_params,
            )
            if done == "app":  # st.rerun() in the fragment: the whole app runs now
                rerun_started()
                changes = {}
            elif done is not None:
                status = done
        if status is None:
            status = self.nav.run(
                self.state,
                self.writer,
                self.options,
                changes,
                page=self.page if batch.page is None else batch.page,
                interrupt=self.interrupt,
                hooks=hooks,
                query_params=self.query_params,
                announce=self._emit,
                ack=batch.seq,
            )
        self.page = self.nav.url
        self.last_status = status
        self._flush(self.run_count)
        self._sync_query(batch.seq)
        if any(not values for values in self.query_params.values()):
            # the next run reads them as the address has them: a key set to [] is gone
            self.query_params = parse_query(self._query_sent)
        self._emit(RunFinished(run=self.run_count, status=status, ack=batch.seq))
        if self._durability is not None:
            self._durability.metrics.run_seconds.observe(time.perf_counter() - started)
        self._persist(batch.seq)

    def _fragment_of(self, changes: dict[str, Any]) -> FragmentInfo | None:
        """The fragment to rerun alone: the one that rendered every changed widget (R-9)."""
        if not changes:
            return None
        owners = set()
        for wid in changes:
            meta = self.state.meta(wid)
            owners.add(meta.fragment if meta is not None else "")
        if len(owners) != 1:
            return None
        return self.fragments.get(owners.pop())

    # ------------------------------------------------------------------ durability
    def restore(self, snapshot: Snapshot, epoch: int) -> None:
        """Take a stored document as this session's state (before its first run)."""
        self.state.restore(snapshot.user, snapshot.widgets, snapshot.keys)
        self.page = snapshot.page
        self.epoch = epoch

    def save_now(self) -> None:
        """Write the document to the store now (graceful shutdown)."""
        self._persist(self._seq)

    def _persist(self, seq: int) -> None:
        """Write the document after a run (write-behind: the browser already has the run's
        output). At most the run in progress is lost if the process dies."""
        durability = self._durability
        if durability is None or not durability.durable or self.superseded:
            return
        result = durability.save(self.token, self.state, page=self.page, seq=seq, epoch=self.epoch)
        outcome, error = result.outcome, result.error
        self.not_durable, self.epoch = result.not_durable, result.epoch
        if outcome == "fenced":
            # another process resumed this tab: it owns the document now
            self.superseded = True
            log.info("session %s moved to another process", self.token[:8])
        elif outcome == "failed" and not self._save_failed:
            self._save_failed = True
            log.error("session %s: state not saved: %s", self.token[:8], error)
            self._emit(
                StateWarning(
                    message="State not saved: the session store is unreachable. The app keeps "
                    "working; your state is kept in this server's memory."
                )
            )
        elif outcome == "saved" and self._save_failed:
            self._save_failed = False
            log.info("session %s: saving resumed", self.token[:8])
            self._emit(StateWarning(message="State saved again.", ok=True))

    def _sync_query(self, ack: int) -> None:
        """Tell the browser the query string if the run changed the query params (called in
        the run's thread, the only one that changes them)."""
        query = encode_query(self.query_params)
        if query != self._query_sent:
            self._query_sent = query
            self._emit(Query(query=query, ack=ack))

    def _timed_flush(self) -> None:
        self._timer_armed = False
        self._last_flush = time.monotonic()
        self._flush(self._run_no)

    def _flush(self, run_no: int) -> None:
        ops = self.writer.take()
        if ops:
            self._emit(Delta(run=run_no, ops=ops, at=list(self.writer.at)))

    def _emit(self, msg: Outbound) -> None:
        send = self._send
        if send is not None:
            send(msg)

    def force_stop(self) -> bool:
        """Interrupt the current run even if it never reaches an ``st.*`` call (a script
        stuck in a loop): used at shutdown and when a session is dropped."""
        with self._lock:
            self._pending.clear()
            self.interrupt.set()
            tid = self._thread_id
        return tid is not None and interrupt_thread(tid)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no run is queued or running (tests and shutdown)."""
        with self._lock:
            if not self._running:
                return True
            if self._idle_waiter is None or self._idle_waiter.is_set():
                self._idle_waiter = threading.Event()
            waiter = self._idle_waiter
        return waiter.wait(timeout)

    @property
    def busy(self) -> bool:
        """Whether a run is queued or in progress."""
        return self._running


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
