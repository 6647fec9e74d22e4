"""``AppTest``: run an app headless and drive its widgets from a test.

Mirrors ``streamlit.testing.v1.AppTest``. It drives the very ``Session`` and runner the server
uses (no second implementation of the semantics) and reads the page from the session's delta
mirror, so a test sees exactly what a browser would show.

Example:
    >>> at = AppTest.from_string('''
    ... import tidal as st
    ... if st.button("Increment"):
    ...     st.session_state.count = st.session_state.get("count", 0) + 1
    ... ''').run()
    >>> at.button[0].click().run()
    >>> at.session_state.count
    1
"""

from __future__ import annotations

import inspect
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from hashlib import blake2b
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Generic, TypeVar, overload

from tidal.config import load_config
from tidal.context import RunOptions
from tidal.querystring import encode_query, parse_query
from tidal.runner import (
    Script,
    add_app_folder_to_path,
    clear_async_interrupt,
    interrupt_thread,
)
from tidal.session import Session
from tidal.state import WIDGET_ID_PREFIX, WidgetMeta, missing_attr_message
from tidal.tree import Node

_MISSING: Any = object()


class Element:
    """One element of the page as a test sees it."""

    def __init__(self, node: Node, app: AppTest) -> None:
        self.node = node
        self.type = node.type
        self.props = node.props
        self._app = app

    @property
    def value(self) -> Any:
        """The element's text (``body``) or, for widgets, their value."""
        return self.props.get("body")

    @property
    def key(self) -> str | None:
        """The widget's user key (None for elements and keyless widgets)."""
        wid = self.props.get("id")
        if not isinstance(wid, str) or not wid.startswith("$$ID"):
            return None
        key = wid.split("-", 2)[2]
        return None if key == "None" else key

    @property
    def proto(self) -> Any:
        """The element's props as attributes (Streamlit tests read ``.proto``)."""
        return SimpleNamespace(**self.props)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.props!r})"


class ExceptionElement(Element):
    """An exception shown in the app."""

    @property
    def value(self) -> str:
        """``str(exception)``."""
        return str(self.props["message"])

    @property
    def message(self) -> str:
        """Same as ``value``."""
        return str(self.props["message"])

    @property
    def is_markdown(self) -> bool:
        """True for tidal/Streamlit API errors (their message is Markdown)."""
        return bool(self.props["is_markdown"])

    @property
    def stack_trace(self) -> list[str]:
        """The traceback lines of the script's frames."""
        return list(self.props["stack"])

    @property
    def exception_type(self) -> str:
        """The exception's class name, e.g. ``"ZeroDivisionError"``."""
        return str(self.props["type"])


W = TypeVar("W", bound="Widget")


class Widget(Element):
    """An input element: stage a value, then ``run()``."""

    @property
    def id(self) -> str:
        """The widget id."""
        return str(self.props["id"])

    @property
    def label(self) -> str:
        """The widget's label."""
        return str(self.props["label"])

    @property
    def disabled(self) -> bool:
        """Whether the widget is disabled."""
        return bool(self.props.get("disabled"))

    @property
    def value(self) -> Any:
        """The staged value if one is staged, else the value the script got."""
        staged = self._app._staged.get(self.id, _MISSING)
        return self.node.value if staged is _MISSING else staged

    def set_value(self: W, value: Any) -> W:
        """Stage a new value; it is sent with the next ``run()``."""
        self._app._staged[self.id] = value
        return self

    def run(self, *, timeout: float | None = None) -> AppTest:
        """Run the app with the staged values (same as ``at.run()``)."""
        return self._app.run(timeout=timeout)


class Button(Widget):
    """``st.button`` and ``st.form_submit_button``."""

    def click(self) -> Button:
        """Stage a click: the button returns True in the next run."""
        return self.set_value(True)


