"""What a test gets back from a query: wrappers around the page's elements and widgets.

Owns ``Element`` and its subclasses (``at.markdown[0]``, ``at.exception[0]``, ``at.button[0]``,
``at.text_input(key="name")``...), the element-type -> wrapper-class table, and ``ElementList``,
the indexable, callable-by-key list every query returns. A widget wrapper stages values on the
``AppTest`` that made it; it knows nothing about how a run sends them, about blocks and queries
(``blocks.py``) or about sessions and run timeouts (``apptest.py``, ``watchdog.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from tidal.uploaded_file import UploadedFile

if TYPE_CHECKING:
    from tidal.testing.apptest import AppTest
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
    def is_warning(self) -> bool:
        """False: tidal shows warnings as callouts, not exception elements."""
        return False

    @property
    def exception_type(self) -> str:
        """The exception's class name, e.g. ``"ZeroDivisionError"``."""
        return str(self.props["type"])


class Markdown(Element):
    """``st.markdown``, ``st.caption``, ``st.latex``, ``st.divider`` and ``st.badge``."""

    @property
    def value(self) -> str:
        """The Markdown source (``"$$\\n...\\n$$"`` for LaTeX, ``"---"`` for a divider)."""
        return str(self.props.get("body", ""))

    @property
    def allow_html(self) -> bool:
        """Whether raw HTML is rendered (``unsafe_allow_html=True``)."""
        return bool(self.props.get("unsafe_allow_html"))

    @property
    def is_caption(self) -> bool:
        """Whether the element is an ``st.caption``."""
        return self.type == "caption"

    @property
    def help(self) -> str | None:
        """The tooltip, if any."""
        return self.props.get("help")


class Heading(Element):
    """``st.title``, ``st.header`` and ``st.subheader``."""

    @property
    def value(self) -> str:
        """The heading's Markdown text."""
        return str(self.props.get("body", ""))

    @property
    def tag(self) -> str:
        """``"h1"``, ``"h2"`` or ``"h3"``."""
        return str(self.props.get("tag", ""))

    @property
    def anchor(self) -> str:
        """The anchor given (``""`` when the browser makes one from the text)."""
        return str(self.props.get("anchor") or "")

    @property
    def hide_anchor(self) -> bool:
        """Whether ``anchor=False`` hid the link."""
        return bool(self.props.get("hide_anchor"))

    @property
    def icon(self) -> str:
        """The icon (``""`` for none)."""
        return str(self.props.get("icon") or "")

    @property
    def divider(self) -> str:
        """The divider's colour (``""`` for none)."""
        return str(self.props.get("divider") or "")


class Alert(Element):
    """``st.error``, ``st.warning``, ``st.info`` and ``st.success``."""

    @property
    def value(self) -> str:
        """The message."""
        return str(self.props.get("body", ""))

    @property
    def icon(self) -> str:
        """The icon (``""`` for none)."""
        return str(self.props.get("icon") or "")

    @property
    def title(self) -> str | None:
        """The title line, if any."""
        return self.props.get("title")


class Code(Element):
    """``st.code``."""

    @property
    def value(self) -> str:
        """The code."""
        return str(self.props.get("body", ""))

    @property
    def language(self) -> str:
        """The language (``"plaintext"`` for ``language=None``)."""
        return str(self.props.get("language") or "plaintext")

    @property
    def show_line_numbers(self) -> bool:
        """Whether the lines are numbered."""
        return bool(self.props.get("line_numbers"))


class Json(Element):
    """``st.json``."""

    @property
    def expanded(self) -> bool | int:
        """``expanded`` as given."""
        expanded: bool | int = self.props.get("expanded", True)
        return expanded


class Help(Element):
    """``st.help``."""

    @property
    def name(self) -> str:
        """The object's name and signature (``"write(*args, ...)"``)."""
        return str(self.props.get("name", ""))

    @property
    def doc_string(self) -> str:
        """The object's docstring."""
        return str(self.props.get("doc_string", ""))

    @property
    def value(self) -> str:
        """Same as ``doc_string``."""
        return self.doc_string


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
    def help(self) -> str | None:
        """The widget's tooltip (None without one)."""
        h = self.props.get("help")
        return None if h is None else str(h)

    @property
    def form_id(self) -> str:
        """The key of the form the widget is in ("" outside forms)."""
        return str(self.props.get("form") or "")

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


