"""Multipage apps: an app's pages, which script a run executes, and page switches.

Owns ``App`` (an entrypoint with its ``pages/`` folder, shared by every session of the app) and
``Navigator`` (one session's current page, the pages ``st.navigation`` declared last, and what
the browser was last told about them). ``Navigator.run`` is the page-aware wrapper of
``runner.run_interaction`` that sessions and ``AppTest`` call:

- a ``pages/`` folder app runs the entrypoint for ``/`` and a page file for ``/<url_path>``;
- an ``st.navigation`` app always runs the entrypoint; ``st.navigation`` picks the page and
  ``Page.run()`` runs it with the page's widget-id hash (W-1, MP-2);
- ``st.switch_page`` ends a run; the next run shows the new page with every widget value
  dropped and no browser values (MP-5). Plain navigation keeps what the state holds, so the
  old page's widgets are readable during the first run of the new page, then cleaned up
  (MP-3), and entrypoint widgets keep their values (MP-4).

Knows nothing about sockets or sessions' queues.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import CodeType
from typing import Any

from tidal.context import Flag, NavPosition, PageInfo, PageTable, RunOptions
from tidal.delta import DeltaWriter
from tidal.errors import TidalAPIError
from tidal.pagefiles import (
    describe_page,
    duplicate_url_message,
    file_page_hash,
    icon_and_name,
    page_sort_key,
    title_of,
)
from tidal.querystring import keep_reserved
from tidal.runner import RunHooks, Script, exec_script, run_interaction
from tidal.server_messages import PageEntry, Pages, RunStatus
from tidal.state import SessionState

log = logging.getLogger("tidal.pages")

MAX_SWITCHES = 100
"""Pages that keep switching to each other are stopped after this many switches in a row."""

Announce = Callable[[Pages], None]


def _names(code: CodeType) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, CodeType):
            names |= _names(const)
    return names


class App:
    """An entrypoint script and its pages; one per served script, shared by its sessions.

    Use ``App.of(script)``: it creates the app on first use.
    """

    _apps: weakref.WeakKeyDictionary[Script, App] = weakref.WeakKeyDictionary()
    _apps_lock = threading.Lock()

    def __init__(self, entry: Script) -> None:
        self.entry = entry
        self.main_path = entry.path
        self._pages_dir = os.fspath(entry.path.parent / "pages")
        """The ``pages/`` folder's path, as ``os.stat`` takes it (asked about every run)."""
        self._main_page: PageInfo | None = None
        self.uses_navigation: bool | None = None
        """Whether the entrypoint calls ``st.navigation``: guessed from its code, then learned."""
        self._scripts: dict[Path, Script] = {}
        self._folder: tuple[int, list[PageInfo]] | None = None
        self.error: TidalAPIError | None = None
        """Streamlit's error for the ``pages/`` folder (two files with one url path), or None."""
        self._guess: tuple[CodeType, bool] | None = None
        self._lock = threading.Lock()

    @classmethod
    def of(cls, entry: Script) -> App:
        """The app of an entrypoint script."""
        with cls._apps_lock:
            app = cls._apps.get(entry)
            if app is None:
                app = cls._apps[entry] = cls(entry)
            return app

    # ------------------------------------------------------------------ pages
    def main_page(self) -> PageInfo:
        """The entrypoint as the main page (``/``) of a ``pages/`` folder app."""
        main = self._main_page
        if main is None:  # once: it depends on the entrypoint's path only
            icon, name = icon_and_name(self.main_path.name)
            main = self._main_page = PageInfo(
                url_path="",
                title=title_of(name) or self.main_path.stem,
                icon=icon or None,
                script_hash=self.entry.page_hash,
                path=self.main_path,
            )
        return main

    def folder_pages(self) -> list[PageInfo]:
        """The main page, then the ``pages/`` folder's scripts by number prefix and name.

        Files starting with ``.`` and ``__init__.py`` are not pages. Re-read when the folder
        changes (its mtime), so new pages appear without a restart.
        """
        if not self.entry.is_file:
            return [self.main_page()]
        try:  # one stat a run, on a ready string path: every run of every app asks
            found = os.stat(self._pages_dir)
        except (OSError, ValueError):
            return [self.main_page()]
        if not stat.S_ISDIR(found.st_mode):
            return [self.main_page()]
        mtime = found.st_mtime_ns
        folder = Path(self._pages_dir)
        with self._lock:
            if self._folder is not None and self._folder[0] == mtime:
                return self._folder[1]
        files = sorted(
            (
                f
                for f in folder.glob("*.py")
                if f.is_file() and not f.name.startswith(".") and f.name != "__init__.py"
            ),
            key=lambda f: page_sort_key(f.name),
        )
        pages = [self.main_page()]
        seen: dict[str, Path] = {}
        self.error = None
        for f in files:
            icon, name = icon_and_name(f.name)
            if not name:
                log.warning("pages/%s: no usable page name; skipped", f.name)
                continue
            path = f.resolve()
            if name in seen and self.error is None:  # Streamlit's error, shown on every run
                folder_of_main = self.main_path.parent.resolve()
                self.error = TidalAPIError(
                    duplicate_url_message(
                        name,
                        describe_page(seen[name], "", folder_of_main),
                        describe_page(path, "", folder_of_main),
                        default=False,
                    )
                )
                continue
            seen[name] = path
            pages.append(PageInfo(name, title_of(name), icon or None, file_page_hash(path), path))
        with self._lock:
            self._folder = (mtime, pages)
        return pages

    def script(self, path: Path) -> Script:
        """The (cached) script of a page file."""
        if path == self.main_path:
            return self.entry
        with self._lock:
            script = self._scripts.get(path)
            if script is None:
                script = self._scripts[path] = Script(path, magic=self.entry.magic)
            return script

    def run_file(self, path: Path) -> None:
        """Execute a page file inside the current run (``Page.run()`` of a file page)."""
        exec_script(self.script(path))

    def navigates(self) -> bool:
        """Whether the entrypoint uses ``st.navigation`` (then it runs for every page).

        Until a run has shown it, the entrypoint's code is asked whether it names
        ``navigation`` at all (a script that does not compile runs, and shows its error).
        """
        if self.uses_navigation is not None:
            return self.uses_navigation
        try:
            code = self.entry.code()
        except (SyntaxError, OSError, ValueError):
            return False
        guess = self._guess
        if guess is None or guess[0] is not code:  # once per version of the file
            guess = self._guess = (code, "navigation" in _names(code))
        return guess[1]