class Checkbox(Widget):
    """``st.checkbox`` and ``st.toggle``."""

    def check(self) -> Checkbox:
        """Stage checked."""
        return self.set_value(True)

    def uncheck(self) -> Checkbox:
        """Stage unchecked."""
        return self.set_value(False)


class TextInput(Widget):
    """``st.text_input`` and ``st.text_area``."""

    def input(self, value: str) -> TextInput:
        """Stage typed text."""
        return self.set_value(value)


class NumberInput(Widget):
    """``st.number_input``."""

    def increment(self) -> NumberInput:
        """Stage value + step, clamped at ``max``."""
        return self._step(1)

    def decrement(self) -> NumberInput:
        """Stage value - step, clamped at ``min``."""
        return self._step(-1)

    def _step(self, sign: int) -> NumberInput:
        v = self.value if self.value is not None else 0
        nv = v + sign * self.props["step"]
        lo, hi = self.props.get("min"), self.props.get("max")
        if hi is not None and nv > hi:
            nv = hi
        if lo is not None and nv < lo:
            nv = lo
        return self.set_value(nv)


class Slider(Widget):
    """``st.slider``."""

    def set_range(self, lower: Any, upper: Any) -> Slider:
        """Stage a range value ``(lower, upper)``."""
        return self.set_value((lower, upper))


class Choice(Widget):
    """``st.selectbox``, ``st.radio`` and ``st.select_slider``."""

    @property
    def options(self) -> list[str]:
        """The options as displayed."""
        return list(self.props["options"])

    @property
    def index(self) -> int | None:
        """Index of the current value in the options."""
        for i, o in enumerate(self.node.extra or []):
            if o == self.value:
                return i
        return None

    def select(self, value: Any) -> Choice:
        """Stage an option by value."""
        return self.set_value(value)

    def select_index(self, index: int) -> Choice:
        """Stage an option by index."""
        return self.set_value((self.node.extra or [])[index])


class Multiselect(Widget):
    """``st.multiselect``."""

    @property
    def options(self) -> list[str]:
        """The options as displayed."""
        return list(self.props["options"])

    def select(self, value: Any) -> Multiselect:
        """Stage one more selected option (kept in selection order)."""
        current = list(self.value or [])
        if value not in current:
            current.append(value)
        return self.set_value(current)

    def unselect(self, value: Any) -> Multiselect:
        """Stage an option as no longer selected."""
        return self.set_value([v for v in (self.value or []) if v != value])


_CLASSES: dict[str, type[Element]] = {
    "exception": ExceptionElement,
    "button": Button,
    "form_submit_button": Button,
    "checkbox": Checkbox,
    "toggle": Checkbox,
    "text_input": TextInput,
    "text_area": TextInput,
    "number_input": NumberInput,
    "slider": Slider,
    "selectbox": Choice,
    "radio": Choice,
    "select_slider": Choice,
    "multiselect": Multiselect,
    "time_input": Widget,
    "date_input": Widget,
    "color_picker": Widget,
}

E = TypeVar("E")


class ElementList(Generic[E]):
    """Elements of one kind in document order: index it, ``len()`` it, iterate it; widget
    lists can also be called with ``key=``."""

    def __init__(self, items: list[E]) -> None:
        self._items = items

    @overload
    def __getitem__(self, i: int) -> E: ...
    @overload
    def __getitem__(self, i: slice) -> list[E]: ...
    def __getitem__(self, i: int | slice) -> E | list[E]:
        return self._items[i]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[E]:
        return iter(self._items)

    def __call__(self, key: str) -> E:
        for item in self._items:
            if getattr(item, "key", None) == key:
                return item
        raise KeyError(key)

    @property
    def values(self) -> list[Any]:
        """Every element's ``value``."""
        return [getattr(item, "value", None) for item in self._items]

    def __repr__(self) -> str:
        return f"ElementList({self._items!r})"


