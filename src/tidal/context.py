"""The run context: everything a ``st.*`` call needs to know about the run it is part of.

Owns ``RunContext`` and the one ContextVar ``current_run``; every ``st.*`` function reaches its
session only through ``get_run()``. Knows nothing about threads, sockets or stores.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from tidal.config import Config
from tidal.errors import CachedWidgetWarning, NoRunContextError, ScriptInterrupted, TidalAPIError
from tidal.tree import BOTTOM, MAIN, SIDEBAR, Block, Node, new_roots

if TYPE_CHECKING:
    from tidal.delta import DeltaWriter
    from tidal.state import SessionState


class Flag:
    """A thread-safe boolean without the Condition an Event carries (sessions keep one
    each, so its size matters; nobody waits on it, runs poll it at every st.* call).
    ``reason`` is what a run raises when it finds the flag up."""

    __slots__ = ("_set", "reason")

    def __init__(self) -> None:
        self._set = False
        self.reason: type[BaseException] = ScriptInterrupted

    def set(self, reason: type[BaseException] = ScriptInterrupted) -> None:
        """Raise the flag (``reason``: what the run raises, ScriptInterrupted)."""
        if not self._set:
            self.reason = reason
        self._set = True

    def clear(self) -> None:
        """Lower the flag."""
        self._set = False
        self.reason = ScriptInterrupted

    def is_set(self) -> bool:
        """Whether the flag is raised."""
        return self._set


ErrorDetails = Literal["full", "stacktrace", "type", "none"]
"""What the browser may see of an uncaught exception (``client.showErrorDetails``)."""


@dataclass(slots=True)
class RunOptions:
    """What a run needs from the configuration (read once per session, not per call)."""

    enforce_serializable: bool = False
    disable_duplicate_default_warning: bool = False
    magic: bool = True
    max_run_seconds: float = 0.0
    """A server run past this many seconds is stopped (``runner.maxRunSeconds``); 0: never."""
    error_details: ErrorDetails = "full"
    """What the browser sees of an uncaught exception (``client.showErrorDetails``)."""
    config: Config | None = None
    """The whole configuration (``st.get_option``); None: the defaults."""
    max_upload_size: int = 200
    """``server.maxUploadSize``: the largest upload a file input accepts, in megabytes."""
    parallel_workers: int = 4
    """``runner.parallelMaxWorkers``: a session's parallel fragments running at once."""

    @classmethod
    def from_config(cls, config: Config) -> RunOptions:
        """The per-run switches a configuration implies."""
        return cls(
            config=config,
            enforce_serializable=config.runner.enforce_serializable_session_state,
            disable_duplicate_default_warning=(
                config.global_.disable_widget_state_duplication_warning
            ),
            magic=config.runner.magic_enabled,
            max_run_seconds=config.runner.max_run_seconds,
            error_details=config.client.show_error_details,
            max_upload_size=config.server.max_upload_size,
            parallel_workers=config.runner.parallel_max_workers,
        )


NavPosition = Literal["sidebar", "hidden"]


@dataclass(frozen=True, slots=True)
class PageInfo:
    """One page of a multipage app as the runtime knows it.

    ``url_path`` is ``""`` for the main (default) page. ``script_hash`` goes into the ids of
    the widgets the page's code creates (W-1, MP-2). ``path`` is a file page's script; None for
    a function page.
    """

    url_path: str
    title: str
    icon: str | None
    script_hash: str
    path: Path | None = None
    section: str | None = None
    hidden: bool = False
    """Left out of the navigation menu (``st.Page(visibility="hidden")``)."""
    help: str | None = None
    """The page's tooltip in the navigation menu."""


@dataclass(slots=True, eq=False)
class PageTable:
    """A run's view of the app's pages.

    ``pages.py`` fills in what is known before the run: the page the browser asked for, the
    pages known so far, the page being run (``pages/`` folder apps) and how to run a page
    file. The run fills in the rest: ``st.navigation`` declares its pages and picks
    ``current``; ``st.switch_page`` sets ``switch_to`` and ends the run.
    """

    main_path: Path
    requested: str = ""
    pages: list[PageInfo] = field(default_factory=list)
    current: PageInfo | None = None
    position: NavPosition = "sidebar"
    declared: bool = False
    """Whether ``st.navigation`` ran in this run (it then owns ``pages`` and ``current``)."""
    not_found: str | None = None
    """The url path asked for when no page has it (the main page runs, with a warning)."""
    switch_to: PageInfo | None = None
    switch_query: dict[str, list[str]] | None = None
    """The query params ``st.switch_page(..., query_params=...)`` gives the next page."""
    error: Exception | None = None
    """An error the app's pages have (two ``pages/`` files with one url path): every run
    shows it instead of running a page."""
    run_file: Callable[[Path], None] | None = None
    """Execute a page file in the current run (set by the runner)."""
    on_change: Callable[[PageTable], None] | None = None
    """Called when ``st.navigation`` declared the pages (the browser's menu follows)."""


