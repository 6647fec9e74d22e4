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
    "file_uploader": FileInput,
    "camera_input": FileInput,
    "audio_input": FileInput,
    "download_button": DownloadButton,
    "image": Media,
    "audio": Media,
    "video": Media,
    "pdf": Media,
    "logo": Media,
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
