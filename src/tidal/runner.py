"""Running a script: callbacks first, then the body, with rerun, stop, interrupt and errors.

Owns ``Script`` (a compiled app file, recompiled when it changes, with "magic" display of bare
expressions) and ``run_interaction``, the one sequence every interaction goes through, in the
server and in ``AppTest`` alike:

1. apply the interaction's widget values (``SessionState.begin_interaction``);
2. run the callbacks of changed widgets, in registration order, their output on top;
3. exec the script under a ``RunContext``;
4. end the run: cleanup only after a completed run; trims for ok, stopped and error runs.

Knows nothing about sockets, sessions' queues or stores.
"""

from __future__ import annotations

import ast
import builtins
import ctypes
import inspect
import linecache
import logging
import os
import pickle
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from hashlib import blake2b
from pathlib import Path
from types import CodeType
from typing import Any, Literal

from tidal.api.navigation import page_not_found_node
from tidal.api.text import exception_node, write
from tidal.api.uncaught import uncaught_exception_node
from tidal.context import (
    Flag,
    FragmentInfo,
    PageTable,
    Parallel,
    RunContext,
    RunOptions,
    Visitor,
    current_run,
)
from tidal.delta import DeltaWriter
from tidal.errors import (
    RerunRequested,
    RunTimedOut,
    ScriptInterrupted,
    StopRequested,
    UnserializableSessionStateError,
)
from tidal.eventloop import run_awaitable
from tidal.magic import MAGIC_NAME, Magic
from tidal.state import SessionState
from tidal.tree import Node
from tidal.widgets import run_page

log = logging.getLogger("tidal.runner")

Status = Literal["ok", "stopped", "error", "rerun", "interrupted", "switch"]
"""How a run ended. ``switch``: ``st.switch_page`` ended it; ``pages.py`` runs the new page."""
MAX_RERUNS = 1000
"""A script that calls ``st.rerun()`` unconditionally is stopped after this many reruns."""


def interrupt_thread(thread_id: int, exc: type[BaseException] = ScriptInterrupted) -> bool:
    """Raise ``exc`` (ScriptInterrupted) in another thread at its next bytecode (CPython
    only)."""
    done = ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc)
    )
    return bool(done == 1)


def in_user_code(thread_id: int) -> bool:
    """Whether ``thread_id`` is running the app's own code, not tidal's: an exception raised
    there now (``interrupt_thread``) cannot leave tidal's state half-updated.

    Walking down from the innermost frame, the first frame of a ``tidal`` module must be the
    direct caller of the script's code (``__main__``: the script, its pages, its callbacks and
    fragment functions); inside an ``st.*`` call (even one that is down in a library) it is
    not.
    """
    frame = sys._current_frames().get(thread_id)
    above_is_main = False
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if name == "tidal" or name.startswith("tidal."):
            return above_is_main
        above_is_main = name == "__main__"
        frame = frame.f_back
    return False


def clear_async_interrupt(thread_id: int) -> None:
    """Withdraw an ``interrupt_thread`` exception not yet delivered to ``thread_id``."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), None)


def _magic(*values: Any) -> None:
    # Like Streamlit, every displayable expression is written, None included: a bare
    # ``x.append(1) if flag else None`` shows `None`.
    write(*values)


class Script:
    """An app script: its path, its compiled code (cached until the file changes) and the
    page hash that goes into its widgets' ids."""

    __slots__ = (
        "__weakref__",
        "_code",
        "_lock",
        "_mtime",
        "_source",
        "extra_globals",
        "magic",
        "page_hash",
        "path",
    )

    def __init__(self, path: Path, *, source: str | None = None, magic: bool = True) -> None:
        self.path = path
        self._source = source
        self.magic = magic
        self._code: CodeType | None = None
        self._mtime: float | None = None
        self._lock = threading.Lock()
        self.page_hash = blake2b(str(path).encode(), digest_size=8).hexdigest()
        self.extra_globals: dict[str, Any] = {}

    @property
    def is_file(self) -> bool:
        """Whether the script is read from its file (not given as source text)."""
        return self._source is None

    def code(self) -> CodeType:
        """The compiled script; raises SyntaxError (shown in the app by the caller)."""
        mtime = None
        if self._source is None:
            mtime = os.stat(self.path).st_mtime_ns
        with self._lock:
            if self._code is None or mtime != self._mtime:
                source = self._source if self._source is not None else self.path.read_text("utf-8")
                if self._source is not None:
                    # No file to read lines from: give tracebacks the source (AT-5 stack_trace).
                    linecache.cache[str(self.path)] = (
                        len(source),
                        None,
                        source.splitlines(keepends=True),
                        str(self.path),
                    )
                tree = ast.parse(source, filename=str(self.path))
                if self.magic:
                    tree = ast.fix_missing_locations(Magic().visit(tree))
                # top-level `await` makes the code a coroutine, run on the thread's loop
                self._code = compile(
                    tree,
                    str(self.path),
                    "exec",
                    flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT,
                    dont_inherit=True,
                )
                self._mtime = mtime
            return self._code


