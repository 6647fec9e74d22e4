"""``st.fragment``: a function whose widgets rerun only that function.

A full run calls the fragment like any function, inside a container of its own, and records
the call (function, arguments, container) in the session's fragment table. When the browser
then changes a widget that the fragment rendered, the session replays just that call into the
same container (runner.run_fragment); the rest of the page and of session state is left as it
is (R-9..R-11).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any, TypeVar, overload

from tidal.context import FragmentInfo, maybe_run
from tidal.errors import TidalAPIError
from tidal.tree import Node

F = TypeVar("F", bound=Callable[..., Any])


@overload
def fragment(func: F, *, run_every: None = None) -> F: ...


@overload
def fragment(func: None = None, *, run_every: None = None) -> Callable[[F], F]: ...


def fragment(func: F | None = None, *, run_every: Any = None) -> F | Callable[[F], F]:
    """Turn a function into a fragment: interacting with a widget inside it reruns only it.

    Session state is shared with the whole app. Call ``st.rerun()`` inside a fragment to rerun
    the whole app, or ``st.rerun(scope="fragment")`` to rerun just the fragment again.

    Args:
        func: the function (``@st.fragment``) or None (``@st.fragment()``).
        run_every: not supported yet; must be None.

    Example:
        >>> @st.fragment
        ... def counter():
        ...     if st.button("Add one"):
        ...         st.session_state.n = st.session_state.get("n", 0) + 1
        ...     st.write("n =", st.session_state.get("n", 0))
        >>> counter()
    """
    if run_every is not None:
        raise TidalAPIError(
            f"st.fragment(run_every={run_every!r}) is not supported by tidal yet. Rerun the "
            "fragment from a widget inside it, or call st.rerun() from a callback."
        )
    if func is None:
        return lambda f: _wrap(f)
    return _wrap(func)


def _wrap(func: F) -> F:
    if not callable(func):
        raise TidalAPIError(
            f"st.fragment decorates a function; got {type(func).__name__}. Use it as "
            "`@st.fragment` above a `def`."
        )

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = maybe_run()
        if ctx is None or ctx.fragment:
            # outside a run, or nested in a fragment (it reruns with its outer fragment)
            return func(*args, **kwargs)
        ctx.check()
        block = ctx.add(Node("container", {"border": False}, container=True))
        fid = _fragment_id(ctx.page_hash, func, block.path)
        ctx.fragments[fid] = FragmentInfo(
            fid, func, args, dict(kwargs), block.path, block.form, ctx.script_path, ctx.page_hash
        )
        ctx.fragment = fid
        try:
            with ctx.inside(block):
                return func(*args, **kwargs)
        finally:
            ctx.fragment = ""

    return wrapper  # type: ignore[return-value]


def _fragment_id(page_hash: str, func: Callable[..., Any], path: tuple[int, ...]) -> str:
    name = f"{getattr(func, '__module__', '')}.{getattr(func, '__qualname__', repr(func))}"
    raw = f"{page_hash}|{name}|{'.'.join(map(str, path))}"
    return hashlib.blake2b(raw.encode(), digest_size=12).hexdigest()
