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
import hashlib
import logging
import secrets
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from tidal.codec import Snapshot
from tidal.context import Flag, FragmentInfo, RunOptions, Visitor
from tidal.delta import DeltaWriter
from tidal.durability import Durability, SaveResult
from tidal.errors import RunTimedOut, ScriptInterrupted, TidalAPIError
from tidal.eventqueue import Batch, EventQueue
from tidal.fragments import run_fragment
from tidal.inspector import (
    export_document,
    import_document,
    run_row,
    secret_strings,
    state_rows,
)
from tidal.interrupt import RunInterrupt
from tidal.pages import App, Navigator
from tidal.pool import WorkerPool
from tidal.protocol import Change, LoadState, Navigate, Rerun, Rewind, Submit, Sync
from tidal.querystring import encode_query, parse_query
from tidal.refusals import Refusals, describe
from tidal.runner import (
    RunHooks,
    Script,
    Status,
)
from tidal.server_messages import (
    Delta,
    Error,
    Inspection,
    Outbound,
    Query,
    Redirect,
    RunFinished,
    RunStarted,
    RunStatus,
    StateWarning,
)
from tidal.state import SessionState
from tidal.stores import MemoryFileStore, StoreFiles
from tidal.timeline import Trigger

log = logging.getLogger("tidal.session")

Send = Callable[[Outbound], None]
Schedule = Callable[[float, Callable[[], None]], None]
"""Run a function on the connection's event loop after a delay (seconds)."""
SUPERSEDED = (
    "This session is now open in another tab or window: what you do here is no longer "
    "saved. Reload this page to start a new session here."
)
"""What a page is told when another page took its session over (its events would be lost)."""
UNSTORED_FILES_TTL = 86_400.0
"""Seconds an uploaded file lives in a session without a store (AppTest)."""
FLUSH_INTERVAL = 0.008
"""Seconds between streamed delta batches while a run is producing elements."""
MAX_SEQ_GAP = 10_000
"""Largest jump of an event's ``seq`` past the last one seen (a browser numbers its events one
by one and resends the ones not acknowledged; a bigger jump would make every later event look
like a duplicate)."""


def public_id(token: str) -> str:
    """An id for the session that can be shown (``get_script_run_ctx().session_id``) without
    giving away its token."""
    return str(uuid.UUID(bytes=hashlib.blake2b(token.encode(), digest_size=16).digest()))


def new_token() -> str:
    """A random, unguessable session token."""
    return secrets.token_urlsafe(24)


