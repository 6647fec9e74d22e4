"""``AppTest``: run an app headless and drive its widgets from a test.

Owns the runner: the constructors (``from_string``, ``from_file``, ``from_function``),
``run()`` with the query params, secrets, user and context it sets, ``switch_page()``, and the
session timeline (``runs``, ``explain``, ``rewind``, ``export_state``/``with_state``). It drives
the very ``Session`` and runner the server uses (no second implementation of the semantics).
What a test reads is ``Page``'s (``page.py``: ``main``, ``sidebar``, ``session_state`` and every
element query of ``blocks.py``/``queries.py``); which staged values a run sends is
``staging.py``'s; run timeouts are ``watchdog.py``'s.
"""

from __future__ import annotations

import dataclasses
import inspect
import textwrap
from collections.abc import Callable
from hashlib import blake2b
from pathlib import Path
from typing import Any

from tidal.config import load_config
from tidal.context import RunOptions
from tidal.querystring import encode_query, parse_query
from tidal.run_record import RunRecord
from tidal.runner import Script, add_app_folder_to_path
from tidal.session import Session
from tidal.testing.errors import AppTestError
from tidal.testing.page import Page
from tidal.testing.staging import widget_states
from tidal.testing.watchdog import Watchdog

_CONTEXT_KEYS: dict[str, type | tuple[type, ...]] = {
    "timezone": str,
    "timezone_offset": int,
    "locale": str,
    "url": str,
    "is_embedded": bool,
    "theme": str,
}
"""The ``st.context`` fields a test may set with ``at.context``, and their types."""
_WATCHDOG = Watchdog()