class Block:
    """A part of the page (main area, sidebar, a column, a form...) to query inside."""

    def __init__(self, node: Node, app: AppTest) -> None:
        self.node = node
        self.type = node.type
        self.props = node.props
        self._app = app

    @property
    def label(self) -> str | None:
        """The block's label (tabs, expanders), if it has one."""
        label = self.props.get("label")
        return None if label is None else str(label)

    @property
    def children(self) -> list[Element | Block]:
        """The block's direct children in page order: elements, and blocks for containers."""
        return [
            Block(n, self._app) if n.children is not None else self._app._wrap(n)
            for n in self.node.children or []
        ]

    def _walk(self) -> Iterator[Node]:
        stack = list(reversed(self.node.children or []))
        while stack:
            n = stack.pop()
            yield n
            if n.children:
                stack.extend(reversed(n.children))

    def get(self, element_type: str) -> list[Element]:
        """Every element of one type, as a plain list."""
        return [self._app._wrap(n) for n in self._walk() if n.type == element_type]

    def _of(self, *types: str) -> ElementList[Any]:
        return ElementList([self._app._wrap(n) for n in self._walk() if n.type in types])

    def _blocks(self, type_: str) -> ElementList[Block]:
        return ElementList([Block(n, self._app) for n in self._walk() if n.type == type_])

    def get_by_key(self, key: str) -> Element | None:
        """The widget with this user key, or None."""
        for n in self._walk():
            e = self._app._wrap(n)
            if e.key == key:
                return e
        return None

    # element lists, Streamlit's names
    @property
    def title(self) -> ElementList[Element]:
        """``st.title`` elements."""
        return self._of("title")

    @property
    def header(self) -> ElementList[Element]:
        """``st.header`` elements."""
        return self._of("header")

    @property
    def subheader(self) -> ElementList[Element]:
        """``st.subheader`` elements."""
        return self._of("subheader")

    @property
    def markdown(self) -> ElementList[Element]:
        """``st.markdown`` elements (``st.write`` of text included)."""
        return self._of("markdown")

    @property
    def text(self) -> ElementList[Element]:
        """``st.text`` elements."""
        return self._of("text")

    @property
    def caption(self) -> ElementList[Element]:
        """``st.caption`` elements."""
        return self._of("caption")

    @property
    def code(self) -> ElementList[Element]:
        """``st.code`` elements."""
        return self._of("code")

    @property
    def json(self) -> ElementList[Element]:
        """``st.json`` elements (``st.write`` of dicts and session state included)."""
        return self._of("json")

    @property
    def error(self) -> ElementList[Element]:
        """``st.error`` callouts."""
        return self._of("error")

    @property
    def warning(self) -> ElementList[Element]:
        """``st.warning`` callouts."""
        return self._of("warning")

    @property
    def info(self) -> ElementList[Element]:
        """``st.info`` callouts."""
        return self._of("info")

    @property
    def success(self) -> ElementList[Element]:
        """``st.success`` callouts."""
        return self._of("success")

    @property
    def exception(self) -> ElementList[ExceptionElement]:
        """Exceptions shown in the app."""
        return self._of("exception")

    @property
    def divider(self) -> ElementList[Element]:
        """``st.divider`` elements."""
        return self._of("divider")

    @property
    def button(self) -> ElementList[Button]:
        """Buttons, form submit buttons included."""
        return self._of("button", "form_submit_button")

    @property
    def checkbox(self) -> ElementList[Checkbox]:
        """``st.checkbox`` widgets."""
        return self._of("checkbox")

    @property
    def toggle(self) -> ElementList[Checkbox]:
        """``st.toggle`` widgets."""
        return self._of("toggle")

    @property
    def text_input(self) -> ElementList[TextInput]:
        """``st.text_input`` widgets."""
        return self._of("text_input")

    @property
    def text_area(self) -> ElementList[TextInput]:
        """``st.text_area`` widgets."""
        return self._of("text_area")

    @property
    def number_input(self) -> ElementList[NumberInput]:
        """``st.number_input`` widgets."""
        return self._of("number_input")

    @property
    def slider(self) -> ElementList[Slider]:
        """``st.slider`` widgets."""
        return self._of("slider")

    @property
    def selectbox(self) -> ElementList[Choice]:
        """``st.selectbox`` widgets."""
        return self._of("selectbox")

    @property
    def radio(self) -> ElementList[Choice]:
        """``st.radio`` widgets."""
        return self._of("radio")

    @property
    def select_slider(self) -> ElementList[Choice]:
        """``st.select_slider`` widgets."""
        return self._of("select_slider")

    @property
    def multiselect(self) -> ElementList[Multiselect]:
        """``st.multiselect`` widgets."""
        return self._of("multiselect")

    @property
    def time_input(self) -> ElementList[Widget]:
        """``st.time_input`` widgets."""
        return self._of("time_input")

    @property
    def date_input(self) -> ElementList[Widget]:
        """``st.date_input`` widgets."""
        return self._of("date_input")

    @property
    def color_picker(self) -> ElementList[Widget]:
        """``st.color_picker`` widgets."""
        return self._of("color_picker")

    @property
    def columns(self) -> ElementList[Block]:
        """Columns (each a block to query inside)."""
        return self._blocks("column")

    @property
    def expander(self) -> ElementList[Block]:
        """Expanders (each a block to query inside)."""
        return self._blocks("expander")

    @property
    def tabs(self) -> ElementList[Block]:
        """Tabs (each a block to query inside, with a ``label``)."""
        return self._blocks("tab")

    @property
    def form(self) -> ElementList[Block]:
        """Forms (each a block to query inside)."""
        return self._blocks("form")

    @property
    def container(self) -> ElementList[Block]:
        """Containers (each a block to query inside)."""
        return self._blocks("container")


