"""What drop-in apps reach past ``st.*`` for: ``streamlit.runtime`` and its ``scriptrunner``.

``exists()`` says whether the code runs inside a tidal app; ``get_script_run_ctx()`` gives the
current run (an object with ``session_id``), or None outside one; ``add_script_run_ctx``
lets a thread the script starts call ``st.*`` as part of the run. Aliased as
``streamlit.runtime`` and ``streamlit.runtime.scriptrunner`` by ``compat.py``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from tidal.context import RunContext, current_run, maybe_run


@dataclass(frozen=True, slots=True)
class ScriptRunContext:
    """The current run as Streamlit's ``get_script_run_ctx()`` describes it.

    Example:
        >>> ctx = get_script_run_ctx()
        >>> ctx.session_id
        '1b4e28ba-2fa1-11d2-883f-0016d3cca427'
    """

    session_id: str
    page_script_hash: str
    run: RunContext

    @property
    def session_state(self) -> Any:
        """The session's state."""
        return self.run.state


def exists() -> bool:
    """Whether this code runs as part of a tidal app (a script run), as Streamlit's
    ``runtime.exists()`` tells a script started with ``streamlit run`` from one started with
    ``python``.

    Example:
        >>> from streamlit import runtime
        >>> runtime.exists()
        True
    """
    return maybe_run() is not None


def get_script_run_ctx(suppress_warning: bool = False) -> ScriptRunContext | None:
    """The current run, or None outside one.

    Example:
        >>> get_script_run_ctx().session_id
    """
    ctx = maybe_run()
    if ctx is None:
        return None
    session_id = ctx.visitor.session_id if ctx.visitor is not None else ""
    return ScriptRunContext(session_id, ctx.page_hash, ctx)


def add_script_run_ctx(
    thread: threading.Thread | None = None, ctx: ScriptRunContext | None = None
) -> threading.Thread:
    """Let ``thread`` (default: the calling one) call ``st.*`` as part of run ``ctx``
    (default: the current run). Returns the thread.

    Example:
        >>> t = threading.Thread(target=work)
        >>> add_script_run_ctx(t).start()
    """
    thread = thread or threading.current_thread()
    run = ctx.run if ctx is not None else maybe_run()
    if run is None:
        return thread
    if thread is threading.current_thread():
        current_run.set(run)
        return thread
    target = thread.run

    def run_in_context() -> None:
        current_run.set(run)
        target()

    thread.run = run_in_context  # type: ignore[method-assign]
    return thread
