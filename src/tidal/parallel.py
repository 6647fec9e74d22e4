"""Parallel fragments: ``st.fragment(parallel=True)`` calls of a full run, on threads of their own.

Owns ``ParallelFragments``, one per session: during a full run, each parallel fragment's body
runs on a worker thread (at most ``max_workers`` at once; more wait for a free one) with a
``RunContext`` of its own whose cursor starts in the fragment's container, while the script
goes on. The run's shared parts (the element tree, the delta writer, widget registration,
session state writes) are then taken under one lock (``RunContext.guard``); a run without
parallel fragments never takes it. ``join`` waits for every worker before the run ends, so
widget cleanup sees their widgets; ``settle`` stops them when the run is cut short. A worker's
``st.rerun()`` or ``st.stop()`` ends the whole run, as in Streamlit. Fragment-only reruns of a
parallel fragment run in sequence, like any fragment's (``tidal.fragments``).

Knows nothing about sessions, sockets or the wire.
"""

from __future__ import annotations

import contextvars
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from tidal.context import Flag, RunContext, current_run
from tidal.errors import RerunRequested, ScriptInterrupted, StopRequested
from tidal.interrupt import RunInterrupt
from tidal.pool import WATCH_INTERVAL
from tidal.runner import Status, run_body
from tidal.tree import Block

log = logging.getLogger("tidal.parallel")

MAX_WORKERS = 4
"""Parallel fragments of one session running at once (``runner.parallelMaxWorkers``)."""


class LinkedFlag(Flag):
    """A flag that is also up while its ``parent`` is (the reason is then the parent's): a
    run's own stop, on top of the session's interrupt."""

    __slots__ = ("_parent",)

    def __init__(self, parent: Flag) -> None:
        super().__init__()
        self._parent = parent

    def is_set(self) -> bool:
        """Whether this flag or its parent is raised."""
        if self._set:
            return True
        parent = self._parent
        if parent.is_set():
            self.reason = parent.reason
            return True
        return False


@dataclass(slots=True, eq=False)
class _Job:
    ctx: RunContext
    body: Callable[[], object]
    context: contextvars.Context


