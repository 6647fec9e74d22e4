"""Live reload: watch the app's folder and tell sessions when its source changes.

Owns the watch (watchfiles, on the event loop), which files count (Python sources and the
app's config, not caches, stores or virtual environments), forgetting the user's own modules
so the next run imports them afresh, and what sessions are told: "source changed" (the
browser offers Rerun / Always rerun) or, with ``server.runOnSave``, a rerun at once. The
script itself is recompiled by ``runner.Script`` when its file changes.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from tidal.server_messages import SourceChanged
from tidal.sessions import Sessions

log = logging.getLogger("tidal.watcher")

_IGNORED_DIRS = {
    "__pycache__",
    ".git",
    ".venv",
    "venv",
    ".tidal",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    "node_modules",
}
DEBOUNCE_MS = 50


def is_source(path: str) -> bool:
    """Whether a change to ``path`` should reload the app."""
    p = Path(path)
    if any(part in _IGNORED_DIRS for part in p.parts):
        return False
    return p.suffix == ".py" or p.name == "config.toml"


def forget_user_modules(folder: Path) -> list[str]:
    """Drop modules imported from ``folder`` (not tidal's) from ``sys.modules`` so the next
    run imports the edited versions; returns their names."""
    root = str(folder.resolve())
    package = str(Path(__file__).resolve().parent)
    gone = []
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if file and file.startswith(root) and not file.startswith(package):
            del sys.modules[name]
            gone.append(name)
    return gone


def notify_sessions(sessions: Sessions, *, run_on_save: bool) -> int:
    """Tell every connected session that the source changed; returns how many."""
    told = 0
    for session in sessions.all():
        if not session.connected:
            continue
        if run_on_save:
            session.request_rerun()
        else:
            session.notify(SourceChanged())
        told += 1
    return told


async def watch(
    folder: Path,
    sessions: Sessions,
    *,
    run_on_save: Callable[[], bool],
    stop: asyncio.Event,
) -> None:
    """Watch ``folder`` until ``stop`` is set."""
    from watchfiles import awatch  # imported when serving only: keeps `import tidal` light

    async for changes in awatch(
        folder,
        watch_filter=lambda _change, path: is_source(path),
        debounce=DEBOUNCE_MS,
        step=DEBOUNCE_MS,
        stop_event=stop,
        recursive=True,
    ):
        names = sorted({Path(p).name for _, p in changes})
        forgotten = forget_user_modules(folder)
        told = notify_sessions(sessions, run_on_save=run_on_save())
        log.info(
            "source changed (%s); %d module(s) reloaded; %d session(s) told",
            ", ".join(names),
            len(forgotten),
            told,
        )
