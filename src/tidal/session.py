"""One browser tab: its document, its event queue and its runs.

``Session`` owns a tab's state (the document) and its live parts (the delta writer, the
pending events in an ``EventQueue``, the run in progress). Events are processed in ``seq``
order, one run at a time, in a worker pool; an event arriving during a run interrupts it at
its next ``st.*`` call unless that run handles a click (clicks are never lost: every click
gets its own run). After each run it streams the output to its connection and writes the
document through its ``Durability``. Knows nothing about sockets, HTTP, or the other
sessions of the process (``tidal.sessions`` creates, resumes and expires them).
"""

from __future__ import annotations

import functools
import logging
import secrets
import threading
import time
from collections.abc import Callable
from typing import Any

from tidal.codec import Snapshot
from tidal.context import Flag, FragmentInfo, RunOptions
from tidal.delta import DeltaWriter
from tidal.durability import Durability
from tidal.eventqueue import Batch, EventQueue
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
from tidal.stores import MemoryFileStore, StoreFiles

log = logging.getLogger("tidal.session")

Send = Callable[[Outbound], None]
Schedule = Callable[[float, Callable[[], None]], None]
"""Run a function on the connection's event loop after a delay (seconds)."""
UNSTORED_FILES_TTL = 86_400.0
"""Seconds an uploaded file lives in a session without a store (AppTest)."""
FLUSH_INTERVAL = 0.008
"""Seconds between streamed delta batches while a run is producing elements."""


def new_token() -> str:
    """A random, unguessable session token."""
    return secrets.token_urlsafe(24)


class Session:
    """One tab: its state, its event queue and its runs."""

    __slots__ = (
        "_durability",
        "_events",
        "_executor",
        "_idle_waiter",
        "_interruptible",
        "_last_flush",
        "_lock",
        "_published",
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
        "_timers",
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
        # uploaded files live beside the document (the store's file store), else in memory
        self.state.files = (
            durability.files_of(self.token)
            if durability is not None
            else StoreFiles(MemoryFileStore(), self.token, UNSTORED_FILES_TTL)
        )
        self.writer = DeltaWriter()
        self.interrupt = Flag()
        self.query_params: dict[str, list[str]] = {}
        self._timers: set[str] = set()
        """Fragments (ids) with a ``run_every`` timer set."""
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
        self._events = EventQueue()
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
        self._published: set[str] = set()
        """Media ids already put in the store for other replicas (durable stores)."""

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
            self._events.push(Batch({}, False, self._seq, barrier=True, query=query))
            self._start()

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
                self._events.defer(msg.values)
                return True
            meta = self.state.meta(msg.id) if isinstance(msg, Change) else None
            self._events.put(msg, click=meta is not None and meta.trigger)
            self._start()
            return True

    def notify(self, msg: Outbound) -> None:
        """Send a message to the browser now (source changed, warnings)."""
        self._emit(msg)

    def request_rerun(self) -> None:
        """Queue a plain rerun (page load, resume, source change)."""
        with self._lock:
            self._events.push(Batch({}, False, self._seq))
            self._start()

    def _start(self) -> None:
        """A batch was queued: interrupt the run in progress (unless it handles a click) or
        start one. Called under the lock."""
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
                batch = self._events.pop()
                if batch is None:
                    self._running = False
                    self._thread_id = None
                    if self._idle_waiter is not None:
                        self._idle_waiter.set()
                    return
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
        if batch.fragment is not None:  # a timed rerun (run_every)
            fragment = self.fragments.get(batch.fragment)
            if fragment is None:  # gone from the page since the timer was set
                return
        else:
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
        self._arm_timers()

    # ------------------------------------------------------------------ timed fragments
    def _arm_timers(self) -> None:
        """Set a timer for every ``run_every`` fragment of the page that has none yet (after
        each run, in the run's thread; timers only run while a browser is connected)."""
        schedule = self._schedule
        if schedule is None:
            return
        with self._lock:
            due = [f for f in self.fragments.values() if f.run_every and f.id not in self._timers]
            self._timers.update(f.id for f in due)
        for info in due:
            assert info.run_every is not None
            schedule(info.run_every, functools.partial(self._tick, info.id))

    def _tick(self, fid: str) -> None:
        """A fragment's timer fired (on the event loop): queue its rerun if the tab is idle.
        A busy tab skips this tick; the run in progress sets the timer again when it ends."""
        with self._lock:
            self._timers.discard(fid)
            if self._running or len(self._events) or not self.connected:
                return
            if fid not in self.fragments:
                return
            self._events.push(Batch({}, False, self._seq, barrier=True, fragment=fid))
            self._start()

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
        if outcome == "saved":
            durability.publish_media(self.token, self.writer.client, self._published)
        if outcome == "saved" and self._save_failed:
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
            self._events.clear()
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