class Recording:
    """The elements a cached function adds on a miss, kept to be shown again on a hit.

    Each entry is ``(parent, template)``: ``parent`` is -1 for the block the function was
    called in, else the index of an earlier entry (a container the function made). Elements
    written elsewhere (an outer container, the sidebar) and widgets, with their QP-3 warning,
    are not kept: a widget is only ever registered by running its call.
    """

    __slots__ = ("_index", "base", "elements")

    def __init__(self, base: Node) -> None:
        self.base = base
        self.elements: list[tuple[int, Node]] = []
        self._index: dict[int, int] = {}

    def note(self, parent: Node, node: Node) -> None:
        """``node`` was added to ``parent`` during the cached call."""
        where = -1 if parent is self.base else self._index.get(id(parent))
        widget = str(node.props.get("id", "")).startswith("$$ID")
        if where is None or widget or isinstance(node.value, CachedWidgetWarning):
            return
        self._index[id(node)] = len(self.elements)
        template = Node(
            node.type,
            dict(node.props),
            container=node.children is not None,
            value=node.value,
            extra=node.extra,
        )
        self.elements.append((where, template))


@dataclass(frozen=True, slots=True, eq=False)
class FragmentInfo:
    """An ``st.fragment`` call of the last full run: what a fragment-only rerun replays.

    ``path`` is the fragment's container in the element tree; ``form`` the form it is in;
    ``script_path`` and ``page_hash`` those of the page that called it.
    """

    id: str
    func: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    path: tuple[int, ...]
    form: str
    script_path: Path
    page_hash: str
    """The page's hash, part of the ids of the widgets the fragment renders."""
    run_every: float | None = None
    """Seconds between timed reruns of the fragment while its tab is connected, or None."""


@dataclass(slots=True, eq=False)
class Visitor:
    """What a session knows about the browser tab it serves (``st.context``) and the secrets
    a test gave it (``AppTest.secrets``).

    The server fills it from the websocket handshake (headers, cookies, address) and the
    ``hello`` message (what only the browser knows: timezone, locale, theme, embedding).
    """

    headers: list[tuple[str, str]] = field(default_factory=list)
    cookies: dict[str, str] = field(default_factory=dict)
    url: str | None = None
    ip_address: str | None = None
    timezone: str | None = None
    timezone_offset: int | None = None
    locale: str | None = None
    theme: str | None = None
    is_embedded: bool = False
    secrets: dict[str, Any] | None = None
    """Secrets that replace the files' (``AppTest.secrets``); None: read the files."""
    user: dict[str, Any] | None = None
    """What ``st.user`` holds (``AppTest.user``); None: a visitor who is not logged in."""
    session_id: str = ""
    """A public id of the session (not its token, which resumes it)."""
    media: str = ""
    """The session's name in media URLs (``media_file.media_key`` of its token)."""
    redirect: str | None = None
    """An address the tab must load (``st.login``/``st.logout``); the session sends it."""


class Parallel(Protocol):
    """Where a full run sends its ``st.fragment(parallel=True)`` calls (``tidal.parallel``)."""

    def start(
        self, ctx: RunContext, block: Block, fragment: str, body: Callable[[], object]
    ) -> None:
        """Run ``body``, the fragment ``fragment`` whose container is ``block``, beside the
        script of ``ctx``."""

    def join(self, ctx: RunContext) -> None:
        """The script of ``ctx`` is over: wait for its parallel fragments; raise what they
        asked for (``st.rerun``, ``st.stop``)."""

    def settle(self, ctx: RunContext, status: str) -> None:
        """The run of ``ctx`` ended with ``status``: stop and wait for what is left."""