def _as_sent(meta: WidgetMeta, value: Any) -> Any:
    try:
        return meta.from_wire(meta.to_wire(value))
    except (ValueError, TypeError) as exc:
        name = meta.key if meta.key is not None else meta.id
        raise ValueError(
            f"AppTest: {meta.kind} {name!r} cannot take {value!r} ({exc}). Stage a value the "
            "widget offers, e.g. one of its options or a number inside its range."
        ) from None


class SessionStateView:
    """``at.session_state``: read and write the session's state between runs.

    A write acts like a value set in an earlier run: it sets keyed widgets on the next run,
    fires no callback and is not subject to the read-only check (AT-9, W-11).
    """

    __slots__ = ("_app",)

    def __init__(self, app: AppTest) -> None:
        object.__setattr__(self, "_app", app)

    def __getitem__(self, key: object) -> Any:
        return self._app._session.state[key]

    def __setitem__(self, key: object, value: Any) -> None:
        self._app._session.state[key] = value

    def __delitem__(self, key: object) -> None:
        del self._app._session.state[key]

    def __contains__(self, key: object) -> bool:
        return key in self._app._session.state

    def __getattr__(self, name: str) -> Any:
        value = self._app._session.state.get(name, _MISSING)
        if value is _MISSING:
            raise AttributeError(missing_attr_message(name))
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        self._app._session.state[name] = value

    def __iter__(self) -> Iterator[str]:
        return iter(self._app._session.state.keys())

    def __len__(self) -> int:
        return len(self._app._session.state)

    def keys(self) -> list[str]:
        """Visible keys."""
        keys: list[str] = self._app._session.state.keys()
        return keys

    def to_dict(self) -> dict[str, Any]:
        """The visible state as a dict."""
        values: dict[str, Any] = self._app._session.state.to_dict()
        return values

    def __repr__(self) -> str:
        return f"SessionStateView({self.to_dict()!r})"


class _Job:
    __slots__ = ("deadline", "finished", "forced", "session", "thread_id", "timed_out")

    def __init__(self, session: Session, deadline: float) -> None:
        self.session = session
        self.deadline = deadline
        self.thread_id = threading.get_ident()
        self.timed_out = False
        self.forced = False
        self.finished = False


