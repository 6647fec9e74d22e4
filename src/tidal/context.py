"""The run context: everything a ``st.*`` call needs to know about the run it is part of.

Owns ``RunContext`` and the one ContextVar ``current_run``; every ``st.*`` function reaches its
session only through ``get_run()``. Knows nothing about threads, sockets or stores.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tidal.errors import NoRunContextError, ScriptInterrupted
from tidal.tree import MAIN, SIDEBAR, Block, Node, new_roots

if TYPE_CHECKING:
    from tidal.delta import DeltaWriter
    from tidal.state import SessionState


class Flag:
    """A thread-safe boolean without the Condition an Event carries (sessions keep one
    each, so its size matters; nobody waits on it, runs poll it at every st.* call)."""

    __slots__ = ("_set",)

    def __init__(self) -> None:
        self._set = False

    def set(self) -> None:
        """Raise the flag."""
        self._set = True

    def clear(self) -> None:
        """Lower the flag."""
        self._set = False

    def is_set(self) -> bool:
        """Whether the flag is raised."""
        return self._set


@dataclass(slots=True)
class RunOptions:
    """What a run needs from the configuration (read once per session, not per call)."""

    enforce_serializable: bool = False
    disable_duplicate_default_warning: bool = False
    magic: bool = True


@dataclass(slots=True, eq=False)
class RunContext:
    """One run of a script for one session."""

    state: SessionState
    writer: DeltaWriter | None
    script_path: Path
    page_hash: str
    options: RunOptions
    interrupt: Flag
    query_params: dict[str, list[str]] = field(default_factory=dict)
    roots: list[Node] = field(default_factory=new_roots)
    blocks: list[Block] = field(default_factory=list)
    in_callback: bool = False
    cached: int = 0
    on_flush: Callable[[], None] | None = None

    def __post_init__(self) -> None:
        self.blocks = [Block(self.roots[MAIN], (MAIN,))]

    # ------------------------------------------------------------------ placement
    @property
    def block(self) -> Block:
        """Where the next element goes."""
        return self.blocks[-1]

    def sidebar_block(self) -> Block:
        """The sidebar root."""
        return Block(self.roots[SIDEBAR], (SIDEBAR,))

    def add(self, node: Node, block: Block | None = None) -> Block:
        """Append ``node`` to ``block`` (default: the current one) and report it to the writer.

        Returns the new node's own block (useful for containers).
        """
        target = block or self.blocks[-1]
        children = target.node.children
        assert children is not None
        children.append(node)
        path = (*target.path, len(children) - 1)
        if self.writer is not None:
            self.writer.set(path, node)
            if self.on_flush is not None:
                self.on_flush()
        form = node.props.get("id", "") if node.type == "form" else target.form
        return Block(node, path, form)

    @contextmanager
    def inside(self, block: Block) -> Iterator[None]:
        """Make ``block`` the current block for the duration of a ``with``."""
        self.blocks.append(block)
        try:
            yield
        finally:
            self.blocks.pop()

    def check(self) -> None:
        """Called by every st.* function: stop here if a newer event superseded this run."""
        if self.interrupt.is_set():
            raise ScriptInterrupted


current_run: ContextVar[RunContext | None] = ContextVar("tidal_current_run", default=None)


def get_run() -> RunContext:
    """The run the calling code belongs to.

    Raises:
        NoRunContextError: called outside a script run.
    """
    ctx = current_run.get()
    if ctx is None:
        raise NoRunContextError(
            "This st.* command was called outside a running tidal script. Run the app with "
            "`tidal run app.py`, or drive it from a test with `tidal.testing.AppTest`."
        )
    ctx.check()
    return ctx


def maybe_run() -> RunContext | None:
    """The current run, or None outside a run (session_state access from tests)."""
    return current_run.get()


API: dict[str, Callable[..., Any]] = {}
"""Every st.* element function by name, so layout blocks can offer ``col.button(...)``."""


F = TypeVar("F", bound=Callable[..., Any])


def api_function(fn: F) -> F:
    """Register an element function under its name for ``Block.<name>(...)`` access."""
    API[fn.__name__] = fn
    return fn