class ParallelFragments:
    """The parallel fragments of one session's full runs (see module docstring).

    ``start`` is called by ``st.fragment`` in the run's thread; ``join`` and ``settle`` by the
    runner at the end of the run.

    Example:
        >>> parallel = ParallelFragments(max_workers=4)
        >>> hooks = RunHooks(parallel=parallel)  # every full run of the session
    """

    __slots__ = (
        "_cond",
        "_jobs",
        "_lock",
        "_outer",
        "_pending",
        "_request",
        "_run_flag",
        "_stoppers",
        "_threads",
        "max_workers",
    )

    def __init__(self, max_workers: int = MAX_WORKERS) -> None:
        self.max_workers = max(1, max_workers)
        # made on the first parallel fragment: most sessions never have one
        self._lock: threading.RLock | None = None
        self._cond: threading.Condition | None = None
        self._jobs: deque[_Job] | None = None
        self._threads = 0
        self._pending = 0
        self._stoppers: list[RunInterrupt] = []
        self._run_flag: LinkedFlag | None = None
        self._outer: Flag | None = None
        self._request: BaseException | None = None

    @property
    def active(self) -> bool:
        """Whether the current run started parallel fragments not yet joined."""
        return self._run_flag is not None

    def start(
        self, ctx: RunContext, block: Block, fragment: str, body: Callable[[], object]
    ) -> None:
        """Run ``body``, the fragment ``fragment`` whose container is ``block``, on a worker
        thread; returns at once."""
        if self._run_flag is None:
            self._begin(ctx)
        assert self._run_flag is not None and self._cond is not None and self._jobs is not None
        worker = RunContext(
            state=ctx.state,
            writer=ctx.writer,
            script_path=ctx.script_path,
            page_hash=ctx.page_hash,
            options=ctx.options,
            interrupt=LinkedFlag(self._run_flag),
            query_params=ctx.query_params,
            roots=ctx.roots,
            on_flush=ctx.on_flush,
            pages=ctx.pages,
            fragments=ctx.fragments,
            fragment=fragment,
            visitor=ctx.visitor,
            guard=self._lock,
            bounds=block.path,
        )
        worker.blocks = [block]
        job = _Job(worker, body, contextvars.copy_context())
        with self._cond:
            self._jobs.append(job)
            self._pending += 1
            if self._threads < self.max_workers:
                self._threads += 1
                threading.Thread(target=self._work, name="tidal-parallel", daemon=True).start()

    def _begin(self, ctx: RunContext) -> None:
        """The run's first parallel fragment: from now on its shared parts take the lock, and
        its interrupt is one the workers can raise (``st.rerun()``, ``st.stop()``)."""
        if self._lock is None:
            self._lock = threading.RLock()
            self._cond = threading.Condition(threading.Lock())
            self._jobs = deque()
        self._outer = ctx.interrupt
        self._run_flag = LinkedFlag(ctx.interrupt)
        self._request = None
        ctx.interrupt = self._run_flag
        ctx.guard = self._lock

    # ------------------------------------------------------------------ workers
    def _work(self) -> None:
        assert self._cond is not None and self._jobs is not None
        while True:
            with self._cond:
                if not self._jobs:
                    self._threads -= 1
                    return
                job = self._jobs.popleft()
            try:
                self._run(job)
            except BaseException:  # a bug in tidal: the run must still end
                log.exception("a parallel fragment failed")
            finally:
                with self._cond:
                    self._pending -= 1
                    self._cond.notify_all()
            job = None  # type: ignore[assignment]  # drop the run's objects while idle

    def _run(self, job: _Job) -> None:
        assert self._cond is not None
        if job.ctx.interrupt.is_set():  # the run was cut short while this one waited
            _loaded(job.ctx)
            return
        stopper = RunInterrupt(job.ctx.interrupt)
        with self._cond:
            self._stoppers.append(stopper)
        stopper.begin()
        try:
            status = job.context.run(_execute, job.ctx, job.body)
        finally:
            stopper.end()
            with self._cond:
                self._stoppers.remove(stopper)
            _loaded(job.ctx)
        if status == "rerun":
            self._ask(RerunRequested("app"))
        elif status == "stopped":
            self._ask(StopRequested())

    def _ask(self, request: BaseException) -> None:
        """A worker called ``st.rerun()``/``st.stop()``: the first one ends the whole run (the
        script at its next ``st.*`` call, the other workers too)."""
        assert self._cond is not None and self._run_flag is not None
        with self._cond:
            if self._request is None:
                self._request = request
                self._run_flag.set(type(request))

    # ------------------------------------------------------------------ the run's end
    def join(self, ctx: RunContext) -> None:
        """The script is over: wait for the run's parallel fragments.

        Raises:
            RerunRequested, StopRequested: what a parallel fragment asked for.
            ScriptInterrupted, RunTimedOut: the run was interrupted meanwhile.
        """
        if self._run_flag is None:
            return
        self._wait()
        request = self._end(ctx)
        if request is not None:
            raise request
        ctx.check()

    def settle(self, ctx: RunContext, status: str) -> None:
        """The run ended with ``status`` before ``join``: stop its parallel fragments (their
        output goes with the run) unless the script failed (``error``: they complete)."""
        if self._run_flag is None:
            return
        if status != "error":
            self._run_flag.set(ScriptInterrupted)
        self._wait()
        self._end(ctx)

    def _wait(self) -> None:
        """Until every worker is done, raising an interrupt in a worker's own code that does
        not reach an ``st.*`` call (as the session does for its script)."""
        assert self._cond is not None
        with self._cond:
            while self._pending:
                self._cond.wait(WATCH_INTERVAL)
                now = time.monotonic()
                for stopper in self._stoppers:
                    stopper.watch(now)

    def _end(self, ctx: RunContext) -> BaseException | None:
        assert self._outer is not None
        ctx.interrupt = self._outer
        ctx.guard = None
        request, self._request = self._request, None
        self._run_flag = self._outer = None
        return request


def _execute(ctx: RunContext, body: Callable[[], object]) -> Status:
    """Run a parallel fragment's body as ``ctx`` (in a copy of the script's contextvars)."""
    current_run.set(ctx)
    return run_body(ctx, body)


def _loaded(ctx: RunContext) -> None:
    """The fragment is done: its container no longer says it is loading."""
    assert ctx.bounds is not None and ctx.guard is not None
    block = ctx.blocks[0]
    node = block.node
    with ctx.guard:
        # a new dict: the writer's mirror shares the old one and must see the change
        node.props = {k: v for k, v in node.props.items() if k != "loading"}
        if ctx.writer is not None:
            ctx.writer.set(block.path, node)
            if ctx.on_flush is not None:
                ctx.on_flush()
