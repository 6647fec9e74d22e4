"""Fragment-only reruns: replay one ``st.fragment`` call into its container.

Owns ``run_fragment``, and ``fragment_of``: which fragment an interaction reruns alone. The
page outside the fragment stays as the browser shows it: the delta writer compares and trims
only inside the fragment's container, and only the fragment's widgets are cleaned up
(R-9..R-11). Which events lead here is the session's business; what a full run records about
fragments is ``api/fragment.py``'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from tidal.context import Flag, FragmentInfo, RunContext, RunOptions
from tidal.delta import DeltaWriter
from tidal.runner import MAX_RERUNS, RunHooks, run_attempt
from tidal.state import SessionState
from tidal.tree import Block, Node, node_at

FragmentStatus = Literal["ok", "stopped", "error", "interrupted", "app"]
"""A fragment run's outcome; ``app``: it called ``st.rerun()``, the whole app runs next."""


def fragment_of(
    changes: Mapping[str, Any], state: SessionState, fragments: Mapping[str, FragmentInfo]
) -> FragmentInfo | None:
    """The fragment to rerun alone for ``changes``: the one (of the last full run's
    ``fragments``) that rendered every changed widget (R-9); None: the whole app runs."""
    if not changes:
        return None
    owners = set()
    for wid in changes:
        meta = state.meta(wid)
        owners.add(meta.fragment if meta is not None else "")
    if len(owners) != 1:
        return None
    return fragments.get(owners.pop())


def run_fragment(
    info: FragmentInfo,
    state: SessionState,
    writer: DeltaWriter,
    options: RunOptions,
    changes: Mapping[str, Any],
    *,
    interrupt: Flag,
    hooks: RunHooks,
    query_params: dict[str, list[str]] | None = None,
) -> FragmentStatus | None:
    """Run the callbacks of ``changes``, then only the fragment ``info``, into its container.

    Repeats while the fragment calls ``st.rerun(scope="fragment")``. Returns None, having run
    nothing, when the browser no longer shows the fragment's container (the caller runs the
    whole app instead).
    """
    pending: Mapping[str, Any] = changes
    for _ in range(MAX_RERUNS):
        try:
            shown = node_at(writer.client, info.path)
        except IndexError:
            return None
        if shown.type != "container" or shown.children is None:
            return None
        node = Node(shown.type, shown.props, container=True)
        ctx = RunContext(
            state=state,
            writer=writer,
            script_path=info.script_path,
            page_hash=info.page_hash,
            options=options,
            interrupt=interrupt,
            query_params=query_params if query_params is not None else {},
            on_flush=hooks.flush,
            fragments=hooks.fragments if hooks.fragments is not None else {},
            fragment=info.id,
            fragment_run=True,
            visitor=hooks.visitor,
        )
        ctx.blocks = [Block(node, info.path, info.form)]
        status = run_attempt(ctx, pending, lambda: info.func(*info.args, **info.kwargs))
        if status in ("ok", "stopped", "error"):
            writer.finish_subtree(info.path, node)
            return status
        if status != "rerun":
            return "interrupted"
        if ctx.rerun_scope != "fragment":
            return "app"
        pending = {}
        if hooks.rerun_started is not None:
            hooks.rerun_started()
    return "stopped"