class BidiComponent(Widget):
    """A ``components.v2`` component: its ``value`` is its state (a dict); stage what its
    JavaScript would send with ``set_state_value`` and ``set_trigger_value``."""

    @property
    def trigger_id(self) -> str:
        """The id of the component's trigger widget."""
        return f"{self.id}__events"

    def set_state_value(self, name: str, value: Any) -> BidiComponent:
        """Stage ``setStateValue(name, value)``: the state with ``name`` set."""
        state = self.value if isinstance(self.value, dict) else {}
        return self.set_value({**state, name: value})

    def set_trigger_value(self, name: str, value: Any) -> BidiComponent:
        """Stage ``setTriggerValue(name, value)``: a one-run event (several accumulate)."""
        staged = self._app._staged.get(self.trigger_id)
        events = list(staged) if isinstance(staged, list) else []
        self._app._staged[self.trigger_id] = [*events, {"event": name, "value": value}]
        return self


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

    @property
    def max_chars(self) -> int | None:
        """The most characters the box takes (None: no limit)."""
        m = self.props.get("max_chars")
        return None if m is None else int(m)

    @property
    def placeholder(self) -> str:
        """The text shown while the box is empty."""
        return str(self.props.get("placeholder") or "")

    @property
    def autocomplete(self) -> str:
        """The browser autocomplete hint ("" for none)."""
        return str(self.props.get("autocomplete") or "")

    def input(self, value: str) -> TextInput:
        """Stage typed text."""
        return self.set_value(value)


class Bounded(Widget):
    """A widget with ``min``, ``max`` and ``step`` (numbers, or wire milliseconds for
    temporal sliders)."""

    @property
    def min(self) -> Any:
        """The lowest value."""
        return self.props.get("min")

    @property
    def max(self) -> Any:
        """The highest value."""
        return self.props.get("max")

    @property
    def step(self) -> Any:
        """The step between values."""
        return self.props.get("step")


class NumberInput(Bounded):
    """``st.number_input``."""

    @property
    def placeholder(self) -> str:
        """The text shown while the box is empty."""
        return str(self.props.get("placeholder") or "")

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


class Slider(Bounded):
    """``st.slider`` (numbers, dates, times, datetimes)."""

    @property
    def data_type(self) -> str:
        """``"int"``, ``"float"``, ``"date"``, ``"time"`` or ``"datetime"``."""
        return str(self.props.get("dtype"))

    def set_range(self, lower: Any, upper: Any) -> Slider:
        """Stage a range value ``(lower, upper)``."""
        return self.set_value((lower, upper))


class Options(Widget):
    """A widget over options: ``.options`` are the labels a person sees (``format_func``
    applied), ``.value`` the Python value."""

    @property
    def options(self) -> list[str]:
        """The options as displayed."""
        return list(self.props["options"])

    @property
    def format_func(self) -> Any:
        """A function from an option to the label the widget shows for it."""
        labels = self.options
        opts = list(self.node.extra or [])

        def fmt(v: Any) -> str:
            for i, o in enumerate(opts):
                if o is v or o == v:
                    return labels[i]
            return str(v)

        return fmt

    @property
    def placeholder(self) -> str:
        """The text shown while nothing is chosen."""
        return str(self.props.get("placeholder") or "")


class Choice(Options):
    """``st.selectbox``, ``st.radio`` and ``st.select_slider``."""

    @property
    def horizontal(self) -> bool:
        """Whether a radio group lays its options out in a row."""
        return bool(self.props.get("horizontal"))

    @property
    def data_type(self) -> str:
        """The type name of a select slider's options."""
        return str(self.props.get("data_type"))

    def set_range(self, lower: Any, upper: Any) -> Choice:
        """Stage a range ``(lower, upper)`` of a range select slider."""
        return self.set_value((lower, upper))

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