class Session:
    """One tab: its state, its event queue and its runs."""

    __slots__ = (
        "__weakref__",
        "_durability",
        "_events",
        "_executor",
        "_idle_waiter",
        "_inspect_export",
        "_inspect_full",
        "_inspected",
        "_interruptible",
        "_last_flush",
        "_lock",
        "_published",
        "_query_sent",
        "_redrawing",
        "_resync",
        "_run_no",
        "_running",
        "_save_failed",
        "_schedule",
        "_send",
        "_seq",
        "_stopper",
        "_thread_id",
        "_timer_armed",
        "_timers",
        "_warm",
        "conn_id",
        "connected",
        "epoch",
        "fragments",
        "inspecting",
        "interrupt",
        "last_active",
        "last_status",
        "nav",
        "nonce",
        "not_durable",
        "options",
        "page",
        "query_params",
        "refusals",
        "run_count",
        "script",
        "state",
        "superseded",
        "token",
        "visitor",
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
        self._redrawing = False
        self._stopper = RunInterrupt(self.interrupt, options.max_run_seconds)
        self._seq = 0
        self._last_flush = 0.0
        self._idle_waiter: threading.Event | None = None
        self._resync = False
        self._warm = True
        """Whether the widgets are known: False from a ``redraw`` until its run completes."""
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
        self.refusals = Refusals(log)
        """Values refused from the browser: counted per connection, logged at a bounded rate."""
        self.visitor = Visitor(session_id=public_id(self.token))
        """The browser tab this session serves (``st.context``), set by its connection."""
        self._published: set[str] = set()
        """Media ids already put in the store for other replicas (durable stores)."""
        self.state.timeline.secrets = self.secret_strings
        self.inspecting = False
        """Whether this tab's inspector panel is open (an ``Inspection`` follows each run)."""
        self._inspect_full = False
        self._inspect_export = False
        self._inspected = 0
        """The last run number an ``Inspection`` sent."""

    def secret_strings(self) -> list[str]:
        """The values of ``st.secrets`` for this session: never shown by the inspector."""
        return secret_strings(self.visitor.secrets, self.script.path.parent)

    # ------------------------------------------------------------------ synchronous core
    def run(self, changes: dict[str, Any] | None = None, page: str | None = None) -> Status:
        """Run one interaction now, in the calling thread, with Python values already
        validated (``AppTest`` uses this; the server goes through ``enqueue``). ``page``
        navigates to that page first."""
        timeline = self.state.timeline
        if not timeline.caused:  # else a rewind or a loaded document names this run
            if self.run_count == 0:
                timeline.cause(Trigger("page load"))
            elif page is not None and page != self.page:
                timeline.cause(Trigger("navigate", page=page))
        status = self.nav.run(
            self.state,
            self.writer,
            self.options,
            changes or {},
            page=self.page if page is None else page,
            interrupt=self.interrupt,
            query_params=self.query_params,
            hooks=RunHooks(visitor=self.visitor),
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
                self._refuse(f"unknown widget id {describe(wid)}")
                continue
            try:
                out[wid] = meta.from_wire(raw)
            except (ValueError, TypeError) as exc:
                what = f"value {describe(raw)} for {meta.kind} {describe(meta.key or meta.id)}"
                self._refuse(f"{what}: {describe(str(exc))[1:-1]}")
        return out

    def _refuse(self, what: str) -> None:
        """Reply to a value that does not fit (shortened, logged at a bounded rate, counted
        toward the connection's bad-message limit)."""
        self._emit(Error(message=self.refusals.refuse(self.token[:8], what)))

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
            self.inspecting = False  # the page asks again if its panel is open
            if nonce != self.nonce:
                self.nonce = nonce
                self._seq = 0
            self.last_active = time.monotonic()
            self.refusals.reset()

    def redraw(self, query: str | None = None) -> None:
        """Queue the run that draws the page of a (re)connected browser from scratch;
        ``query`` (the address's query string) becomes the session's query params."""
        with self._lock:
            self._resync = True
            self._warm = False
            self._events.push(Batch({}, False, self._seq, barrier=True, query=query, redraw=True))
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
            if self._running and (self._interruptible or self._redrawing):
                self._interrupt()  # nobody will see this run's output (a click's run ends)
            return True

    def enqueue(
        self,
        msg: Change | Submit | Sync | Rerun | Navigate | Rewind | LoadState,
        *,
        size: int = 0,
    ) -> bool:
        """Queue an event from the browser (``size``: the bytes of its frame); False if it
        was a duplicate (old ``seq``) or refused.

        Once the page's widgets are known, ``sync`` values of unknown widgets are refused on
        arrival (a ``sync`` starts no run to refuse them); before that (a redraw under way)
        they wait for the redraw, as every event does.

        Raises:
            QueueFull: the session holds as many pending events as it may; close the
                connection.
        """
        with self._lock:
            if msg.seq <= self._seq:
                return False
            if msg.seq > self._seq + MAX_SEQ_GAP:
                self._refuse(
                    f"event seq {msg.seq}: the last one was {self._seq} (events are numbered "
                    "one by one)"
                )
                return False
            self.last_active = time.monotonic()
            if isinstance(msg, Rewind | LoadState):  # the inspector: replace the state, rerun
                restore = functools.partial(self._restore_from, msg)
                self._events.push(Batch({}, False, msg.seq, barrier=True, restore=restore))
                self._seq = msg.seq
                self._start()
                return True
            if isinstance(msg, Sync):
                values = self._known(msg.values) if self._warm else msg.values
                self._events.defer(values, size=size if values else 0)
                self._seq = msg.seq
                return True
            meta = self.state.meta(msg.id) if isinstance(msg, Change) else None
            self._events.put(msg, click=meta is not None and meta.trigger, size=size)
            self._seq = msg.seq
            self._start()
            return True

    def _known(self, values: dict[str, Any]) -> dict[str, Any]:
        """``values`` of widgets the page has; the others are refused (in one message)."""
        known = {wid: v for wid, v in values.items() if self.state.meta(wid) is not None}
        if len(known) < len(values):
            unknown = [wid for wid in values if wid not in known]
            self._refuse(
                f"{len(unknown)} unknown widget id(s) in a sync, the first {unknown[0][:100]!r}"
            )
        return known

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
                self._interrupt()
        else:
            self._running = True
            assert self._executor is not None, "a server session needs an executor"
            self._executor.submit(self._drain, self._stopper.watch)

    def _interrupt(self) -> None:
        """Ask the run in progress to stop (at its next ``st.*`` call, or by an exception
        raised in its own code soon after). Called under the lock."""
        self._stopper.request()

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
                self._stopper.begin()
                # a click's run always completes, and so does a redraw (events wait for it)
                self._interruptible = not batch.trigger and not batch.redraw
                self._redrawing = batch.redraw
            try:
                self._process(batch)
            except (ScriptInterrupted, RunTimedOut):
                # a hard interrupt that landed in tidal's code just as the script ended
                log.debug("session %s: interrupt after the run", self.token[:8])
            except Exception:  # a bug in tidal, not in the script: keep the session alive
                log.exception("session %s: run failed", self.token[:8])
            finally:
                self._stopper.end()

    def _process(self, batch: Batch) -> None:
        if batch.restore is not None:
            batch.restore()
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
        self._cause(batch)
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

        hooks = RunHooks(
            flush=flush,
            rerun_started=rerun_started,
            fragments=self.fragments,
            visitor=self.visitor,
        )
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
        self._stopper.end()  # the script is over: tidal's bookkeeping follows
        self.page = self.nav.url
        self.last_status = status
        self._flush(self.run_count)
        self._sync_query(batch.seq)
        if any(not values for values in self.query_params.values()):
            # the next run reads them as the address has them: a key set to [] is gone
            self.query_params = parse_query(self._query_sent)
        if batch.redraw and status in ("ok", "stopped", "error"):
            with self._lock:
                self._warm = True
        self._emit(RunFinished(run=self.run_count, status=status, ack=batch.seq))
        if self._durability is not None:
            self._durability.metrics.run_seconds.observe(time.perf_counter() - started)
        self._persist(batch.seq)
        if self.inspecting:
            with self._lock:
                full, self._inspect_full = self._inspect_full, False
                export, self._inspect_export = self._inspect_export, False
            self._emit(self._inspection(full, export))
        self._arm_timers()

    def _cause(self, batch: Batch) -> None:
        """Tell the timeline what starts this run when no widget value does."""
        if batch.redraw:
            self.state.timeline.cause(Trigger("page load", page=self.page or None))
        elif batch.page is not None:
            self.state.timeline.cause(Trigger("navigate", page=batch.page))
        elif batch.fragment is not None:
            self.state.timeline.cause(Trigger("timer", fragment=batch.fragment))

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

    # ------------------------------------------------------------------ inspector
    def rewind(self, run: int) -> bool:
        """Put back the state (user and widget values) as run ``run`` left it; False when the
        timeline no longer holds it. Call from the run's thread or between runs."""
        timeline = self.state.timeline
        layers = timeline.state_after(run)
        if layers is None:
            return False
        timeline.cause(Trigger("rewind", str(run)), self.state)
        self.state.restore_layers(layers)
        return True

    def inspect(self, open: bool, *, export: bool = False) -> None:
        """The tab's inspector panel opened or closed (on the connection's thread). Open, it
        gets everything now (or at the end of the run in progress) and then one
        ``Inspection`` per run; ``export`` adds the session document."""
        with self._lock:
            self.inspecting = open
            if not open:
                return
            if self._running:  # the state is the run's: its end sends everything
                self._inspect_full = True
                self._inspect_export = self._inspect_export or export
                return
            msg = self._inspection(True, export)  # no run can start while we hold the lock
        self._emit(msg)

    def _inspection(self, full: bool, export: bool) -> Inspection:
        """What the inspector shows: every key, and the runs it has not seen (all: ``full``)."""
        runs = list(self.state.timeline.runs)
        if not full:
            runs = [r for r in runs if r.number > self._inspected]
        if runs:
            self._inspected = runs[-1].number
        secrets = self.secret_strings()
        durable = self._durability is not None and self._durability.durable
        return Inspection(
            keys=state_rows(self.state, self.not_durable, secrets, durable=durable),
            runs=[run_row(r) for r in runs],
            reset=full,
            doc=self.export_document() if export else None,
        )

    def _restore_from(self, msg: Rewind | LoadState) -> None:
        """Replace the state as the inspector asked (in the run's thread, before the run)."""
        if isinstance(msg, Rewind):
            if not self.rewind(msg.run):
                self._emit(Error(message=f"Run {msg.run} is no longer in the timeline."))
            return
        try:
            user, widgets = import_document(msg.doc)
        except TidalAPIError as exc:
            self._emit(Error(message=str(exc)))
            return
        refused = self._fit(widgets)
        if refused:
            self._emit(
                Error(
                    message=f"Left out of the loaded document: {', '.join(refused)[:200]} "
                    "(values that do not fit their widgets)."
                )
            )
        self.state.timeline.cause(Trigger("load"), self.state)
        self.state.restore({**user, **widgets}, {}, {})

    def _fit(self, widgets: dict[str, Any]) -> list[str]:
        """Check a loaded document's widget values as the browser's are checked (through the
        widget's wire form): those that do not fit the widget now on the page are dropped;
        returns their keys."""
        refused = []
        for key, value in list(widgets.items()):
            wid = self.state.bound_widget(key)
            meta = self.state.meta(wid) if wid is not None else None
            if meta is None:
                continue  # not on the page now: checked like any assigned value when drawn
            try:
                widgets[key] = meta.from_wire(meta.to_wire(value))
            except (ValueError, TypeError, AttributeError, KeyError, IndexError):
                del widgets[key]
                refused.append(key)
        return refused

    def export_document(self) -> dict[str, Any]:
        """The session document as JSON-able data (see ``inspector.export_document``)."""
        parts = self.state.snapshot_parts()
        return export_document(parts, self.page, self.secret_strings())

    def load_document(self, doc: dict[str, Any]) -> None:
        """Take an exported document's values as this session's state.

        Raises:
            TidalAPIError: ``doc`` is not a session document.
        """
        user, widgets = import_document(doc)  # raises before anything changes
        self.state.timeline.cause(Trigger("load"), self.state)
        self.state.restore({**user, **widgets}, {}, {})

    # ------------------------------------------------------------------ durability
    def restore(self, snapshot: Snapshot, epoch: int) -> None:
        """Take a stored document as this session's state (before its first run)."""
        self.state.restore(snapshot.user, snapshot.widgets, snapshot.keys)
        self.page = snapshot.page
        self.epoch = epoch

    def save_now(self) -> None:
        """Hand the document to the store's writer now (graceful shutdown; the server then
        waits for the writer)."""
        self._persist(self._seq)

    def _persist(self, seq: int) -> None:
        """Encode the document after a run and hand it to the store's writer thread
        (write-behind: neither the browser, which already has the run's output, nor the next
        run waits for the store). At most the last runs are lost if the process dies."""
        durability = self._durability
        if durability is None or not durability.durable or self.superseded:
            return
        encoded = durability.encode(self.state, page=self.page, seq=seq, token=self.token)
        self.not_durable = encoded.not_durable
        durability.saver.submit(self.token, encoded.data, self._lease, self._saved)

    def _lease(self) -> int:
        return self.epoch

    def _saved(self, result: SaveResult) -> None:
        """What became of a save (on the writer's thread): warn the browser when saving
        stops and starts again; stop saving once another process took the session over."""
        outcome, error = result.outcome, result.error
        if outcome == "fenced":
            if result.epoch == self.epoch and not self.superseded:  # not a lease taken since
                self.superseded = True
                log.info("session %s moved to another process", self.token[:8])
                self._emit(Error(message=SUPERSEDED, fatal=True))
            return
        if outcome == "saved" and result.epoch > self.epoch:
            self.epoch = result.epoch  # a lease taken by the save itself
        if outcome == "failed" and not self._save_failed:
            self._save_failed = True
            log.error("session %s: state not saved: %s", self.token[:8], error)
            self._emit(
                StateWarning(
                    message="State not saved: the session store is unreachable. The app keeps "
                    "working; your state is kept in this server's memory."
                )
            )
        durability = self._durability
        if outcome == "saved" and durability is not None:  # on the writer's thread
            durability.publish_media(self.token, self.writer.client, self._published)
        if outcome == "saved" and self._save_failed:
            self._save_failed = False
            log.info("session %s: saving resumed", self.token[:8])
            self._emit(StateWarning(message="State saved again.", ok=True))

    def _sync_query(self, ack: int) -> None:
        """Tell the browser the query string if the run changed the query params, or the
        address to load when the run asked for one (``st.login``/``st.logout``). Called in
        the run's thread, the only one that changes them."""
        query = encode_query(self.query_params)
        if query != self._query_sent:
            self._query_sent = query
            self._emit(Query(query=query, ack=ack))
        redirect, self.visitor.redirect = self.visitor.redirect, None
        if redirect is not None:
            self._emit(Redirect(url=redirect))

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
        stuck in a loop), and drop the events not run yet: used at shutdown and when a
        session is dropped. Returns whether an exception was raised in the run's thread."""
        with self._lock:
            self._events.clear()
        return self._stopper.force()

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