@dataclass(slots=True)
class RunHooks:
    """How a run reports back: ``flush`` after elements are added (streaming), ``rerun``
    when a run was cut short by ``st.rerun()`` and another follows, and ``fragments``, the
    session's table that a full run fills with its ``st.fragment`` calls."""

    flush: Callable[[], None] | None = None
    rerun_started: Callable[[], None] | None = None
    fragments: dict[str, FragmentInfo] | None = None
    visitor: Visitor | None = None
    """The session's browser tab, for ``st.context`` and ``st.secrets``."""
    parallel: Parallel | None = None
    """Where full runs send ``st.fragment(parallel=True)`` calls; None: run them in sequence."""


def check_serializable(state: SessionState) -> None:
    """SER-4: every visible value must pickle, or UnserializableSessionStateError."""
    for key, value in state.to_dict().items():
        try:
            pickle.dumps(value)
        except Exception:
            raise UnserializableSessionStateError(
                f"Cannot serialize the value (of type `{type(value)}`) of '{key}' in "
                "st.session_state. Streamlit has been configured to use "
                "[pickle](https://docs.python.org/3/library/pickle.html) to serialize "
                "session_state values. Please convert the value to a pickle-serializable type. "
                "To learn more about this behavior, see [our docs]"
                "(https://docs.streamlit.io/knowledge-base/using-streamlit/"
                "serializable-session-state)."
            ) from None


def add_app_folder_to_path(script_path: Path) -> None:
    """Let the app import modules that sit beside it, as Streamlit does."""
    folder = str(script_path.resolve().parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)


def run_interaction(
    script: Script,
    state: SessionState,
    writer: DeltaWriter,
    options: RunOptions,
    changes: Mapping[str, Any],
    *,
    interrupt: Flag,
    hooks: RunHooks | None = None,
    query_params: dict[str, list[str]] | None = None,
    pages: PageTable | None = None,
) -> Status:
    """Handle one interaction: callbacks, then the script, repeated while it asks to rerun.

    Returns the status of the last run: ``ok``, ``stopped``, ``error`` or ``interrupted``;
    ``switch`` when ``st.switch_page`` ended it (``pages.switch_to`` says where to).
    """
    hooks = hooks or RunHooks()
    pending: Mapping[str, Any] = changes
    table = pages
    if table is None:
        table = PageTable(
            script.path, run_file=lambda p: exec_script(Script(p, magic=script.magic))
        )
    for _ in range(MAX_RERUNS):
        status = _run_once(
            script, state, writer, options, pending, interrupt, hooks, query_params, table
        )
        if status == "rerun" and table.switch_to is not None:
            return "switch"
        if status != "rerun":
            return status
        pending = {}
        if hooks.rerun_started is not None:
            hooks.rerun_started()
    log.error("%s called st.rerun() %d times in a row; stopping.", script.path, MAX_RERUNS)
    return "stopped"


def _run_once(
    script: Script,
    state: SessionState,
    writer: DeltaWriter,
    options: RunOptions,
    changes: Mapping[str, Any],
    interrupt: Flag,
    hooks: RunHooks,
    query_params: dict[str, list[str]] | None,
    pages: PageTable,
) -> Status:
    pages.declared = False
    pages.switch_to = None
    pages.switch_query = None
    fragments = hooks.fragments if hooks.fragments is not None else {}
    fragments.clear()  # this run records the fragments the page has now
    ctx = RunContext(
        state=state,
        writer=writer,
        script_path=script.path,
        page_hash=script.page_hash,
        options=options,
        interrupt=interrupt,
        query_params=query_params if query_params is not None else {},
        on_flush=hooks.flush,
        pages=pages,
        fragments=fragments,
        visitor=hooks.visitor,
        parallel=hooks.parallel,
    )

    def body() -> None:
        if pages.error is not None:
            raise pages.error
        if pages.not_found is not None:
            ctx.add(page_not_found_node(pages.not_found))
        exec_script(script)

    status = run_attempt(ctx, changes, body)
    if status in ("ok", "stopped", "error"):
        writer.finish(ctx.roots)
    return status