class Multiselect(Options):
    """``st.multiselect``."""

    @property
    def indices(self) -> list[int]:
        """Indices of the chosen options (new options typed in have none)."""
        opts = list(self.node.extra or [])
        out = []
        for v in self.value or []:
            for i, o in enumerate(opts):
                if o is v or o == v:
                    out.append(i)
                    break
        return out

    @property
    def values(self) -> list[str]:
        """The chosen options as displayed (a new option typed in shows as its text)."""
        labels, opts = self.options, list(self.node.extra or [])
        out = []
        for v in self.value or []:
            i = next((i for i, o in enumerate(opts) if o is v or o == v), None)
            out.append(labels[i] if i is not None else str(v))
        return out

    @property
    def max_selections(self) -> int | None:
        """The most options that may be chosen (None: no limit)."""
        m = self.props.get("max_selections")
        return None if m is None else int(m)

    def select(self, value: Any) -> Multiselect:
        """Stage one more selected option (kept in selection order)."""
        current = list(self.value or [])
        if value not in current:
            current.append(value)
        return self.set_value(current)

    def unselect(self, value: Any) -> Multiselect:
        """Stage an option as no longer selected."""
        return self.set_value([v for v in (self.value or []) if v != value])


class ChatInput(Widget):
    """``st.chat_input``: ``set_value("text")`` sends a message with the next ``run()``."""

    @property
    def placeholder(self) -> str:
        """The placeholder text."""
        return str(self.props.get("placeholder", ""))


class Progress(Element):
    """``st.progress``: ``value`` is the fraction done (0.0 to 1.0), ``text`` its label."""

    @property
    def value(self) -> float:
        """The progress as a fraction, from 0.0 to 1.0."""
        return float(self.props["value"]) / 100

    @property
    def text(self) -> str:
        """The text beside the bar ("" when none)."""
        return str(self.props.get("text") or "")


class Toast(Element):
    """``st.toast``: ``value`` is its message, ``icon`` its icon."""

    @property
    def icon(self) -> str:
        """The icon ("" when none)."""
        return str(self.props.get("icon") or "")


class Spinner(Element):
    """``st.spinner`` while its block runs: ``value`` is its text."""

    @property
    def value(self) -> str:
        """The spinner's text."""
        return str(self.props.get("text", ""))


class Space(Element):
    """``st.space``: ``size`` is what it was given (a size name or pixels)."""

    @property
    def size(self) -> str | int:
        """The space's size: ``"small"``.. ``"xxlarge"``, ``"stretch"`` or pixels."""
        size: str | int = self.props["size"]
        return size

    @property
    def value(self) -> str | int:
        """Same as ``size``."""
        return self.size