@dataclass(frozen=True, slots=True)
class _View:
    pages: tuple[PageInfo, ...]
    current: str
    position: NavPosition


class Navigator:
    """One session's pages: the current page, the pages ``st.navigation`` declared last, and
    what the browser was last told (so it is told only about changes)."""

    __slots__ = ("_declared", "_position", "_sent", "app", "url")

    def __init__(self, app: App, url: str = "") -> None:
        self.app = app
        self.url = url
        """The current page's url path (``""``: the main page)."""
        self._declared: list[PageInfo] = []
        self._position: NavPosition = "sidebar"
        self._sent: _View | None = None

    def resend(self) -> None:
        """Forget what the browser was told: a new page load gets the page list again."""
        self._sent = None

    def pages(self) -> list[PageInfo]:
        """The pages known now: the last ``st.navigation`` list, or the ``pages/`` folder."""
        if self.app.navigates():
            return list(self._declared)
        return self.app.folder_pages()

    def url_of_file(self, path: Path) -> str | None:
        """The url path of a file page of this app, or None."""
        target = path.resolve()
        for info in self.pages():
            if info.path is not None and info.path.resolve() == target:
                return info.url_path
        return None

    # ------------------------------------------------------------------ running
    def run(
        self,
        state: SessionState,
        writer: DeltaWriter,
        options: RunOptions,
        changes: Mapping[str, Any],
        *,
        page: str | None = None,
        interrupt: Flag,
        hooks: RunHooks | None = None,
        query_params: dict[str, list[str]] | None = None,
        announce: Announce | None = None,
        ack: int = 0,
    ) -> RunStatus:
        """Run one interaction on ``page`` (default: the current page), following switches.

        ``announce`` receives a ``Pages`` message whenever the page list, the current page or
        the menu position differs from what was announced last; ``ack`` goes into it.
        Returns the last run's status (never ``switch``).
        """
        hooks = hooks or RunHooks()
        url = self.url if page is None else page.strip("/")
        pending: Mapping[str, Any] = changes
        switched = False
        switch_query: dict[str, list[str]] | None = None
        for _ in range(MAX_SWITCHES):
            table, script = self._prepare(url)

            def changed(t: PageTable, switched: bool = switched) -> None:
                self._announce(t, announce, ack, switched)

            table.on_change = changed
            if not table.declared and table.current is not None:
                changed(table)
            if switched:
                state.forget_widgets()
                if query_params is not None:
                    keep_reserved(query_params)  # another page starts without query params
                    query_params.update(switch_query or {})  # unless switch_page gave some
            status = run_interaction(
                script,
                state,
                writer,
                options,
                pending,
                interrupt=interrupt,
                hooks=hooks,
                query_params=query_params,
                pages=table,
            )
            self._learn(table, status, script is self.app.entry)
            if status != "switch":
                return status
            assert table.switch_to is not None
            url = self.url = table.switch_to.url_path
            switch_query = table.switch_query
            pending = {}
            switched = True
            if hooks.rerun_started is not None:
                hooks.rerun_started()
        log.error("%s: %d page switches in a row; stopping.", self.app.main_path, MAX_SWITCHES)
        return "stopped"

    def _prepare(self, url: str) -> tuple[PageTable, Script]:
        app = self.app
        table = PageTable(app.main_path, requested=url, run_file=app.run_file)
        if app.navigates():
            table.pages = list(self._declared)
            table.position = self._position
            return table, app.entry
        folder = app.folder_pages()
        current = next((p for p in folder if p.url_path == url), None)
        if current is None:
            current = folder[0]
            if url:
                table.not_found = url
        table.pages = folder
        table.current = current
        table.error = app.error
        assert current.path is not None
        return table, app.script(current.path)

    def _learn(self, table: PageTable, status: str, ran_entry: bool) -> None:
        app = self.app
        if table.declared:
            app.uses_navigation = True
            self._declared = list(table.pages)
            self._position = table.position
        elif ran_entry and status == "ok" and app.uses_navigation is None:
            app.uses_navigation = False  # a complete run without st.navigation: settled
        # a run that ended before st.navigation picked a page stays on the page asked for
        self.url = table.current.url_path if table.current is not None else table.requested

    def _announce(
        self, table: PageTable, announce: Announce | None, ack: int, switched: bool
    ) -> None:
        assert table.current is not None
        view = _View(tuple(table.pages), table.current.url_path, table.position)
        if view == self._sent:
            return
        if len(view.pages) < 2 and table.not_found is None and self._sent is None:
            return  # a single-page app: nothing to show, nothing to correct
        self._sent = view
        if announce is not None:
            announce(
                Pages(
                    pages=[
                        PageEntry(
                            url=p.url_path,
                            title=p.title,
                            icon=p.icon,
                            section=p.section,
                            hidden=p.hidden,
                            help=p.help,
                        )
                        for p in view.pages
                    ],
                    current=view.current,
                    position=view.position,
                    switched=switched,
                    ack=ack,
                )
            )