def run_attempt(ctx: RunContext, changes: Mapping[str, Any], body: Callable[[], object]) -> Status:
    """One run as ``ctx`` describes it (the whole script, or one fragment): the callbacks of
    the widgets ``changes`` changed, then ``body``, with ``ctx`` as the current run; then the
    state's run ends (a fragment-only run cleans up only its own widgets, R-11). Trimming
    what the browser shows is the caller's part: it knows which part of the page ran."""
    state = ctx.state
    timeline = state.timeline
    timeline.start(state, changes, ctx.fragment if ctx.fragment_run else None)
    changed = state.begin_interaction(changes)
    state.begin_run()
    token = current_run.set(ctx)
    try:
        status = _run_callbacks(ctx, changed)
        if status is None:
            status = run_body(ctx, body)
        if ctx.parallel is not None:
            ctx.parallel.settle(ctx, status)
    finally:
        current_run.reset(token)
    state.end_run(
        completed=status == "ok",
        fragment=ctx.fragment if ctx.fragment_run else None,
        page=run_page(ctx),
    )
    timeline.finish(state, status)
    return status


def _run_callbacks(ctx: RunContext, changed: list[Any]) -> Status | None:
    """Run the callbacks of changed widgets (CB-2..13). None means: go on with the body.

    ``rerun`` is returned for ``st.rerun()`` of either scope; ``ctx.rerun_scope`` says which.
    """
    ctx.in_callback = True
    try:
        for meta in changed:
            if meta.callback is not None:
                ctx.state.timeline.callback(meta.key, meta.callback)
                result = meta.callback(*meta.args, **meta.kwargs)
                if inspect.isawaitable(result):  # an `async def` callback
                    run_awaitable(result, ctx.interrupt)
    except RerunRequested as exc:
        ctx.rerun_scope = exc.scope
        return "rerun"
    except StopRequested:
        return "stopped"
    except RunTimedOut:
        ctx.state.timeline.error(str(RunTimedOut.explained()))
        ctx.add(exception_node(RunTimedOut.explained()))
        return "error"
    except ScriptInterrupted:
        return "interrupted"
    except Exception as exc:
        ctx.add(_uncaught(ctx, exc))
        return "error"
    finally:
        ctx.in_callback = False
    return None


def _uncaught(ctx: RunContext, exc: BaseException) -> Node:
    """The element of an exception the script let through (logged, and redacted as
    ``client.showErrorDetails`` says)."""
    main = ctx.page_table.main_path
    ctx.state.timeline.error(f"{type(exc).__name__}: {exc}")
    return uncaught_exception_node(exc, ctx.options.error_details, main.parent)


def exec_script(script: Script) -> None:
    """Execute ``script`` as ``__main__`` in a fresh namespace, in the calling run (the
    script body, or a page file that ``Page.run()`` runs inside the entrypoint)."""
    namespace: dict[str, Any] = {
        "__name__": "__main__",
        "__file__": str(script.path),
        "__builtins__": builtins,
        MAGIC_NAME: _magic,
        **script.extra_globals,
    }
    code = script.code()
    if code.co_flags & inspect.CO_COROUTINE:
        # a script with top-level `await`: eval gives the coroutine, the thread's loop runs it
        ctx = current_run.get()
        run_awaitable(eval(code, namespace), ctx.interrupt if ctx is not None else Flag())
    else:
        exec(code, namespace)


def run_body(ctx: RunContext, body: Callable[[], object]) -> Status:
    """Run a script body (or a fragment's) and say how it ended: ``ok``, ``rerun`` (with
    ``ctx.rerun_scope``), ``stopped``, ``interrupted`` or ``error`` (the exception is shown
    where the run had got to, R-5). A full run ends once its parallel fragments have."""
    try:
        body()
        if ctx.parallel is not None:
            ctx.parallel.join(ctx)  # raises what they asked for (st.rerun, st.stop)
        if ctx.options.enforce_serializable and ctx.bounds is None:
            check_serializable(ctx.state)
    except RerunRequested as exc:
        ctx.rerun_scope = exc.scope
        return "rerun"
    except StopRequested:
        return "stopped"
    except RunTimedOut:  # runner.maxRunSeconds: shown where the run had got to, as errors are
        ctx.blocks[1:] = []
        ctx.state.timeline.error(str(RunTimedOut.explained()))
        ctx.add(exception_node(RunTimedOut.explained()))
        return "error"
    except ScriptInterrupted:
        return "interrupted"
    except SystemExit:
        return "stopped"
    except Exception as exc:
        ctx.blocks[1:] = []
        ctx.add(_uncaught(ctx, exc))
        return "error"
    return "ok"