class FileInput(Widget):
    """``st.file_uploader``, ``st.camera_input`` and ``st.audio_input``.

    Files are ``(filename, content, mime_type)`` tuples, as in Streamlit's AppTest: ``upload``
    stages one (a file uploader collects the files staged before the next ``run()``; a camera
    or audio input keeps the last), ``set_value`` stages one, a list, or None. Each staged file
    goes into the session's file store, as an upload over HTTP would put it.
    """

    @property
    def accept_multiple_files(self) -> bool:
        """Whether the widget takes several files (a folder too)."""
        return bool(self.props.get("multiple"))

    @property
    def accept_directory(self) -> bool:
        """Whether the widget takes a folder (``accept_multiple_files="directory"``)."""
        return self.props.get("multiple") == "directory"

    @property
    def resolution(self) -> str | None:
        """``st.camera_input``'s ``resolution`` (``"720p"``...), or None."""
        value = self.props.get("resolution")
        return None if value is None else str(value)

    @property
    def sample_rate(self) -> int | None:
        """``st.audio_input``'s sample rate in Hz (None: the microphone's own)."""
        rate = self.props.get("sample_rate")
        return None if rate is None else int(rate)

    @property
    def allowed_type(self) -> list[str]:
        """The accepted extensions and MIME types (empty: any file)."""
        return list(self.props.get("types") or [])

    def _check(self, filename: str, mime_type: str) -> str:
        """Camera and audio inputs only make what a browser makes: a .jpg or a .wav."""
        need = {"camera_input": (".jpg", "image/jpeg"), "audio_input": (".wav", "audio/wav")}
        if self.type not in need:
            return mime_type
        ext, mime = need[self.type]
        what = "captures" if self.type == "camera_input" else "records"
        if not filename.lower().endswith(ext):
            raise ValueError(f"st.{self.type} only {what} {ext} files. Got filename {filename!r}.")
        if mime_type.lower() != mime:
            raise ValueError(f"st.{self.type} files use MIME type {mime!r}. Got {mime_type!r}.")
        return mime

    def _stage_file(self, filename: str, content: bytes | str, mime_type: str) -> UploadedFile:
        mime = self._check(filename, mime_type)
        raw = content.encode() if isinstance(content, str) else bytes(content)
        files = self._app._session.state.files
        assert files is not None, "the AppTest session keeps uploaded files"
        return UploadedFile(files.add(filename, mime, raw, self.id), raw)

    def upload(
        self, filename: str, content: bytes, mime_type: str = "application/octet-stream"
    ) -> FileInput:
        """Stage one uploaded file (added to the files staged since the last run; a camera
        or audio input keeps only the last).

        Example:
            >>> at.file_uploader[0].upload("a.csv", b"x,y\n1,2\n", "text/csv").run()
        """
        if self.type == "camera_input" and mime_type == "application/octet-stream":
            mime_type = "image/jpeg"
        if self.type == "audio_input" and mime_type == "application/octet-stream":
            mime_type = "audio/wav"
        uploaded = self._stage_file(filename, content, mime_type)
        if self.type != "file_uploader":
            return self.set_value(uploaded)
        staged = self._app._staged.get(self.id, _MISSING)
        files = list(staged) if isinstance(staged, list) else []
        if isinstance(staged, UploadedFile):
            files = [staged]  # a single-file uploader takes the first, as Streamlit's
        return self.set_value([*files, uploaded])

    def set_value(self, value: Any) -> FileInput:
        """Stage files: a ``(filename, content, mime_type)`` tuple, a list of them, None (no
        file), or ``UploadedFile`` objects."""
        if isinstance(value, tuple) and len(value) == 3 and isinstance(value[0], str):
            value = self._stage_file(*value)
        elif isinstance(value, list | tuple):
            value = [self._stage_file(*v) if isinstance(v, tuple) else v for v in value]
        if self.type == "file_uploader" and not self.accept_multiple_files:
            if isinstance(value, list):
                value = value[0] if value else None
        elif self.type == "file_uploader" and isinstance(value, UploadedFile):
            value = [value]
        # Like Streamlit's AppTest for files, refuse at once what the widget would not take
        # (a type it does not accept, a file over its size, an id it never issued)
        meta = self._app._session.state.meta(self.id)
        if meta is not None:
            meta.from_wire(meta.to_wire(value))
        super().set_value(value)
        return self

    def clear(self) -> FileInput:
        """Stage no file."""
        return self.set_value(None)


class DownloadButton(Button):
    """``st.download_button``: ``click()`` stages a click (the download itself is the
    browser's; ``value`` is True in the run after a click)."""


class Media(Element):
    """``st.image``, ``st.audio``, ``st.video``, ``st.pdf`` and ``st.logo``."""

    @property
    def value(self) -> Any:
        """An image element's sources (URLs, or the ids of the bytes it holds), as
        Streamlit's ``Image.value``; for audio, video and PDF, the data they play (bytes),
        or their URL."""
        if self.type == "image":
            return [str(i["src"]) for i in self.props.get("images", [])]
        media = self.node.extra
        src = self.props.get("src")
        if isinstance(media, dict) and src in media:
            return media[src].data
        return src

    @property
    def captions(self) -> list[str]:
        """An image element's captions (empty strings for images without one)."""
        return [str(i.get("caption") or "") for i in self.props.get("images", [])]


_CLASSES: dict[str, type[Element]] = {
    "space": Space,
    "chat_input": ChatInput,
    "progress": Progress,
    "toast": Toast,
    "spinner": Spinner,
    "exception": ExceptionElement,
    "markdown": Markdown,
    "caption": Markdown,
    "latex": Markdown,
    "divider": Markdown,
    "title": Heading,
    "header": Heading,
    "subheader": Heading,
    "error": Alert,
    "warning": Alert,
    "info": Alert,
    "success": Alert,
    "code": Code,
    "json": Json,
    "help": Help,
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
    "component_instance": Widget,
    "file_uploader": FileInput,
    "camera_input": FileInput,
    "audio_input": FileInput,
    "download_button": DownloadButton,
    "image": Media,
    "audio": Media,
    "video": Media,
    "pdf": Media,
    "bidi_component": BidiComponent,
}


def wrap(node: Node, app: AppTest) -> Element:
    """The wrapper for one page node: its type's class (``Button``, ``Choice``...), else
    ``Element``."""
    return _CLASSES.get(node.type, Element)(node, app)


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
