"""``st.fragment``: a function whose widgets rerun only that function.

A full run calls the fragment like any function, inside a container of its own, and records
the call (function, arguments, container) in the session's fragment table. When the browser
then changes a widget that the fragment rendered, the session replays just that call into the
same container (runner.run_fragment); the rest of the page and of session state is left as it
is (R-9..R-11). With ``run_every``, the session also replays it on a timer while the tab is
connected.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import inspect
import math
from collections.abc import Callable
from typing import Any, TypeVar, overload

from tidal.api.cache_store import ttl_seconds
from tidal.context import Flag, FragmentInfo, RunContext, maybe_run
from tidal.errors import TidalAPIError
from tidal.eventloop import run_awaitable
from tidal.state_keys import check_user_key
from tidal.tree import Block, Node

F = TypeVar("F", bound=Callable[..., Any])
RunEvery = int | float | dt.timedelta | str | None


@overload
def fragment(
    func: F, *, run_every: RunEvery = None, parallel: bool = False, key: str | None = None
) -> F: ...


@overload
def fragment(
    func: None = None,
    *,
    run_every: RunEvery = None,
    parallel: bool = False,
    key: str | None = None,
) -> Callable[[F], F]: ...


def fragment(
    func: F | None = None,
    *,
    run_every: RunEvery = None,
    parallel: bool = False,
    key: str | None = None,
) -> F | Callable[[F], F]:
    """Turn a function into a fragment: interacting with a widget inside it reruns only it.

    Session state is shared with the whole app. Call ``st.rerun()`` inside a fragment to rerun
    the whole app, or ``st.rerun(scope="fragment")`` to rerun just the fragment again.

    Args:
        func: the function (``@st.fragment``) or None (``@st.fragment()``).
        run_every: also rerun the fragment on its own this often while the tab is connected:
            seconds, a ``timedelta`` or a string such as ``"10s"`` or ``"1m"``; None: never.

    Example:
        >>> @st.fragment
        ... def counter():
        ...     if st.button("Add one"):
        ...         st.session_state.n = st.session_state.get("n", 0) + 1
        ...     st.write("n =", st.session_state.get("n", 0))
        >>> counter()
    """
    every = _interval(run_every)
    if not isinstance(parallel, bool):
        raise TidalAPIError(f"st.fragment(parallel={parallel!r}) takes True or False.")
    name = None if key is None else check_user_key(key)
    if func is None:
        return lambda f: _wrap(f, every, name, parallel)
    return _wrap(func, every, name, parallel)


def _interval(run_every: RunEvery) -> float | None:
    try:
        seconds = ttl_seconds(run_every)
    except (TidalAPIError, TypeError, ValueError):
        seconds = -1.0
    if seconds is not None and not (math.isfinite(seconds) and seconds > 0):
        raise TidalAPIError(
            f"st.fragment(run_every={run_every!r}) needs a positive interval: seconds (2.5), a "
            'timedelta, a string such as "10s" or "1m", or None.'
        )
    return seconds


def _wrap(func: F, run_every: float | None, key: str | None = None, parallel: bool = False) -> F:
    if not callable(func):
        raise TidalAPIError(
            f"st.fragment decorates a function; got {type(func).__name__}. Use it as "
            "`@st.fragment` above a `def`."
        )
    if inspect.iscoroutinefunction(func):
        return _wrap_async(func, run_every, key, parallel)

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = maybe_run()
        if ctx is None or ctx.fragment:
            # outside a run, or nested in a fragment (it reruns with its outer fragment)
            return func(*args, **kwargs)
        beside = parallel and _can_dispatch(ctx)
        block = _open(ctx, func, func, args, kwargs, run_every, key, beside)
        if beside:
            _dispatch(ctx, block, lambda: func(*args, **kwargs))
            return None
        try:
            with ctx.inside(block):
                return func(*args, **kwargs)
        finally:
            ctx.fragment = ""

    return wrapper  # type: ignore[return-value]


def _wrap_async(
    func: F, run_every: float | None, key: str | None = None, parallel: bool = False
) -> F:
    """``@st.fragment`` on an ``async def``: awaited in a full run; a fragment-only rerun
    drives it on the run thread's event loop."""

    def replay(*args: Any, **kwargs: Any) -> Any:
        ctx = maybe_run()
        return run_awaitable(func(*args, **kwargs), ctx.interrupt if ctx else Flag())

    @functools.wraps(func)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = maybe_run()
        if ctx is None or ctx.fragment:
            return await func(*args, **kwargs)
        beside = parallel and _can_dispatch(ctx)
        block = _open(ctx, func, replay, args, kwargs, run_every, key, beside)
        if beside:
            _dispatch(ctx, block, lambda: replay(*args, **kwargs))
            return None
        try:
            with ctx.inside(block):
                return await func(*args, **kwargs)
        finally:
            ctx.fragment = ""

    return wrapper  # type: ignore[return-value]


def _can_dispatch(ctx: RunContext) -> bool:
    """Whether a parallel fragment called now runs beside the script: not in a run without
    workers (a fragment-only rerun), a callback, or a cached function recording its output."""
    return ctx.parallel is not None and not (ctx.in_callback or ctx.cached or ctx.recordings)


def _dispatch(ctx: RunContext, block: Block, body: Callable[[], object]) -> None:
    """Hand a parallel fragment's body to the run's workers: it runs into ``block`` while the
    script goes on."""
    assert ctx.parallel is not None
    fid, ctx.fragment = ctx.fragment, ""
    ctx.parallel.start(ctx, block, fid, body)


def _open(
    ctx: RunContext,
    func: Callable[..., Any],
    replay: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    run_every: float | None,
    key: str | None = None,
    loading: bool = False,
) -> Block:
    """Add the fragment's container, record the call (``replay`` reruns it) and enter it.
    ``loading``: it runs beside the script; the container says so until it is done."""
    ctx.check()
    props: dict[str, Any] = {"border": False, "loading": True} if loading else {"border": False}
    block = ctx.add(Node("container", props, container=True))
    fid = _fragment_id(ctx.page_hash, func, block.path, key)
    ctx.fragments[fid] = FragmentInfo(
        fid,
        replay,
        args,
        dict(kwargs),
        block.path,
        block.form,
        ctx.script_path,
        ctx.page_hash,
        run_every,
    )
    ctx.fragment = fid
    return block


def _fragment_id(
    page_hash: str, func: Callable[..., Any], path: tuple[int, ...], key: str | None = None
) -> str:
    name = f"{getattr(func, '__module__', '')}.{getattr(func, '__qualname__', repr(func))}"
    where = "key:" + key if key is not None else ".".join(map(str, path))
    raw = f"{page_hash}|{name}|{where}"
    return hashlib.blake2b(raw.encode(), digest_size=12).hexdigest()


def as_fragment(func: F) -> F:
    """``func`` as a fragment, for other decorators built on fragments (``st.dialog``)."""
    return _wrap(func, None)