class _Watchdog:
    """Times out AppTest runs, which execute in the test's own thread (no thread per run).

    Past its deadline a run is interrupted at its next ``st.*`` call; a script stuck without
    ``st.*`` calls gets ``ScriptInterrupted`` raised in its thread one second later. One daemon
    thread serves every AppTest, ticking only while runs are being watched.
    """

    TICK = 0.02
    GRACE = 1.0

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._jobs: set[_Job] = set()
        self._thread: threading.Thread | None = None
        self._idle = True

    def watch(self, session: Session, timeout: float) -> _Job:
        job = _Job(session, time.monotonic() + timeout)
        with self._lock:
            self._jobs.add(job)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._loop, name="tidal-apptest-watchdog", daemon=True
                )
                self._thread.start()
            elif self._idle:
                self._lock.notify()
        return job

    def done(self, job: _Job) -> bool:
        with self._lock:
            job.finished = True
            self._jobs.discard(job)
            if job.forced:
                clear_async_interrupt(job.thread_id)
            return job.timed_out

    def _loop(self) -> None:
        quiet_since = time.monotonic()
        while True:
            with self._lock:
                now = time.monotonic()
                for job in list(self._jobs):
                    if now >= job.deadline and not job.timed_out:
                        job.timed_out = True
                        job.session.interrupt.set()
                    elif job.timed_out and not job.forced and now >= job.deadline + self.GRACE:
                        job.forced = True
                        interrupt_thread(job.thread_id)
                if self._jobs:
                    quiet_since = now
                self._idle = now - quiet_since > 1.0
                self._lock.wait(None if self._idle else self.TICK)


_WATCHDOG = _Watchdog()


class AppTest(Block):
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
        self._session = Session(script, options)
        self._staged: dict[str, Any] = {}
        self._switch_to: Path | None = None
        self.query_params: dict[str, Any] = {}
        """``st.query_params`` for the next run (a list value: a repeated key); after a run,
        what the script left there: one value as a str, a repeated key as a list."""
        self.secrets: dict[str, Any] = {}
        super().__init__(self._session.writer.client[0], self)

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
        """The staged values this run sends, as the browser would send them.

        Values of widgets in a form stay staged (held "in the browser") until one of that
        form's submit buttons is clicked (F-1). Each value makes the round trip through the
        widget's wire form, so the script sees exactly what a browser could send (a number
        input gets a float, an option must be one of the options).
        """
        state = self._session.state
        nodes = {
            wid: n
            for n in self._walk()
            if isinstance(wid := n.props.get("id"), str) and wid.startswith(WIDGET_ID_PREFIX)
        }
        submitted = {
            nodes[wid].props.get("form")
            for wid, value in self._staged.items()
            if wid in nodes and nodes[wid].type == "form_submit_button" and value is True
        }
        changes: dict[str, Any] = {}
        held: dict[str, Any] = {}
        for wid, value in self._staged.items():
            node = nodes.get(wid)
            form = node.props.get("form", "") if node is not None else ""
            if form and form not in submitted:
                held[wid] = value
                continue
            meta = state.meta(wid)
            if meta is None or (meta.trigger and value is False):
                continue  # the widget is gone, or there is no click to send
            changes[wid] = _as_sent(meta, value)
        self._staged = held
        return changes

    def _wrap(self, node: Node) -> Element:
        return _CLASSES.get(node.type, Element)(node, self)

    @property
    def session_state(self) -> SessionStateView:
        """The session's state (read, write, ``in``, attribute access)."""
        return SessionStateView(self)

    @property
    def main(self) -> Block:
        """The main area only (not the sidebar)."""
        return Block(self._session.writer.client[0], self)

    @property
    def sidebar(self) -> Block:
        """The sidebar."""
        return Block(self._session.writer.client[1], self)

    def _walk(self) -> Iterator[Node]:
        for root in self._session.writer.client:
            yield from Block(root, self)._walk()
