"""One browser tab: its document, its event queue and its runs.

``Session`` owns a tab's state (the document) and its live parts (the delta writer, the
pending events and the run in progress). Events are processed in ``seq`` order, one run at a
time, in a worker pool; an event arriving during a run interrupts it at its next ``st.*`` call
unless that run handles a click (clicks are never lost: every click gets its own run). After
each run it streams the output to its connection and writes the document through its
``Durability``. Knows nothing about sockets, HTTP, or the other sessions of the process
(``tidal.sessions`` creates, resumes and expires them).

Its parts, each in a module of its own: ``Intake`` takes the browser's events and checks their
values, ``RunQueue`` runs them one at a time, ``Outbox`` sends the output, ``InspectorPanel``
serves the state inspector and ``Persistence`` saves the document.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import secrets
import time
import uuid
from typing import Any

from tidal.codec import Snapshot
from tidal.context import Flag, FragmentInfo, RunOptions, Visitor
from tidal.delta import DeltaWriter
from tidal.durability import Durability
from tidal.eventqueue import Batch
from tidal.fragment_timers import FragmentTimers
from tidal.fragments import fragment_of, run_fragment
from tidal.inspector import secret_strings
from tidal.inspector_panel import InspectorPanel
from tidal.intake import Intake
from tidal.interrupt import RunInterrupt
from tidal.media_file import media_key
from tidal.outbox import Outbox, Schedule, Send
from tidal.pages import App, Navigator
from tidal.parallel import ParallelFragments
from tidal.persistence import Persistence
from tidal.pool import WorkerPool
from tidal.protocol import Change, LoadState, Navigate, Rerun, Rewind, Submit, Sync
from tidal.querystring import encode_query, parse_query
from tidal.refusals import Refusals
from tidal.run_record import Trigger
from tidal.runner import RunHooks, Script, Status
from tidal.runqueue import RunQueue
from tidal.server_messages import Outbound, Redirect, RunFinished, RunStarted, RunStatus
from tidal.state import SessionState
from tidal.stores import MemoryFileStore, StoreFiles

log = logging.getLogger("tidal.session")

UNSTORED_FILES_TTL = 86_400.0
"""Seconds an uploaded file lives in a session without a store (AppTest)."""


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
        "_intake",
        "_outbox",
        "_panel",
        "_persistence",
        "_resync",
        "_runs",
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
        "parallel",
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
        self._outbox = Outbox(self.writer, send)
        self.interrupt = Flag()
        self.query_params: dict[str, list[str]] = {}
        """Fragments (ids) with a ``run_every`` timer set."""
        self.fragments: dict[str, FragmentInfo] = {}
        """The ``st.fragment`` calls of the last full run, by id: what a widget inside one
        reruns on its own."""
        self.parallel = ParallelFragments(options.parallel_workers)
        """Runs a full run's ``st.fragment(parallel=True)`` calls beside the script."""
        self.run_count = 0
        self.last_status: Status | None = None
        self.last_active = time.monotonic()
        self.nonce: str | None = None
        self.connected = False
        stopper = RunInterrupt(self.interrupt, options.max_run_seconds)
        self._runs = RunQueue(stopper, executor, self._process, self.token)
        self._resync = False
        self.conn_id: object = None
        self._durability = durability
        self.epoch = 0
        self.page = ""
        self.nav = Navigator(App.of(script))
        self.not_durable: tuple[str, ...] = ()
        self.superseded = False
        self.refusals = Refusals(log)
        """Values refused from the browser: counted per connection, logged at a bounded rate."""
        self.visitor = Visitor(session_id=public_id(self.token), media=media_key(self.token))
        """The browser tab this session serves (``st.context``), set by its connection."""
        self.state.timeline.secrets = self.secret_strings
        emit = self._outbox.emit
        self._intake = Intake(self.state, self.refusals, self.token, emit, self._runs)
        self._panel = InspectorPanel(self, self.state, self._intake, durability, emit)
        intake = self._intake
        self._timers = FragmentTimers(
            self._runs, self._outbox, lambda: self.fragments, lambda: self.connected,
            lambda: intake.seq,
        )  # fmt: skip
        self._persistence = (
            Persistence(self, self.state, self.token, self.writer, durability, emit)
            if durability is not None
            else None
        )

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
            hooks=RunHooks(visitor=self.visitor, parallel=self.parallel),
        )
        self.page = self.nav.url
        self.run_count += 1
        self.last_status = status
        return status

    def validate(self, wire: dict[str, Any]) -> dict[str, Any]:
        """Browser values -> Python values, dropping (and reporting) what does not fit."""
        return self._intake.validate(wire)

    # ------------------------------------------------------------------ events (server)
    def attach(
        self, send: Send, nonce: str, conn_id: object = None, schedule: Schedule | None = None
    ) -> None:
        """A connection took this session; a new page load restarts the event numbering.
        Call ``redraw`` once the browser has been told which session it got."""
        with self._runs.lock:
            self._outbox.send = send
            self._outbox.schedule = schedule
            self.conn_id = conn_id
            self.connected = True
            self._panel.open = False  # the page asks again if its panel is open
            if nonce != self.nonce:
                self.nonce = nonce
                self._intake.seq = 0
            self.last_active = time.monotonic()
            self.refusals.reset()

    def redraw(self, query: str | None = None) -> None:
        """Queue the run that draws the page of a (re)connected browser from scratch;
        ``query`` (the address's query string) becomes the session's query params."""
        with self._runs.lock:
            self._resync = True
            self._intake.warm = False
            seq = self._intake.seq
            self._runs.push(Batch({}, False, seq, barrier=True, query=query, redraw=True))

    def detach(self, conn_id: object = None) -> bool:
        """The connection ``conn_id`` went away; False if another connection owns it now."""
        with self._runs.lock:
            if conn_id is not None and conn_id != self.conn_id:
                return False
            self._outbox.send = None
            self._outbox.schedule = None
            self.conn_id = None
            self.connected = False
            self.last_active = time.monotonic()
            self._runs.abandon()  # nobody will see this run's output
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
        restore = None
        if isinstance(msg, Rewind | LoadState):  # the inspector: replace the state, rerun
            restore = functools.partial(self._panel.restore_from, msg)
        with self._runs.lock:
            if not self._intake.admit(msg.seq):
                return False
            self.last_active = time.monotonic()
            self._intake.queue(msg, size, restore)
            return True

    def notify(self, msg: Outbound) -> None:
        """Send a message to the browser now (source changed, warnings)."""
        self._outbox.emit(msg)

    def request_rerun(self) -> None:
        """Queue a plain rerun (page load, resume, source change)."""
        with self._runs.lock:
            self._runs.push(Batch({}, False, self._intake.seq))

    def _process(self, batch: Batch) -> None:
        if batch.restore is not None:
            batch.restore()
        with self._runs.lock:
            resync, self._resync = self._resync, False
        if resync:
            self.writer.reset()
            self.nav.resend()
        outbox = self._outbox
        if batch.query is not None:
            self.query_params = parse_query(batch.query)
            outbox.query_sent = encode_query(self.query_params)
        changes = self.validate(batch.changes)
        started = time.perf_counter()
        if batch.fragment is not None:  # a timed rerun (run_every)
            fragment = self.fragments.get(batch.fragment)
            if fragment is None:  # gone from the page since the timer was set
                return
        else:
            skip = resync or batch.page is not None
            fragment = None if skip else fragment_of(changes, self.state, self.fragments)
        cause = batch.cause(self.page)
        if cause is not None:
            self.state.timeline.cause(cause)
        self.run_count += 1
        outbox.begin(self.run_count)
        outbox.emit(RunStarted(run=outbox.run_no, scope=list(fragment.path) if fragment else []))

        def flush() -> None:
            if outbox.due():  # else a timer on the event loop sends the elements soon
                outbox.flush(outbox.run_no)
                self._sync_query(batch.seq)

        def rerun_started() -> None:
            outbox.flush(outbox.run_no)
            self._sync_query(batch.seq)
            outbox.emit(RunFinished(run=outbox.run_no, status="rerun", ack=batch.seq))
            self.run_count += 1
            outbox.run_no = self.run_count
            outbox.emit(RunStarted(run=outbox.run_no))

        hooks = RunHooks(
            flush=flush,
            rerun_started=rerun_started,
            fragments=self.fragments,
            visitor=self.visitor,
            parallel=self.parallel,
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
                announce=outbox.emit,
                ack=batch.seq,
            )
        self._runs.stopper.end()  # the script is over: tidal's bookkeeping follows
        self.page = self.nav.url
        self.last_status = status
        outbox.flush(self.run_count)
        self._sync_query(batch.seq)
        if any(not values for values in self.query_params.values()):
            # the next run reads them as the address has them: a key set to [] is gone
            self.query_params = parse_query(outbox.query_sent)
        if batch.redraw and status in ("ok", "stopped", "error"):
            with self._runs.lock:
                self._intake.warm = True
        outbox.emit(RunFinished(run=self.run_count, status=status, ack=batch.seq))
        if self._durability is not None:
            self._durability.metrics.run_seconds.observe(time.perf_counter() - started)
        self._persist(batch.seq)
        if self._panel.open:
            with self._runs.lock:
                full, export = self._panel.pending()
            outbox.emit(self._panel.inspection(full, export))
        self._timers.arm()

    # ------------------------------------------------------------------ inspector
    def rewind(self, run: int) -> bool:
        """Put back the state (user and widget values) as run ``run`` left it; False when the
        timeline no longer holds it. Call from the run's thread or between runs."""
        return self._panel.rewind(run)

    def inspect(self, open: bool, *, export: bool = False) -> None:
        """The tab's inspector panel opened or closed (on the connection's thread). Open, it
        gets everything now (or at the end of the run in progress) and then one
        ``Inspection`` per run; ``export`` adds the session document."""
        with self._runs.lock:  # no run can start while we hold the lock
            msg = self._panel.toggle(open, export, running=self._runs.running)
        if msg is not None:
            self._outbox.emit(msg)

    def export_document(self) -> dict[str, Any]:
        """The session document as JSON-able data (see ``inspector.export_document``)."""
        return self._panel.export_document()

    def load_document(self, doc: dict[str, Any]) -> None:
        """Take an exported document's values as this session's state.

        Raises:
            TidalAPIError: ``doc`` is not a session document.
        """
        self._panel.load_document(doc)

    # ------------------------------------------------------------------ durability
    def restore(self, snapshot: Snapshot, epoch: int) -> None:
        """Take a stored document as this session's state (before its first run)."""
        self.state.restore(snapshot.user, snapshot.widgets, snapshot.keys)
        self.page = snapshot.page
        self.epoch = epoch

    def save_now(self) -> None:
        """Hand the document to the store's writer now (graceful shutdown; the server then
        waits for the writer)."""
        self._persist(self._intake.seq)

    def _persist(self, seq: int) -> None:
        """Hand the document after a run to the store's writer (see ``Persistence``)."""
        if self._persistence is not None:
            self._persistence.save(seq)

    def _sync_query(self, ack: int) -> None:
        """After a run: the query string if the run changed the query params, and the address
        to load when the run asked for one (``st.login``/``st.logout``). In the run's thread."""
        self._outbox.sync_query(self.query_params, ack)
        redirect, self.visitor.redirect = self.visitor.redirect, None
        if redirect is not None:
            self._outbox.emit(Redirect(url=redirect))

    def force_stop(self) -> bool:
        """Interrupt the current run even if it never reaches an ``st.*`` call (a script
        stuck in a loop), and drop the events not run yet: used at shutdown and when a
        session is dropped. Returns whether an exception was raised in the run's thread."""
        return self._runs.stop()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no run is queued or running (tests and shutdown)."""
        return self._runs.wait_idle(timeout)

    @property
    def busy(self) -> bool:
        """Whether a run is queued or in progress."""
        return self._runs.running