class AppTest(Page):
    """Run a tidal (or Streamlit-style) app headless and drive it from a test.

    Nothing runs until ``run()``. Widget actions stage values; ``run()`` sends them as one
    interaction: callbacks fire for changed widgets, then the script reruns.
    """

    def __init__(
        self,
        script: Script,
        *,
        default_timeout: float = 3,
        options: RunOptions | None = None,
    ) -> None:
        self._script = script
        self.default_timeout = default_timeout
        if options is None:
            # like `tidal run`: defaults < ~/.tidal < the working folder's and the app's
            # .tidal/config.toml (or .streamlit/config.toml); not the environment, which
            # Streamlit's AppTest ignores too (SER-2)
            folders = dict.fromkeys([Path.cwd().resolve(), script.path.resolve().parent])
            options = RunOptions.from_config(load_config(project_dirs=list(folders), env={}))
            # a test reads the whole exception whatever the app's client.showErrorDetails,
            # as in Streamlit's AppTest
            options = dataclasses.replace(options, error_details="full")
        self._session = Session(script, options)
        self._staged: dict[str, Any] = {}
        self._switch_to: Path | None = None
        self.query_params: dict[str, Any] = {}
        """``st.query_params`` for the next run (a list value: a repeated key); after a run,
        what the script left there: one value as a str, a repeated key as a list."""
        self.secrets: dict[str, Any] = {}
        """``st.secrets`` for the runs: when not empty it replaces the secrets files."""
        self.user: dict[str, Any] = {"email": "test@example.com"}
        """What ``st.user`` holds in the runs (Streamlit's AppTest default; set
        ``"is_logged_in"`` and the claims the app reads to test a signed-in person)."""
        self.context: dict[str, Any] = {}
        """What ``st.context`` reports about the browser: ``timezone``, ``timezone_offset``,
        ``locale``, ``url``, ``is_embedded``, ``theme`` (``"light"``/``"dark"``)."""
        super().__init__(self._session.writer.client[0], self)
        self.type = "root"

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_string(
        cls, script: str, *, default_timeout: float = 3, options: RunOptions | None = None
    ) -> AppTest:
        """An app from source text.

        Example:
            >>> at = AppTest.from_string("import tidal as st\\nst.write('hi')").run()
        """
        source = textwrap.dedent(script)
        digest = blake2b(source.encode(), digest_size=8).hexdigest()
        path = Path.cwd() / f"<apptest-{digest}>.py"
        return cls(Script(path, source=source), default_timeout=default_timeout, options=options)

    @classmethod
    def from_file(
        cls,
        script_path: str | Path,
        *,
        default_timeout: float = 3,
        options: RunOptions | None = None,
    ) -> AppTest:
        """An app from a file; a relative path is resolved against the calling test file."""
        path = Path(script_path)
        if not path.is_absolute():
            caller = inspect.stack()[1].filename
            candidate = Path(caller).resolve().parent / path
            path = candidate if candidate.exists() else path.resolve()
        if not path.is_file():
            raise FileNotFoundError(f"AppTest.from_file: no app script at {path}")
        add_app_folder_to_path(path)
        return cls(Script(path), default_timeout=default_timeout, options=options)

    @classmethod
    def from_function(
        cls,
        script: Callable[..., Any],
        *,
        default_timeout: float = 3,
        args: tuple[Any, ...] | None = None,
        kwargs: dict[str, Any] | None = None,
        options: RunOptions | None = None,
    ) -> AppTest:
        """An app whose script is a function's source, called with ``args``/``kwargs``."""
        source = textwrap.dedent(inspect.getsource(script))
        source += f"\n{script.__name__}(*__tidal_args__, **__tidal_kwargs__)\n"
        at = cls.from_string(source, default_timeout=default_timeout, options=options)
        at._script.extra_globals = {
            "__tidal_args__": tuple(args or ()),
            "__tidal_kwargs__": dict(kwargs or {}),
        }
        return at

    # ------------------------------------------------------------------ running
    def run(self, *, timeout: float | None = None) -> AppTest:
        """Run the script once with the staged widget values; returns ``self``.

        Raises:
            RuntimeError: the run took longer than ``timeout`` (default ``default_timeout``).
        """
        timeout = self.default_timeout if timeout is None else timeout
        page = self._page_to_switch_to()
        changes = self._outgoing()
        self._session.query_params = {
            k: [str(x) for x in v] if isinstance(v, list | tuple) else [str(v)]
            for k, v in self.query_params.items()
        }
        self._session.visitor.secrets = dict(self.secrets) if self.secrets else None
        self._session.visitor.user = dict(self.user)
        self._apply_context()
        job = _WATCHDOG.watch(self._session, timeout)
        try:
            self._session.run(changes, page)
        finally:
            timed_out = _WATCHDOG.done(job)
        if timed_out:
            self._session.interrupt.clear()
            raise RuntimeError(f"AppTest script run timed out after {timeout}(s)")
        self.node = self._session.writer.client[0]
        # what the script left in st.query_params, as the address would show it
        shown = parse_query(encode_query(self._session.query_params))
        self.query_params = {k: v[0] if len(v) == 1 else v for k, v in shown.items()}
        return self

    # ------------------------------------------------------------------ the run timeline
    @property
    def runs(self) -> list[RunRecord]:
        """The session's runs, oldest first (the last 50): each with its ``trigger``, ``status``,
        ``callbacks``, ``state_diff``, ``explanations``, ``errors`` and ``warnings``.

        Example:
            >>> at.button(key="inc").click().run()
            >>> at.runs[-1].trigger.kind, at.runs[-1].state_diff.changed
            ('click', {'count': ('0', '1')})
        """
        return list(self._session.state.timeline.runs)

    def explain(self, name: str) -> str | None:
        """Why the key ``name`` (or the keyless widget labelled ``name``) was last removed or
        reset, in plain words; None when none of the kept runs did it.

        Example:
            >>> at.explain("age")
            '`age` was removed because the widget with key `age` was not drawn in run 4.'
        """
        return self._session.state.timeline.explain(name)

    def rewind(self, run: int) -> AppTest:
        """Restore the session state (user and widget values) to what it was after run
        number ``run``; the next ``run()`` shows it.

        Raises:
            ValueError: the timeline no longer holds that run.

        Example:
            >>> at.rewind(at.runs[-3].number).run()
        """
        if not self._session.rewind(run):
            raise ValueError(f"Run {run} is not in the session's timeline (it keeps the last 50).")
        return self

    def export_state(self) -> dict[str, Any]:
        """The session document as JSON-able data (what the inspector's Export gives).

        Example:
            >>> doc = at.export_state()
            >>> AppTest.from_file("app.py").with_state(doc).run()
        """
        return self._session.export_document()

    def with_state(self, doc: dict[str, Any]) -> AppTest:
        """Start from an exported session document (user values, and widget values by key).

        Raises:
            TidalAPIError: ``doc`` is not a session document.

        Example:
            >>> at = AppTest.from_file("app.py").with_state(json.load(open("bug.json"))).run()
        """
        self._session.load_document(doc)
        return self

    def _apply_context(self) -> None:
        """Put ``self.context`` where ``st.context`` reads it (the session's visitor)."""
        unknown = sorted(set(self.context) - set(_CONTEXT_KEYS))
        if unknown:
            supported = ", ".join(repr(k) for k in sorted(_CONTEXT_KEYS))
            raise AppTestError(
                f"AppTest.context does not support {unknown[0]!r}. Supported keys: {supported}."
            )
        visitor = self._session.visitor
        for key, types in _CONTEXT_KEYS.items():
            value = self.context.get(key)
            if value is not None and not isinstance(value, types):
                raise AppTestError(f"AppTest.context[{key!r}] must be {types}, not {value!r}.")
            if key == "is_embedded":
                visitor.is_embedded = bool(value)
            else:
                setattr(visitor, key, value)

    def switch_page(self, page_path: str | Path) -> AppTest:
        """Go to another page on the next ``run()``, as a person would with the menu: widget
        values stay in the session, so the entrypoint's widgets keep theirs (MP-4) and the old
        page's are cleaned up after that run (MP-3).

        Args:
            page_path: the page file, relative to the main script (``"pages/1_settings.py"``).
                Only file pages can be targeted: pages of the ``pages/`` folder, the main
                script, or file pages ``st.navigation`` declared in an earlier run (AT-10).

        Raises:
            ValueError: there is no such file (now), or it is not a page of the app (at
                ``run()``).

        Example:
            >>> at = AppTest.from_file("app.py").run()
            >>> at.switch_page("pages/2_settings.py").run()
        """
        path = (self._script.path.parent / page_path).resolve()
        if not path.is_file():
            raise ValueError(
                f"Unable to find script at {page_path}, make sure the page given is relative "
                "to the main script."
            )
        self._switch_to = path
        return self

    def _page_to_switch_to(self) -> str | None:
        target, self._switch_to = self._switch_to, None
        if target is None:
            return None
        url = self._session.nav.url_of_file(target)
        if url is None:
            raise ValueError(
                f"Could not find page {target}: it is not a page of this app. AppTest can "
                "switch to the main script, files in pages/, or file pages that st.navigation "
                "declared in an earlier run (run() the app first)."
            )
        return url

    def _outgoing(self) -> dict[str, Any]:
        """The staged values this run sends (``get_widget_states``); then nothing stays
        staged."""
        try:
            return self.get_widget_states()
        finally:
            self._staged = {}

    def get_widget_states(self) -> dict[str, Any]:
        """The widget values the next ``run()`` sends, by widget id, as a browser would send
        them (Streamlit's ``WidgetStates``, as a dict).

        As in Streamlit's AppTest, a value staged on a widget inside a form is sent only when
        one of that form's submit buttons is clicked in the same run (F-1); otherwise it is
        dropped. Each value makes the round trip through the widget's wire form, so the script
        sees exactly what a browser could send (a number input gets a float). A value the
        widget would not take (a number outside its range, an unknown option) is dropped
        silently and the widget keeps its value; a text longer than ``max_chars`` is cut to
        it; both as Streamlit's AppTest does.

        Raises:
            ValueError: ``'<value>' is not in list``: a selectbox or radio was given a value
                that is not one of its options (Streamlit's AppTest raises it here too).
        """
        return widget_states(self, self._walk())