@dataclass(slots=True, eq=False)
class RunContext:
    """One run of a script for one session."""

    state: SessionState
    writer: DeltaWriter | None
    script_path: Path
    page_hash: str
    """Hash of the active script: the entrypoint's, or a page's while ``Page.run()`` runs it."""
    options: RunOptions
    interrupt: Flag
    query_params: dict[str, list[str]] = field(default_factory=dict)
    roots: list[Node] = field(default_factory=new_roots)
    blocks: list[Block] = field(default_factory=list)
    in_callback: bool = False
    cached: int = 0
    on_flush: Callable[[], None] | None = None
    pages: PageTable | None = None
    """The app's pages as this run sees them; a single-page run gets a table of its own."""
    fragments: dict[str, FragmentInfo] = field(default_factory=dict)
    """The session's fragments: a full run records each ``st.fragment`` call here."""
    fragment: str = ""
    """The id of the fragment whose body is running ("" outside fragments)."""
    fragment_run: bool = False
    """Whether this is a fragment-only rerun (only ``fragment``'s body runs)."""
    rerun_scope: str = "app"
    """The scope of the ``st.rerun()`` that ended the run, if one did."""
    recordings: list[Recording] = field(default_factory=list)
    """The cached functions computing now (innermost last) that record what they show."""
    visitor: Visitor | None = None
    """The browser tab of the session (``st.context``); None: no browser (a bare run)."""
    parallel: Parallel | None = None
    """Where a full run sends its ``st.fragment(parallel=True)`` calls; None: they run in
    sequence (a fragment-only rerun, a bare run)."""
    guard: AbstractContextManager[Any] | None = None
    """Held around changes to what this run shares with its parallel fragments (the element
    tree, the delta writer, widgets, session state) while any run; None otherwise."""
    bounds: tuple[int, ...] | None = None
    """A parallel fragment's run: the path of its container, the only place it may write."""

    def __post_init__(self) -> None:
        self.blocks = [Block(self.roots[MAIN], (MAIN,))]
        if self.pages is None:
            self.pages = PageTable(self.script_path)

    @property
    def page_table(self) -> PageTable:
        """``pages``, never None (``__post_init__`` fills it in)."""
        assert self.pages is not None
        return self.pages

    def main_block(self) -> Block:
        """The main area's root."""
        return Block(self.roots[MAIN], (MAIN,))

    # ------------------------------------------------------------------ placement
    @property
    def block(self) -> Block:
        """Where the next element goes."""
        return self.blocks[-1]

    def sidebar_block(self) -> Block:
        """The sidebar root."""
        return Block(self.roots[SIDEBAR], (SIDEBAR,))

    def root_block(self, root: int) -> Block:
        """The root ``root`` (``tree.BOTTOM``, ``tree.PAGE``...)."""
        return Block(self.roots[root], (root,))

    def bottom_block(self) -> Block:
        """The bar pinned below the main area (a chat input called in the main area)."""
        return Block(self.roots[BOTTOM], (BOTTOM,))

    def add(self, node: Node, block: Block | None = None) -> Block:
        """Append ``node`` to ``block`` (default: the current one), or put it in place of the
        element there if ``block`` is a slot, and report it to the writer.

        Returns the new node's own block: a container's, to write into, or a leaf's slot, so
        that writing to the returned handle replaces the element (``x = st.text("a");
        x.text("b")``).
        """
        guard = self.guard
        if guard is None:
            return self._add(node, block)
        with guard:
            if self.bounds is not None:
                self._check_bounds(block or self.blocks[-1])
            return self._add(node, block)

    def _add(self, node: Node, block: Block | None) -> Block:
        target = block or self.blocks[-1]
        parent = target.parent
        if parent is not None:  # a slot: replace the element in place
            assert parent.children is not None
            path = target.path
            parent.children[path[-1]] = node
            target.node = node
        else:
            parent = target.node
            children = parent.children
            assert children is not None
            children.append(node)
            path = (*target.path, len(children) - 1)
        for recording in self.recordings:
            recording.note(parent, node)
        if self.writer is not None:
            self.writer.set(path, node)
            if self.on_flush is not None:
                self.on_flush()
        form = node.props.get("id", "") if node.type == "form" else target.form
        return Block(node, path, form, None if node.children is not None else parent)

    def _check_bounds(self, target: Block) -> None:
        assert self.bounds is not None
        if target.path[: len(self.bounds)] != self.bounds:
            raise TidalAPIError(
                "A parallel fragment (`st.fragment(parallel=True)`) can only write into its own "
                "container while the app runs: it runs beside the rest of the script. Create "
                "the container inside the fragment, or drop `parallel=True`."
            )

    def forbid_in_parallel(self, what: str) -> None:
        """Raise if this is a parallel fragment's run: ``what`` needs the script's own run."""
        if self.bounds is not None:
            raise TidalAPIError(
                f"{what} cannot be called from a parallel fragment (`st.fragment(parallel=True)`) "
                "while the app runs. Call it behind a widget inside the fragment (a widget's "
                "rerun runs the fragment in sequence), or drop `parallel=True`."
            )

    def replay(self, elements: list[tuple[int, Node]]) -> None:
        """Show again, in the current block, what a cached function showed on its miss."""
        base = self.blocks[-1]
        made: list[Block] = []
        for parent, template in elements:
            node = Node(
                template.type,
                dict(template.props),
                container=template.children is not None,
                value=template.value,
                extra=template.extra,
            )
            made.append(self.add(node, base if parent < 0 else made[parent]))

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
            raise self.interrupt.reason


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
